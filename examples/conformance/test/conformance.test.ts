// The official MCP conformance suite against the fixture, served by the real CLI: both requirement sets
// (2025-11-25 sessions, 2026-07-28 stateless) must pass. Needs tools/install.sh conformance; without it the
// test skips with a message, except under CI=true, where it fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const suiteDir = join(root, 'tools/conformance/node_modules');
const runner = join(root, 'tools/conformance/run.sh');

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer ${url} within 20 s:\n${output()}`);
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += String(d);
    });
    child.stderr.on('data', (d) => {
      output += String(d);
    });
    child.on('close', (code) => resolveRun({ code, output }));
  });
}

if (!existsSync(join(suiteDir, '.bin/conformance'))) {
  const message = 'the MCP conformance suite is not installed (run tools/install.sh conformance)';
  if (process.env.CI === 'true') t.fail(`${message}; CI=true requires it`);
  else t.skip(message);
} else {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    [
      join(root, 'bin/cnmcp.js'),
      'serve',
      '--config',
      join(root, 'examples/conformance/cnmcp.config.yaml'),
      '--port',
      String(port),
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let serverOutput = '';
  server.stdout!.on('data', (d) => {
    serverOutput += String(d);
  });
  server.stderr!.on('data', (d) => {
    serverOutput += String(d);
  });
  const outDir = mkdtempSync(join(tmpdir(), 'cnmcp-conformance-'));
  t.teardown(() => {
    server.kill('SIGTERM');
    rmSync(outDir, { recursive: true, force: true });
  });
  await waitForHealth(`${base}/health`, server, () => serverOutput);

  for (const requirements of ['2025-11-25', '2026-07-28']) {
    t.test(`conformance --requirements ${requirements}: every required scenario passes`, async (t) => {
      const { code, output } = await run('bash', [runner, `${base}/mcp`, requirements, join(outDir, requirements)]);
      const summary = output.slice(output.indexOf('=== SUMMARY ==='));
      const [results, unscoredPart = ''] = summary.split(/\nNot scored/);
      // Unscored scenarios (extensions such as tasks-*, pending ones) are listed again after "Not scored".
      const unscored = new Set([...unscoredPart.matchAll(/^\s+[✓✗] (\S+) \(/gm)].map((m) => m[1]));
      const failing = results
        .split('\n')
        .filter((line) => line.startsWith('✗') && !unscored.has(line.slice(2).split(':')[0]));
      t.same(failing, [], 'no scored scenario fails');
      t.match(summary, /Total: \d+ passed, \d+ failed/, 'the suite printed its totals');
      t.equal(code, 0, `the suite exits 0\n${code === 0 ? '' : output.slice(-4000)}`);
      t.equal(server.exitCode, null, `the server is still running\n${server.exitCode === null ? '' : serverOutput}`);
    });
  }
}
