// Canary secrets: a password in the backend URL's userinfo (given through the environment), the server's API key in
// its config, and backend replies echoing the credential they received. None of them, in any form (raw, base64,
// URL-encoded), appears in any reply, log line, audit record, /ready or /metrics.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createServer } from '@cnmcp/core/server';
import { startEmulator, testConfig } from '@cnmcp/core/testing';
import { createLogger } from '../../dist/logger.js';
import { ShopPlugin } from '../fixtures/grouped-plugins.js';

const PASSWORD = 'CANARYpw9c1e';
const API_KEY = 'k_CANARYkey_0123456789abcdef';
const FORMS = [
  PASSWORD,
  API_KEY,
  Buffer.from(`svc:${PASSWORD}`).toString('base64').replace(/=+$/, ''),
  encodeURIComponent(PASSWORD),
  'CANARY',
];

const echo = (req: { headers: Record<string, unknown> }) => {
  const auth = String(req.headers.authorization ?? '');
  const decoded = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8');
  return `received ${auth} (${decoded})`;
};
let probes = 0;
const backend = await startEmulator({
  // Healthy first, then failing with the echo: the change is logged with its detail.
  'GET /healthz': (req) => (++probes <= 1 ? 'ok' : { status: 503, body: { message: echo(req) } }),
  'GET /items': (req) => [{ id: echo(req), cents: 1 }],
  'GET /items/:id': (req) => ({ status: 500, body: { message: echo(req) } }),
});
const dir = mkdtempSync(join(tmpdir(), 'cnmcp-canaries-'));
const auditFile = join(dir, 'audit.jsonl');
let logs = '';
const logStream = { write: (line: string) => void (logs += line) };

process.env.SHOP_URL = backend.url.replace('http://', `http://svc:${PASSWORD}@`);
const server = await createServer({
  config: testConfig({
    server: { transport: 'http', host: '127.0.0.1', port: 0 },
    auth: { apiKeys: [{ name: 'ci', key: API_KEY, scopes: ['*'] }] },
    audit: { file: auditFile },
  }),
  plugins: [ShopPlugin] as never,
  logger: createLogger({ level: 'trace', destination: logStream }),
});
const url = await server.listen();
t.teardown(async () => {
  delete process.env.SHOP_URL;
  await server.close();
  await backend.close();
});

t.test('a backend success body echoing the credential is scrubbed too', async (t) => {
  const client = new Client({ name: 'canary', version: '1' }, { capabilities: {} });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', url), { requestInit: { headers: { 'x-api-key': API_KEY } } }),
  );
  const reply = JSON.stringify(await client.callTool({ name: 'shop_list_items', arguments: {} }));
  await client.close();
  t.match(reply, /received Basic/, 'the echo came back');
  for (const form of FORMS) t.notOk(reply.includes(form), `no ${form.slice(0, 6)}…`);
});

t.test('no canary in replies, logs, audit, /ready or /metrics', async (t) => {
  const client = new Client({ name: 'canary', version: '1' }, { capabilities: {} });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', url), { requestInit: { headers: { 'x-api-key': API_KEY } } }),
  );
  const replies: string[] = [];
  for (const [name, args] of [
    ['shop_get_item', { id: 'a' }],
    ['shop_list_backends', {}],
    ['shop_get_item', { id: `password=${PASSWORD}` }],
  ] as const) {
    replies.push(JSON.stringify(await client.callTool({ name, arguments: args }).catch((e: Error) => e.message)));
  }
  await client.close();
  const wrongKey = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': `${API_KEY}x` },
    body: '{}',
  });
  replies.push(await wrongKey.text());
  await fetch(`${url}/ready`);
  const ready = await (await fetch(`${url}/ready`)).text();
  const metrics = await (await fetch(`${url}/metrics`, { headers: { 'x-api-key': API_KEY } })).text();
  const audit = existsSync(auditFile) ? readFileSync(auditFile, 'utf8') : '';
  t.equal(replies.length, 4, 'four replies');
  t.ok(audit.length > 0, 'audit records written');
  t.ok(logs.length > 0, 'log lines written');
  t.ok(ready.length > 0, '/ready answered');
  t.ok(
    backend.requests.some((r) => String(r.headers.authorization).startsWith('Basic ')),
    'the backend got the credential',
  );
  for (const [where, text] of Object.entries({ replies: replies.join('\n'), logs, audit, ready, metrics }))
    for (const form of FORMS) {
      const at = text.indexOf(form);
      t.notOk(
        at >= 0,
        `${where}: no ${form.slice(0, 6)}…${at >= 0 ? ` (${text.slice(Math.max(0, at - 150), at + 40)})` : ''}`,
      );
    }
});
