// D7: a request reusing the id of one still in flight in the same session is refused with a JSON-RPC error, and
// the first is still answered (2025 Streamable HTTP, legacy SSE, stdio). D8: stdio answers every invalid line
// with the JSON-RPC error HTTP gives (-32700 / -32600) and survives a line over 10 MB.
import { PassThrough } from 'node:stream';
import t, { type Test } from 'tap';
import { startHttpTestServer, startTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';

const sleep = (id: number | string, ms: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'utilities_sleep', arguments: { duration: ms, unit: 'ms' } },
});
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('D7 over 2025 Streamable HTTP: the duplicate is refused, the first call is answered', async (t) => {
  const h = await startHttpTestServer({ plugins: [UtilitiesPlugin] });
  t.teardown(() => h.close());
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-session-id': (h.client.transport as unknown as { sessionId: string }).sessionId,
    'mcp-protocol-version': '2025-11-25',
  };
  const post = (body: unknown) => fetch(`${h.url}/mcp`, { method: 'POST', headers, body: JSON.stringify(body) });
  const first = post(sleep(99, 600));
  await wait(150);
  const second = await post(sleep(99, 10));
  t.equal(second.status, 400, 'the duplicate gets 400');
  t.match(await second.json(), { jsonrpc: '2.0', id: 99, error: { code: -32600, message: /already in flight/ } });
  const answer = await (await first).text();
  t.match(answer, /"id":99/, 'the first request is answered');
  t.match(answer, /"result"/, 'with its result');
  const again = await post(sleep(99, 10));
  t.equal(again.status, 200, 'once answered, the id may be used again');
  t.match(await again.text(), /"result"/);
});

t.test('D7 over legacy SSE: the duplicate is refused on the stream, the first call is answered', async (t) => {
  const h = await startHttpTestServer({ plugins: [UtilitiesPlugin], clientMode: 'sse' });
  t.teardown(() => h.close());
  const endpoint = (h.client.transport as unknown as { _endpoint: URL })._endpoint;
  const seen: Array<{ id?: unknown; error?: { code: number }; result?: unknown }> = [];
  const previous = h.client.transport!.onmessage;
  h.client.transport!.onmessage = (message, extra) => {
    seen.push(message as never);
    previous?.(message, extra as never);
  };
  const post = (body: unknown) =>
    fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  t.equal((await post(sleep('dup', 500))).status, 202);
  t.equal((await post(sleep('dup', 10))).status, 202);
  for (let i = 0; i < 100 && seen.filter((m) => m.id === 'dup').length < 2; i++) await wait(50);
  const answers = seen.filter((m) => m.id === 'dup');
  t.equal(answers.length, 2, 'two answers for the id');
  t.equal(answers[0].error?.code, -32600, 'the duplicate is refused first');
  t.ok(answers[1].result, 'the first call is answered');
});

function stdio(t: Test) {
  return startTestServer({ plugins: [UtilitiesPlugin] }).then((h) => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const handle = h.server.serveStdio({ stdin, stdout });
    let buffer = '';
    const lines: Array<Record<string, any>> = [];
    stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        lines.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
      }
    });
    t.teardown(async () => {
      stdin.end();
      await handle.close();
      await h.close();
    });
    const next = async (count: number) => {
      for (let i = 0; i < 200 && lines.length < count; i++) await wait(25);
      return lines;
    };
    return { stdin, lines, next };
  });
}

const initialize = {
  jsonrpc: '2.0',
  id: 'init',
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

t.test(
  'D8: every invalid stdio line gets a JSON-RPC error; a 12 MB line is refused; the connection lives on',
  async (t) => {
    const { stdin, lines, next } = await stdio(t);
    const invalid: Array<[string, number]> = [
      ['{not json', -32700],
      ['{"id":1,"method":"ping"}', -32600],
      ['{"jsonrpc":"x","id":2,"method":"ping"}', -32600],
      ['{"jsonrpc":"2.0","id":3,"method":"ping","params":"x"}', -32600],
      ['{"jsonrpc":"2.0","id":10.5,"method":"ping"}', -32600],
      ['{"jsonrpc":"2.0","id":4,"method":"ping","extra":true}', -32600],
      ['[{"jsonrpc":"2.0","id":5,"method":"ping"}]', -32600],
      ['42', -32600],
      [`{"jsonrpc":"2.0","id":6,"method":"ping","params":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`, -32700],
      ['{"jsonrpc":"2.0","id":7,"method":"ping","params":{"__proto__":{}}}', -32700],
    ];
    for (const [line] of invalid) stdin.write(`${line}\n`);
    await next(invalid.length);
    t.equal(lines.length, invalid.length, 'one answer per invalid line');
    invalid.forEach(([line, code], i) => {
      t.equal(lines[i].jsonrpc, '2.0', `${line.slice(0, 40)}: a JSON-RPC answer`);
      t.equal(lines[i].error?.code, code, `${line.slice(0, 40)}: ${code}`);
    });
    t.equal(lines[2].id, 2, 'the id is kept when it is valid');
    t.equal(lines[4].id, null, 'an invalid id is answered with null');
    const big = `{"jsonrpc":"2.0","id":8,"method":"ping","params":{"pad":"${'x'.repeat(12 * 1024 * 1024)}"}}`;
    for (let i = 0; i < big.length; i += 1 << 20) stdin.write(big.slice(i, i + (1 << 20)));
    stdin.write('\n');
    await next(invalid.length + 1);
    t.match(lines[invalid.length], { jsonrpc: '2.0', id: null, error: { code: -32600, message: /longer than/ } });
    stdin.write(`${JSON.stringify(initialize)}\n`);
    stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    stdin.write(`${JSON.stringify(sleep(9, 1))}\n`);
    await next(invalid.length + 3);
    t.equal(lines.at(-1)?.id, 9, 'a valid call after all that is answered');
    t.ok(lines.at(-1)?.result, 'with a result');
  },
);

t.test('D7 over stdio: a duplicate id in flight is refused, the first is answered', async (t) => {
  const { stdin, lines, next } = await stdio(t);
  stdin.write(`${JSON.stringify(initialize)}\n`);
  stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  await next(1);
  stdin.write(`${JSON.stringify(sleep(5, 400))}\n`);
  await wait(100);
  stdin.write(`${JSON.stringify(sleep(5, 1))}\n`);
  await next(3);
  const answers = lines.filter((l) => l.id === 5);
  t.equal(answers.length, 2);
  t.equal(answers[0].error?.code, -32600, 'the duplicate is refused');
  t.ok(answers[1].result, 'the first call is answered');
});

t.test('D7 over stdio: ids 6 and "6" are different requests', async (t) => {
  const { stdin, lines, next } = await stdio(t);
  stdin.write(`${JSON.stringify(initialize)}\n`);
  stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  await next(1);
  stdin.write(`${JSON.stringify(sleep(6, 200))}\n`);
  stdin.write(`${JSON.stringify(sleep('6', 1))}\n`);
  await next(3);
  t.ok(lines.find((l) => l.id === '6')?.result, 'the string id is answered with a result');
  t.ok(lines.find((l) => l.id === 6)?.result, 'the number id is answered with a result');
  t.notOk(
    lines.some((l) => l.error),
    'neither is refused as a duplicate',
  );
});
