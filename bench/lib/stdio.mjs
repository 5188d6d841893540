// stdio: one SDK 1.x client per server, calls one after another, against cnmcp (off, full) and the SDK 1.x
// stdio server. The server's CPU is read from /proc like the HTTP servers'.
import { deepStrictEqual } from 'node:assert/strict';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BENCH_DIR, echoConfig, serveArgs, serverFolder, writeConfig } from './cnmcp.mjs';
import { cpuSeconds } from './process.mjs';
import { LEGACY, MESSAGE, expectedEcho } from './wire.mjs';

export const STDIO_TARGETS = [
  { key: 'stdio-cnmcp-off', label: 'cnmcp stdio, off', kind: 'cnmcp', full: false },
  { key: 'stdio-cnmcp-full', label: 'cnmcp stdio, full (audit, metrics, rate limit)', kind: 'cnmcp', full: true },
  { key: 'stdio-sdk1', label: 'SDK 1.x stdio', kind: 'script' },
];

export async function startStdio(target, tmp) {
  let args;
  if (target.kind === 'cnmcp') {
    const folder = serverFolder(tmp, target.key);
    args = serveArgs(writeConfig(folder, echoConfig({ full: target.full, transport: 'stdio', dir: folder })));
  } else {
    args = [join(BENCH_DIR, 'servers', 'sdk1-stdio.mjs')];
  }
  const transport = new StdioClientTransport({ command: process.execPath, args, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8192)));
  const client = new Client({ name: 'cnmcp-bench', version: '1.0.0' }, { capabilities: {} });
  try {
    await client.connect(transport);
  } catch (err) {
    throw new Error(`${target.label}: ${err.message}\n${stderr}`);
  }
  return { ...target, client, pid: transport.pid, stderrTail: () => stderr };
}

const call = (running, message = MESSAGE) => running.client.callTool({ name: 'bench_echo', arguments: { message } });

/** The echo answer over stdio is exactly the expected result. */
export async function checkStdio(running) {
  const { _meta, ...result } = await call(running);
  deepStrictEqual(result, expectedEcho(LEGACY));
}

/** Sequential calls for `duration` seconds: calls/s and server CPU ms per call. */
export async function driveStdio(running, duration) {
  const cpuBefore = cpuSeconds(running.pid);
  const start = performance.now();
  const end = start + duration * 1000;
  let calls = 0;
  while (performance.now() < end) {
    await call(running);
    calls++;
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(running.pid) - cpuBefore;
  return { calls, perSecond: calls / seconds, cpuMsPerCall: (cpu * 1000) / calls };
}

export async function stopStdio(running) {
  await running?.client.close();
}
