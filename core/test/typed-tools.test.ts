// @Tool is typed: a handler whose input does not match its schema fails the build (checked with the pinned tsc).
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

t.test('a handler typed against its schema compiles', async (t) => {
  // tsc refuses -p together with file names, so compile the file with the project's options given inline.
  const r = spawnSync(process.execPath, [tsc, ...flags(), join(here, 'fixtures/typecheck/right-input.ts')], {
    encoding: 'utf8',
  });
  t.equal(r.status, 0, r.stdout + r.stderr);
});

t.test('a handler typed against the wrong schema does not compile', async (t) => {
  const r = spawnSync(process.execPath, [tsc, ...flags(), join(here, 'fixtures/typecheck/wrong-input.ts')], {
    encoding: 'utf8',
  });
  t.not(r.status, 0);
  t.match(
    r.stdout,
    /wrong-input\.ts\(10,4\): error TS1241: Unable to resolve signature of method decorator/,
    'the error points at the @Tool decorator',
  );
  t.match(r.stdout, /count/, 'and names the mismatched property');
});

function flags(): string[] {
  return [
    '--noEmit',
    '--strict',
    '--skipLibCheck',
    '--experimentalDecorators',
    '--target',
    'ES2022',
    '--module',
    'NodeNext',
    '--moduleResolution',
    'NodeNext',
    '--types',
    'node',
  ];
}
