// What each publishable package's tarball holds, read from `npm pack --dry-run --json` (what npm would
// publish): built code, README, the project's LICENSE, the packaging fields a consumer relies on, and none
// of the test files, build caches or source maps of the working tree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
// @ts-expect-error: a plain .mjs script without type declarations
import { ROOT, manifestProblems, npmPack, packProblems, publishableWorkspaces } from '../../scripts/release-pack.mjs';

interface PackEntry {
  name: string;
  version: string;
  filename: string;
  files: Array<{ path: string }>;
}

const dirs: string[] = publishableWorkspaces();
const report: PackEntry[] = npmPack(dirs, { dryRun: true });
const nameOf = (dir: string) => JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')).name as string;

t.test('every first-party package is publishable and packed', async (t) => {
  t.ok(dirs.includes('core') && dirs.includes('templates'), 'core and create-cnmcp-plugin');
  t.ok(dirs.includes('plugins/prometheus'), 'the plugins');
  t.ok(dirs.length >= 12, `${dirs.length} packages`);
  t.same(report.map((e) => e.name).sort(), dirs.map(nameOf).sort(), 'one tarball per package');
});

for (const dir of dirs) {
  t.test(`${dir}: tarball contents and packaging fields`, async (t) => {
    const entry = report.find((e) => e.name === nameOf(dir));
    if (!entry) return t.fail(`no tarball for ${dir}`);
    t.same(packProblems(entry), [], 'dist, README and LICENSE; no tests, build caches or source maps');
    t.same(manifestProblems(dir), [], 'license, engines, exports, files, peerDependencies on @cnmcp/core');
    t.equal(
      readFileSync(join(ROOT, dir, 'LICENSE'), 'utf8'),
      readFileSync(join(ROOT, 'LICENSE'), 'utf8'),
      'the LICENSE is the project one',
    );
  });
}

t.test('the LICENSE file is the Apache License 2.0 that package.json names', async (t) => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  t.equal(pkg.license, 'Apache-2.0');
  t.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0, January 2004/);
});

t.test('the check itself catches what it is for', async (t) => {
  const bad = {
    name: 'x',
    version: '0.0.0',
    filename: 'x.tgz',
    files: [{ path: 'package.json' }, { path: 'dist/index.js.map' }, { path: 'dist/test/a.js' }],
  };
  const problems: string[] = packProblems(bad);
  t.ok(problems.includes('no README.md'));
  t.ok(problems.includes('no LICENSE'));
  t.ok(problems.includes('source map dist/index.js.map'));
  t.ok(problems.includes('test file dist/test/a.js'));
});
