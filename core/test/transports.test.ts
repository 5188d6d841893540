// Every transport serves the same tools through the same pipeline: Streamable HTTP in both spec eras,
// legacy SSE, per-service and aggregate endpoints, and stdio; with Host/Origin checks and health routes.
import { request } from 'node:http';
import t from 'tap';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startHttpTestServer } from '@cnmcp/core/testing';
import { OtherPlugin, SamplePlugin } from './fixtures/sample-plugins.js';
import { BIN, ROOT } from './helpers/cli.js';

/** fetch() may not set Host; node:http can. Resolves with the status code. */
function rawPost(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

for (const mode of ['legacy', 'modern', 'sse'] as const) {
  t.test(`${mode} client: list, call, and a validation error`, async (t) => {
    const h = await startHttpTestServer({ plugins: [SamplePlugin, OtherPlugin], clientMode: mode });
    t.teardown(() => h.close());
    const names = await h.toolNames();
    t.ok(names.includes('sample_echo') && names.includes('other_ping'));
    t.same(await h.callJson('sample_echo', { message: mode }), {
      greeting: 'hello',
      echoed: mode,
      tags: [],
      labelSelector: null,
    });
    const bad = await h.call('sample_echo', {});
    t.equal(bad.isError, true);
    t.match(bad.text, /CNMCP_ERR_TOOL_INPUT_INVALID/);
  });
}

t.test('per-service and aggregate endpoints', async (t) => {
  const h = await startHttpTestServer({ plugins: [SamplePlugin, OtherPlugin], path: '/api/other/streamable-http' });
  t.teardown(() => h.close());
  t.same(await h.toolNames(), ['other_ping'], 'a per-service endpoint shows only its plugin');
  await t.rejects(h.client.callTool({ name: 'sample_echo', arguments: { message: 'x' } }), /CNMCP_ERR_TOOL_NOT_FOUND/);
  const agg = await startHttpTestServer({
    plugins: [SamplePlugin, OtherPlugin],
    path: '/api/aggregate/streamable-http',
  });
  t.teardown(() => agg.close());
  const all = await agg.toolNames();
  t.ok(all.includes('sample_echo') && all.includes('other_ping'), 'the aggregate endpoint serves every plugin');
  const sse = await startHttpTestServer({
    plugins: [SamplePlugin, OtherPlugin],
    clientMode: 'sse',
    path: '/api/sample/sse',
  });
  t.teardown(() => sse.close());
  t.notOk((await sse.toolNames()).includes('other_ping'));
});

t.test('HTTP edges: health, readiness, DNS rebinding, sessions', async (t) => {
  const h = await startHttpTestServer({ plugins: [SamplePlugin] });
  t.teardown(() => h.close());
  const health = await fetch(`${h.url}/health`);
  t.same(await health.json(), { status: 'ok' });
  const ready = (await (await fetch(`${h.url}/ready`)).json()) as {
    status: string;
    plugins: Array<{ plugin: string; status: string }>;
  };
  t.equal(ready.status, 'ready');
  t.same(
    ready.plugins.map((p) => [p.plugin, p.status]),
    [['sample', 'ok']],
  );
  const init = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
  });
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const evilOrigin = await fetch(`${h.url}/mcp`, {
    method: 'POST',
    headers: { ...headers, origin: 'http://evil.example.com' },
    body: init,
  });
  t.equal(evilOrigin.status, 403, 'a foreign Origin is refused');
  const evilHost = await rawPost(`${h.url}/mcp`, { ...headers, host: 'evil.example.com' }, init);
  t.ok(evilHost >= 400 && evilHost < 500, `a foreign Host is refused (${evilHost})`);
  const unknown = await fetch(`${h.url}/mcp`, {
    method: 'POST',
    headers: { ...headers, 'mcp-session-id': 'no-such-session', 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
  });
  t.equal(unknown.status, 404, 'an unknown session is 404');
  const noSession = await fetch(`${h.url}/mcp`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }),
  });
  t.equal(noSession.status, 400, 'a non-initialize request without a session is 400');
});

t.test('stdio: the real CLI speaks MCP on stdin/stdout and logs only to stderr', async (t) => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'serve', '--transport', 'stdio', '--config', 'core/test/fixtures/utilities.cnmcp.yaml'],
    cwd: ROOT,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'stdio-test', version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport);
  t.teardown(() => client.close());
  const { tools } = await client.listTools();
  t.ok(tools.some((x) => x.name === 'utilities_get_timestamp'));
  const result = (await client.callTool({ name: 'utilities_get_timestamp', arguments: { unit: 'ms' } })) as {
    content: Array<{ text: string }>;
  };
  const body = JSON.parse(result.content[0].text) as { timestamp: number; unit: string };
  t.equal(body.unit, 'milliseconds');
  t.ok(Math.abs(body.timestamp - Date.now()) < 60_000);
});
