// tools/call answered on the direct path (no SDK server per request) behaves as on the SDK path, on the wire:
// the same answers in both eras, progress and log notifications on an SSE stream, the 2025 priming event and
// resumption with Last-Event-ID, cancellation without an answer, and stdio alike.
import { PassThrough } from 'node:stream';
import t from 'tap';
import { Service, Tool, Type, type Static, type ToolContext } from '@cnmcp/core';
import { startHttpTestServer, startTestServer } from '@cnmcp/core/testing';

const Wait = Type.Object({ ms: Type.Integer({ minimum: 0, maximum: 10_000 }) });
const cancelled: string[] = [];

@Service({ name: 'chatty', core: '^0.1.0' })
class ChattyPlugin {
  @Tool({ name: 'chatty_progress', description: 'Reports progress and logs', annotations: { readOnlyHint: true } })
  async progress(_input: unknown, ctx: ToolContext) {
    await ctx.progress(1, 2, 'half');
    await ctx.log('info', 'working');
    await ctx.progress(2, 2, 'done');
    return 'finished';
  }

  @Tool({ name: 'chatty_wait', description: 'Waits', input: Wait, annotations: { readOnlyHint: true } })
  async wait(input: Static<typeof Wait>, ctx: ToolContext) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, input.ms);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        cancelled.push(String(ctx.requestId));
        resolve();
      });
    });
    return `waited ${input.ms}`;
  }
}

const MODERN = '2026-07-28';
const LEGACY = '2025-11-25';
const ACCEPT = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

interface Answer {
  status: number;
  type: string;
  messages: Array<Record<string, any>>;
  ids: string[];
  text: string;
}

async function post(url: string, headers: Record<string, string>, body: unknown): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return read(res);
}

async function read(res: Response): Promise<Answer> {
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream'))
    return { status: res.status, type, messages: text ? [JSON.parse(text)] : [], ids: [], text };
  const messages: Array<Record<string, any>> = [];
  const ids: string[] = [];
  for (const event of text.split('\n\n')) {
    const lines = event.split('\n');
    const id = lines.find((l) => l.startsWith('id: '));
    if (id) ids.push(id.slice(4));
    const data = lines.find((l) => l.startsWith('data: '));
    if (data && data.length > 6) messages.push(JSON.parse(data.slice(6)));
  }
  return { status: res.status, type, messages, ids, text };
}

function modernCall(name: string, args: Record<string, unknown>, id: number, meta: Record<string, unknown> = {}) {
  return {
    headers: { ...ACCEPT, 'mcp-protocol-version': MODERN, 'mcp-method': 'tools/call', 'mcp-name': name },
    body: {
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: {
        name,
        arguments: args,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': MODERN,
          'io.modelcontextprotocol/clientInfo': { name: 'direct-test', version: '1.0.0' },
          'io.modelcontextprotocol/clientCapabilities': {},
          ...meta,
        },
      },
    },
  };
}

/** The same request the SDK path serves: `inputResponses` (a multi-round-trip retry) is left to the SDK. */
function viaSdk(call: ReturnType<typeof modernCall>) {
  return { ...call, body: { ...call.body, params: { ...call.body.params, inputResponses: {} } } };
}

const h = await startHttpTestServer({ plugins: [ChattyPlugin] });
t.teardown(() => h.close());
const url = `${h.url}/mcp`;

async function session(capabilities: Record<string, unknown>): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: ACCEPT,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: LEGACY, capabilities, clientInfo: { name: 'direct-test', version: '1.0.0' } },
    }),
  });
  await res.arrayBuffer();
  const id = res.headers.get('mcp-session-id')!;
  const note = await fetch(url, {
    method: 'POST',
    headers: { ...ACCEPT, 'mcp-protocol-version': LEGACY, 'mcp-session-id': id },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  await note.arrayBuffer();
  return id;
}

const legacyHeaders = (sessionId: string) => ({
  ...ACCEPT,
  'mcp-protocol-version': LEGACY,
  'mcp-session-id': sessionId,
});
const legacyCall = (
  name: string,
  args: Record<string, unknown>,
  id: number | string,
  meta?: Record<string, unknown>,
) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args, ...(meta ? { _meta: meta } : {}) },
});

