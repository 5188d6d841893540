// The plugin API the fixture exercises, checked on the 2026-07-28 wire without the conformance suite:
// multi-round-trip input with sealed state, capability checks and tools added at runtime.
import t from 'tap';
import { startHttpTestServer } from '@cnmcp/core/testing';
import { ConformancePlugin } from '../src/plugin.js';

const VERSION = '2026-07-28';
const harness = await startHttpTestServer({
  plugins: [ConformancePlugin],
  clientMode: 'modern',
  config: { autoDiscover: false },
});
t.teardown(() => harness.close());

interface RpcReply {
  status: number;
  error?: { code: number; message: string; data?: Record<string, unknown> };
  result?: Record<string, unknown>;
}

let nextId = 1;
/** One raw 2026-07-28 request: _meta envelope plus the Mcp-* headers. */
async function rpc(
  method: string,
  params: Record<string, unknown>,
  capabilities: Record<string, unknown> = { elicitation: {}, sampling: {}, roots: {} },
): Promise<RpcReply> {
  const id = nextId++;
  const name = typeof params.name === 'string' ? params.name : undefined;
  const res = await fetch(`${harness.url}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': VERSION,
      'mcp-method': method,
      ...(name ? { 'mcp-name': name } : {}),
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id,
      method,
      params: {
        ...params,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': VERSION,
          'io.modelcontextprotocol/clientCapabilities': capabilities,
        },
      },
    }),
  });
  const body = await res.text();
  const messages = (res.headers.get('content-type') ?? '').includes('text/event-stream')
    ? body
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => JSON.parse(l.slice(5)) as { id?: number })
    : [JSON.parse(body) as { id?: number }];
  const reply = messages.find((m) => m.id === id) as Omit<RpcReply, 'status'> | undefined;
  return { status: res.status, ...reply };
}

const call = (name: string, extra: Record<string, unknown> = {}, capabilities?: Record<string, unknown>) =>
  rpc('tools/call', { name, arguments: {}, ...extra }, capabilities);
const textOf = (result: Record<string, unknown> | undefined) =>
  (result?.content as Array<{ text?: string }> | undefined)?.[0]?.text ?? '';
const accept = (content: Record<string, unknown>) => ({ action: 'accept', content });

t.test('input_required round trip: the sealed state comes back to the handler', async (t) => {
  const first = await call('test_input_required_result_request_state');
  t.equal(first.result?.resultType, 'input_required');
  t.type(first.result?.requestState, 'string');
  t.notMatch(String(first.result?.requestState), /^\{/, 'the state on the wire is sealed, not raw JSON');
  const second = await call('test_input_required_result_request_state', {
    inputResponses: { confirm: accept({ ok: true }) },
    requestState: first.result?.requestState,
  });
  t.match(textOf(second.result), /^state-ok/);
});

t.test('a tampered requestState is refused with -32602 before the handler runs', async (t) => {
  const first = await call('test_input_required_result_tampered_state');
  const tampered = await call('test_input_required_result_tampered_state', {
    inputResponses: { confirm: accept({ ok: true }) },
    requestState: `${String(first.result?.requestState)}x`,
  });
  t.equal(tampered.error?.code, -32602);
  t.equal(tampered.result, undefined);
});

t.test('a valid state minted for one tool is refused by another', async (t) => {
  const first = await call('test_input_required_result_tampered_state');
  const replayed = await call('test_input_required_result_request_state', {
    inputResponses: { confirm: accept({ ok: true }) },
    requestState: first.result?.requestState,
  });
  t.equal(replayed.error?.code, -32602);
});

t.test('asking for input the client did not declare is -32021 with HTTP 400', async (t) => {
  const missing = await call('test_missing_capability', {}, {});
  t.equal(missing.status, 400);
  t.equal(missing.error?.code, -32021);
  t.ok((missing.error?.data?.requiredCapabilities as Record<string, unknown> | undefined)?.sampling, 'names sampling');
  const declared = await call('test_input_required_result_capabilities', {}, { sampling: {} });
  const methods = Object.values((declared.result?.inputRequests ?? {}) as Record<string, { method: string }>).map(
    (r) => r.method,
  );
  t.same(methods, ['sampling/createMessage'], 'only the declared kind of input is asked for');
});

t.test('multi-round: the state evolves between rounds', async (t) => {
  const r1 = await call('test_input_required_result_multi_round');
  t.same(Object.keys(r1.result?.inputRequests as object), ['step1']);
  const r2 = await call('test_input_required_result_multi_round', {
    inputResponses: { step1: accept({ name: 'Ada' }) },
    requestState: r1.result?.requestState,
  });
  t.same(Object.keys(r2.result?.inputRequests as object), ['step2']);
  t.not(r2.result?.requestState, r1.result?.requestState);
  const r3 = await call('test_input_required_result_multi_round', {
    inputResponses: { step2: accept({ color: 'green' }) },
    requestState: r2.result?.requestState,
  });
  t.equal(textOf(r3.result), 'Ada likes green.');
});

t.test('input_required works on prompts/get too', async (t) => {
  const first = await rpc('prompts/get', { name: 'test_input_required_result_prompt' });
  t.equal(first.result?.resultType, 'input_required');
  const second = await rpc('prompts/get', {
    name: 'test_input_required_result_prompt',
    inputResponses: { user_context: accept({ context: 'ops' }) },
  });
  t.match(JSON.stringify(second.result?.messages), /Use this context: ops/);
});

t.test('ctx.tools adds and removes a tool at runtime; it runs through the pipeline', async (t) => {
  const names = async () => ((await rpc('tools/list', {})).result?.tools as Array<{ name: string }>).map((x) => x.name);
  t.notOk((await names()).includes('test_dynamic_tool'));
  t.equal(textOf((await call('test_trigger_tool_change')).result), 'Added test_dynamic_tool');
  t.ok((await names()).includes('test_dynamic_tool'));
  t.equal(textOf((await call('test_dynamic_tool')).result), 'This tool was added at runtime.');
  t.equal(textOf((await call('test_trigger_tool_change')).result), 'Removed test_dynamic_tool');
  t.notOk((await names()).includes('test_dynamic_tool'));
});

t.test('no log messages reach a 2026 client that set no logLevel', async (t) => {
  const res = await fetch(`${harness.url}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': VERSION,
      'mcp-method': 'tools/call',
      'mcp-name': 'test_logging_tool',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 999,
      method: 'tools/call',
      params: {
        name: 'test_logging_tool',
        arguments: {},
        _meta: { 'io.modelcontextprotocol/protocolVersion': VERSION, 'io.modelcontextprotocol/clientCapabilities': {} },
      },
    }),
  });
  const body = await res.text();
  t.notMatch(body, /notifications\/message/);
  t.match(body, /Logged one message at each of the eight levels/);
});

