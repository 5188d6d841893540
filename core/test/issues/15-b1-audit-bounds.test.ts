// B1: every audited string is bounded, and auth failures cannot rotate call records out of the audit file.
// D2 (audit part): deeply nested arguments still leave a record.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startHttpTestServer } from '@cnmcp/core/testing';
import { VaultPlugin } from '../fixtures/security-plugins.js';

const KEY = 'k_bounds_0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'cnmcp-audit-bounds-'));
const lines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, any>)
    : [];

t.test('auth failures with a huge User-Agent are bounded and budgeted', async (t) => {
  const file = join(dir, 'audit.jsonl');
  const h = await startHttpTestServer({
    plugins: [VaultPlugin],
    headers: { 'x-api-key': KEY },
    config: {
      audit: { file, maxFileBytes: 1_048_576, maxFiles: 2 },
      auth: { apiKeys: [{ name: 'alice', key: KEY, scopes: ['vault:read'] }] },
    },
  });
  t.teardown(() => h.close());
  await h.call('vault_list_items', {
    prefix: 'p'.repeat(100_000),
    // Deeper than the audit keeps, within what the HTTP parser accepts (deeper bodies are refused, D1).
    deep: JSON.parse('['.repeat(60) + ']'.repeat(60)),
  });
  const agent = 'A'.repeat(15_000);
  for (let i = 0; i < 220; i++) {
    await fetch(`${h.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': `k_wrong_${i}_0123456789abcdef`,
        'user-agent': agent,
      },
      body: '{}',
    });
  }
  const records = lines(file);
  const call = records.find((r) => r.type === 'tool_call');
  t.ok(call, 'the call record is still in the audit file');
  t.ok(JSON.stringify(call).length < 20_000, 'the call record is bounded');
  const failures = records.filter((r) => r.type === 'auth_failure');
  t.ok(failures.length > 0 && failures.length <= 60, `auth failures budgeted (${failures.length} written)`);
  for (const f of failures) t.ok(f.client.userAgent.length < 1_200, 'the User-Agent is cut');
});