t.test('2026-07-28: the direct answer is the SDK path answer, JSON when nothing is streamed', async (t) => {
  const call = modernCall('chatty_wait', { ms: 0 }, 1);
  const direct = await post(url, call.headers, call.body);
  const sdk = await post(url, call.headers, viaSdk(call).body);
  t.equal(direct.status, 200);
  t.match(direct.type, /application\/json/);
  t.same(direct.messages, sdk.messages, 'the same JSON-RPC answer');
  t.same(direct.messages[0].result.content, [{ type: 'text', text: 'waited 0' }]);
  t.equal(direct.messages[0].result.resultType, 'complete');
  t.ok(direct.messages[0].result._meta['io.modelcontextprotocol/serverInfo'].name, 'the server names itself');
  const unknown = modernCall('chatty_nothing', {}, 2);
  const refused = await post(url, unknown.headers, unknown.body);
  const refusedSdk = await post(url, unknown.headers, viaSdk(unknown).body);
  t.same(refused.messages, refusedSdk.messages, 'an unknown tool is the same JSON-RPC error');
  t.match(refused.messages[0].error.message, /CNMCP_ERR_TOOL_NOT_FOUND/);
});

t.test(
  '2026-07-28: progress and log notifications turn the answer into an SSE stream, as on the SDK path',
  async (t) => {
    const call = modernCall('chatty_progress', {}, 3, {
      progressToken: 'p1',
      'io.modelcontextprotocol/logLevel': 'info',
    });
    const direct = await post(url, call.headers, call.body);
    const sdk = await post(url, call.headers, viaSdk(call).body);
    t.match(direct.type, /text\/event-stream/);
    const shape = (a: Answer) => a.messages.map((m) => m.method ?? `result:${m.result?.content?.[0]?.text}`);
    t.same(shape(direct), [
      'notifications/progress',
      'notifications/message',
      'notifications/progress',
      'result:finished',
    ]);
    t.same(shape(direct), shape(sdk));
    t.same(direct.messages[0].params, { progressToken: 'p1', progress: 1, total: 2, message: 'half' });
    const quiet = modernCall('chatty_progress', {}, 4);
    const plain = await post(url, quiet.headers, quiet.body);
    t.match(plain.type, /application\/json/, 'no token and no log level: nothing to stream, one JSON answer');
  },
);

t.test('2025-11-25: a quick session call is one JSON answer, the same as the SDK path gives', async (t) => {
  const direct = await session({});
  const viaSdkSession = await session({ elicitation: {} });
  const a = await post(url, legacyHeaders(direct), legacyCall('chatty_wait', { ms: 0 }, 7));
  const b = await post(url, legacyHeaders(viaSdkSession), legacyCall('chatty_wait', { ms: 0 }, 7));
  t.match(a.type, /application\/json/);
  t.match(b.type, /text\/event-stream/, 'the SDK path streams even a quick answer');
  t.same(a.messages, b.messages, 'the same answer');
});

