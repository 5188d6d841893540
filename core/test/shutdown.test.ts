// SIGTERM: stop accepting, let the in-flight call finish, close plugins, exit 0.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import t from 'tap';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { BIN, ROOT } from './helpers/cli.js';

t.test('an in-flight call completes after SIGTERM, then the process exits 0', async (t) => {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--config', 'core/test/fixtures/utilities.cnmcp.yaml'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /listening on (http:\/\/[^ "]+)\/mcp/.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`server exited early: ${stderr}`)));
  });
  const client = new Client({ name: 'shutdown-test', version: '1.0.0' }, { capabilities: {} });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', url)));
  const call = client.callTool({ name: 'utilities_sleep', arguments: { duration: 800, unit: 'ms' } });
  await new Promise((r) => setTimeout(r, 200));
  child.kill('SIGTERM');
  const result = (await call) as { isError?: boolean; content: Array<{ text: string }> };
  t.notOk(result.isError, 'the call in flight was answered');
  t.match(result.content[0].text, /"slept_ms": 800/);
  const [code] = await once(child, 'exit');
  t.equal(code, 0);
  t.match(stderr, /shutting down: draining in-flight calls/);
});
