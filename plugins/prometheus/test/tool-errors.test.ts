// Backend faults, through a real MCP client: each is a clear isError result (`CODE: message` / `Hint: …`), never a crash.
// One loopback emulator plays several broken Prometheus servers, one per target path prefix.
import t, { type Test } from 'tap';
import { startEmulator, startTestServer } from '@cnmcp/core/testing';
import { PrometheusPlugin } from '../src/index.js';
import { freePort } from './helpers/backends.js';

// Replies are wrapped in { body }: the emulator reads an object with a `status` key as a reply, and Prometheus envelopes have one.
const vector = (n: number) => ({
  status: 'success',
  data: {
    resultType: 'vector',
    result: Array.from({ length: n }, (_, i) => ({
      metric: { __name__: 'm', i: String(i) },
      value: [1767366245, String(i)],
    })),
  },
});

const emulator = await startEmulator({
  'GET /ok/-/healthy': () => ({ body: 'Prometheus Server is Healthy.\n' }),
  'GET /ok/api/v1/query': () => ({ body: vector(1) }),
  'POST /ok/api/v1/query': () => ({ body: vector(2) }),
  'GET /ok/api/v1/query_range': (req) => ({
    status: 400,
    body: {
      status: 'error',
      errorType: 'bad_data',
      error: `exceeded maximum resolution of 11,000 points per timeseries (step ${req.query.get('step')})`,
    },
  }),
  'GET /fivexx/api/v1/query': () => ({
    status: 500,
    body: { status: 'error', errorType: 'internal', error: 'query processing would load too many samples into memory' },
  }),
  'GET /garbage/api/v1/query': () => ({
    status: 200,
    headers: { 'content-type': 'text/html' },
    body: '<html><body>Welcome to nginx!</body></html>',
  }),
  'GET /foreign/api/v1/query': () => ({ hello: 'world' }),
  'GET /slow/api/v1/query': () => ({ delayMs: 2_000, body: vector(1) }),
  'GET /huge/api/v1/query': () => ({ body: vector(5_000) }),
  'GET /big/api/v1/query': () => ({ body: vector(5_000) }),
  'POST /noadmin/api/v1/admin/tsdb/snapshot': () => ({
    status: 503,
    body: { status: 'error', errorType: 'unavailable', error: 'admin APIs disabled' },
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
  plugins: [PrometheusPlugin],
  config: {
    prometheus: {
      defaultTarget: 'ok',
      targets: {
        ok: target('ok'),
        fivexx: target('fivexx'),
        garbage: target('garbage'),
        foreign: target('foreign'),
        slow: target('slow', { timeoutMs: 300 }),
        huge: target('huge'),
        big: target('big', { maxResponseBytes: 4_096 }),
        noadmin: target('noadmin'),
        down: { url: `http://127.0.0.1:${closedPort}`, retries: 0 },
      },
      limits: { maxSeries: 20 },
    },
  },
});
t.teardown(() => mcp.close());

const expectError = async (t: Test, args: Record<string, unknown>, pattern: RegExp, tool = 'prometheus_query') => {
  const r = await mcp.call(tool, { query: 'up', ...args });
  t.ok(r.isError, `${JSON.stringify(args)} is an error`);
  t.match(r.text, pattern);
  t.match(r.text, /\nHint: \S/, 'with a hint');
  return r;
};

t.test('unreachable target', async (t) => {
  await expectError(
    t,
    { target: 'down' },
    /^CNMCP_ERR_BACKEND_UNREACHABLE: cannot reach prometheus target 'down' \(http:\/\/127\.0\.0\.1:\d+\): ECONNREFUSED/,
  );
});

t.test('a target that times out', async (t) => {
  await expectError(
    t,
    { target: 'slow' },
    /^CNMCP_ERR_BACKEND_TIMEOUT: prometheus target 'slow' .* did not answer within 300 ms/,
  );
});

t.test('a 5xx carries the backend’s own error text', async (t) => {
  await expectError(
    t,
    { target: 'fivexx' },
    /^CNMCP_ERR_BACKEND_ERROR: prometheus target 'fivexx' .* answered HTTP 500: query processing would load too many samples into memory/,
  );
});

t.test('a garbage body and JSON that is not a Prometheus envelope', async (t) => {
  await expectError(
    t,
    { target: 'garbage' },
    /^CNMCP_ERR_BACKEND_BAD_RESPONSE: .* body that is not JSON: "<html><body>Welcome to nginx!/,
  );
  await expectError(
    t,
    { target: 'foreign' },
    /^PROMETHEUS_ERR_BAD_RESPONSE: prometheus target 'foreign' answered \/api\/v1\/query without a Prometheus envelope \(\{status, data\}\): \{"hello":"world"\}/,
  );
});

t.test('an oversized result: series budget inside the byte cap, a clear error beyond it', async (t) => {
  const out = await mcp.callJson<{ series_total: number; series_shown: number; truncated: string }>(
    'prometheus_query',
    { query: 'm', target: 'huge' },
  );
  t.equal(out.series_total, 5_000);
  t.equal(out.series_shown, 20);
  t.match(out.truncated, /showing 20 of 5000 series/);
  await expectError(
    t,
    { target: 'big' },
    /^CNMCP_ERR_BACKEND_RESPONSE_TOO_LARGE: prometheus target 'big' .* sent more than 4096 bytes/,
  );
});

t.test('a 400 from a range query names what Prometheus said', async (t) => {
  await expectError(
    t,
    { start: 'now-1h', end: 'now', step: '1s' },
    /^PROMETHEUS_ERR_QUERY_INVALID: Prometheus rejected the query: exceeded maximum resolution/,
    'prometheus_query_range',
  );
});

t.test('snapshot without the admin API', async (t) => {
  const r = await mcp.call('prometheus_create_snapshot', { target: 'noadmin' });
  t.ok(r.isError);
  t.match(r.text, /^PROMETHEUS_ERR_ADMIN_API_DISABLED: .*admin APIs disabled/);
  t.match(r.text, /Hint: Start Prometheus with --web.enable-admin-api/);
  const req = emulator.requests.find((q) => q.path.endsWith('/admin/tsdb/snapshot'))!;
  t.equal(req.method, 'POST');
  t.equal(
    req.path,
    '/noadmin/api/v1/admin/tsdb/snapshot',
    'the documented path, not the reference’s /api/v1/tsdb/snapshot',
  );
});

t.test('a long expression goes as a POST form', async (t) => {
  const query = `m${' + 0'.repeat(1_500)}`;
  const out = await mcp.callJson<{ series_total: number }>('prometheus_query', { query });
  t.equal(out.series_total, 2);
  const req = emulator.requests.filter((r) => r.path === '/ok/api/v1/query' && r.method === 'POST').at(-1)!;
  t.equal(req.headers['content-type'], 'application/x-www-form-urlencoded');
  t.equal(new URLSearchParams(req.body).get('query'), query);
});

t.test('the server keeps serving after every fault', async (t) => {
  const ok = await mcp.callJson<{ series_total: number }>('prometheus_query', { query: 'up' });
  t.equal(ok.series_total, 1);
  const q = emulator.requests.filter((r) => r.path === '/ok/api/v1/query').at(-1)!;
  t.equal(q.query.get('query'), 'up');
});

t.test('health: ok, degraded, not configured', async (t) => {
  t.equal((await mcp.server.health.check('prometheus')).status, 'ok');
  const down = await startTestServer({
    plugins: [PrometheusPlugin],
    config: { prometheus: { targets: { down: { url: `http://127.0.0.1:${closedPort}`, retries: 0 } } } },
  });
  t.teardown(() => down.close());
  const report = await down.server.health.check('prometheus');
  t.equal(report.status, 'degraded');
  t.match(report.detail, /ECONNREFUSED/);
  const none = await startTestServer({ plugins: [PrometheusPlugin], config: {} });
  t.teardown(() => none.close());
  t.equal((await none.server.health.check('prometheus')).status, 'not_configured');
  const r = await none.call('prometheus_query', { query: 'up' });
  t.ok(r.isError);
  t.match(
    r.text,
    /^CNMCP_ERR_BACKEND_NOT_CONFIGURED: prometheus has no backend configured\nHint: Set prometheus.targets.<name>.url in cnmcp.config.yaml or the PROMETHEUS_URL env var/,
  );
});