t.test('2025-11-25: a longer call streams, opening with a priming event, and resumes with Last-Event-ID', async (t) => {
  const sid = await session({});
  const a = await post(url, legacyHeaders(sid), legacyCall('chatty_wait', { ms: 100 }, 8));
  t.match(a.type, /text\/event-stream/);
  t.same(
    a.messages.map((m) => m.result?.content?.[0]?.text),
    ['waited 100'],
  );
  t.equal(a.ids.length, 2, 'the priming event and the answer carry event ids');
  t.match(a.text, /retry: 1000/);
  const replay = await fetch(url, {
    method: 'GET',
    headers: {
      accept: 'text/event-stream',
      'mcp-protocol-version': LEGACY,
      'mcp-session-id': sid,
      'last-event-id': a.ids[0],
    },
    signal: AbortSignal.timeout(2_000),
  });
  t.equal(replay.status, 200);
  const reader = replay.body!.getReader();
  let seen = '';
  while (!seen.includes('"id":8')) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += new TextDecoder().decode(value);
  }
  await reader.cancel();
  t.match(seen, /waited 100/, 'the answer is replayed after the priming event');
  const call = legacyCall('chatty_progress', {}, 9, { progressToken: 'q' });
  const progress = await post(url, legacyHeaders(sid), call);
  const progressSdk = await post(url, legacyHeaders(await session({ sampling: {} })), call);
  t.match(progress.type, /text\/event-stream/, 'a notification opens the stream at once');
  const shape = (answer: Answer) => answer.messages.map((m) => m.method ?? 'answer');
  t.same(shape(progress), ['notifications/progress', 'notifications/message', 'notifications/progress', 'answer']);
  t.same(shape(progress), shape(progressSdk), 'as on the SDK path (no logging/setLevel: every log line is sent)');
});

t.test('2025-11-25: notifications/cancelled ends a direct call without an answer', async (t) => {
  const sid = await session({});
  const pending = post(url, legacyHeaders(sid), legacyCall('chatty_wait', { ms: 5_000 }, 'slow-1'));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const note = await post(url, legacyHeaders(sid), {
    jsonrpc: '2.0',
    method: 'notifications/cancelled',
    params: { requestId: 'slow-1', reason: 'test' },
  });
  t.equal(note.status, 202);
  const answer = await pending;
  t.same(answer.messages, [], 'the stream ends with no answer');
  t.ok(cancelled.includes('slow-1'), 'the tool saw the cancellation');
  const again = await post(url, legacyHeaders(sid), legacyCall('chatty_wait', { ms: 0 }, 'slow-1'));
  t.equal(again.messages[0].result.content[0].text, 'waited 0', 'the id is free again');
});

t.test('stdio: direct calls stream progress, answer, and stay silent when cancelled', async (t) => {
  const s = await startTestServer({ plugins: [ChattyPlugin] });
  t.teardown(() => s.close());
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const handle = s.server.serveStdio({ stdin, stdout });
  t.teardown(() => handle.close());
  const lines: Array<Record<string, any>> = [];
  let buffer = '';
  stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      lines.push(JSON.parse(buffer.slice(0, nl)));
      buffer = buffer.slice(nl + 1);
    }
  });
  const send = (m: unknown) => stdin.write(`${JSON.stringify(m)}\n`);
  const until = async (test: () => boolean) => {
    for (let i = 0; i < 200 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  send({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: LEGACY, capabilities: {}, clientInfo: { name: 'direct-test', version: '1.0.0' } },
  });
  await until(() => lines.some((l) => l.id === 0));
  send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  send(legacyCall('chatty_progress', {}, 1, { progressToken: 9 }));
  await until(() => lines.some((l) => l.id === 1));
  t.same(
    lines.filter((l) => l.method === 'notifications/progress').map((l) => l.params.progress),
    [1, 2],
    'progress goes out before the answer',
  );
  t.same(lines.find((l) => l.id === 1)?.result.content, [{ type: 'text', text: 'finished' }]);
  send(legacyCall('chatty_wait', { ms: 5_000 }, 2));
  await new Promise((resolve) => setTimeout(resolve, 100));
  send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 2 } });
  send(legacyCall('chatty_wait', { ms: 0 }, 3));
  await until(() => lines.some((l) => l.id === 3));
  t.notOk(
    lines.some((l) => l.id === 2),
    'a cancelled call is not answered',
  );
  send(legacyCall('chatty_wait', { ms: 0 }, 2));
  await until(() => lines.some((l) => l.id === 2));
  t.match(lines.find((l) => l.id === 2)?.result.content[0].text, 'waited 0', 'its id is free again');
});
