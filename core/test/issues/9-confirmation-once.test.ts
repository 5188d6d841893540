// A 2026-07-28 confirmation round trip (ask, then the retry with the user's answer) is one call: it counts once in
// the rate limit and leaves one audit record, which carries the user's answer.
import t from 'tap';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpTestServer } from '@cnmcp/core/testing';
import { VaultPlugin } from '../fixtures/security-plugins.js';

const VERSION = '2026-07-28';

t.test('ask + retry: one rate-limit count, one audit record with the confirmation outcome', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cnmcp-confirm-'));
  const auditFile = join(dir, 'audit.jsonl');
  const h = await startHttpTestServer({
    plugins: [VaultPlugin],
    clientMode: 'modern',
    config: {
      audit: { file: auditFile },
      rateLimit: { enabled: true, max: 1000, tools: { vault_purge: { max: 2, windowMs: 60_000 } } },
    },
  });
  t.teardown(() => h.close());
  let id = 100;
  const rpc = async (params: Record<string, unknown>) => {
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
            'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
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
    return messages.find((m: { id?: number }) => m.id === id) as { result?: Record<string, any> };
  };
  const confirmedCall = async (answer: Record<string, unknown>) => {
    const ask = await rpc({});
    t.equal(ask.result?.resultType, 'input_required');
    return rpc({ requestState: ask.result?.requestState, inputResponses: { cnmcp_confirm: answer } });
  };
  const yes = await confirmedCall({ action: 'accept', content: { confirm: true } });
  t.equal(yes.result?.content?.[0]?.text, 'purged');
  const no = await confirmedCall({ action: 'decline' });
  t.match(no.result?.content?.[0]?.text, /^CNMCP_ERR_CONFIRMATION_DECLINED/);
  // Two confirmed calls used the two allowed; a third ask is refused (before: the first call used both).
  const third = await rpc({});
  t.match(third.result?.content?.[0]?.text, /^CNMCP_ERR_RATE_LIMITED/);

  const records = readFileSync(auditFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((r) => r.type === 'tool_call' && r.tool === 'vault_purge');
  t.same(
    records.map((r) => [r.outcome, r.confirmation]),
    [
      ['ok', 'accepted'],
      ['CNMCP_ERR_CONFIRMATION_DECLINED', 'declined'],
      ['CNMCP_ERR_RATE_LIMITED', undefined],
    ],
    'one record per confirmed call, with the answer',
  );
});
