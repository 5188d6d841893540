// A seeded fuzzer: 5,000+ messages over 2025-11-25 Streamable HTTP (in a session), 2026-07-28 Streamable HTTP (with
// and without the envelope), legacy SSE and stdio. Every reply is a well-formed JSON-RPC answer with no stack text or
// file path, no exchange ends in a 5xx, /health keeps answering, memory stays bounded, and the server lives on.
// The seed is printed; CNMCP_FUZZ_SEED replays a run.
import { PassThrough } from 'node:stream';
import t from 'tap';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startHttpTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';
import { VaultPlugin } from '../fixtures/security-plugins.js';
import { fuzzMessage, type ToolSchema } from './fuzz-messages.js';
import { exchange, malformed, parseMessages, seeded, type Exchange } from './wire.js';

const SEED = Number(process.env.CNMCP_FUZZ_SEED ?? 20261127);
const COUNTS = { session: 1_700, sessionless: 1_200, sse: 1_000, stdio: 1_100 };
const CONCURRENCY = 12;
const r = seeded(SEED);

const h = await startHttpTestServer({
  plugins: [UtilitiesPlugin, VaultPlugin],
  config: { confirmDestructive: { fallback: 'deny' }, server: { maxSessionsPerPrincipal: 1_000 } },
});
t.teardown(() => h.close());
// Tools that wait or reach the network are left out: the fuzz stays on loopback and bounded in time.
const SKIP = new Set(['utilities_sleep', 'utilities_pause', 'utilities_web_fetch']);
const tools = (await h.client.listTools()).tools.filter((x) => !SKIP.has(x.name)) as ToolSchema[];
const rssBefore = process.memoryUsage().rss;
const problems: string[] = [];
let sent = 0;
let healthChecks = 0;
let slowestHealthMs = 0;

function check(where: string, line: string, x: Exchange) {
  if (x.status >= 500) problems.push(`${where}: HTTP ${x.status} for ${line.slice(0, 120)}`);
  if (x.status !== 202 && x.status !== 200 && x.messages.length === 0)
    problems.push(`${where}: HTTP ${x.status} without a JSON-RPC body for ${line.slice(0, 120)}`);
  if (x.status === 202) return; // accepted: the answer, if any, comes on the stream
  for (const m of x.messages) {
    const wrong = malformed(m);
    if (wrong) problems.push(`${where}: ${wrong} for ${line.slice(0, 120)}`);
  }
}

async function health() {
  const started = performance.now();
  const res = await fetch(`${h.url}/health`);
  slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
  healthChecks++;
  if (res.status !== 200) problems.push(`/health answered ${res.status}`);
  await res.arrayBuffer();
}

async function run(count: number, send: (line: string, id: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const id = ++sent;
      const i = next++;
      if (i % 250 === 0) await health();
      await send(fuzzMessage(r, id, tools), id);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const ACCEPT = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

t.test(`fuzz (seed ${SEED}): 2025-11-25 Streamable HTTP in a session`, async (t) => {
  const headers = {
    ...ACCEPT,
    'mcp-session-id': (h.client.transport as unknown as { sessionId: string }).sessionId,
    'mcp-protocol-version': '2025-11-25',
  };
  await run(COUNTS.session, async (line) => check('session', line, await exchange(h.url, '/mcp', line, headers)));
  t.same(problems, [], 'every reply well-formed, no 5xx, no stack');
});

t.test(`fuzz (seed ${SEED}): Streamable HTTP without a session, 2026-07-28 envelope or none`, async (t) => {
  // The envelope and headers a real 2026-07-28 client sends, captured once.
  let captured: { body: { params?: { _meta?: Record<string, unknown> } }; headers: Record<string, string> } | undefined;
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', h.url), {
    fetch: async (input, init) => {
      const body = init?.body ? (JSON.parse(String(init.body)) as { method?: string }) : undefined;
      if (body?.method === 'tools/list')
        captured = { body: body as never, headers: Object.fromEntries(new Headers(init!.headers).entries()) };
      return fetch(input, init);
    },
  });
  const client = new Client({ name: 'fuzz', version: '1' }, {
    capabilities: {},
    versionNegotiation: { mode: { pin: '2026-07-28' } },
  } as never);
  await client.connect(transport as never);
  await client.listTools();
  await client.close();
  t.ok(captured?.body.params?._meta, 'a 2026 envelope was captured');
  const envelope = captured!.body.params!._meta!;
  const headers = { ...captured!.headers, ...ACCEPT };
  await run(COUNTS.sessionless, async (_line, id) => {
    const line = fuzzMessage(r, id, tools, r.chance(0.7) ? envelope : undefined);
    check('sessionless', line, await exchange(h.url, '/mcp', line, r.chance(0.8) ? headers : ACCEPT));
  });
  t.same(problems, [], 'every reply well-formed, no 5xx, no stack');
});

