// `cnmcp tool-table`: README tool tables generated from plugin metadata, through the real CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cnmcp = (...args: string[]) => {
  const res = spawnSync(process.execPath, [join(ROOT, 'bin', 'cnmcp.js'), 'tool-table', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
};
const work = mkdtempSync(join(tmpdir(), 'cnmcp-tool-table-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

t.test('prints one row per tool: name, title, kind, description, parameters', async (t) => {
  const res = cnmcp('--plugin', 'utilities');
  t.equal(res.status, 0, res.stderr);
  const lines = res.stdout.trim().split('\n');
  t.equal(lines[0], '| Tool | Title | Kind | Description | Parameters |');
  t.equal(lines.length, 2 + 6);
  t.match(res.stdout, '| `utilities_sleep` | Sleep | read-only | ');
  t.match(
    res.stdout,
    '`duration` number, `unit`? ms \\| milliseconds \\| seconds \\| minutes \\| hours = "seconds"',
    'required, optional, unions and defaults; pipes escaped',
  );
});

t.test('every first-party plugin README carries its current table', async (t) => {
  for (const id of ['utilities', 'prometheus', 'alertmanager', 'kubernetes']) {
    const res = cnmcp('--plugin', id, '--write', `plugins/${id}/README.md`, '--check');
    t.equal(res.status, 0, `${id}: ${res.stderr}`);
    t.match(res.stdout, /up to date \(\d+ tools\)/);
  }
});

t.test('--write replaces only the marked block; --check fails on a stale one', async (t) => {
  const file = join(work, 'README.md');
  writeFileSync(file, '# x\n\nbefore\n<!-- tool-table:start -->\nold table\n<!-- tool-table:end -->\nafter\n');
  const stale = cnmcp('--plugin', 'utilities', '--write', file, '--check');
  t.equal(stale.status, 1);
  t.match(stale.stderr, /tool table of utilities is out of date\nHint: run cnmcp tool-table/);
  t.equal(cnmcp('--plugin', 'utilities', '--write', file).status, 0);
  const text = readFileSync(file, 'utf8');
  t.match(text, /^# x\n\nbefore\n<!-- tool-table:start -->\n\| Tool \|/);
  t.match(text, /\|\n<!-- tool-table:end -->\nafter\n$/);
  t.notMatch(text, 'old table');
  t.equal(cnmcp('--plugin', 'utilities', '--write', file, '--check').status, 0);
});

t.test('clear errors: no markers, unknown plugin, no --plugin', async (t) => {
  const file = join(work, 'plain.md');
  writeFileSync(file, '# no markers\n');
  const noMarkers = cnmcp('--plugin', 'utilities', '--write', file);
  t.equal(noMarkers.status, 1);
  t.match(
    noMarkers.stderr,
    /has no <!-- tool-table:start --> … <!-- tool-table:end --> block\nHint: add the two marker lines/,
  );
  t.equal(readFileSync(file, 'utf8'), '# no markers\n', 'file untouched');
  const unknown = cnmcp('--plugin', 'nosuchplugin');
  t.equal(unknown.status, 1);
  t.match(unknown.stderr, /CNMCP_ERR_PLUGIN_NOT_FOUND: --plugin nosuchplugin: no installed plugin has this id/);
  const none = cnmcp();
  t.equal(none.status, 1);
  t.match(none.stderr, /--plugin <id\|path> is required/);
});
