// One table of codes, each documented; the doc is generated from the table and must be current.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import * as core from '@cnmcp/core/server';
import { defineErrors } from '@cnmcp/core';
import { CoreErrors } from '@cnmcp/core/server';

const doc = readFileSync(fileURLToPath(new URL('../docs/errors.md', import.meta.url)), 'utf8');

t.test('every core code follows the naming rule, has a summary and a hint, and is documented', async (t) => {
  const codes = Object.keys(CoreErrors.specs);
  t.equal(codes.length, 51, 'the exact number of core codes (a change to the table is a visible diff)');
  for (const code of codes) {
    t.match(code, /^CNMCP_ERR_[A-Z0-9_]+$/);
    const spec = CoreErrors.specs[code as keyof typeof CoreErrors.specs];
    t.ok(spec.summary.length > 10 && spec.hint.length > 5, `${code} has text`);
    t.ok(doc.includes(`\`${code}\``), `${code} is in docs/errors.md`);
  }
  const allTables = Object.entries(core).filter(
    ([name, v]) => name.endsWith('Errors') && v && typeof v === 'object' && 'specs' in v,
  );
  const allCodes = allTables.flatMap(([, table]) => Object.keys((table as { specs: object }).specs));
  const documented = [...doc.matchAll(/`(CNMCP_ERR_[A-Z0-9_]+)`/g)].map((m) => m[1]);
  t.same(documented.sort(), [...allCodes].sort(), 'the doc lists exactly the core tables');
});

t.test('docs/errors.md is up to date with the table', async (t) => {
  const script = fileURLToPath(new URL('../scripts/errors-doc.mjs', import.meta.url));
  t.doesNotThrow(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' }));
});

t.test('defineErrors refuses malformed codes and renders CODE: message / Hint', async (t) => {
  t.throws(() => defineErrors({ bad_code: { summary: 'x', hint: 'y' } }), /does not match/);
  const table = defineErrors({ DEMO_ERR_THING: { summary: 'A thing failed.', hint: 'Try another thing.' } });
  t.equal(
    table.create('DEMO_ERR_THING', 'the thing broke').toText(),
    'DEMO_ERR_THING: the thing broke\nHint: Try another thing.',
  );
  t.equal(table.create('DEMO_ERR_THING', 'x', { hint: 'specific' }).toText(), 'DEMO_ERR_THING: x\nHint: specific');
});
