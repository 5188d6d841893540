// Rate limiting: HTTP requests per principal (per IP for anonymous callers) with 429 + Retry-After,
// per-tool limits on every transport, the global limit for stdio calls, and a limit shared by two
// server processes through one real Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { freePort, requireBinary, startHttpTestServer, startTestServer } from '@cnmcp/core/testing';
import { VaultPlugin } from './fixtures/security-plugins.js';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { BIN, ROOT } from './helpers/cli.js';

const KEY_A = 'k_alice_0123456789abcdef';
const KEY_B = 'k_bob_0123456789abcdefgh';
const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: initialize,
  });

t.test('HTTP: the 11th request inside a 10-per-window limit gets 429 with Retry-After, per principal', async (t) => {
  const h = await startHttpTestServer({
    plugins: [VaultPlugin],
    headers: { 'x-api-key': KEY_B },
    config: {
      rateLimit: { enabled: true, max: 10, windowMs: 60_000 },
      auth: {
        apiKeys: [
          { name: 'alice', key: KEY_A },
          { name: 'bob', key: KEY_B },
        ],
      },
    },
  });
  t.teardown(() => h.close());
  for (let i = 1; i <= 10; i++) t.equal((await post(h.url, { 'x-api-key': KEY_A })).status, 200, `request ${i}`);
  const refused = await post(h.url, { 'x-api-key': KEY_A });
  t.equal(refused.status, 429);
  t.match(Number(refused.headers.get('retry-after')), /^\d+$/);
  t.ok(Number(refused.headers.get('retry-after')) > 0 && Number(refused.headers.get('retry-after')) <= 60);
  // A JSON-RPC error body, like every refusal on an MCP route.
  t.match(((await refused.json()) as { error: { message: string } }).error.message, /^CNMCP_ERR_RATE_LIMITED: /);
  t.equal((await post(h.url, { 'x-api-key': KEY_B })).status, 200, 'another principal has its own budget');
  t.equal((await fetch(`${h.url}/health`)).status, 200, '/health is never limited');
  t.match(await (await fetch(`${h.url}/metrics`)).text(), /^mcp_rate_limit_rejections_total\{scope="http"\} 1$/m);
});

t.test('HTTP: anonymous callers are limited per IP; X-Forwarded-For is ignored without trustProxy', async (t) => {
  const h = await startHttpTestServer({ plugins: [VaultPlugin], config: { rateLimit: { enabled: true, max: 3 } } });
  t.teardown(() => h.close());
  // The harness client already used some of 127.0.0.1's budget; a spoofed XFF must not buy a new one.
  let status = 0;
  for (let i = 0; i < 4; i++) status = (await post(h.url, { 'x-forwarded-for': `203.0.113.${i}` })).status;
  t.equal(status, 429);
});

t.test('stdio (in-process) calls count against the limit: the 11th call is an isError result', async (t) => {
  const h = await startTestServer({
    plugins: [VaultPlugin],
    config: { rateLimit: { enabled: true, max: 10, windowMs: 60_000 } },
  });
  t.teardown(() => h.close());
  for (let i = 1; i <= 10; i++) t.equal((await h.call('vault_show_raw')).isError, false, `call ${i}`);
  const r = await h.call('vault_show_raw');
  t.equal(r.isError, true);
  t.match(
    r.text,
    /^CNMCP_ERR_RATE_LIMITED: test called tools more than 10 times in the current window\nHint: .*\nRetry after: \d+s$/,
  );
});

t.test('over the real stdio transport the call past the limit is an isError result', async (t) => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'serve', '--transport', 'stdio', '--config', 'core/test/fixtures/utilities.cnmcp.yaml'],
    cwd: ROOT,
    stderr: 'pipe',
    env: { ...process.env, MCP_RATE_LIMIT_ENABLED: 'true', MCP_RATE_LIMIT_MAX: '3' } as Record<string, string>,
  });
  const client = new Client({ name: 'stdio-limit', version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport);
  t.teardown(() => client.close());
  const { tools } = await client.listTools();
  const name = tools.find((x) => x.name === 'utilities_get_timestamp')?.name ?? tools[0].name;
  const results = [];
  for (let i = 0; i < 4; i++) results.push(await client.callTool({ name, arguments: {} }));
  t.same(
    results.slice(0, 3).map((r) => r.isError ?? false),
    [false, false, false],
  );
  t.equal(results[3].isError, true);
  t.match(
    (results[3].content as Array<{ text: string }>)[0].text,
    /^CNMCP_ERR_RATE_LIMITED: stdio called tools more than 3 times/,
  );
});

t.test('per-tool limits apply on every transport', async (t) => {
  const h = await startHttpTestServer({
    plugins: [VaultPlugin],
    config: { rateLimit: { enabled: true, max: 100, tools: { 'vault_show_*': { max: 2, windowMs: 60_000 } } } },
  });
  t.teardown(() => h.close());
  t.equal((await h.call('vault_show_raw')).isError, false);
  t.equal((await h.call('vault_show_raw')).isError, false);
  const third = await h.call('vault_show_raw');
  t.match(third.text, /^CNMCP_ERR_RATE_LIMITED: anonymous called vault_show_raw more than 2 times/);
  t.equal((await h.call('vault_show_text')).isError, false, 'each tool has its own counter');
});

async function waitFor(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

t.test('two server processes sharing one Redis share the limit', async (t) => {
  const redis = requireBinary('redis-server', 'apt-get install -y redis-server');
  if (redis.skip) return t.skip(redis.skip);
  const redisPort = await freePort();
  const children: ChildProcess[] = [];
  t.teardown(() => {
    for (const c of children) c.kill('SIGKILL');
  });
  const server = spawn(
    redis.path!,
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  children.push(server);
  await waitFor(
    () =>
      new Promise<boolean>((resolve) => {
        const c = connect(redisPort, '127.0.0.1', () => {
          c.end();
          resolve(true);
        });
        c.on('error', () => resolve(false));
      }),
    'redis-server',
  );
  const dir = mkdtempSync(join(tmpdir(), 'cnmcp-rl-'));
  writeFileSync(
    join(dir, 'cnmcp.config.yaml'),
    'autoDiscover: false\nauth:\n  apiKeys:\n    - name: shared\n      key: k_shared_0123456789abcdef\n',
  );
  const urls: string[] = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--config', join(dir, 'cnmcp.config.yaml'), '--port', String(port)],
      {
        env: {
          ...process.env,
          MCP_RATE_LIMIT_ENABLED: 'true',
          MCP_RATE_LIMIT_MAX: '10',
          MCP_RATE_LIMIT_WINDOW_MS: '60000',
          MCP_RATE_LIMIT_REDIS_URL: `redis://127.0.0.1:${redisPort}`,
          MCP_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/health`)).ok, `server ${i + 1}`);
    urls.push(url);
  }
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++)
    statuses.push((await post(urls[i % 2], { 'x-api-key': 'k_shared_0123456789abcdef' })).status);
  t.same(statuses.slice(0, 10), Array(10).fill(200), '10 requests spread over both servers pass');
  t.same(statuses.slice(10), [429, 429], 'the 11th and 12th are refused, whichever server gets them');
});
