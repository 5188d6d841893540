#!/usr/bin/env node
// Writes docs/errors.md from the core's error table (dist/errors.js): `node scripts/errors-doc.mjs [--check]`.
// --check exits 1 when the file is out of date (the test suite runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Every table the core exports (CoreErrors, ContextErrors, …): one document for all core codes.
const core = await import(join(here, '..', 'dist', 'embed.js'));
const tables = Object.entries(core).filter(
  ([name, value]) => name.endsWith('Errors') && value && typeof value === 'object' && 'specs' in value,
);
const target = join(here, '..', 'docs', 'errors.md');
const specs = Object.assign({}, ...tables.map(([, table]) => table.specs));
const rows = Object.entries(specs).map(([code, spec]) => `| \`${code}\` | ${spec.summary} | ${spec.hint} |`);
const text = `# Core error codes

Generated from the core's error tables (\`core/src/errors.ts\` and the tables it re-exports) by \`node core/scripts/errors-doc.mjs\`; do not edit by hand.

Agents see call-time errors as \`isError\` tool results whose text is \`CODE: message\`, then \`Hint: …\`
(and \`Retry after: Ns\` for temporary conditions). Operators see start-up errors as one line on stderr and exit code 1.
Plugins have their own tables (\`<ID>_ERR_<WHAT>\`), documented in each plugin's README.

| code | meaning | hint |
| --- | --- | --- |
${rows.join('\n')}
`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing */
  }
  if (current !== text) {
    console.error('core/docs/errors.md is out of date: run node core/scripts/errors-doc.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target} (${rows.length} codes)`);
}
