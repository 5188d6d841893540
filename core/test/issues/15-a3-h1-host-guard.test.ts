// A3: a foreign Host gets 403 before auth (never a 401 echoing the host). H1: the Host/Origin check applies to
// every route, /health, /ready and /metrics included.
import { request } from 'node:http';
import t from 'tap';
import { startHttpTestServer } from '@cnmcp/core/testing';
import { VaultPlugin } from '../fixtures/security-plugins.js';

const KEY = 'k_hostguard_0123456789abcdef';

function get(url: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(new URL(path, url), { method: path === '/mcp' ? 'POST' : 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(path === '/mcp' ? '{}' : undefined);
  });
}

t.test('a foreign Host is refused with 403 on every route, before auth', async (t) => {
  const h = await startHttpTestServer({
    plugins: [VaultPlugin],
    headers: { 'x-api-key': KEY },
    config: { auth: { apiKeys: [{ name: 'alice', key: KEY }] } },
  });
  t.teardown(() => h.close());
  for (const path of ['/mcp', '/health', '/ready', '/metrics']) {
    const r = await get(h.url, path, { host: 'evil.example', 'content-type': 'application/json' });
    t.equal(r.status, 403, `${path}: 403`);
    t.notMatch(String(r.headers['www-authenticate'] ?? ''), /evil/, `${path}: the host is not echoed`);
    t.match(JSON.parse(r.body), { jsonrpc: '2.0', error: { code: -32000 } }, `${path}: a JSON-RPC error body`);
  }
  const ok = await get(h.url, '/health', {});
  t.equal(ok.status, 200, "the server's own host still reaches /health");
  const origin = await get(h.url, '/ready', { origin: 'http://evil.example' });
  t.equal(origin.status, 403, 'a foreign Origin is refused on /ready');
});
