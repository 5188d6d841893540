// G2: once shutdown has begun, a new request gets 503 with a JSON-RPC error and Retry-After; the call in flight
// still finishes.
import t from 'tap';
import { startHttpTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';

t.test('a request arriving during shutdown is refused with 503 and Retry-After', async (t) => {
  const h = await startHttpTestServer({ plugins: [UtilitiesPlugin] });
  t.teardown(() => h.close());
  const call = h.call('utilities_sleep', { duration: 800, unit: 'ms' });
  await new Promise((r) => setTimeout(r, 200));
  const closing = h.server.close();
  const res = await fetch(`${h.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  t.equal(res.status, 503);
  t.ok(res.headers.get('retry-after'), 'Retry-After is set');
  t.match(await res.json(), { jsonrpc: '2.0', error: { message: 'server shutting down' } });
  const result = await call;
  t.notOk(result.isError, 'the call in flight was answered');
  await closing;
});
