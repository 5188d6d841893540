// D1, D9, D10, D11: whatever is wrong with a request to an MCP route (nesting thousands deep, invalid JSON, a
// __proto__ key, the wrong or no content type, an oversized body, a batch, an absolute-form target, a wrong method)
// gets a JSON-RPC error body and a 4xx, never Fastify's error object, a 5xx or a stack.
import { request } from 'node:http';
import t, { type Test } from 'tap';
import { startHttpTestServer, type HttpTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';

interface Answer {
  status: number;
  body: string;
  json?: { jsonrpc?: string; id?: unknown; error?: { code: number; message: string }; result?: unknown };
}

function send(
  base: string,
  target: string,
  body: string | undefined,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: target,
        method,
        headers: { accept: 'application/json, text/event-stream', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body: text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_CT = { 'content-type': 'application/json' };
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const call = (args: string, id = 1) =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"utilities_get_time","arguments":${args}}}`;

function isJsonRpcError(t: Test, a: Answer, status: number, code: number, what: string) {
  t.equal(a.status, status, `${what}: HTTP ${status}`);
  t.equal(a.json?.jsonrpc, '2.0', `${what}: a JSON-RPC body`);
  t.equal(a.json?.error?.code, code, `${what}: code ${code}`);
  t.notMatch(a.body, /FST_ERR|statusCode|\bat [\w.]+ \(|\/node_modules\//, `${what}: no framework object or stack`);
}

async function sessionOf(h: HttpTestServer): Promise<Record<string, string>> {
  const sessionId = (h.client.transport as unknown as { sessionId?: string }).sessionId!;
  const protocol = h.client.getNegotiatedProtocolVersion?.() ?? '2025-11-25';
  return { ...JSON_CT, 'mcp-session-id': sessionId, 'mcp-protocol-version': String(protocol) };
}

t.test(
  'D1: arguments nested 4,100 deep in a session get -32700 naming the limit, and the server lives on',
  async (t) => {
    const h = await startHttpTestServer({ plugins: [UtilitiesPlugin] });
    t.teardown(() => h.close());
    const headers = await sessionOf(h);
    const a = await send(h.url, '/mcp', call(`{"x":${nested(4100)}}`), headers);
    isJsonRpcError(t, a, 400, -32700, 'deep nesting');
    t.match(a.json?.error?.message, /deeper than \d+ levels/, 'the limit is named');
    const shallow = await send(h.url, '/mcp', call(`{"format":"RFC3339","x":${nested(10)}}`, 2), headers);
    t.equal(shallow.status, 200, 'ordinary nesting is still served');
    t.notOk((await h.call('utilities_get_time', {})).isError, 'the session still answers');
  },
);

t.test('D9: invalid, empty and __proto__ bodies get -32700; wrong or no content type gets 415', async (t) => {
  const h = await startHttpTestServer({ plugins: [UtilitiesPlugin] });
  t.teardown(() => h.close());
  const headers = await sessionOf(h);
  isJsonRpcError(t, await send(h.url, '/mcp', '{"jsonrpc":', headers), 400, -32700, 'invalid JSON');
  isJsonRpcError(t, await send(h.url, '/mcp', '', headers), 400, -32700, 'empty body');
  const proto = '{"jsonrpc":"2.0","id":1,"method":"tools/list","__proto__":{"admin":true}}';
  isJsonRpcError(t, await send(h.url, '/mcp', proto, headers), 400, -32700, '__proto__ key');
  const escaped = '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"\\u005f_proto__":{}}}';
  isJsonRpcError(t, await send(h.url, '/mcp', escaped, headers), 400, -32700, 'escaped __proto__ key');
  const { 'content-type': _ct, ...noType } = headers;
  const list = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';
  isJsonRpcError(t, await send(h.url, '/mcp', list, noType), 415, -32000, 'no content type');
  isJsonRpcError(
    t,
    await send(h.url, '/mcp', list, { ...noType, 'content-type': 'text/plain' }),
    415,
    -32000,
    'text/plain',
  );
  isJsonRpcError(
    t,
    await send(h.url, '/mcp', list, { ...noType, 'content-type': 'application/xml' }),
    415,
    -32000,
    'xml',
  );
  const huge = `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"pad":"${'x'.repeat(4.5 * 1024 * 1024)}"}}`;
  isJsonRpcError(t, await send(h.url, '/mcp', huge, headers), 413, -32600, 'oversized body');
  for (const body of ['42', 'null', '"x"', 'true'])
    isJsonRpcError(t, await send(h.url, '/mcp', body, headers), 400, -32600, `body ${body}`);
  isJsonRpcError(t, await send(h.url, '/mcp', list, headers, 'PUT'), 405, -32000, 'PUT /mcp');
  isJsonRpcError(t, await send(h.url, '/nowhere', list, headers), 404, -32000, 'unknown path');
  t.notOk((await h.call('utilities_get_time', {})).isError, 'the session still answers');
});

t.test('D9 on the legacy SSE endpoint: the message POST answers with JSON-RPC errors', async (t) => {
  const h = await startHttpTestServer({ plugins: [UtilitiesPlugin], clientMode: 'sse' });
  t.teardown(() => h.close());
  const target = `/messages?sessionId=${(h.client.transport as unknown as { _endpoint: URL })._endpoint.searchParams.get('sessionId')}`;
  isJsonRpcError(t, await send(h.url, target, '{bad', JSON_CT), 400, -32700, 'SSE invalid JSON');
  isJsonRpcError(
    t,
    await send(h.url, target, '{"jsonrpc":"1.0","id":1,"method":"x"}', JSON_CT),
    400,
    -32600,
    'SSE jsonrpc 1.0',
  );
  isJsonRpcError(
    t,
    await send(h.url, target, '[{"jsonrpc":"2.0","id":1,"method":"ping"}]', JSON_CT),
    400,
    -32600,
    'SSE batch',
  );
  isJsonRpcError(
    t,
    await send(h.url, target, '{"jsonrpc":"2.0","id":10.5,"method":"ping"}', JSON_CT),
    400,
    -32600,
    'SSE id 10.5',
  );
  isJsonRpcError(t, await send(h.url, '/messages', '{}', JSON_CT), 400, -32000, 'SSE without sessionId');
  isJsonRpcError(t, await send(h.url, '/messages?sessionId=nope', '{}', JSON_CT), 404, -32001, 'SSE unknown session');
  t.notOk((await h.call('utilities_get_time', {})).isError, 'the SSE session still answers');
});

t.test(
  'D10: a batch is refused in a 2025 session and runs nothing, so it cannot slip past the rate limit',
  async (t) => {
    const h = await startHttpTestServer({
      plugins: [UtilitiesPlugin],
      config: { rateLimit: { enabled: true, max: 50 } },
    });
    t.teardown(() => h.close());
    const headers = await sessionOf(h);
    const batch = JSON.stringify(
      Array.from({ length: 100 }, (_, i) => ({
        jsonrpc: '2.0',
        id: 100 + i,
        method: 'tools/call',
        params: { name: 'utilities_get_time', arguments: {} },
      })),
    );
    for (let i = 0; i < 3; i++) {
      const a = await send(h.url, '/mcp', batch, headers);
      isJsonRpcError(t, a, 400, -32600, `batch ${i + 1}`);
      t.match(a.json?.error?.message, /batch/i, 'the error says batches are not supported');
    }
    isJsonRpcError(t, await send(h.url, '/mcp', '[]', headers), 400, -32600, 'empty batch');
    const modern = await send(h.url, '/mcp', batch, JSON_CT);
    isJsonRpcError(t, modern, 400, -32600, 'batch without a session');
  },
);

t.test('D11: an absolute-form request target is judged by its authority, never a 500', async (t) => {
  const h = await startHttpTestServer({ plugins: [UtilitiesPlugin] });
  t.teardown(() => h.close());
  const host = new URL(h.url).host;
  const list = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';
  const foreign = await send(h.url, 'http://evil.example/mcp', list, { ...JSON_CT, host });
  isJsonRpcError(t, foreign, 403, -32000, 'a foreign authority');
  const own = await send(h.url, `http://${host}/mcp`, list, { ...JSON_CT, host });
  isJsonRpcError(t, own, 400, -32000, 'its own authority is routed (no session yet)');
  const health = await send(h.url, `http://${host}/health`, undefined, { host }, 'GET');
  t.equal(health.status, 200, 'absolute-form /health is served');
});
