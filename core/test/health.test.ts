// Fault isolation by backend target: one target down pauses only the calls aimed at it.
import t from 'tap';
import { freePort, startEmulator, startTestServer } from '@cnmcp/core/testing';
import { MultiTargetPlugin } from './fixtures/sample-plugins.js';

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
