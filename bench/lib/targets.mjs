// The HTTP servers compared, each in its own child process, all serving the echo tool at POST /mcp:
// cnmcp in both eras with middleware off and full, the official SDK 1.x and 2.x servers, and bare Fastify.
import { join } from 'node:path';
import { API_KEY, BENCH_DIR, echoConfig, serveArgs, serverFolder, writeConfig } from './cnmcp.mjs';
import { freePort, spawnNode, stopChild, waitForHttp, waitForPort } from './process.mjs';
import { LEGACY, MODERN, legacyCall, modernCall, openSession } from './wire.mjs';

const SERVERS = join(BENCH_DIR, 'servers');
/** Generous: on a busy machine importing cnmcp alone can take many seconds. */
const START_TIMEOUT_MS = 120_000;

/** One server under test. `kind` says how it is started; `era` which requests it is sent. */
export const HTTP_TARGETS = [
  { key: 'cnmcp-2025-off', label: 'cnmcp 2025-11-25 session, off', kind: 'cnmcp', era: LEGACY, full: false },
  { key: 'cnmcp-2025-full', label: 'cnmcp 2025-11-25 session, full', kind: 'cnmcp', era: LEGACY, full: true },
  { key: 'cnmcp-2026-off', label: 'cnmcp 2026-07-28 stateless, off', kind: 'cnmcp', era: MODERN, full: false },
  { key: 'cnmcp-2026-full', label: 'cnmcp 2026-07-28 stateless, full', kind: 'cnmcp', era: MODERN, full: true },
  { key: 'sdk1', label: 'SDK 1.x stateful (2025-11-25)', kind: 'script', script: 'sdk1-http.mjs', era: LEGACY },
  { key: 'sdk2', label: 'SDK 2.x createMcpHandler (2026)', kind: 'script', script: 'sdk2-http.mjs', era: MODERN },
  { key: 'fastify', label: 'bare Fastify 5 (same reply)', kind: 'script', script: 'fastify.mjs', era: MODERN },
];

/** Starts a target and, for the 2025 era, opens the session every call of the bench uses. */
export async function startTarget(target, tmp) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/mcp`;
  const auth = target.full ? { 'x-api-key': API_KEY } : {};
  let child;
  let sessionId;
  let auditFile;
  try {
    if (target.kind === 'cnmcp') {
      const folder = serverFolder(tmp, target.key);
      const config = writeConfig(folder, echoConfig({ full: target.full, port, dir: folder }));
      child = spawnNode(serveArgs(config));
      await waitForHttp(`http://127.0.0.1:${port}/health`, child, START_TIMEOUT_MS);
      if (target.full) auditFile = join(folder, 'audit.jsonl');
    } else {
      child = spawnNode([join(SERVERS, target.script), String(port)]);
      await waitForPort(port, child, START_TIMEOUT_MS);
    }
    sessionId = target.era === LEGACY ? await openSession(url, auth) : undefined;
  } catch (err) {
    if (child) await stopChild(child);
    throw err;
  }
  const request = (tool, args, id) => {
    const built = target.era === LEGACY ? legacyCall(tool, args, id, sessionId) : modernCall(tool, args, id);
    return { headers: { ...built.headers, ...auth }, body: built.body };
  };
  return { ...target, child, pid: child.pid, port, url, auditFile, baseUrl: `http://127.0.0.1:${port}`, request };
}

export async function stopTarget(running) {
  if (running?.child) await stopChild(running.child);
}
