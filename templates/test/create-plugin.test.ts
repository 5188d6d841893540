// The whole path a plugin author takes, from a clean tree and with no terminal: the CLI creates the package,
// it builds and its own tests pass against the workspace's core, `cnmcp serve` loads it by path from a
// config, and the MCP Inspector CLI (a client nobody here wrote) lists and calls its tools.
// No generated file is edited on the way.
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startEmulator } from '@cnmcp/core/testing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CNMCP = join(ROOT, 'bin', 'cnmcp.js');
const INSPECTOR = join(ROOT, 'tools', 'inspector', 'node_modules', '.bin', 'mcp-inspector');

/** The parent `npm test` leaves npm_* variables (workspace flags among them) that must not leak into nested npm runs. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

function run(cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  const res = spawnSync(cmd, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(),
    timeout: 240_000,
    ...options,
  });
  return { status: res.status, stdout: String(res.stdout ?? ''), stderr: String(res.stderr ?? '') };
}

/** Like run, but without blocking the event loop (the emulator answers from this process). */
function runAsync(
  cmd: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill(), options.timeoutMs ?? 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    if (e === 'node_modules' || e === 'dist' || e === '.tap') return [];
    const p = join(dir, e);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const work = realpathSync(mkdtempSync(join(tmpdir(), 'cnmcp-create-')));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
const dir = join(work, 'acme-widgets');

t.test('npm exec create-cnmcp-plugin creates the package without a terminal', async (t) => {
  const res = run(
    'npm',
    ['exec', 'create-cnmcp-plugin', 'acme-widgets', '--', '--no-interactive', '--link', '--dir', dir],
    {
      cwd: ROOT,
    },
  );
  t.equal(res.status, 0, res.stderr);
  t.match(res.stdout, 'created cnmcp-plugin-acme-widgets (plugin id acmewidgets)');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  t.equal(pkg.name, 'cnmcp-plugin-acme-widgets');
  t.same(pkg.cnmcp, { plugin: 'acmewidgets' });
  t.ok(existsSync(join(dir, '.gitignore')), 'gitignore is renamed to .gitignore');
  t.notOk(existsSync(join(dir, 'gitignore')));
  t.equal(
    realpathSync(join(dir, 'node_modules', '@cnmcp', 'core')),
    realpathSync(join(ROOT, 'core')),
    'linked to the workspace core',
  );
  const leftovers = filesUnder(dir).filter((f) => /sample/i.test(readFileSync(f, 'utf8')));
  t.same(leftovers, [], 'every template name was replaced');
  t.match(readFileSync(join(dir, 'src', 'plugin.ts'), 'utf8'), "name: 'acmewidgets'");
  t.match(readFileSync(join(dir, 'src', 'tools', 'items.ts'), 'utf8'), "name: 'acmewidgets_list_items'");
});

t.test('the generated plugin builds and its own tests pass', async (t) => {
  const build = run('npm', ['run', 'build'], { cwd: dir });
  t.equal(build.status, 0, build.stdout + build.stderr);
  t.ok(existsSync(join(dir, 'dist', 'index.js')));
  const test = run('npm', ['test'], { cwd: dir });
  t.equal(test.status, 0, test.stdout.slice(-3000) + test.stderr.slice(-2000));
  t.match(test.stdout, /ok \d+ - test\/tools\.test\.ts/);
  const table = run(
    process.execPath,
    [CNMCP, 'tool-table', '--plugin', 'acmewidgets', '--write', 'README.md', '--check'],
    { cwd: dir },
  );
  t.equal(table.status, 0, `README tool table is current: ${table.stderr}`);
});

t.test('cnmcp serve loads it by path and the Inspector CLI lists and calls its tools', async (t) => {
  if (!existsSync(INSPECTOR)) {
    const why = 'the MCP Inspector CLI is not installed (bash tools/install.sh inspector)';
    if (process.env.CI === 'true') {
      t.fail(`${why}; CI=true requires it`);
      return;
    }
    t.skip(why);
    return;
  }
  const backend = await startEmulator({
    'GET /api/v1/items': (req) => ({
      body: { items: [{ id: 'w-1', name: 'sprocket', status: req.query.get('status') ?? 'active' }], total: 1 },
    }),
    'GET /api/v1/items/:id': () => ({ status: 404, body: { error: 'item not found' } }),
    'GET /healthz': () => ({ body: 'ok', headers: { 'content-type': 'text/plain' } }),
  });
  t.teardown(() => backend.close());
  const config = join(work, 'cnmcp.config.yaml');
  // Only this plugin: auto-discovery off, so the workspace's own plugins stay out of the listing.
  writeFileSync(config, 'autoDiscover: false\nplugins:\n  - ./acme-widgets\nlog:\n  level: warn\n');
  const inspect = (...args: string[]) =>
    runAsync(
      INSPECTOR,
      [
        '--cli',
        // A loaded machine can take longer than the default 15 s to start the server.
        '--connect-timeout',
        '60000',
        '-e',
        `ACMEWIDGETS_URL=${backend.url}`,
        ...args,
        '--format',
        'json',
        '--',
        process.execPath,
        CNMCP,
        'serve',
        '--config',
        config,
        '--transport',
        'stdio',
      ],
      { cwd: work },
    );
  const result = (out: string) => JSON.parse(out.split('\n').find((l) => l.startsWith('{"result"')) ?? '{}').result;

  const list = await inspect('--method', 'tools/list');
  t.equal(list.status, 0, list.stderr);
  const tools = result(list.stdout).tools as Array<{ name: string; annotations: Record<string, unknown> }>;
  t.same(tools.map((x) => x.name).sort(), [
    'acmewidgets_get_item',
    'acmewidgets_list_backends',
    'acmewidgets_list_items',
  ]);
  t.equal(tools[0].annotations.readOnlyHint, true);

  const call = await inspect(
    '--method',
    'tools/call',
    '--tool-name',
    'acmewidgets_list_items',
    '--tool-args-json',
    '{"status":"archived","limit":5}',
  );
  t.equal(call.status, 0, call.stderr);
  const text = (result(call.stdout).content as Array<{ text: string }>)[0].text;
  t.match(JSON.parse(text), { items: [{ id: 'w-1', status: 'archived' }], returned: 1 });
  const seen = backend.requests.find((r) => r.path === '/api/v1/items');
  t.equal(seen?.query.get('limit'), '5', 'the backend received the call');

  const missing = await inspect(
    '--method',
    'tools/call',
    '--tool-name',
    'acmewidgets_get_item',
    '--tool-arg',
    'id=nope',
  );
  t.equal(missing.status, 5, 'exit 5: the tool returned isError');
  t.match(missing.stdout + missing.stderr, /ACMEWIDGETS_ERR_ITEM_NOT_FOUND/);
});

t.test('installed next to the server (as from a tarball), auto-discovery finds it', async (t) => {
  // A server project: its own copy of @cnmcp/core, the core's dependencies, and the plugin installed as
  // npm installs a tarball (package.json + dist, no node_modules of its own).
  const project = join(work, 'server-project');
  const nm = join(project, 'node_modules');
  mkdirSync(join(nm, '@cnmcp', 'core'), { recursive: true });
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (['@cnmcp', '.bin', '.package-lock.json', 'create-cnmcp-plugin'].includes(entry)) continue;
    symlinkSync(realpathSync(join(ROOT, 'node_modules', entry)), join(nm, entry));
  }
  cpSync(join(ROOT, 'core', 'package.json'), join(nm, '@cnmcp', 'core', 'package.json'));
  cpSync(join(ROOT, 'core', 'dist'), join(nm, '@cnmcp', 'core', 'dist'), { recursive: true });
  const installed = join(nm, 'cnmcp-plugin-acme-widgets');
  mkdirSync(installed);
  cpSync(join(dir, 'package.json'), join(installed, 'package.json'));
  cpSync(join(dir, 'dist'), join(installed, 'dist'), { recursive: true });
  // No backend is configured: toolsets.listUnconfigured lists the plugin's tools anyway.
  writeFileSync(join(project, 'cnmcp.config.yaml'), 'log:\n  level: warn\ntoolsets:\n  listUnconfigured: true\n');
  writeFileSync(
    join(project, 'serve.mjs'),
    "import { main } from '@cnmcp/core/cli';\nawait main(['serve', '--transport', 'stdio']);\n",
  );

  const client = new Client({ name: 'create-plugin-test', version: '1.0.0' }, { capabilities: {} });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ['serve.mjs'],
      cwd: project,
      env: cleanEnv() as Record<string, string>,
      stderr: 'pipe',
    }),
  );
  t.teardown(() => client.close());
  const names = (await client.listTools()).tools.map((x) => x.name).sort();
  t.same(
    names,
    ['acmewidgets_get_item', 'acmewidgets_list_backends', 'acmewidgets_list_items'],
    'found by discovery alone (autoDiscover is on by default)',
  );
  const res = await client.callTool({ name: 'acmewidgets_list_items', arguments: {} });
  t.ok(res.isError);
  t.match(
    (res.content as Array<{ text: string }>)[0].text,
    /^CNMCP_ERR_BACKEND_NOT_CONFIGURED: acmewidgets has no backend configured\nHint: Set acmewidgets\.targets\.<name>\.url .* or the ACMEWIDGETS_URL env var/,
  );
});

