// Cross-talk: 50 clients, each with its own API key, call concurrently over 2025 Streamable HTTP, 2026 Streamable
// HTTP and legacy SSE. Every answer carries the caller's own token and principal — no answer reaches another
// client. 100 calls per client by default (15,000 calls in all); CNMCP_CROSSTALK_CALLS sets another count.
import t from 'tap';
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Service, Tool, Type, type ToolContext } from '@cnmcp/core';
import { startHttpTestServer } from '@cnmcp/core/testing';

@Service({ name: 'echo', title: 'Echo', core: '^0.1.0' })
class EchoPlugin {
  @Tool({
    name: 'echo_back',
    description: 'Returns the marker it was given and who asked',
    input: Type.Object({ marker: Type.String() }),
    annotations: { readOnlyHint: true },
  })
  async echo(input: { marker: string }, ctx: ToolContext) {
    await new Promise((r) => setTimeout(r, Number(input.marker.slice(-1)) % 3)); // interleave the answers
    return { marker: input.marker, principal: ctx.principal.name };
  }
}

const CLIENTS = 50;
const CALLS = Number(process.env.CNMCP_CROSSTALK_CALLS ?? 100);
const keys = Array.from({ length: CLIENTS }, (_, i) => ({
  name: `client-${i}`,
  key: `k_client_${i}_0123456789abcdef`,
}));
const h = await startHttpTestServer({
  plugins: [EchoPlugin],
  headers: { 'x-api-key': keys[0].key },
  config: { auth: { apiKeys: keys.map((k) => ({ ...k, scopes: ['*'] })) }, cache: { enabled: false } },
});
t.teardown(() => h.close());

async function connect(mode: 'legacy' | 'modern' | 'sse', key: string) {
  const requestInit = { headers: { 'x-api-key': key } };
  const transport =
    mode === 'sse'
      ? new SSEClientTransport(new URL('/sse', h.url), { requestInit })
      : new StreamableHTTPClientTransport(new URL('/mcp', h.url), { requestInit });
  const client = new Client({ name: 'crosstalk', version: '1' }, {
    capabilities: {},
    ...(mode === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}),
  } as never);
  await client.connect(transport as never);
  return client;
}

for (const mode of ['legacy', 'modern', 'sse'] as const) {
  t.test(`${mode}: ${CLIENTS} clients × ${CALLS} calls, no answer reaches another client`, async (t) => {
    const clients = await Promise.all(keys.map((k) => connect(mode, k.key)));
    let wrong = 0;
    let answered = 0;
    await Promise.all(
      clients.map(async (client, i) => {
        for (let n = 0; n < CALLS; n++) {
          const token = `${mode}-${i}-${n}-${Math.random().toString(36).slice(2)}`;
          const result = (await client.callTool({ name: 'echo_back', arguments: { marker: token } })) as {
            content: Array<{ text?: string }>;
          };
          const body = JSON.parse(result.content[0]?.text ?? '{}') as { marker?: string; principal?: string };
          answered++;
          if (body.marker !== token || body.principal !== keys[i].name) {
            if (wrong++ === 0) t.comment(`first mismatch: ${JSON.stringify(result).slice(0, 400)}`);
          }
        }
      }),
    );
    await Promise.all(clients.map((c) => c.close()));
    t.equal(answered, CLIENTS * CALLS, 'every call answered');
    t.equal(wrong, 0, 'every answer carried its own token and principal');
  });
}
