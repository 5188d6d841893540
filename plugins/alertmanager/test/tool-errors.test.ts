// Backend faults, through a real MCP client: each a clear isError result, never a crash.
// One loopback emulator plays several broken Alertmanagers, one per target path prefix.
import t, { type Test } from 'tap';
import { startEmulator, startTestServer } from '@cnmcp/core/testing';
import { AlertmanagerPlugin } from '../src/index.js';
import { freePort } from './helpers/backends.js';

const alert = (i: number) => ({
  labels: { alertname: `A${i}`, severity: 'warning' },
  annotations: {},
  startsAt: '2026-11-24T10:00:00Z',
  endsAt: '2026-11-24T11:00:00Z',
  updatedAt: '2026-11-24T10:00:00Z',
  fingerprint: i.toString(16).padStart(16, '0'),
  receivers: [{ name: 'default' }],
  status: { state: 'active', silencedBy: [], inhibitedBy: [] },
});

const emulator = await startEmulator({
  'GET /ok/-/healthy': () => ({ body: 'OK' }),
  'GET /ok/api/v2/alerts': () => ({ body: [alert(1)] }),
  'GET /fivexx/api/v2/alerts': () => ({
    status: 500,
    body: { code: 500, message: 'failed to get alerts: context deadline exceeded' },
  }),
  'GET /garbage/api/v2/alerts': () => ({
    status: 200,
    headers: { 'content-type': 'text/html' },
    body: '<html>Bad Gateway</html>',
  }),
  'GET /foreign/api/v2/alerts': () => ({ body: { data: [] } }),
  'GET /slow/api/v2/alerts': () => ({ delayMs: 2_000, body: [] }),
  'GET /many/api/v2/alerts': () => ({ body: Array.from({ length: 500 }, (_, i) => alert(i)) }),
  'GET /big/api/v2/alerts': () => ({ body: Array.from({ length: 500 }, (_, i) => alert(i)) }),
  'POST /ok/api/v2/silences': () => ({
    status: 400,
    body: '"silence invalid: invalid label matcher 0: invalid regular expression \\"(\\""',
  }),
});
t.teardown(() => emulator.close());
const closedPort = await freePort();
const target = (prefix: string, extra: Record<string, unknown> = {}) => ({
  url: `${emulator.url}/${prefix}`,
  retries: 0,
  ...extra,
});

const mcp = await startTestServer({
  plugins: [AlertmanagerPlugin],
  config: {
    alertmanager: {
      defaultTarget: 'ok',
      targets: {
        ok: target('ok'),
        fivexx: target('fivexx'),
        garbage: target('garbage'),
        foreign: target('foreign'),
        slow: target('slow', { timeoutMs: 300 }),
        many: target('many'),
        big: target('big', { maxResponseBytes: 4_096 }),
        down: { url: `http://127.0.0.1:${closedPort}`, retries: 0 },
      },
      limits: { maxItems: 50 },
    },
  },
});
t.teardown(() => mcp.close());

const expectError = async (t: Test, tool: string, args: Record<string, unknown>, pattern: RegExp) => {
  const r = await mcp.call(tool, args);
  t.ok(r.isError, `${tool} ${JSON.stringify(args)} is an error`);
  t.match(r.text, pattern);
  t.match(r.text, /\nHint: \S/, 'with a hint');
};

t.test('unreachable, timeout, 5xx, garbage and foreign JSON', async (t) => {
  await expectError(
    t,
    'alertmanager_get_alerts',
    { target: 'down' },
    /^CNMCP_ERR_BACKEND_UNREACHABLE: cannot reach alertmanager target 'down' .*ECONNREFUSED/,
  );
  await expectError(
    t,
    'alertmanager_alerts_summary',
    { target: 'slow' },
    /^CNMCP_ERR_BACKEND_TIMEOUT: alertmanager target 'slow' .* did not answer within 300 ms/,
  );
  await expectError(
    t,
    'alertmanager_query_alerts',
    { target: 'fivexx' },
    /^CNMCP_ERR_BACKEND_ERROR: .* answered HTTP 500: failed to get alerts: context deadline exceeded/,
  );
  await expectError(
    t,
    'alertmanager_get_alerts',
    { target: 'garbage' },
    /^CNMCP_ERR_BACKEND_BAD_RESPONSE: .*not JSON: "<html>Bad Gateway/,
  );
  await expectError(
    t,
    'alertmanager_get_alerts',
    { target: 'foreign' },
    /^ALERTMANAGER_ERR_BAD_RESPONSE: alertmanager target 'foreign' answered \/api\/v2\/alerts with \{"data":\[\]\} where an array was expected/,
  );
});

t.test('an oversized result: capped with totals, or a clear error past the byte cap', async (t) => {
  const out = await mcp.callJson<{ total: number; alerts: unknown[]; truncated: string }>('alertmanager_get_alerts', {
    target: 'many',
  });
  t.equal(out.total, 500);
  t.equal(out.alerts.length, 50);
  t.match(out.truncated, /showing 50 of 500 alerts/);
  const paged = await mcp.callJson<{ total: number; per_page: number; total_pages: number }>(
    'alertmanager_query_alerts_advanced',
    { target: 'many', per_page: 1_000 },
  );
  t.same([paged.total, paged.per_page, paged.total_pages], [500, 100, 5], 'per_page is capped by limits.maxPerPage');
  await expectError(
    t,
    'alertmanager_get_alerts',
    { target: 'big' },
    /^CNMCP_ERR_BACKEND_RESPONSE_TOO_LARGE: alertmanager target 'big' .* sent more than 4096 bytes/,
  );
});

t.test('a 400 from Alertmanager carries its text', async (t) => {
  await expectError(
    t,
    'alertmanager_create_silence',
    { matchers: 'job=~"("', endsAt: '1h', comment: 'c', createdBy: 'me' },
    /^CNMCP_ERR_BACKEND_BAD_REQUEST: .* answered HTTP 400: .*invalid regular expression/,
  );
});

t.test('the server keeps serving, and health reflects the default target', async (t) => {
  const ok = await mcp.callJson<{ total: number }>('alertmanager_get_alerts', {});
  t.equal(ok.total, 1);
  t.equal((await mcp.server.health.check('alertmanager')).status, 'ok');
  const none = await startTestServer({ plugins: [AlertmanagerPlugin], config: {} });
  t.teardown(() => none.close());
  t.equal((await none.server.health.check('alertmanager')).status, 'not_configured');
  const r = await none.call('alertmanager_get_alerts', {});
  t.match(
    r.text,
    /^CNMCP_ERR_BACKEND_NOT_CONFIGURED: alertmanager has no backend configured\nHint: Set alertmanager.targets.<name>.url in cnmcp.config.yaml or the ALERTMANAGER_URL env var/,
  );
  const down = await startTestServer({
    plugins: [AlertmanagerPlugin],
    config: { alertmanager: { targets: { d: { url: `http://127.0.0.1:${closedPort}`, retries: 0 } } } },
  });
  t.teardown(() => down.close());
  t.equal((await down.server.health.check('alertmanager')).status, 'degraded');
});
