// D4: one call with a 3.9 MB format string blocked the event loop for seconds. Arguments are bounded per tool (a
// default longest string and total size, raised by a maxLength the tool's schema declares), utilities' format
// is capped by its schema, and the server stays responsive.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { Service, Tool, Type } from '@cnmcp/core';
import { startHttpTestServer, startTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';

@Service({ name: 'docs', title: 'Docs', core: '^0.1.0' })
class DocsPlugin {
  @Tool({
    name: 'docs_store',
    description: 'Stores a document (declares a 2 MB body)',
    input: Type.Object({ body: Type.String({ maxLength: 2_000_000 }), note: Type.Optional(Type.String()) }),
    annotations: { readOnlyHint: true },
  })
  store(input: { body: string }) {
    return `stored ${input.body.length}`;
  }
}

const HUGE = '2006-01-02 '.repeat(360_000); // 3.96 MB, as found

t.test('a 3.9 MB format string is refused with a typed error naming the limit', async (t) => {
  const h = await startHttpTestServer({ plugins: [UtilitiesPlugin] });
  t.teardown(() => h.close());
  const pending = h.call('utilities_get_time', { format: HUGE });
  const health = await fetch(`${h.url}/health`);
  t.equal(health.status, 200, '/health answers while the call is handled');
  const r = await pending;
  t.ok(r.isError);
  t.match(r.text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
  t.ok(r.text.length < 2_000, 'the error does not echo the value');
  const small = await h.call('utilities_get_time', { format: '2006-01-02 '.repeat(20) });
  t.notOk(small.isError, 'an ordinary layout still formats');
});

t.test('defaults bound every tool; a schema maxLength raises them for that tool', async (t) => {
  const h = await startTestServer({ plugins: [UtilitiesPlugin, DocsPlugin] });
  t.teardown(() => h.close());
  const big = 'x'.repeat(1_500_000);
  const stored = await h.call('docs_store', { body: big });
  t.notOk(stored.isError, `a declared 2 MB property takes 1.5 MB (${stored.text.slice(0, 80)})`);
  const over = await h.call('docs_store', { body: 'x'.repeat(2_100_000) });
  t.ok(over.isError, 'beyond the declared limit is refused');
  t.match(over.text, /CNMCP_ERR_TOOL_INPUT_INVALID/);
  const undeclared = await h.call('docs_store', { body: 'ok', note: 'n'.repeat(2_100_000) });
  t.ok(undeclared.isError, 'the raised limits still bound the total');
  const nested = await h.call('utilities_get_time', { format: 'RFC3339', extra: { deep: ['y'.repeat(300_000)] } });
  t.ok(nested.isError, 'a long string anywhere in the arguments is refused');
  t.match(nested.text, /argument extra\.deep\.0 is 300000 characters long; the limit is 262144/);
});

t.test('a lone UTF-16 surrogate is invalid input, not an internal failure of the tool', async (t) => {
  const h = await startTestServer({ plugins: [DocsPlugin] });
  t.teardown(() => h.close());
  const r = await h.call('docs_store', { body: 'abc\ud800def' });
  t.ok(r.isError);
  t.match(r.text, /^CNMCP_ERR_TOOL_INPUT_INVALID: .*body contains a lone UTF-16 surrogate/);
  const pair = await h.call('docs_store', { body: 'emoji 😀 is a surrogate pair' });
  t.notOk(pair.isError, 'a well-formed pair is accepted');
});

t.test('a refused oversize call is audited and counted like any invalid input, its value cut', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cnmcp-d4-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'audit.jsonl');
  const h = await startTestServer({ plugins: [DocsPlugin], config: { audit: { file } } });
  t.teardown(() => h.close());
  const r = await h.call('docs_store', { body: 'ok', note: 'n'.repeat(2_100_000) });
  t.ok(r.isError);
  const records = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.equal(records.length, 1, 'one record');
  t.equal(records[0].tool, 'docs_store');
  t.equal(records[0].outcome, 'CNMCP_ERR_TOOL_INPUT_INVALID');
  t.ok(records[0].arguments.note.length < 2_000, 'the long value is cut in the record');
});
