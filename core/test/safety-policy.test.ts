// The safety policy, from each tool's annotations: readOnly, disableDestructive, confirmation of
// destructive calls (elicitation, else the fallback), and redaction of secrets in tool output.
import t from 'tap';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { startTestServer } from '@cnmcp/core/testing';
import { VaultPlugin } from './fixtures/security-plugins.js';
import { SamplePlugin } from './fixtures/sample-plugins.js';

const ALL = [
  'vault_list_items',
  'vault_purge',
  'vault_put_item',
  'vault_rotate_keys',
  'vault_show_config',
  'vault_show_raw',
  'vault_show_text',
];

t.test('readOnly: true hides every tool without readOnlyHint, and a call says why', async (t) => {
  const h = await startTestServer({ plugins: [VaultPlugin], config: { readOnly: true } });
  t.teardown(() => h.close());
  t.same((await h.toolNames()).sort(), ['vault_list_items', 'vault_show_config', 'vault_show_raw', 'vault_show_text']);
  const r = await h.call('vault_put_item', { name: 'a', value: 'b' });
  t.equal(r.isError, true);
  t.match(
    r.text,
    /^CNMCP_ERR_TOOL_DISABLED: tool vault_put_item is not served by this server: the server runs in readOnly mode/,
  );
});

t.test('disableDestructive drops destructive tools (an unannotated tool counts as destructive)', async (t) => {
  const h = await startTestServer({ plugins: [VaultPlugin, SamplePlugin], config: { disableDestructive: true } });
  t.teardown(() => h.close());
  const names = await h.toolNames();
  t.notOk(names.includes('vault_purge'));
  t.notOk(names.includes('sample_delete_all'));
  t.ok(names.includes('vault_put_item'), 'mutating but destructiveHint: false stays');
  t.match((await h.call('vault_purge')).text, /CNMCP_ERR_TOOL_DISABLED: .*disableDestructive/);
});

t.test('enabledServices / disabledTools globs still apply', async (t) => {
  const h = await startTestServer({
    plugins: [VaultPlugin, SamplePlugin],
    config: { enabledServices: ['vault'], disabledTools: ['vault_show_*'] },
  });
  t.teardown(() => h.close());
  t.same((await h.toolNames()).sort(), ['vault_list_items', 'vault_purge', 'vault_put_item', 'vault_rotate_keys']);
});

t.test('a destructive call from a client without elicitation is denied by default', async (t) => {
  const h = await startTestServer({ plugins: [VaultPlugin] });
  t.teardown(() => h.close());
  const r = await h.call('vault_purge', { confirm: true, confirmed: true, force: true });
  t.equal(r.isError, true, 'arguments the model sets do not count as consent');
  t.match(r.text, /^CNMCP_ERR_CONFIRMATION_REQUIRED: vault_purge is destructive and needs the user's confirmation/);
  t.match(r.text, /Hint: /);
  t.equal(
    (await h.call('vault_put_item', { name: 'a', value: 'b' })).isError,
    true,
    'put has no backend here, but it is not asked for confirmation',
  );
  t.notMatch((await h.call('vault_put_item', { name: 'a', value: 'b' })).text, /CONFIRMATION/);
});

t.test('confirmDestructive.fallback: allow runs it without asking', async (t) => {
  const h = await startTestServer({ plugins: [VaultPlugin], config: { confirmDestructive: { fallback: 'allow' } } });
  t.teardown(() => h.close());
  t.equal((await h.call('vault_purge')).text, 'purged');
});

async function elicitingClient(
  h: Awaited<ReturnType<typeof startTestServer>>,
  answer: (message: string) => { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> },
) {
  const { createMcpServer } = await import('../dist/transports/mcp-server.js');
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcp = createMcpServer(h.server.host, {
    era: 'legacy',
    transport: 'in-process',
    principal: { name: 'user', scopes: ['*'], method: 'stdio' },
  });
  await mcp.connect(serverSide);
  const client = new Client({ name: 'eliciting', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } } });
  const asked: string[] = [];
  client.setRequestHandler('elicitation/create', async (request) => {
    asked.push((request.params as { message: string }).message);
    return answer((request.params as { message: string }).message);
  });
  await client.connect(clientSide);
  return {
    client,
    asked,
    close: async () => {
      await client.close();
      await mcp.close();
    },
  };
}

