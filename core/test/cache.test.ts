// The result cache: only read-only tools with a cacheTtl; the key covers arguments (target and
// pagination included) and the caller; a mutating call of the plugin invalidates; bounded; Redis store.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer as createNetServer } from 'node:net';
import t from 'tap';
import { requireBinary, startEmulator, startHttpTestServer, startTestServer } from '@cnmcp/core/testing';
import { VaultPlugin } from './fixtures/security-plugins.js';

let version = 1;
const backend = await startEmulator({
  'GET /items': (req) => ({ body: [{ page: req.query.get('page'), prefix: req.query.get('prefix'), version }] }),
  'POST /items': () => {
    version++;
    return { ok: true };
  },
});
const other = await startEmulator({ 'GET /items': () => [{ from: 'other' }] });
t.teardown(async () => {
  await backend.close();
  await other.close();
});
const target = (url: string) => ({ url, timeoutMs: 5000, maxResponseBytes: 1_000_000, retries: 0 });
const vault = { targets: { main: target(backend.url), second: target(other.url) } };
const hits = () => backend.requests.filter((r) => r.method === 'GET').length;

t.test('a cached read-only call does not reach the backend a second time; a mutating call invalidates', async (t) => {
  const h = await startTestServer({ plugins: [VaultPlugin], config: { vault } });
  t.teardown(() => h.close());
  const start = hits();
  const first = await h.callJson('vault_list_items', { prefix: 'a' });
  t.same(await h.callJson('vault_list_items', { prefix: 'a' }), first);
  t.same(
    await h.callJson('vault_list_items', { prefix: 'a', page: 1 }),
    first,
    'defaults are part of the normalised key',
  );
  t.equal(hits() - start, 1, 'one backend request for three calls');
  await h.callJson('vault_list_items', { prefix: 'a', page: 2 });
  t.equal(hits() - start, 2, 'another page is another entry');
  await h.callJson('vault_list_items', { prefix: 'a', target: 'second' });
  t.equal(hits() - start, 2, 'another target is another entry (and another backend)');
  t.equal(other.requests.length, 1);
  t.equal((await h.call('vault_put_item', { name: 'n', value: 'v' })).text, 'stored n');
  const after = await h.callJson<Array<{ version: number }>>('vault_list_items', { prefix: 'a' });
  t.equal(hits() - start, 3, 'the write invalidated the plugin’s entries');
  t.equal(after[0].version, 2, 'fresh data after the write');
});

t.test('tools without readOnlyHint + cacheTtl are never cached', async (t) => {
  const h = await startTestServer({ plugins: [VaultPlugin], config: { vault } });
  t.teardown(() => h.close());
  const before = backend.requests.length;
  await h.call('vault_put_item', { name: 'x', value: 'y' });
  await h.call('vault_put_item', { name: 'x', value: 'y' });
  t.equal(backend.requests.length - before, 2);
});

t.test('entries are per caller; cache hits show in the audit record', async (t) => {
  const keys = {
    auth: {
      apiKeys: [
        { name: 'a', key: 'k_cache_a_0123456789abcdef' },
        { name: 'b', key: 'k_cache_b_0123456789abcdef' },
      ],
    },
  };
  const a = await startHttpTestServer({
    plugins: [VaultPlugin],
    config: { vault, ...keys },
    headers: { 'x-api-key': 'k_cache_a_0123456789abcdef' },
  });
  t.teardown(() => a.close());
  const records: Array<{ principal: string; cacheHit: boolean }> = [];
  a.server.host.observers.push((r) => {
    records.push(r);
  });
  const start = hits();
  await a.call('vault_list_items', { prefix: 'per-caller' });
  await a.call('vault_list_items', { prefix: 'per-caller' });
  t.equal(hits() - start, 1);
  t.same(
    records.map((r) => r.cacheHit),
    [false, true],
  );
  // Another principal on the same server does not get a's entry.
  const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
  const b = new Client({ name: 'b', version: '1' });
  await b.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', a.url), {
      requestInit: { headers: { 'x-api-key': 'k_cache_b_0123456789abcdef' } },
    }) as never,
  );
  t.teardown(() => b.close());
  await b.callTool({ name: 'vault_list_items', arguments: { prefix: 'per-caller' } });
  t.equal(hits() - start, 2, 'b missed');
});

t.test('the cache is bounded by entries', async (t) => {
  const h = await startTestServer({ plugins: [VaultPlugin], config: { vault, cache: { maxEntries: 2 } } });
  t.teardown(() => h.close());
  const start = hits();
  for (const p of ['e1', 'e2', 'e3', 'e1']) await h.call('vault_list_items', { prefix: p });
  t.equal(hits() - start, 4, 'e1 was evicted by e3');
});

t.test('cache.enabled: false turns it off', async (t) => {
  const h = await startTestServer({ plugins: [VaultPlugin], config: { vault, cache: { enabled: false } } });
  t.teardown(() => h.close());
  const start = hits();
  await h.call('vault_list_items', { prefix: 'off' });
  await h.call('vault_list_items', { prefix: 'off' });
  t.equal(hits() - start, 2);
});

t.test('Redis store: two servers share entries and invalidation', async (t) => {
  const redis = requireBinary('redis-server', 'apt-get install -y redis-server');
  if (redis.skip) return t.skip(redis.skip);
  const port = await new Promise<number>((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const child: ChildProcess = spawn(
    redis.path!,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  t.teardown(() => {
    child.kill('SIGKILL');
  });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const config = { vault, cache: { redisUrl: `redis://127.0.0.1:${port}`, perPrincipal: false } };
  const one = await startTestServer({ plugins: [VaultPlugin], config });
  const two = await startTestServer({ plugins: [VaultPlugin], config });
  t.teardown(async () => {
    await one.close();
    await two.close();
  });
  const start = hits();
  const a = await one.callJson('vault_list_items', { prefix: 'redis' });
  t.same(await two.callJson('vault_list_items', { prefix: 'redis' }), a, 'served from the shared store');
  t.equal(hits() - start, 1);
  await two.call('vault_put_item', { name: 'r', value: 'v' });
  await one.call('vault_list_items', { prefix: 'redis' });
  t.equal(hits() - start, 2, 'the write on server two invalidated server one’s view');
});
