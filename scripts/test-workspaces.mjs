#!/usr/bin/env node
// Runs every workspace's tests (`npm test -w <dir>`) in a few independent lanes at once, so the slow suites
// (the container image build, the core transports) do not wait for each other. Each workspace's output is
// printed whole when it finishes, so logs stay readable and tap's summary lines stay intact.
// Exit code: 0 when every workspace passed. `--list` prints the lanes.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = expand(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces).filter(hasTests);

// The image build is the longest suite and mostly waits on buildah: it gets a lane of its own. The workspace
// checks in tests/ include the release through a local registry, which mostly waits on npm: a lane of its own too.
const lanes = [
  workspaces.filter((w) => w.startsWith('deploy/')),
  workspaces.filter((w) => w === 'tests'),
  workspaces.filter((w) => w === 'core' || w.startsWith('examples/') || w === 'templates'),
  workspaces.filter((w) => w.startsWith('plugins/') || w.startsWith('packages/')),
];

function expand(patterns) {
  const out = [];
  for (const pattern of patterns) {
    if (!pattern.endsWith('/*')) {
      out.push(pattern);
      continue;
    }
    const dir = pattern.slice(0, -2);
    for (const name of readdirSorted(join(root, dir))) out.push(`${dir}/${name}`);
  }
  return out;
}

function readdirSorted(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
}

function hasTests(dir) {
  const file = join(root, dir, 'package.json');
  if (!existsSync(file)) return false;
  return !!JSON.parse(readFileSync(file, 'utf8')).scripts?.test;
}

function run(dir) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['test', '-w', dir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(Buffer.concat(chunks));
      process.stdout.write(`\n== ${dir}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds}s\n\n`);
      resolve(code === 0);
    });
  });
}

async function lane(dirs) {
  let ok = true;
  for (const dir of dirs) ok = (await run(dir)) && ok;
  return ok;
}

if (process.argv.includes('--list')) {
  for (const [i, dirs] of lanes.entries()) console.log(`lane ${i + 1}: ${dirs.join(' ')}`);
  process.exit(0);
}
const results = await Promise.all(lanes.map(lane));
process.exit(results.every(Boolean) ? 0 : 1);
