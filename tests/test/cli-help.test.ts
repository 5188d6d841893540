// `cnmcp help` works, and the README's command list is the one `cnmcp --help` prints.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cnmcp = (...args: string[]) =>
  spawnSync(process.execPath, [`${ROOT}bin/cnmcp.js`, ...args], { encoding: 'utf8', timeout: 30_000 });

/** Command names from the "Commands:" block of the main help text. */
function helpCommands(text: string): string[] {
  const block = text.split('Commands:\n')[1]?.split('\n\n')[0] ?? '';
  return block
    .split('\n')
    .map((line) => /^\s+([a-z-]+)\s/.exec(line)?.[1])
    .filter((x): x is string => !!x);
}

t.test('cnmcp help prints the main help and exits 0, like --help', async (t) => {
  const help = cnmcp('help');
  t.equal(help.status, 0, help.stderr);
  t.equal(help.stdout, cnmcp('--help').stdout);
  t.ok(helpCommands(help.stdout).includes('serve'));
});

t.test('cnmcp help <command> is <command> --help', async (t) => {
  // Two commands, not all: each run loads the whole core, seconds apiece on a busy machine.
  for (const command of ['serve', 'tool-table']) {
    const res = cnmcp('help', command);
    t.equal(res.status, 0, `${command}: ${res.stderr}`);
    t.equal(res.stdout, cnmcp(command, '--help').stdout, command);
    t.match(res.stdout, `Usage: cnmcp ${command}`);
  }
});

t.test('cnmcp tool-table --plugin with an unknown id names the option and the installed ids', async (t) => {
  const res = cnmcp('tool-table', '--plugin', 'no-such-plugin');
  t.equal(res.status, 1);
  t.match(res.stderr, /CNMCP_ERR_PLUGIN_NOT_FOUND: --plugin no-such-plugin: no installed plugin has this id/);
  t.match(res.stderr, /installed: [^)]*alertmanager/);
  t.notMatch(res.stderr, /enabledServices/, 'no config key the caller did not write');
});

t.test("the README's command list matches cnmcp --help", async (t) => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const block = readme.split('## The command')[1]?.split('```')[1] ?? '';
  const listed = [...block.matchAll(/^cnmcp ([a-z-]+)/gm)].map((m) => m[1]);
  t.same(listed.sort(), helpCommands(cnmcp('--help').stdout).sort());
});
