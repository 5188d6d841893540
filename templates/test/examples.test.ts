// Each example under examples/ starts as its README says, and a real MCP client lists its tools.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const CNMCP = join(ROOT, 'bin', 'cnmcp.js');
const work = mkdtempSync(join(tmpdir(), 'cnmcp-examples-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^npm_/i.test(k)),
  ) as Record<string, string>;
  return { ...env, ...extra };
}

async function stdioClient(t: Tap.Test, args: string[], env: Record<string, string> = {}) {
  const transport = new StdioClientTransport({ command: process.execPath, args, env: baseEnv(env), stderr: 'pipe' });
  const client = new Client({ name: 'examples-test', version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport);
  t.teardown(() => client.close());
  return client;
}

async function httpClient(t: Tap.Test, url: string, headers?: Record<string, string>) {
  const client = new Client({ name: 'examples-test', version: '1.0.0' }, { capabilities: {} });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: headers ? { headers } : undefined }) as never,
  );
  t.teardown(() => client.close());
  return client;
}

/** Starts a process and resolves with the first URL it prints (on stdout or stderr). */
function startUntilUrl(
  t: Tap.Test,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> },
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: baseEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  let seen = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within 30s:\n${seen}`)), 30_000);
    const onData = (d: Buffer) => {
      seen += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before printing a URL:\n${seen}`));
    });
  });
}

t.test('every example has a README', async (t) => {
  for (const name of ['laptop-stdio', 'shared-http', 'embedded', 'custom-plugin'])
    t.ok(existsSync(join(EXAMPLES, name, 'README.md')), name);
});

t.test('laptop-stdio: a stdio server with the laptop plugins, destructive tools not served', async (t) => {
  const client = await stdioClient(
    t,
    [CNMCP, 'serve', '--config', join(EXAMPLES, 'laptop-stdio', 'cnmcp.config.yaml')],
    {
      PROMETHEUS_URL: 'http://127.0.0.1:9',
      KUBECONFIG: join(work, 'no-kubeconfig'),
    },
  );
  const { tools } = await client.listTools();
  const names = tools.map((x) => x.name);
  t.ok(names.includes('utilities_get_time'), 'utilities served');
  t.ok(
    names.some((n) => n.startsWith('prometheus_')),
    'prometheus served',
  );
  t.same(
    tools.filter((x) => !x.annotations?.readOnlyHint && x.annotations?.destructiveHint !== false).map((x) => x.name),
    [],
    'disableDestructive: no destructive tool listed',
  );
  const time = await client.callTool({ name: 'utilities_get_time', arguments: { format: 'DateOnly' } });
  t.notOk(time.isError);
});

t.test('shared-http: API keys, audit file, metrics, rate limit', async (t) => {
  const audit = join(work, 'audit.log');
  const { url } = await startUntilUrl(
    t,
    [
      CNMCP,
      'serve',
      '--config',
      join(EXAMPLES, 'shared-http', 'cnmcp.config.yaml'),
      '--host',
      '127.0.0.1',
      '--port',
      '0',
    ],
    {
      cwd: work,
      env: {
        CNMCP_KEY_ALICE: 'alice-key-0123456789',
        CNMCP_KEY_CI: 'ci-bot-key-0123456789',
        CNMCP_AUDIT_FILE: audit,
        PROMETHEUS_URL: 'http://127.0.0.1:9',
      },
    },
  );
  const anonymous = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
  });
  t.equal(anonymous.status, 401, 'no key: 401');
  const client = await httpClient(t, `${url}/mcp`, { 'X-API-Key': 'alice-key-0123456789' });
  const { tools } = await client.listTools();
  t.ok(tools.length > 0);
  t.ok(
    tools.every((x) => x.annotations?.readOnlyHint === true),
    'readOnly: only read-only tools',
  );
  const res = await client.callTool({ name: 'utilities_get_timestamp', arguments: {} });
  t.notOk(res.isError);
  const metrics = await fetch(`${url}/metrics`);
  t.equal(metrics.status, 200);
  t.match(await metrics.text(), /# TYPE/);
  // rateLimit.tools: utilities_web_fetch at most 20 calls a minute per caller (these are refused by the SSRF guard anyway).
  const outcomes: string[] = [];
  for (let i = 0; i < 21; i++) {
    const r = await client.callTool({ name: 'utilities_web_fetch', arguments: { url: 'http://127.0.0.1:9/' } });
    outcomes.push((r.content as Array<{ text: string }>)[0].text.split(':')[0]);
  }
  t.equal(outcomes.filter((c) => c === 'UTILITIES_ERR_URL_FORBIDDEN').length, 20);
  t.equal(outcomes[20], 'CNMCP_ERR_RATE_LIMITED', 'the 21st call is over the per-tool limit');
  await client.close();
  const lines = () => (existsSync(audit) ? readFileSync(audit, 'utf8').trim().split('\n').filter(Boolean) : []);
  for (let i = 0; i < 50 && !lines().some((l) => l.includes('utilities_get_timestamp')); i++)
    await new Promise((r) => setTimeout(r, 100));
  t.ok(
    lines().some((l) => l.includes('utilities_get_timestamp') && l.includes('alice')),
    'the call is in the audit file, with its caller',
  );
});

t.test('embedded: a server created from code', async (t) => {
  const { url } = await startUntilUrl(t, [join(EXAMPLES, 'embedded', 'server.mjs')], {
    cwd: join(EXAMPLES, 'embedded'),
    env: { PORT: '0' },
  });
  const client = await httpClient(t, `${url}/mcp`);
  const { tools } = await client.listTools();
  t.same(tools.map((x) => x.name).sort(), [
    'utilities_get_date',
    'utilities_get_time',
    'utilities_get_timestamp',
    'utilities_pause',
    'utilities_sleep',
    'utilities_web_fetch',
  ]);
});

t.test('custom-plugin: a one-file plugin loaded by path', async (t) => {
  const client = await stdioClient(t, [
    CNMCP,
    'serve',
    '--config',
    join(EXAMPLES, 'custom-plugin', 'cnmcp.config.yaml'),
  ]);
  const names = (await client.listTools()).tools.map((x) => x.name);
  t.ok(names.includes('hello_greet'));
  t.ok(names.includes('utilities_get_date'));
  const res = await client.callTool({ name: 'hello_greet', arguments: { name: 'Ada', shout: true } });
  t.notOk(res.isError);
  t.match((res.content as Array<{ text: string }>)[0].text, 'HOWDY, ADA!');
  const bad = await client.callTool({ name: 'hello_greet', arguments: {} });
  t.ok(bad.isError, 'a missing name is an error result');
});
