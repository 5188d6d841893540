// Issue 14: shutdown always ends (a closed log pipe, a plugin that hangs on dispose), and a plugin that fails to
// start leaves its cause in the server log while the error shown stays one clean line.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { BIN, runCli } from '../helpers/cli.js';

const fixtures = fileURLToPath(new URL('../fixtures/plugins/', import.meta.url));
const CORE_DIR = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const made: string[] = [];
t.teardown(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A config directory inside the repo (so copied plugins resolve @cnmcp/core) holding copies of fixture plugins. */
function configDir(yaml: string, plugins: string[] = []): string {
  const dir = mkdtempSync(join(fixtures, '..', 'tmp-'));
  made.push(dir);
  for (const p of plugins) cpSync(join(fixtures, p), join(dir, p), { recursive: true });
  writeFileSync(join(dir, 'cnmcp.config.yaml'), yaml);
  return dir;
}

/** Ends a process this test started, if it is still there. */
function killIfAlive(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

t.test('cnmcp serve 2>&1 | head -1, then SIGTERM: the process exits', async (t) => {
  const dir = configDir('autoDiscover: false\nplugins: ["@cnmcp/plugin-utilities"]\nserver:\n  port: 0\n');
  // serve's stdout and stderr both go into head's stdin; this process keeps no end of that pipe open, so once
  // head has printed its one line and exited, every later log write of the server meets a closed pipe (EPIPE).
  const head = spawn('head', ['-1'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const server = spawn(process.execPath, [BIN, 'serve', '--config', join(dir, 'cnmcp.config.yaml')], {
    stdio: ['ignore', head.stdin, head.stdin],
  });
  head.stdin.destroy();
  t.teardown(() => killIfAlive(server.exitCode === null ? server.pid : undefined));
  let firstLine = '';
  head.stdout.on('data', (d) => {
    firstLine += d;
  });
  const [headCode] = await once(head, 'exit');
  t.equal(headCode, 0);
  t.match(firstLine, /cnmcp listening on http:\/\/127\.0\.0\.1:\d+\/mcp/, 'head printed the first log line');
  server.kill('SIGTERM');
  const [code, signal] = await once(server, 'exit');
  t.same([code, signal], [0, null], 'the server exited 0 although its log pipe was gone');
});

t.test('a shutdown that hangs ends at server.shutdownDeadlineMs with exit code 1 and a log line', async (t) => {
  const dir = configDir(
    'autoDiscover: false\nplugins: [./hangs-on-dispose]\nserver:\n  port: 0\n  shutdownDeadlineMs: 1000\n',
    ['hangs-on-dispose'],
  );
  const child = spawn(process.execPath, [BIN, 'serve', '--config', join(dir, 'cnmcp.config.yaml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.teardown(() => killIfAlive(child.exitCode === null ? child.pid : undefined));
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      if (/listening on/.test(stderr)) resolve();
    });
    child.on('exit', () => reject(new Error(`server exited early: ${stderr}`)));
  });
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  t.equal(code, 1, 'exit code 1: shutdown did not finish');
  t.match(stderr, /shutdown did not finish within 1000 ms \(server\.shutdownDeadlineMs\): exiting/);
});

t.test('a plugin that throws in init: the cause and stack are in the server log, the error is one line', async (t) => {
  const dir = configDir('autoDiscover: false\nplugins: [./fails-on-init]\n', ['fails-on-init']);
  const r = await runCli(['check-config', '--config', join(dir, 'cnmcp.config.yaml')], { timeoutMs: 60_000 });
  t.equal(r.code, 1);
  const logLine = r.stderr.split('\n').find((l) => l.includes('plugin failed to start'));
  t.ok(logLine, 'the server log has the failure');
  const logged = JSON.parse(logLine!) as { plugin: string; err: { message: string; stack: string } };
  t.equal(logged.plugin, 'failsinit');
  t.match(logged.err.message, 'database exploded at db.internal:5432');
  t.match(logged.err.stack, /connectToDatabase/, 'with the stack');
  const shown = r.stderr.slice(r.stderr.indexOf('cnmcp: '));
  t.match(shown, /^cnmcp: CNMCP_ERR_PLUGIN_INIT_FAILED: plugin failsinit failed to start: database exploded/);
  t.notMatch(shown, /connectToDatabase|\n\s+at /, 'no stack in the error shown');
});

t.test('a core-range mismatch names the host core and the plugin by path', async (t) => {
  const dir = configDir('autoDiscover: false\nplugins: [./wrong-core]\n', ['wrong-core']);
  const r = await runCli(['check-config', '--config', join(dir, 'cnmcp.config.yaml')], { timeoutMs: 60_000 });
  t.equal(r.code, 1);
  t.match(r.stderr, /CNMCP_ERR_PLUGIN_CORE_RANGE: plugin wrongcore \(\.\/wrong-core\) supports @cnmcp\/core \^7\.0\.0/);
  t.ok(r.stderr.includes(`host core at ${CORE_DIR}`), 'names the host core path');
  t.ok(r.stderr.includes(`plugin at ${join(dir, 'wrong-core')}`), 'names the plugin path');
});
