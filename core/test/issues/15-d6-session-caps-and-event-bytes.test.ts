// D6: sessions are capped per principal and in total (SSE included), idle 2025 sessions expire, all of it is
// counted in /metrics, and a session's replay buffer is bounded in bytes (per session and across sessions).
import t from 'tap';
import { startHttpTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';
import { createSessionEventStore, EventBudget } from '../../dist/transports/event-store.js';

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
const open = async (url: string) => {
  const res = await fetch(`${url}/mcp`, { method: 'POST', headers: HEADERS, body: JSON.stringify(initialize) });
  await res.arrayBuffer();
  return { status: res.status, id: res.headers.get('mcp-session-id'), retryAfter: res.headers.get('retry-after') };
};
const metric = async (url: string, pattern: RegExp) =>
  Number(pattern.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? NaN);

t.test('one caller may hold maxSessionsPerPrincipal sessions; the next gets 429 until one ends', async (t) => {
  const h = await startHttpTestServer({
    plugins: [UtilitiesPlugin],
    config: { server: { maxSessionsPerPrincipal: 3 } },
  });
  t.teardown(() => h.close());
  // The test client already holds one session.
  const a = await open(h.url);
  const b = await open(h.url);
  t.equal(a.status, 200);
  t.equal(b.status, 200);
  const refused = await fetch(`${h.url}/mcp`, { method: 'POST', headers: HEADERS, body: JSON.stringify(initialize) });
  t.equal(refused.status, 429, 'the fourth session is refused');
  t.ok(Number(refused.headers.get('retry-after')) >= 1, 'with Retry-After');
  t.match(await refused.json(), { jsonrpc: '2.0', error: { code: -32000, message: /sessions are open/ } });
  const sse = await fetch(`${h.url}/sse`);
  t.equal(sse.status, 429, 'an SSE session counts against the same cap');
  await sse.arrayBuffer();
  const del = await fetch(`${h.url}/mcp`, {
    method: 'DELETE',
    headers: { ...HEADERS, 'mcp-session-id': a.id!, 'mcp-protocol-version': '2025-11-25' },
  });
  t.equal(del.status, 200, 'a session ends');
  t.equal((await open(h.url)).status, 200, 'its slot is free again');
  t.equal(await metric(h.url, /^mcp_sessions\{transport="http"\} (\d+)/m), 3, 'mcp_sessions counts the open ones');
  t.ok((await metric(h.url, /^mcp_sessions_refused_total\{reason="principal"\} (\d+)/m)) >= 2, 'refusals counted');
  t.notOk((await h.call('utilities_get_time', {})).isError, 'the sessions held keep working');
});

t.test('maxSessions bounds all sessions: the next gets 503 with Retry-After', async (t) => {
  const h = await startHttpTestServer({ plugins: [UtilitiesPlugin], config: { server: { maxSessions: 2 } } });
  t.teardown(() => h.close());
  t.equal((await open(h.url)).status, 200);
  const full = await open(h.url);
  t.equal(full.status, 503, 'the server is full');
  t.ok(Number(full.retryAfter) >= 1, 'with Retry-After');
  t.ok((await metric(h.url, /^mcp_sessions_refused_total\{reason="total"\} (\d+)/m)) >= 1, 'counted');
});

t.test('an idle session expires and is counted; its id then gets 404', async (t) => {
  const h = await startHttpTestServer({ plugins: [UtilitiesPlugin], config: { server: { sessionIdleMs: 1_000 } } });
  t.teardown(() => h.close());
  const s = await open(h.url);
  t.equal(s.status, 200);
  let expired = 0;
  for (let i = 0; i < 60 && expired < 1; i++) {
    await new Promise((r) => setTimeout(r, 250));
    expired = await metric(h.url, /^mcp_sessions_expired_total (\d+)/m);
  }
  t.ok(expired >= 1, 'mcp_sessions_expired_total counts the expiry');
  const res = await fetch(`${h.url}/mcp`, {
    method: 'POST',
    headers: { ...HEADERS, 'mcp-session-id': s.id!, 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
  });
  t.equal(res.status, 404, 'the expired session is gone');
  await res.arrayBuffer();
});

t.test('the replay buffer is bounded in bytes, per session and across sessions', async (t) => {
  const big = (n: number) => ({ jsonrpc: '2.0' as const, id: n, result: { text: 'x'.repeat(1024 * 1024) } });
  const budget = new EventBudget(6 * 1024 * 1024);
  const one = createSessionEventStore(1_000, { maxBytes: 4 * 1024 * 1024, budget });
  const ids: string[] = [];
  for (let i = 0; i < 46; i++) ids.push(await one.storeEvent('s', big(i) as never));
  t.ok(budget.used <= 4 * 1024 * 1024, `one session keeps at most 4 MiB (${budget.used})`);
  const replayed: unknown[] = [];
  await one.replayEventsAfter(ids[43], { send: async (_id, m) => void replayed.push(m) });
  t.equal(replayed.length, 2, 'the newest events still replay');
  await t.rejects(one.replayEventsAfter(ids[0], { send: async () => undefined }), /too old/, 'old ones are gone');
  const two = createSessionEventStore(1_000, { maxBytes: 4 * 1024 * 1024, budget });
  for (let i = 0; i < 10; i++) await two.storeEvent('t', big(i) as never);
  t.ok(budget.used <= 6 * 1024 * 1024, `all sessions together stay within the shared budget (${budget.used})`);
  const huge = await two.storeEvent('t', { jsonrpc: '2.0', id: 99, result: { text: 'y'.repeat(5 << 20) } } as never);
  t.ok(huge, 'an event larger than the budget is still given an id (it is sent, not kept)');
  one.clear();
  two.clear();
  t.equal(budget.used, 0, 'ended sessions give their bytes back');
});
