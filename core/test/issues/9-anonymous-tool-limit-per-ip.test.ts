// Anonymous HTTP callers are limited per client IP in the per-tool limiter too (they no longer share one counter).
import t from 'tap';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startHttpTestServer } from '@cnmcp/core/testing';
import { VaultPlugin } from '../fixtures/security-plugins.js';

// Two addresses on one loopback listener: the test is the trusted proxy and names the client in X-Forwarded-For.
t.test('two anonymous clients from two addresses each get their own per-tool budget', async (t) => {
  const h = await startHttpTestServer({
    plugins: [VaultPlugin],
    config: {
      rateLimit: {
        enabled: true,
        max: 1000,
        trustProxy: '127.0.0.1',
        tools: { vault_show_text: { max: 2, windowMs: 60_000 } },
      },
    },
  });
  t.teardown(() => h.close());
  const from = async (address: string) => {
    const client = new Client({ name: `from-${address}`, version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL('/mcp', h.url), {
      requestInit: { headers: { 'x-forwarded-for': address } },
    });
    await client.connect(transport as never);
    t.teardown(() => client.close());
    const call = async () => {
      const r = (await client.callTool({ name: 'vault_show_text', arguments: {} })) as {
        isError?: boolean;
        content: Array<{ text: string }>;
      };
      return r.isError ? r.content[0].text : 'ok';
    };
    return call;
  };
  const a = await from('203.0.113.7');
  const b = await from('203.0.113.8');
  t.equal(await a(), 'ok');
  t.equal(await a(), 'ok');
  t.match(await a(), /^CNMCP_ERR_RATE_LIMITED/, 'the third call from 203.0.113.7 is refused');
  t.equal(await b(), 'ok', 'another address has its own counter');
  t.equal(await b(), 'ok');
});