t.test('x-mcp-header: the Mcp-Param-* header must mirror the argument (400 + -32020 otherwise)', async (t) => {
  const send = async (headers: Record<string, string>, region: unknown) => {
    const res = await fetch(`${harness.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': VERSION,
        'mcp-method': 'tools/call',
        'mcp-name': 'test_x_mcp_header',
        ...headers,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: {
          name: 'test_x_mcp_header',
          arguments: { region },
          _meta: {
            'io.modelcontextprotocol/protocolVersion': VERSION,
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      }),
    });
    return { status: res.status, body: await res.text() };
  };
  const listed = (await rpc('tools/list', {})).result?.tools as Array<{
    name: string;
    inputSchema: { properties: Record<string, Record<string, unknown>> };
  }>;
  t.equal(
    listed.find((x) => x.name === 'test_x_mcp_header')?.inputSchema.properties.region['x-mcp-header'],
    'Region',
    'the annotation is listed',
  );
  t.match((await send({ 'mcp-param-region': 'eu-west' }, 'eu-west')).body, /region=eu-west/);
  t.match(
    (await send({ 'mcp-param-region': `=?base64?${Buffer.from('ü-1').toString('base64')}?=` }, 'ü-1')).body,
    /region=ü-1/,
    'Base64 sentinel',
  );
  for (const [headers, why] of [
    [{}, 'missing'],
    [{ 'mcp-param-region': 'us-east' }, 'different'],
    [{ 'mcp-param-region': '=?base64?SGVs!!!bG8=?=' }, 'bad Base64'],
  ] as const) {
    const res = await send(headers, 'eu-west');
    t.equal(res.status, 400, `${why} header: HTTP 400`);
    t.match(JSON.parse(res.body), { id: 7, error: { code: -32020 } }, `${why} header: -32020`);
  }
});

t.test('the same handlers serve a 2025-11-25 session: the SDK asks the client and re-enters them', async (t) => {
  const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
  const client = new Client(
    { name: 'legacy-client', version: '1.0.0' },
    { capabilities: { elicitation: {}, sampling: {}, roots: {} } },
  );
  const asked: string[] = [];
  client.setRequestHandler('elicitation/create', async (req) => {
    const message = String((req.params as { message: string }).message);
    asked.push(message);
    const content = /color/.test(message)
      ? { color: 'blue' }
      : /context/.test(message)
        ? { context: 'ops' }
        : { name: 'Bob' };
    return { action: 'accept', content };
  });
  client.setRequestHandler('sampling/createMessage', async () => ({
    role: 'assistant',
    content: { type: 'text', text: 'Paris' },
    model: 'test',
    stopReason: 'endTurn',
  }));
  client.setRequestHandler('roots/list', async () => ({ roots: [{ uri: 'file:///srv', name: 'srv' }] }));
  await client.connect(new StreamableHTTPClientTransport(new URL(`${harness.url}/mcp`)) as never);
  t.teardown(() => client.close());
  const text = async (name: string) =>
    ((await client.callTool({ name, arguments: {} })).content as Array<{ text: string }>)[0].text;
  t.equal(await text('test_input_required_result_multi_round'), 'Bob likes blue.');
  t.same(asked, ['Step 1: What is your name?', 'Step 2: What is your favorite color?']);
  t.equal(
    await text('test_input_required_result_multiple_inputs'),
    'All inputs received: name=Bob, greeting=Paris, roots=1',
  );
  t.match(await text('test_input_required_result_request_state'), /^state-ok/);
  const prompt = await client.getPrompt({ name: 'test_input_required_result_prompt' });
  t.match(JSON.stringify(prompt.messages), /Use this context: ops/);
});