t.test('without a terminal the CLI never waits for input; bad input exits 1 with a fix', async (t) => {
  const cli = join(ROOT, 'templates', 'cli.js');
  // stdin stays open (a pipe nobody writes to): the CLI must still answer at once.
  const child = spawn(process.execPath, [cli], { stdio: ['pipe', 'pipe', 'pipe'], env: cleanEnv() });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill();
      resolve(null);
    }, 20_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  child.stdin.destroy();
  t.equal(code, 1, 'exited instead of prompting');
  t.match(stderr, /a plugin name is required/);

  const bad = run(process.execPath, [cli, 'Acme_Widgets', '--dir', join(work, 'bad')]);
  t.equal(bad.status, 1);
  t.match(bad.stderr, /name "Acme_Widgets" is not allowed/);
  t.match(bad.stderr, /Hint: Try: create-cnmcp-plugin acme-widgets/);
  t.notOk(existsSync(join(work, 'bad')), 'nothing written');

  mkdirSync(join(work, 'taken'));
  writeFileSync(join(work, 'taken', 'notes.txt'), 'mine');
  const taken = run(process.execPath, [cli, 'widgets', '--dir', join(work, 'taken'), '--no-install']);
  t.equal(taken.status, 1);
  t.match(taken.stderr, /taken is not empty/);
  t.same(readdirSync(join(work, 'taken')), ['notes.txt'], 'a non-empty directory is left alone');

  const noInstall = run(process.execPath, [cli, 'gadgets', '--dir', join(work, 'gadgets'), '--no-install']);
  t.equal(noInstall.status, 0, noInstall.stderr);
  t.notOk(existsSync(join(work, 'gadgets', 'node_modules')), '--no-install leaves dependencies alone');
  t.match(noInstall.stdout, /npm install/);
});
