// G1: a call still running when the shutdown deadline passes gets a JSON-RPC error ("server shutting down")
// before its connection closes — on 2025 and 2026 Streamable HTTP, legacy SSE and stdio — instead of a dropped
// connection or an empty body.
import { PassThrough } from 'node:stream';
import t from 'tap';
import { startHttpTestServer, startTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';

const config = { server: { shutdownTimeoutMs: 300 } };
const longCall = { name: 'utilities_sleep', arguments: { duration: 20, unit: 'seconds' } };

for (const clientMode of ['legacy', 'modern', 'sse'] as const) {
  t.test(`${clientMode}: the running call is answered with 'server shutting down'`, async (t) => {
    const h = await startHttpTestServer({ plugins: [UtilitiesPlugin], clientMode, config });
    const call = h.client.callTool(longCall).then(
      (result) => ({ result }),
      (error: Error) => ({ error }),
    );
    // Long enough for the call to reach the server on a loaded machine (it sleeps 20 s): closed before it
    // arrived, the request meets a closing server and the client sees only "fetch failed".
    await new Promise((r) => setTimeout(r, 1_000));
    await h.server.close();
    const outcome = (await call) as { result?: unknown; error?: Error & { code?: number } };
    t.ok(outcome.error, `the call ends in an error (${JSON.stringify(outcome.result)?.slice(0, 300)})`);
    t.match(outcome.error?.message, /server shutting down/, 'that names the shutdown');
    await h.client.close().catch(() => undefined);
  });
}

t.test('stdio: the running call is answered before the wire closes', async (t) => {
  const h = await startTestServer({ plugins: [UtilitiesPlugin], config });
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  h.server.serveStdio({ stdin, stdout });
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  const write = (m: unknown) => stdin.write(`${JSON.stringify(m)}\n`);
  write({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
  write({ jsonrpc: '2.0', method: 'notifications/initialized' });
  write({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: longCall });
  await new Promise((r) => setTimeout(r, 300));
  await h.close();
  const answers = out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id?: unknown; error?: { message: string } });
  const answer = answers.find((a) => a.id === 2);
  t.ok(answer, 'the running call is answered');
  t.equal(answer?.error?.message, 'server shutting down');
});
