// The release as a plugin author outside this repository gets it: every package packed, published to a real
// npm registry (verdaccio on 127.0.0.1, storage in a temporary folder), then, in empty folders outside the
// clone whose npm knows only that registry: create-cnmcp-plugin from the registry → npm install → build → the
// plugin's own tests → published → a server folder installs @cnmcp/core, @cnmcp/plugin-prometheus and the
// plugin → `cnmcp serve` loads the plugin by path and by package name → the MCP Inspector calls its tool.
//
// Where third-party packages come from: npm here talks only to verdaccio on 127.0.0.1. The cnmcp packages
// exist only as published by this test (verdaccio never looks them up elsewhere); for every other package
// (fastify, tap, typescript, …) verdaccio itself asks the registry this machine's npm is configured with
// (`npm config get registry`), as a company registry proxies the public one. The test process and every npm
// it runs connect to 127.0.0.1 only. Nothing here reads or writes the clone's node_modules: npm gets its own
// cache, userconfig and globalconfig in the temporary folder.
//
// Needs tools/verdaccio and tools/inspector (`bash tools/install.sh verdaccio inspector`): skipped with that
// hint when missing, failed under CI=true.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { startEmulator } from '@cnmcp/core/testing';
import { cleanEnv, startRegistry, type Registry } from './helpers/registry.js';
// @ts-expect-error: a plain .mjs script without type declarations
import { npmPack, publishableWorkspaces } from '../../scripts/release-pack.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VERDACCIO = join(ROOT, 'tools', 'verdaccio', 'node_modules', '.bin', 'verdaccio');
const INSPECTOR = join(ROOT, 'tools', 'inspector', 'node_modules', '.bin', 'mcp-inspector');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'core', 'package.json'), 'utf8')).version as string;

// Most of the time is the first npm install: verdaccio fetching some 500 packages' metadata and tarballs from
// its uplink (2 to 9 minutes on a loaded 2-core machine); later installs take them from the run's npm cache.
t.setTimeout(1_200_000);

const missing = Object.entries({ verdaccio: VERDACCIO, inspector: INSPECTOR }).filter(([, p]) => !existsSync(p));
if (missing.length) {
  const names = missing.map(([name]) => name);
  const why = `tools/${names.join(' and tools/')} not installed (bash tools/install.sh ${names.join(' ')})`;
  if (process.env.CI === 'true') t.fail(`${why}; CI=true requires it`);
  else t.skip(why);
  process.exit(process.env.CI === 'true' ? 1 : 0);
}

