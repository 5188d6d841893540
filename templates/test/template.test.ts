// The template is a real plugin: its names are only the ones the CLI replaces, and its core range
// includes the core next to it.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import t from 'tap';
import { TEMPLATE_DIR, TEMPLATE_NAMES } from '../src/create.js';

const require_ = createRequire(import.meta.url).resolve;
const core = JSON.parse(readFileSync(new URL('../../core/package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const pkg = JSON.parse(readFileSync(join(TEMPLATE_DIR, 'package.json'), 'utf8'));

t.test('the template declares the current core range everywhere', async (t) => {
  const range = `^${core.version}`;
  t.equal(pkg.peerDependencies['@cnmcp/core'], range);
  t.equal(pkg.devDependencies['@cnmcp/core'], range);
  t.match(readFileSync(join(TEMPLATE_DIR, 'src', 'plugin.ts'), 'utf8'), `core: '${range}'`);
  t.same(pkg.cnmcp, { plugin: TEMPLATE_NAMES.id });
  t.equal(pkg.name, TEMPLATE_NAMES.packageName);
});

t.test('the template ships its .gitignore as gitignore (npm drops .gitignore from tarballs)', async (t) => {
  t.ok(statSync(join(TEMPLATE_DIR, 'gitignore')).isFile());
  t.notOk(readdirSync(TEMPLATE_DIR).includes('.gitignore'));
});

t.test('the template builds and passes its own tests where it is', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const tsc = spawnSync(process.execPath, [require_('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], {
    cwd: TEMPLATE_DIR,
    encoding: 'utf8',
    env,
  });
  t.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  const tap = spawnSync('npx', ['--no-install', 'tap'], { cwd: TEMPLATE_DIR, encoding: 'utf8', env, timeout: 120_000 });
  t.equal(tap.status, 0, tap.stdout.slice(-3000) + tap.stderr.slice(-2000));
});
