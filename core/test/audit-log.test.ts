// The audit log: exactly one JSON line per tool call and per auth failure, written before the call's
// result reaches the client, with secrets masked; size-based rotation; loud, counted sink failures.
import { mkdtempSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { createServer } from '@cnmcp/core/server';
import { startEmulator, startHttpTestServer, startTestServer, testConfig } from '@cnmcp/core/testing';
import { VaultPlugin } from './fixtures/security-plugins.js';

const KEY = 'k_auditor_0123456789abcdef';
const backend = await startEmulator({ 'GET /items': () => [{ name: 'a' }], 'POST /items': () => ({ ok: true }) });
t.teardown(() => backend.close());
const dir = mkdtempSync(join(tmpdir(), 'cnmcp-audit-'));
const lines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, any>)
    : [];

t.test('one record per call over HTTP, with principal, transport, outcome and masked arguments', async (t) => {
  const file = join(dir, 'http', 'audit.jsonl');
  const h = await startHttpTestServer({
    plugins: [VaultPlugin],
    headers: { 'x-api-key': KEY },
    config: {
      vault: { targets: { main: { url: backend.url, timeoutMs: 5000, maxResponseBytes: 1000000, retries: 0 } } },
      audit: { file },
      auth: { apiKeys: [{ name: 'auditor', key: KEY, scopes: ['vault:read'] }] },
    },
  });
  t.teardown(() => h.close());
  await h.call('vault_list_items', { prefix: 'x', apiKey: 'sekrit-key', nested: { password: 'hunter2' } });
  t.equal(lines(file).length, 1, 'written before the result came back');
  await h.call('vault_list_items', { prefix: 'y', target: 'nope' });
  await h.call('vault_purge');
  await t.rejects(h.client.callTool({ name: 'vault_nothing', arguments: {} }));
  const records = lines(file);
  t.equal(records.length, 4, 'exactly one record per call');
  const [first, second, third, fourth] = records;
  t.equal(first.type, 'tool_call');
  t.same(first.principal, { name: 'auditor', method: 'apiKey' });
  t.equal(first.transport, 'http');
  t.equal(first.client.userAgent, 'node', 'the HTTP client is identified');
  t.equal(first.tool, 'vault_list_items');
  t.equal(first.plugin, 'vault');
  t.equal(first.outcome, 'ok');
  t.equal(first.cacheHit, false);
  t.ok(first.durationMs >= 0 && first.resultBytes > 0);
  t.ok(first.requestId !== undefined);
  t.match(first.time, /^\d{4}-\d\d-\d\dT/);
  t.equal(first.arguments.apiKey, '***');
  t.equal(first.arguments.nested.password, '***');
  t.equal(first.arguments.prefix, 'x');
  t.notMatch(readFileSync(file, 'utf8'), /sekrit|hunter2/);
  t.equal(second.outcome, 'CNMCP_ERR_BACKEND_TARGET_UNKNOWN');
  t.equal(third.outcome, 'CNMCP_ERR_CONFIRMATION_REQUIRED');
  t.equal(fourth.outcome, 'protocol_error');
  t.equal(fourth.tool, 'vault_nothing');
  // An auth failure is recorded too.
  await fetch(`${h.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k_wrong_0123456789abcdef' },
    body: '{}',
  });
  const last = lines(file).at(-1)!;
  t.equal(last.type, 'auth_failure');
  t.equal(last.outcome, 'invalid_credentials');
  t.equal(last.path, '/mcp');
  t.notMatch(readFileSync(file, 'utf8'), /k_wrong/);
});

t.test('in-process calls are audited the same way', async (t) => {
  const file = join(dir, 'inproc.jsonl');
  const h = await startTestServer({ plugins: [VaultPlugin], config: { audit: { file } } });
  t.teardown(() => h.close());
  await h.call('vault_show_raw');
  const [record] = lines(file);
  t.equal(record.transport, 'in-process');
  t.equal(record.principal.name, 'test');
});

t.test('the file rotates by size', async (t) => {
  const file = join(dir, 'rotate.jsonl');
  const h = await startTestServer({
    plugins: [VaultPlugin],
    config: { audit: { file, maxFileBytes: 1024, maxFiles: 2 } },
  });
  t.teardown(() => h.close());
  for (let i = 0; i < 20; i++) await h.call('vault_show_raw', { i });
  t.ok(existsSync(`${file}.1`), 'rotated once');
  t.ok(existsSync(`${file}.2`), 'rotated twice');
  t.notOk(existsSync(`${file}.3`), 'keeps maxFiles');
  const total = [file, `${file}.1`, `${file}.2`].flatMap(lines);
  t.ok(total.length >= 8 && total.length <= 20);
  t.ok(readFileSync(file, 'utf8').length <= 1024);
});

t.test('a failing sink is logged loudly and counted, and the call still succeeds', async (t) => {
  const blocked = join(dir, 'is-a-dir');
  mkdirSync(blocked, { recursive: true });
  const h = await startHttpTestServer({ plugins: [VaultPlugin], config: { audit: { file: blocked } } });
  t.teardown(() => h.close());
  t.equal((await h.call('vault_show_raw')).isError, false);
  t.equal(h.server.app.cnmcpAudit.failures(), 1);
  const metrics = await (await fetch(`${h.url}/metrics`)).text();
  t.match(metrics, /^mcp_audit_sink_failures_total 1$/m);
});

t.test('audit to stdout is refused in stdio mode', async (t) => {
  await t.rejects(
    createServer({ config: testConfig({ server: { transport: 'stdio' }, audit: { stdout: true } }), plugins: [] }),
    { code: 'CNMCP_ERR_CONFIG_INVALID', message: /stdout carries the MCP protocol/ },
  );
});
