// Plugins are found by config (path or package) and by auto-discovery, and checked with named errors.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { runCli } from './helpers/cli.js';

const fixtures = fileURLToPath(new URL('./fixtures/plugins/', import.meta.url));
const made: string[] = [];
t.teardown(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A config directory holding copies of fixture plugins, so relative paths resolve against the config file. */
function configDir(yaml: string, plugins: string[] = []): string {
  // Inside the repo (not the system temp dir) so that the copies resolve @cnmcp/core like a plugin next to the server.
  const dir = mkdtempSync(join(fixtures, '..', 'tmp-'));
  made.push(dir);
  for (const p of plugins) cpSync(join(fixtures, p), join(dir, p), { recursive: true });
  writeFileSync(join(dir, 'cnmcp.config.yaml'), yaml);
  return dir;
}

t.test('a plugin listed by relative path loads, gets its config section, and its tools are listed', async (t) => {
  const dir = configDir('autoDiscover: false\nplugins:\n  - ./cnmcp-plugin-good\ngood:\n  level: 3\n', [
    'cnmcp-plugin-good',
  ]);
  const r = await runCli(['tools', '--json', '--config', join(dir, 'cnmcp.config.yaml')]);
  t.equal(r.code, 0, r.stderr);
  const tools = JSON.parse(r.stdout) as Array<{ name: string; plugin: string }>;
  t.same(
    tools.map((x) => [x.name, x.plugin]),
    [['good_hello', 'good']],
  );
});

t.test('auto-discovery finds installed plugins from the host, not the current directory', async (t) => {
  const elsewhere = mkdtempSync(join(tmpdir(), 'cnmcp-cwd-'));
  const r = await runCli(['tools', '--json'], { cwd: elsewhere });
  t.equal(r.code, 0, r.stderr);
  const plugins = new Set((JSON.parse(r.stdout) as Array<{ plugin: string }>).map((x) => x.plugin));
  t.ok(plugins.has('utilities'), `found: ${[...plugins].join(', ')}`);
  writeFileSync(join(elsewhere, 'cnmcp.config.yaml'), 'autoDiscover: false\n');
  const off = await runCli(['tools', '--json'], { cwd: elsewhere });
  t.same(JSON.parse(off.stdout), [], 'autoDiscover: false loads nothing that is not listed');
});

t.test('a plugin built for another core range is refused by name', async (t) => {
  const dir = configDir('autoDiscover: false\nplugins: [./wrong-core]\n', ['wrong-core']);
  const r = await runCli(['check-config', '--config', join(dir, 'cnmcp.config.yaml')]);
  t.equal(r.code, 1);
  t.match(
    r.stderr,
    /CNMCP_ERR_PLUGIN_CORE_RANGE: plugin wrongcore \(\.\/wrong-core\) supports @cnmcp\/core \^7\.0\.0, but this is core 0\.1\.0/,
  );
});

t.test('named errors: not a plugin, bad tool name, missing package, duplicate id', async (t) => {
  const notPlugin = configDir('autoDiscover: false\nplugins: [./not-a-plugin/index.js]\n', ['not-a-plugin']);
  t.match(
    (await runCli(['check-config', '--config', join(notPlugin, 'cnmcp.config.yaml')])).stderr,
    /CNMCP_ERR_PLUGIN_NOT_A_PLUGIN: plugin \.\/not-a-plugin\/index\.js: .* exports no class marked with @Service/,
  );
  const badName = configDir('autoDiscover: false\nplugins: [./bad-tool-name/index.js]\n', ['bad-tool-name']);
  t.match(
    (await runCli(['check-config', '--config', join(badName, 'cnmcp.config.yaml')])).stderr,
    /CNMCP_ERR_TOOL_NAME_INVALID: plugin badname: tool name "Bad\.Name"/,
  );
  const missing = configDir('autoDiscover: false\nplugins: ["@cnmcp/plugin-does-not-exist"]\n');
  const m = await runCli(['check-config', '--config', join(missing, 'cnmcp.config.yaml')]);
  t.equal(m.code, 1);
  t.match(m.stderr, /CNMCP_ERR_PLUGIN_NOT_FOUND: plugin package @cnmcp\/plugin-does-not-exist is not installed/);
  const dup = configDir('autoDiscover: false\nplugins: [./cnmcp-plugin-good, ./copy]\n', ['cnmcp-plugin-good']);
  cpSync(join(dup, 'cnmcp-plugin-good'), join(dup, 'copy'), { recursive: true });
  t.match(
    (await runCli(['check-config', '--config', join(dup, 'cnmcp.config.yaml')])).stderr,
    /CNMCP_ERR_PLUGIN_ID_DUPLICATE: plugin id 'good' is provided by both \.\/cnmcp-plugin-good and \.\/copy/,
  );
});

t.test('a plugin config section that fails its schema names the key', async (t) => {
  const dir = configDir('autoDiscover: false\nplugins: [./cnmcp-plugin-good]\ngood:\n  level: high\n', [
    'cnmcp-plugin-good',
  ]);
  const r = await runCli(['check-config', '--config', join(dir, 'cnmcp.config.yaml')]);
  t.equal(r.code, 1);
  t.match(r.stderr, /CNMCP_ERR_PLUGIN_CONFIG_INVALID: plugin good: good\.level: must be a whole number \(got "high"\)/);
});
