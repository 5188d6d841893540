// Fault isolation by backend target: one target down pauses only the calls aimed at it.
import t from 'tap';
import { Service, Tool } from '@cnmcp/core';
import { freePort, startEmulator, startTestServer } from '@cnmcp/core/testing';
import { MultiTargetPlugin } from './fixtures/sample-plugins.js';
import { HealthMonitor } from '../src/health.js';
import type { LoadedPlugin } from '../src/plugins/load.js';
import { createLogger } from '../src/logger.js';

t.test('a degraded target is refused while the others keep serving; /ready shows each target', async (t) => {
  const up = await startEmulator({ 'GET /ping': () => ({ body: { pong: true } }) });
  t.teardown(() => up.close());
  const downUrl = `http://127.0.0.1:${await freePort()}`;
  const h = await startTestServer({
    plugins: [MultiTargetPlugin],
    config: { multi: { defaultTarget: 'up', targets: { up: { url: up.url }, down: { url: downUrl, retries: 0 } } } },
  });
  t.teardown(() => h.close());
  const report = await h.server.health.check('multi');
  t.equal(report.status, 'ok', 'not every target is down');
  t.same(Object.fromEntries(Object.entries(report.targets!).map(([k, v]) => [k, v.status])), {
    up: 'ok',
    down: 'degraded',
  });
  t.match(report.detail, /down: down \(CNMCP_ERR_BACKEND_UNREACHABLE|down: down \(cannot reach/);
  t.same(await h.callJson('multi_ping', {}), { pong: true }, 'the default target serves');
  const refused = await h.call('multi_ping', { target: 'down' });
  t.match(refused.text, /^CNMCP_ERR_SERVICE_UNAVAILABLE: target 'down' of multi is degraded: /);
  t.match(refused.text, /Retry after: \d+s/);
});

t.test('with every target down the plugin is degraded; with none it is not configured', async (t) => {
  const h = await startTestServer({
    plugins: [MultiTargetPlugin],
    config: { multi: { targets: { a: { url: `http://127.0.0.1:${await freePort()}`, retries: 0 } } } },
  });
  t.teardown(() => h.close());
  t.equal((await h.server.health.check('multi')).status, 'degraded');
  const none = await startTestServer({ plugins: [MultiTargetPlugin] });
  t.teardown(() => none.close());
  const report = await none.server.health.check('multi');
  t.equal(report.status, 'not_configured');
  t.equal(report.detail, 'set multi.targets.<name>.url');
  t.match(
    (await none.call('multi_ping', {})).text,
    /^CNMCP_ERR_BACKEND_NOT_CONFIGURED: multi has no backend configured\nHint: Set multi.targets.<name>.url/,
  );
});

// A backend client loaded on first use makes the first probe slow: that is not the backend being down.
@Service({ name: 'slow', core: '^0.1.0' })
class SlowFirstProbePlugin {
  probes = 0;
  async healthCheck() {
    this.probes++;
    if (this.probes === 1) await new Promise((resolve) => setTimeout(resolve, 5_500));
    return { status: 'ok' as const, detail: `probe ${this.probes}` };
  }
  @Tool({ name: 'slow_ping', description: 'Answers pong', annotations: { readOnlyHint: true } })
  ping() {
    return 'pong';
  }
}

t.test('a slow first probe (a client loading) is not an outage; checks asked meanwhile share it', async (t) => {
  const h = await startTestServer({ plugins: [SlowFirstProbePlugin] });
  t.teardown(() => h.close());
  const [first, meanwhile] = await Promise.all([h.server.health.check('slow'), h.server.health.check('slow')]);
  t.match(first, { status: 'ok', detail: 'probe 1' }, 'the first probe got the time it needed');
  t.same(meanwhile, first, 'a check asked during the first probe waited for it');
  t.match(await h.server.health.check('slow'), { status: 'ok', detail: 'probe 2' }, 'later checks probe again');
  t.equal(await h.call('slow_ping', {}).then((r) => r.text), 'pong');
});

t.test('a first probe still running at its limit leaves the plugin unknown, then records its result', async (t) => {
  let release!: (report: { status: 'degraded'; detail: string }) => void;
  const plugin = {
    definition: { id: 'loading' },
    healthCheck: () => new Promise((resolve) => (release = resolve)),
  } as unknown as LoadedPlugin;
  const monitor = new HealthMonitor([plugin], createLogger({ level: 'silent' }), { firstCheckMs: 50, checkMs: 50 });
  const first = await monitor.check('loading');
  t.match(first, { status: 'unknown', detail: /first health check still running after 50 ms/ });
  await t.resolves(monitor.assertHealthy('loading'), 'calls go on while the first probe runs');
  release({ status: 'degraded', detail: 'backend down' });
  await new Promise((resolve) => setImmediate(resolve));
  t.match(monitor.snapshot()[0], { status: 'degraded', detail: 'backend down' }, 'its late result is recorded');
  await t.rejects(monitor.assertHealthy('loading'), { code: 'CNMCP_ERR_SERVICE_UNAVAILABLE' });
});

t.test('a later probe past its limit is degraded', async (t) => {
  let probes = 0;
  const plugin = {
    definition: { id: 'hang' },
    healthCheck: () => (++probes === 1 ? Promise.resolve({ status: 'ok' }) : new Promise(() => undefined)),
  } as unknown as LoadedPlugin;
  const monitor = new HealthMonitor([plugin], createLogger({ level: 'silent' }), { firstCheckMs: 50, checkMs: 50 });
  t.match(await monitor.check('hang'), { status: 'ok' });
  t.match(await monitor.check('hang'), { status: 'degraded', detail: 'health check took longer than 50 ms' });
});

t.test("start-up's probes skip a plugin already probed (by /ready, a call or a test)", async (t) => {
  const probes = { early: 0, late: 0 };
  const plugin = (id: 'early' | 'late') =>
    ({ definition: { id }, healthCheck: async () => (probes[id]++, { status: 'ok' }) }) as unknown as LoadedPlugin;
  const monitor = new HealthMonitor([plugin('early'), plugin('late')], createLogger({ level: 'silent' }));
  await monitor.check('early');
  const checked = await monitor.checkUnprobed();
  t.same(
    checked.map((h) => h.plugin),
    ['late'],
  );
  t.same(probes, { early: 1, late: 1 }, 'each probed once');
  t.same(await monitor.checkUnprobed(), [], 'nothing left once every plugin was probed');
});