t.test(`fuzz (seed ${SEED}): legacy SSE`, async (t) => {
  const controller = new AbortController();
  const stream = await fetch(`${h.url}/sse`, { signal: controller.signal });
  const reader = stream.body!.getReader();
  let text = '';
  let endpoint: string | undefined;
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      text += Buffer.from(value!).toString('utf8');
      endpoint ??= /event: endpoint\ndata: (\S+)/.exec(text)?.[1];
    }
  })();
  for (let i = 0; i < 100 && !endpoint; i++) await new Promise((res) => setTimeout(res, 20));
  t.ok(endpoint, 'the SSE stream named its message endpoint');
  await exchange(
    h.url,
    endpoint!,
    JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 'fuzz', version: '1' } },
    }),
    ACCEPT,
  );
  await exchange(h.url, endpoint!, '{"jsonrpc":"2.0","method":"notifications/initialized"}', ACCEPT);
  await run(COUNTS.sse, async (line) => check('sse post', line, await exchange(h.url, endpoint!, line, ACCEPT)));
  await new Promise((res) => setTimeout(res, 500));
  controller.abort();
  await reading;
  const events = parseMessages('text/event-stream', text);
  t.ok(events.length > 100, `the stream carried the answers (${events.length})`);
  for (const m of events) {
    const wrong = malformed(m);
    if (wrong) problems.push(`sse stream: ${wrong}`);
  }
  t.same(problems, [], 'every reply well-formed, no stack');
});

t.test(`fuzz (seed ${SEED}): stdio`, async (t) => {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const handle = h.server.serveStdio({ stdin, stdout });
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stdin.write(
    `${JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'fuzz', version: '1' } },
    })}\n{"jsonrpc":"2.0","method":"notifications/initialized"}\n`,
  );
  for (let i = 0; i < COUNTS.stdio; i++) {
    const line = fuzzMessage(r, ++sent, tools);
    if (!stdin.write(`${line}\n`)) await new Promise((res) => stdin.once('drain', res));
    if (i % 100 === 0) await new Promise((res) => setImmediate(res));
  }
  stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 'last', method: 'ping' })}\n`);
  for (let i = 0; i < 400 && !out.includes('"id":"last"'); i++) await new Promise((res) => setTimeout(res, 50));
  t.match(out, /"id":"last"/, 'the connection still answers after the fuzz');
  const lines = out.split('\n').filter(Boolean);
  t.ok(lines.length > COUNTS.stdio / 2, `stdio answered (${lines.length} lines)`);
  for (const line of lines) {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      problems.push(`stdio: an unparsable line ${line.slice(0, 80)}`);
      continue;
    }
    const wrong = malformed(message);
    if (wrong) problems.push(`stdio: ${wrong}`);
  }
  stdin.end();
  await handle.close();
  t.same(problems, [], 'every line well-formed, no stack');
});

t.test('after the fuzz: the server answers, /health answered throughout, memory bounded', async (t) => {
  t.ok(sent >= 5_000, `${sent} messages sent`);
  t.ok(healthChecks >= 15, `/health answered ${healthChecks} times (slowest ${Math.round(slowestHealthMs)} ms)`);
  t.notOk((await h.call('utilities_get_time', {})).isError, 'a real client still gets answers');
  const grown = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
  t.ok(grown < 512, `RSS grew ${Math.round(grown)} MiB`);
});
