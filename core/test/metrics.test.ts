// GET /metrics (Prometheus text format): call counts and durations, errors by code, connections,
// backend request durations by plugin, cache hits/misses, rate-limit rejections, process metrics.
import t from 'tap';
import { startEmulator, startHttpTestServer } from '@cnmcp/core/testing';
import { VaultPlugin } from './fixtures/security-plugins.js';

const backend = await startEmulator({ 'GET /items': () => [{ name: 'a' }] });
t.teardown(() => backend.close());
const target = { url: backend.url, timeoutMs: 5000, maxResponseBytes: 1_000_000, retries: 0 };

t.test('/metrics shows tool calls, errors, connections, backend and cache metrics', async (t) => {
  const h = await startHttpTestServer({ plugins: [VaultPlugin], config: { vault: { targets: { main: target } } } });
  t.teardown(() => h.close());
  for (let i = 0; i < 3; i++) await h.call('vault_list_items', { prefix: 'same' });
  await h.call('vault_list_items', { prefix: 'other' });
  await h.call('vault_purge');
  await h.call('vault_list_items', { target: 'nope' });
  const res = await fetch(`${h.url}/metrics`);
  t.equal(res.status, 200);
  t.match(res.headers.get('content-type')!, /^text\/plain/);
  const text = await res.text();
  t.match(text, /^mcp_requests_total\{method="tools\/call",status="ok"\} 4$/m);
  t.match(text, /^mcp_requests_total\{method="tools\/call",status="error"\} 2$/m);
  t.match(text, /^mcp_requests_total\{method="initialize",status="200"\} 1$/m);
  t.match(text, /^mcp_request_duration_seconds_count\{method="tools\/call"\} 6$/m);
  t.match(text, /^mcp_tool_errors_total\{code="CNMCP_ERR_CONFIRMATION_REQUIRED"\} 1$/m);
  t.match(text, /^mcp_tool_errors_total\{code="CNMCP_ERR_BACKEND_TARGET_UNKNOWN"\} 1$/m);
  t.match(text, /^mcp_cache_hits_total\{service="vault"\} 2$/m);
  t.match(text, /^mcp_cache_misses_total\{service="vault"\} 3$/m, 'the failed call missed the cache too');
  t.match(
    text,
    /^mcp_backend_request_duration_seconds_count\{plugin="vault",status="2xx"\} 2$/m,
    'two calls reached the backend',
  );
  t.match(text, /^mcp_active_connections \d+$/m);
  t.match(text, /^mcp_total_connections [1-9]\d*$/m);
  t.match(text, /^process_cpu_user_seconds_total /m, 'Node process metrics');
  t.match(text, /^# TYPE mcp_rate_limit_rejections_total counter$/m);
  t.equal(backend.requests.filter((r) => r.path === '/items').length, 2);
});

t.test('metrics can be switched off', async (t) => {
  const h = await startHttpTestServer({ plugins: [VaultPlugin], config: { metrics: { enabled: false } } });
  t.teardown(() => h.close());
  t.equal((await fetch(`${h.url}/metrics`)).status, 404);
});