// Under the system temporary folder: outside the clone, so no node_modules of the clone is on any lookup path.
const work = realpathSync(mkdtempSync(join(tmpdir(), 'cnmcp-release-')));
// About 1 GB by the end (three installs, npm's cache, verdaccio's storage): removed in the background so the
// test does not wait minutes on the disk.
t.teardown(() => spawn('rm', ['-rf', work], { detached: true, stdio: 'ignore' }).unref());
const clonePath = realpathSync(ROOT).replace(/\/$/, '');

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 600_000) {
  return new Promise<{ status: number | null; out: string }>((resolve) => {
    // Its own process group, so a timeout ends the npm it started too (npm exec → the CLI → npm install).
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n(killed after ${timeoutMs / 1000} s)`;
      process.kill(-child.pid!, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}
const tail = (s: string) => s.slice(-4000);
/** Exit status 0, with the command's output shown only when it is not. */
function succeeded(t: Test, res: { status: number | null; out: string }, label: string) {
  t.equal(res.status, 0, res.status === 0 ? label : `${label}:\n${tail(res.out)}`);
}

// The registry the machine's npm uses: npm passes it to `npm test` as npm_config_registry.
const uplink =
  process.env.npm_config_registry ||
  spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8', env: cleanEnv() }).stdout.trim() ||
  'https://registry.npmjs.org/';
const registry: Registry = await startRegistry(VERDACCIO, join(work, 'registry'), uplink);
t.teardown(() => registry.close());
const npm = (args: string[], cwd: string, timeoutMs?: number) => run('npm', args, cwd, registry.env, timeoutMs);

const author = join(work, 'author');
const acme = join(author, 'acme');
const server = join(work, 'server');
mkdirSync(author);
mkdirSync(server);

t.test('every package packs and publishes to the registry', async (t) => {
  const out = join(work, 'tarballs');
  mkdirSync(out);
  const report = npmPack(publishableWorkspaces(), { out }) as Array<{ name: string; filename: string }>;
  t.ok(report.length >= 12, `${report.length} tarballs`);
  // A few at a time: each npm publish is its own process.
  const queue = [...report];
  const failures: string[] = [];
  await Promise.all(
    [1, 2, 3, 4].map(async () => {
      for (let e = queue.shift(); e; e = queue.shift()) {
        const res = await npm(['publish', join(out, e.filename), '--access', 'public'], out, 120_000);
        if (res.status !== 0) failures.push(`${e.name}: ${tail(res.out)}`);
      }
    }),
  );
  t.same(failures, [], 'npm publish succeeded for each');
  const meta = await fetch(`${registry.url}@cnmcp%2fcore`).then((r) => r.json() as Promise<{ versions: object }>);
  t.ok(VERSION in meta.versions, `@cnmcp/core@${VERSION} is on the registry`);
});

t.test(
  'npm exec create-cnmcp-plugin from the registry scaffolds a plugin that builds and passes its tests',
  async (t) => {
    const created = await npm(['exec', `create-cnmcp-plugin@${VERSION}`, 'acme', '--', '--no-interactive'], author);
    succeeded(t, created, 'the CLI exits 0');
    t.match(created.out, 'created cnmcp-plugin-acme (plugin id acme)');
    const install = await npm(['install'], acme);
    succeeded(t, install, 'npm install');
    const core = JSON.parse(readFileSync(join(acme, 'node_modules', '@cnmcp', 'core', 'package.json'), 'utf8'));
    t.equal(core.version, VERSION, 'its @cnmcp/core came from the registry');
    t.notOk(
      readFileSync(join(acme, 'package-lock.json'), 'utf8').includes(clonePath),
      'the lockfile names no clone path',
    );
    const build = await npm(['run', 'build'], acme);
    succeeded(t, build, 'npm run build');
    const test = await npm(['test'], acme);
    succeeded(t, test, "npm test (the plugin's own tap tests)");
    t.match(test.out, /# \{ total: \d+, pass: \d+ \}/);
  },
);

t.test('the author adds a dependency and publishes the plugin', async (t) => {
  const add = await npm(['install', 'ms@2.1.3'], acme);
  succeeded(t, add, 'npm install ms@2.1.3');
  const lock = readFileSync(join(acme, 'package-lock.json'), 'utf8');
  t.match(JSON.parse(lock).packages['node_modules/ms'], { version: '2.1.3' });
  t.notOk(lock.includes(clonePath), 'the lockfile names no clone path');
  const publish = await npm(['publish'], acme);
  succeeded(t, publish, 'npm publish');
});

t.test('a server folder installs core, a first-party plugin and the new plugin from the registry', async (t) => {
  writeFileSync(join(server, 'package.json'), JSON.stringify({ name: 'acme-mcp-server', private: true }));
  const install = await npm(
    ['install', `@cnmcp/core@${VERSION}`, `@cnmcp/plugin-prometheus@${VERSION}`, 'cnmcp-plugin-acme@0.1.0'],
    server,
  );
  succeeded(t, install, 'npm install');
  t.ok(existsSync(join(server, 'node_modules', '.bin', 'cnmcp')), 'the cnmcp command is installed');
  t.notOk(readFileSync(join(server, 'package-lock.json'), 'utf8').includes(clonePath), 'no clone path');
});

t.test('cnmcp serve loads the plugin by path and by package name; the Inspector calls its tool', async (t) => {
  const backend = await startEmulator({
    'GET /api/v1/items': () => ({ body: { items: [{ id: 'w-1', name: 'sprocket', status: 'active' }], total: 1 } }),
    'GET /healthz': () => ({ body: 'ok', headers: { 'content-type': 'text/plain' } }),
  });
  t.teardown(() => backend.close());
  const cnmcp = join(server, 'node_modules', '.bin', 'cnmcp');
  for (const [how, entry] of [
    ['by path', JSON.stringify(acme)],
    ['by package name', 'cnmcp-plugin-acme'],
  ]) {
    const config = join(server, `cnmcp-${how.replace(/ /g, '-')}.yaml`);
    writeFileSync(
      config,
      `autoDiscover: false\nplugins:\n  - ${entry}\n  - "@cnmcp/plugin-prometheus"\n` +
        'toolsets:\n  listUnconfigured: true\nlog:\n  level: warn\n',
    );
    const serveArgs = ['serve', '--config', config, '--transport', 'stdio'];
    const inspect = (...args: string[]) =>
      run(
        INSPECTOR,
        [
          '--cli',
          '--connect-timeout',
          '60000',
          '-e',
          `ACME_URL=${backend.url}`,
          ...args,
          '--format',
          'json',
          '--',
          cnmcp,
          ...serveArgs,
        ],
        server,
        cleanEnv(),
        120_000,
      ).then((r) => ({ ...r, result: JSON.parse(r.out.split('\n').find((l) => l.startsWith('{"result"')) ?? '{}') }));
    const list = await inspect('--method', 'tools/list');
    succeeded(t, list, `${how}: tools/list exits 0`);
    const names = ((list.result.result?.tools ?? []) as Array<{ name: string }>).map((x) => x.name);
    t.ok(names.includes('acme_list_items'), `${how}: the plugin's tools are listed`);
    t.ok(
      names.some((n) => n.startsWith('prometheus_')),
      `${how}: the first-party plugin is loaded next to it`,
    );
    const call = await inspect('--method', 'tools/call', '--tool-name', 'acme_list_items');
    succeeded(t, call, `${how}: tools/call exits 0`);
    const text = (call.result.result?.content as Array<{ text: string }>)?.[0]?.text ?? '';
    t.match(JSON.parse(text || '{}'), { items: [{ id: 'w-1' }], returned: 1 }, `${how}: the tool answers`);
  }
});

t.test('scaffolded from the clone into a folder outside it: core is vendored, npm install <dep> works', async (t) => {
  const beta = join(work, 'beta');
  const created = await run(
    process.execPath,
    [join(ROOT, 'templates', 'cli.js'), 'beta', '--no-interactive', '--dir', beta],
    work,
    registry.env,
  );
  succeeded(t, created, 'the CLI exits 0');
  const pkg = JSON.parse(readFileSync(join(beta, 'package.json'), 'utf8'));
  t.equal(
    pkg.devDependencies['@cnmcp/core'],
    `file:vendor/cnmcp-core-${VERSION}.tgz`,
    'the packed core, inside the plugin',
  );
  const add = await npm(['install', 'ms@2.1.3'], beta);
  succeeded(t, add, 'npm install ms@2.1.3');
  const lock = readFileSync(join(beta, 'package-lock.json'), 'utf8');
  t.notOk(lock.includes(clonePath), 'the lockfile names no clone path');
  t.match(JSON.parse(lock).packages['node_modules/@cnmcp/core'], { resolved: `file:vendor/cnmcp-core-${VERSION}.tgz` });
  const build = await npm(['run', 'build'], beta);
  succeeded(t, build, 'npm run build');
});
