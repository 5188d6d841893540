// A client no one here wrote: the MCP Inspector CLI (tools/inspector, installed by tools/install.sh)
// lists and calls tools over stdio, Streamable HTTP (both eras) and legacy SSE.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { BIN, ROOT } from './helpers/cli.js';

const INSPECTOR = join(ROOT, 'tools', 'inspector', 'node_modules', '.bin', 'mcp-inspector');
const CONFIG = 'core/test/fixtures/utilities.cnmcp.yaml';

if (!existsSync(INSPECTOR)) {
  if (process.env.CI === 'true')
    throw new Error('the Inspector CLI is not installed (bash tools/install.sh); CI=true requires it');
  t.skip('the Inspector CLI is not installed: run bash tools/install.sh');
} else {
  const inspect = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      // A slow, busy machine can take more than the Inspector's default 15 s to start a stdio server.
      execFile(
        INSPECTOR,
        ['--cli', '--connect-timeout', '90000', ...args],
        { cwd: ROOT, timeout: 150_000 },
        (err, stdout, stderr) => {
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
        },
      );
    });

  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--config', CONFIG], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.teardown(() => {
    child.kill('SIGTERM');
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      log += d;
      const m = /listening on (http:\/\/[^ "]+)\/mcp/.exec(log);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`server exited: ${log}`)));
  });

  const targets: Array<[string, string[]]> = [
    ['stdio', ['--', process.execPath, BIN, 'serve', '--transport', 'stdio', '--config', CONFIG]],
    ['http (2025-11-25)', [`${url}/mcp`, '--transport', 'http']],
    ['http (2026-07-28)', [`${url}/mcp`, '--transport', 'http', '--protocol-era', 'modern']],
    ['sse', [`${url}/sse`, '--transport', 'sse']],
  ];
  for (const [name, target] of targets) {
    t.test(`${name}: tools/list, a call, and an error`, async (t) => {
      const stdio = target[0] === '--';
      const withMethod = (method: string[]) => (stdio ? [...method, ...target] : [...target, ...method]);
      const list = await inspect(withMethod(['--method', 'tools/list', '--format', 'json']));
      t.equal(list.code, 0, list.stderr);
      const names = (JSON.parse(list.stdout) as { result: { tools: Array<{ name: string }> } }).result.tools.map(
        (x) => x.name,
      );
      t.same(names.sort(), [
        'utilities_get_date',
        'utilities_get_time',
        'utilities_get_timestamp',
        'utilities_pause',
        'utilities_sleep',
        'utilities_web_fetch',
      ]);
      const call = await inspect(
        withMethod([
          '--method',
          'tools/call',
          '--tool-name',
          'utilities_get_time',
          '--tool-arg',
          'format=2006',
          '--format',
          'json',
        ]),
      );
      t.equal(call.code, 0, call.stderr);
      const text = (JSON.parse(call.stdout) as { result: { content: Array<{ text: string }> } }).result.content[0].text;
      t.equal(JSON.parse(text).time, String(new Date().getUTCFullYear()));
      const bad = await inspect(
        withMethod([
          '--method',
          'tools/call',
          '--tool-name',
          'utilities_web_fetch',
          '--tool-arg',
          'url=http://169.254.169.254/',
          '--format',
          'json',
        ]),
      );
      t.equal(bad.code, 5, 'a tool error is exit code 5');
      t.match(bad.stdout + bad.stderr, /UTILITIES_ERR_URL_FORBIDDEN|tool_is_error/);
    });
  }
}
