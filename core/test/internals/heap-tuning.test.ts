// `cnmcp serve` turns V8's allocation-site pretenuring off, unless the node command line decides it either way.
import { spawnSync } from 'node:child_process';
import t from 'tap';
import { tuneHeapForServing } from '../../src/cli/heap-tuning.js';

t.test('an explicit choice on the node command line is kept', async (t) => {
  t.equal(tuneHeapForServing(['--allocation-site-pretenuring']), false);
  t.equal(tuneHeapForServing(['--no-allocation-site-pretenuring']), false);
  t.equal(tuneHeapForServing(['--max-old-space-size=512', '--no-allocation_site_pretenuring']), false);
});

t.test('otherwise the flag is set', async (t) => {
  t.equal(tuneHeapForServing([]), true);
  t.equal(tuneHeapForServing(['--max-old-space-size=512']), true);
});

t.test('this V8 knows the flag (an unknown one is reported on stderr and ignored)', async (t) => {
  const script = [
    "const { setFlagsFromString } = require('node:v8');",
    "setFlagsFromString('--no-allocation-site-pretenuring');",
    'let keep = [];',
    'for (let i = 0; i < 200000; i++) { keep.push({ i }); if (keep.length > 1000) keep = []; }',
    "process.stdout.write('ok');",
  ].join('\n');
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  t.equal(child.status, 0, child.stderr);
  t.equal(child.stderr, '', 'no "unrecognized flag" from V8');
  t.equal(child.stdout, 'ok');
});
