// A1: invalid credentials are limited per client address (429 + Retry-After after the budget), counted in
// /metrics. A2: a session belongs to the principal that opened it: another principal's valid key gets 404 on it
// (2025 Streamable HTTP and legacy SSE), the attempt is audited, and nothing reaches the owner's stream.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startHttpTestServer } from '@cnmcp/core/testing';
import { VaultPlugin } from '../fixtures/security-plugins.js';

const ALICE = 'k_alice_0123456789abcdef';
const BOB = 'k_bob_0123456789abcdef01';
const auth = {
  apiKeys: [
    { name: 'alice', key: ALICE, scopes: ['*'] },
    { name: 'bob', key: BOB, scopes: ['*'] },
  ],
};
const dir = mkdtempSync(join(tmpdir(), 'cnmcp-a1-a2-'));
const audit = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, any>)
    : [];
const post = (url: string, headers: Record<string, string>, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });

t.test('A1: 80 wrong keys from one address end in 429 with Retry-After, counted in /metrics', async (t) => {
  const h = await startHttpTestServer({
    plugins: [VaultPlugin],
    headers: { 'x-api-key': ALICE },
    config: { auth, confirmDestructive: { fallback: 'allow' } },
  });
  t.teardown(() => h.close());
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  for (let i = 0; i < 80; i++) {
    const res = await post(`${h.url}/mcp`, { 'x-api-key': `k_wrong_${i}_0123456789abcdef` }, {});
    statuses.push(res.status);
    if (res.status === 429) {
      retryAfter ??= res.headers.get('retry-after');
      const body = (await res.json()) as { jsonrpc?: string; error?: { message: string } };
      t.equal(body.jsonrpc, '2.0');
      t.match(body.error?.message, /^CNMCP_ERR_RATE_LIMITED/);
    } else await res.arrayBuffer();
  }
  const unauthorized = statuses.filter((s) => s === 401).length;
  t.ok(unauthorized > 0 && unauthorized <= 20, `at most 20 answered 401 (${unauthorized})`);
  t.equal(statuses.filter((s) => s === 429).length, 80 - unauthorized, 'the rest were refused with 429');
  t.ok(Number(retryAfter) >= 1, `Retry-After given (${retryAfter})`);
  const locked = await post(`${h.url}/mcp`, { 'x-api-key': ALICE }, {});
  t.equal(locked.status, 429, 'even a valid key from the locked-out address waits (no oracle while locked)');
  await locked.arrayBuffer();
  const metrics = await (await fetch(`${h.url}/metrics`)).text();
  const throttled = Number(/^mcp_auth_throttled_total (\d+)/m.exec(metrics)?.[1]);
  t.ok(throttled >= 60, `mcp_auth_throttled_total counts the refusals (${throttled})`);
  t.equal((await fetch(`${h.url}/health`)).status, 200, '/health stays open');
});

t.test('A1: missing credentials (the OAuth discovery step) do not count as failures', async (t) => {
  const h = await startHttpTestServer({
    plugins: [VaultPlugin],
    headers: { 'x-api-key': ALICE },
    config: { auth, confirmDestructive: { fallback: 'allow' } },
  });
  t.teardown(() => h.close());
  for (let i = 0; i < 40; i++) {
    const res = await post(`${h.url}/mcp`, {}, {});
    t.equal(res.status, 401);
    await res.arrayBuffer();
  }
  t.notOk((await h.call('vault_purge')).isError, 'the address may still authenticate');
});

t.test('A2: bob cannot use alice’s Streamable HTTP session; alice keeps it', async (t) => {
  const file = join(dir, 'http.jsonl');
  const alice = await startHttpTestServer({
    plugins: [VaultPlugin],
    headers: { 'x-api-key': ALICE },
    config: { auth, audit: { file }, confirmDestructive: { fallback: 'allow' } },
  });
  t.teardown(() => alice.close());
  const sessionId = (alice.client.transport as unknown as { sessionId: string }).sessionId;
  const headers = { 'x-api-key': BOB, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' };
  const call = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'vault_purge', arguments: {} } };
  const res = await post(`${alice.url}/mcp`, headers, call);
  t.equal(res.status, 404, 'another principal gets 404');
  t.match(await res.json(), { jsonrpc: '2.0', error: { code: -32001 } });
  const del = await fetch(`${alice.url}/mcp`, { method: 'DELETE', headers });
  t.equal(del.status, 404, 'nor can it end the session');
  const get = await fetch(`${alice.url}/mcp`, { headers: { ...headers, accept: 'text/event-stream' } });
  t.equal(get.status, 404, 'nor open its stream');
  await get.arrayBuffer();
  t.equal((await alice.call('vault_purge')).text, 'purged', 'alice still uses her session');
  const records = audit(file).filter((r) => r.outcome === 'session_not_owned');
  t.ok(records.length >= 1, 'the attempt is audited');
  t.equal(records[0]?.principal?.name, 'bob', 'as bob');
  t.notOk(
    audit(file).some((r) => r.type === 'tool_call' && r.principal?.name === 'bob'),
    'bob ran nothing in the session',
  );
});

t.test('A2: bob cannot post into alice’s SSE session, and nothing reaches her stream', async (t) => {
  const file = join(dir, 'sse.jsonl');
  const alice = await startHttpTestServer({
    plugins: [VaultPlugin],
    clientMode: 'sse',
    headers: { 'x-api-key': ALICE },
    config: { auth, audit: { file }, confirmDestructive: { fallback: 'allow' } },
  });
  t.teardown(() => alice.close());
  const endpoint = (alice.client.transport as unknown as { _endpoint: URL })._endpoint;
  const seen: unknown[] = [];
  const previous = alice.client.transport!.onmessage;
  alice.client.transport!.onmessage = (message, extra) => {
    seen.push(message);
    previous?.(message, extra as never);
  };
  const res = await post(
    endpoint.href,
    { 'x-api-key': BOB },
    { jsonrpc: '2.0', id: 'bob-1', method: 'tools/call', params: { name: 'vault_purge', arguments: {} } },
  );
  t.equal(res.status, 404, 'another principal gets 404');
  t.match(await res.json(), { jsonrpc: '2.0', error: { code: -32001 } });
  t.equal((await alice.call('vault_purge')).text, 'purged', 'alice still uses her session');
  t.notOk(
    seen.some((m) => (m as { id?: unknown }).id === 'bob-1'),
    'no answer to bob’s message reached alice’s stream',
  );
  t.ok(
    audit(file).some((r) => r.outcome === 'session_not_owned' && r.principal?.name === 'bob'),
    'the attempt is audited',
  );
});
