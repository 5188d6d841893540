// kill -9 under load: 50 concurrent clients (half in 2025-11-25 sessions, half 2026-07-28 stateless) call a fast tool
// on a real `cnmcp serve`; after a few hundred acknowledged calls the process is killed with SIGKILL. Every call that
// was answered must be in the audit file: a reply is sent only once its record is written. Only the last line may be
// torn, and only by a call that was never answered.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { BIN, ROOT } from '../helpers/cli.js';
import { call, type Answer } from './kill-audit-wire.js';

const CLIENTS = 50;
const KILL_AFTER = 300; // acknowledged calls before the SIGKILL
const TOOL = 'utilities_get_timestamp';
const ACCEPT = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

const dir = mkdtempSync(join(tmpdir(), 'cnmcp-kill-audit-'));
const auditFile = join(dir, 'audit.jsonl');
const configFile = join(dir, 'cnmcp.config.yaml');
writeFileSync(
  configFile,
  [
    'autoDiscover: false',
    'plugins: ["@cnmcp/plugin-utilities"]',
    'server:',
    '  host: 127.0.0.1',
    '  port: 0',
    '  maxSessionsPerPrincipal: 1000',
    'audit:',
    `  file: ${JSON.stringify(auditFile)}`,
    '',
  ].join('\n'),
);
const child = spawn(process.execPath, [BIN, 'serve', '--config', configFile], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'pipe'],
});
t.teardown(() => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
let log = '';
const base = await new Promise<string>((resolve, reject) => {
  const onData = (d: Buffer) => {
    log += d;
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(log);
    if (m) resolve(m[1]);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('exit', () => reject(new Error(`cnmcp serve exited early: ${log.slice(-2000)}`)));
  setTimeout(() => reject(new Error(`cnmcp serve did not start: ${log.slice(-2000)}`)), 60_000).unref();
});

/** A 2025-11-25 session opened on the wire: initialize, then notifications/initialized. */
async function openSession(i: number): Promise<Record<string, string>> {
  const init = await call(base, {
    headers: ACCEPT,
    body: {
      jsonrpc: '2.0',
      id: `init-${i}`,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: `kill-${i}`, version: '1' } },
    },
  });
  const session = init.headers['mcp-session-id'];
  if (!session) throw new Error(`no session id: HTTP ${init.status} ${init.text.slice(0, 200)}`);
  const headers = { ...ACCEPT, 'mcp-session-id': String(session), 'mcp-protocol-version': '2025-11-25' };
  await call(base, { headers, body: { jsonrpc: '2.0', method: 'notifications/initialized' } });
  return headers;
}

/** The headers and `_meta` envelope a real 2026-07-28 client sends, captured from one tools/list. */
async function stateless(): Promise<{ headers: Record<string, string>; meta: Record<string, unknown> }> {
  let captured: { headers: Record<string, string>; meta: Record<string, unknown> } | undefined;
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', base), {
    fetch: async (input, init) => {
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, any>) : undefined;
      if (body?.method === 'tools/list')
        captured = { headers: Object.fromEntries(new Headers(init!.headers).entries()), meta: body.params?._meta };
      return fetch(input, init);
    },
  });
  const client = new Client({ name: 'kill-2026', version: '1' }, {
    capabilities: {},
    versionNegotiation: { mode: { pin: '2026-07-28' } },
  } as never);
  await client.connect(transport as never);
  await client.listTools();
  await client.close();
  if (!captured?.meta) throw new Error('no 2026-07-28 envelope captured');
  return { headers: { ...captured.headers, ...ACCEPT }, meta: captured.meta };
}

t.test(`kill -9 under ${CLIENTS} clients: every acknowledged call is in the audit`, async (t) => {
  const modern = await stateless();
  const sessions = await Promise.all(Array.from({ length: CLIENTS / 2 }, (_, i) => openSession(i)));
  const acknowledged: string[] = [];
  const outcomes = { acknowledged: 0, errors: 0, cut: 0 };
  let killed = false;
  const killAt = () => {
    if (!killed && acknowledged.length >= KILL_AFTER) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  const clientLoop = async (i: number) => {
    const era = i < CLIENTS / 2 ? '2025' : '2026';
    const headers = era === '2025' ? sessions[i] : { ...modern.headers, 'mcp-method': 'tools/call', 'mcp-name': TOOL };
    for (let n = 0; !killed; n++) {
      const id = `ka-${era}-${i}-${n}`;
      const params = { name: TOOL, arguments: {}, ...(era === '2026' ? { _meta: modern.meta } : {}) };
      let answer: Answer | undefined;
      try {
        answer = await call(base, { headers, body: { jsonrpc: '2.0', id, method: 'tools/call', params } });
      } catch {
        outcomes.cut++; // the connection died with the process: never acknowledged
        return;
      }
      const reply = answer.messages.find((m) => (m as { id?: unknown })?.id === id) as Record<string, any> | undefined;
      if (reply?.result && !reply.result.isError) {
        acknowledged.push(id);
        outcomes.acknowledged++;
        killAt();
      } else {
        outcomes.errors++;
        if (!killed && outcomes.errors <= 3)
          t.comment(`call ${id} not acknowledged: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => clientLoop(i)));
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  t.equal(child.signalCode, 'SIGKILL', 'the server was killed with SIGKILL');

  const text = readFileSync(auditFile, 'utf8');
  const lines = text.split('\n');
  const torn = lines.pop() ?? ''; // after the last newline: empty, or a record cut by the kill
  const unparsable = lines.filter((l) => {
    try {
      JSON.parse(l);
      return false;
    } catch {
      return true;
    }
  });
  const audited = new Set(
    lines
      .filter((l) => !unparsable.includes(l))
      .map((l) => JSON.parse(l) as Record<string, any>)
      .filter((r) => r.type === 'tool_call' && r.tool === TOOL)
      .map((r) => String(r.requestId)),
  );
  const missing = acknowledged.filter((id) => !audited.has(id));
  const inAudit = acknowledged.length - missing.length;
  const figures = `acknowledged ${acknowledged.length}, in audit ${inAudit}, missing ${missing.length}`;
  t.comment(
    `${figures}; records ${lines.length}, torn last line ${torn ? 1 : 0}; ` +
      `answered with an error ${outcomes.errors}, cut by the kill ${outcomes.cut}`,
  );
  t.ok(acknowledged.length >= KILL_AFTER, `${figures}: at least ${KILL_AFTER} calls acknowledged before the kill`);
  t.same(missing, [], `${figures}: every acknowledged call is in the audit`);
  for (const era of ['2025', '2026'])
    t.ok(
      acknowledged.some((id) => id.startsWith(`ka-${era}-`)),
      `${figures}: calls of the ${era} clients among them`,
    );
  t.same(unparsable, [], `${figures}: every complete line of the audit is a JSON record`);
  const tornByAcknowledged = acknowledged.filter((id) => torn.includes(`"requestId":"${id}"`));
  t.same(tornByAcknowledged, [], `${figures}: a torn last line (${torn ? 1 : 0}) belongs to no acknowledged call`);
  t.equal(outcomes.errors, 0, `${figures}: no call was answered with an error before the kill`);
});
