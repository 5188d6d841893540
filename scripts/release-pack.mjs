#!/usr/bin/env node
// npm run release:pack [-- --out DIR] [--no-build] [--dry-run]
// Builds every publishable workspace (the ones not marked private) and packs each into one folder
// (default release/), then checks what each tarball holds: built code present, no tests, no build
// caches, no source maps pointing at sources the tarball leaves out, README and LICENSE present.
// Prints one line per tarball and writes DIR/manifest.json ({ name, version, file } per package).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const ROOT = new URL('..', import.meta.url).pathname;

/** The workspaces npm would publish: every one whose package.json is not private. */
export function publishableWorkspaces(root = ROOT) {
  const patterns = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
  const dirs = patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(root, parent))
      .filter((name) => statSync(join(root, parent, name)).isDirectory())
      .sort()
      .map((name) => `${parent}/${name}`);
  });
  return dirs.filter((dir) => {
    const file = join(root, dir, 'package.json');
    return existsSync(file) && !JSON.parse(readFileSync(file, 'utf8')).private;
  });
}

/** `npm pack --json` for the given workspaces; returns npm's report (one entry per tarball). */
export function npmPack(dirs, { dryRun = false, out, root = ROOT } = {}) {
  const args = ['pack', '--json', ...dirs.flatMap((d) => ['-w', d])];
  if (dryRun) args.push('--dry-run');
  if (out) args.push('--pack-destination', out);
  // Nested npm runs must not inherit the workspace flags of an enclosing `npm run`/`npm test`.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const res = spawnSync('npm', args, { cwd: root, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${res.status}):\n${res.stderr}`);
  // Lifecycle scripts (prepack) may print before the JSON; the report is the last top-level array.
  return JSON.parse(res.stdout.slice(res.stdout.lastIndexOf('\n[') + 1 || 0));
}

/** What is wrong with one tarball's file list (an entry of npm's report); empty when nothing is. */
export function packProblems(entry) {
  const files = entry.files.map((f) => f.path);
  const has = (p) => files.includes(p);
  const problems = [];
  if (!has('package.json')) problems.push('no package.json');
  if (!has('README.md')) problems.push('no README.md');
  if (!has('LICENSE')) problems.push('no LICENSE');
  if (!files.some((f) => f.startsWith('dist/') && f.endsWith('.js'))) problems.push('no built code under dist/');
  // The scaffolding package ships a whole plugin template, tests and fixtures included, on purpose.
  const own = files.filter((f) => !f.startsWith('plugin/'));
  for (const f of own) {
    if (/(^|\/)(test|tests|__tests__)\//.test(f) || /\.test\.[cm]?[jt]s$/.test(f)) problems.push(`test file ${f}`);
    if (f.endsWith('.tsbuildinfo')) problems.push(`build cache ${f}`);
    if (/(^|\/)(\.tap|coverage|node_modules)\//.test(f)) problems.push(`stray ${f}`);
  }
  for (const f of files) {
    if (!f.endsWith('.map')) continue;
    // A map is only useful with the sources it names; the packages ship built code only.
    problems.push(`source map ${f}`);
  }
  return problems;
}

/** Checks the package.json fields a published plugin or core needs; empty when all are right. */
export function manifestProblems(dir, root = ROOT) {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const problems = [];
  if (pkg.license !== rootPkg.license) problems.push(`license ${pkg.license} (the LICENSE file is ${rootPkg.license})`);
  if (pkg.engines?.node !== rootPkg.engines.node) problems.push(`engines.node ${pkg.engines?.node}`);
  if (!pkg.exports?.['.']) problems.push('no exports["."]');
  if (!Array.isArray(pkg.files)) problems.push('no files list');
  if (pkg.name !== '@cnmcp/core') {
    const core = JSON.parse(readFileSync(join(root, 'core', 'package.json'), 'utf8'));
    const peer = pkg.peerDependencies?.['@cnmcp/core'];
    const wanted = `^${core.version}`;
    if (pkg.name !== 'create-cnmcp-plugin' && peer !== wanted) problems.push(`peerDependencies @cnmcp/core ${peer}`);
    if (pkg.dependencies?.['@cnmcp/core']) problems.push('@cnmcp/core in dependencies (a second copy of core)');
  }
  return problems;
}

function summary(problems) {
  const shown = problems.slice(0, 3).join('; ');
  return problems.length > 3 ? `${shown}; and ${problems.length - 3} more` : shown;
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'release' },
      build: { type: 'boolean', default: true },
      'dry-run': { type: 'boolean', default: false },
    },
    allowNegative: true,
  });
  const dirs = publishableWorkspaces();
  if (values.build) {
    for (const [cmd, args] of [
      ['npx', ['tsc', '-b', ...dirs]],
      [process.execPath, [join(ROOT, 'scripts', 'bundle.mjs')]],
    ]) {
      const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
      if (res.status !== 0) process.exit(res.status ?? 1);
    }
  }
  const out = resolve(ROOT, values.out);
  mkdirSync(out, { recursive: true });
  const report = npmPack(dirs, { dryRun: values['dry-run'], out });
  const dirOf = new Map(dirs.map((d) => [JSON.parse(readFileSync(join(ROOT, d, 'package.json'), 'utf8')).name, d]));
  let bad = 0;
  for (const entry of report) {
    const problems = [...manifestProblems(dirOf.get(entry.name)), ...packProblems(entry)];
    bad += problems.length;
    const size = `${Math.round(entry.size / 1024)} kB`;
    console.log(
      `${problems.length ? 'FAIL' : 'ok  '} ${entry.filename.padEnd(42)} ${size.padStart(7)}  ${summary(problems)}`,
    );
  }
  const manifest = report.map((e) => ({ name: e.name, version: e.version, file: e.filename }));
  if (!values['dry-run']) writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`${report.length} tarballs ${values['dry-run'] ? '(dry run) ' : ''}in ${out}`);
  process.exit(bad ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) await main();