t.test('with elicitation the user is asked: yes runs it, no refuses it', async (t) => {
  const h = await startTestServer({ plugins: [VaultPlugin] });
  t.teardown(() => h.close());
  const yes = await elicitingClient(h, () => ({ action: 'accept', content: { confirm: true } }));
  const ok = await yes.client.callTool({ name: 'vault_purge', arguments: {} });
  t.same((ok.content as Array<{ text: string }>)[0].text, 'purged');
  t.equal(yes.asked.length, 1);
  t.match(yes.asked[0], /vault_purge \(vault\), which can change or delete data/);
  await yes.close();
  const no = await elicitingClient(h, () => ({ action: 'decline' }));
  const refused = await no.client.callTool({ name: 'vault_purge', arguments: {} });
  t.equal(refused.isError, true);
  t.match(
    (refused.content as Array<{ text: string }>)[0].text,
    /^CNMCP_ERR_CONFIRMATION_DECLINED: the user did not allow vault_purge \(decline\)/,
  );
  await no.close();
  const unticked = await elicitingClient(h, () => ({ action: 'accept', content: { confirm: false } }));
  t.equal(
    (await unticked.client.callTool({ name: 'vault_purge', arguments: {} })).isError,
    true,
    'accept without the box ticked is a no',
  );
  await unticked.close();
});

t.test('secrets are masked in tool output unless the tool sets redactOutput: false', async (t) => {
  const h = await startTestServer({ plugins: [VaultPlugin] });
  t.teardown(() => h.close());
  const shown = await h.callJson<Record<string, any>>('vault_show_config');
  t.equal(shown.user, 'admin');
  t.equal(shown.password, '***');
  t.equal(shown.apiKey, '***');
  t.equal(shown.nested.authorization, '***');
  t.equal(shown.nested.token, '***');
  t.same(shown.manifest.data, { 'tls.crt': '***', user: '***' }, 'Kubernetes Secret data is masked whatever the key');
  t.same(shown.manifest.stringData, { pw: '***' });
  t.equal(shown.manifest.metadata.name, 'db');
  t.notMatch(JSON.stringify(shown), /MIIE|hunter2|k-123|YWRtaW4/);
  t.same(await h.callJson('vault_show_raw'), { password: 'hunter2' });
  const text = (await h.call('vault_show_text')).text;
  t.match(text, /user: admin/);
  t.match(text, /password: \*\*\*/);
  t.match(text, /"token": "\*\*\*"/);
  t.notMatch(text, /hunter2|abc/);
});

t.test('every tool of the fixture is listed when no policy applies', async (t) => {
  const h = await startTestServer({ plugins: [VaultPlugin] });
  t.teardown(() => h.close());
  t.same((await h.toolNames()).sort(), ALL);
});

t.test('2026-07-28: the confirmation is an input_required round trip with sealed state', async (t) => {
  const { startHttpTestServer } = await import('@cnmcp/core/testing');
  const h = await startHttpTestServer({ plugins: [VaultPlugin], clientMode: 'modern' });
  t.teardown(() => h.close());
  const VERSION = '2026-07-28';
  let id = 100;
  const rpc = async (params: Record<string, unknown>, capabilities: Record<string, unknown>) => {
    const res = await fetch(`${h.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': VERSION,
        'mcp-method': 'tools/call',
        'mcp-name': 'vault_purge',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: ++id,
        method: 'tools/call',
        params: {
          name: 'vault_purge',
          arguments: {},
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
          .map((l) => JSON.parse(l.slice(5)))
      : [JSON.parse(body)];
    return messages.find((m: { id?: number }) => m.id === id) as { result?: Record<string, any>; error?: unknown };
  };
  const first = await rpc({}, { elicitation: { form: {} } });
  t.equal(first.result?.resultType, 'input_required');
  const request = first.result?.inputRequests?.cnmcp_confirm;
  t.equal(request?.method, 'elicitation/create');
  t.match(request?.params?.message, /vault_purge \(vault\), which can change or delete data/);
  const state = first.result?.requestState;
  const yes = await rpc(
    { requestState: state, inputResponses: { cnmcp_confirm: { action: 'accept', content: { confirm: true } } } },
    { elicitation: { form: {} } },
  );
  t.equal(yes.result?.content?.[0]?.text, 'purged');
  const no = await rpc(
    { requestState: state, inputResponses: { cnmcp_confirm: { action: 'decline' } } },
    { elicitation: { form: {} } },
  );
  t.match(no.result?.content?.[0]?.text, /^CNMCP_ERR_CONFIRMATION_DECLINED/);
  const forged = await rpc(
    { inputResponses: { cnmcp_confirm: { action: 'accept', content: { confirm: true } } } },
    { elicitation: { form: {} } },
  );
  t.equal(forged.result?.resultType, 'input_required', 'an answer without the server’s sealed state is not consent');
  const noCapability = await rpc({}, {});
  t.match(
    noCapability.result?.content?.[0]?.text,
    /^CNMCP_ERR_CONFIRMATION_REQUIRED/,
    'no elicitation capability: the deny fallback',
  );
});
