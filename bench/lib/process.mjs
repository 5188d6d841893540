// Child processes of the bench: free ports, spawning a server and waiting until it answers, its CPU time from
// /proc (every server is measured the same way, with no code inside it), and stopping it.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** User + system CPU seconds used so far by a process (all its threads), from /proc/<pid>/stat. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Resident set size of a process in bytes, from /proc/<pid>/status. */
export function rssBytes(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : undefined;
}

// Children still running when the bench exits (an error, Ctrl-C) are killed with it.
const live = new Set();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

/** Spawns `node <args>`; stderr is kept (last 8 KB) for the error message when the server dies. */
export function spawnNode(args, { cwd, env } = {}) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-8192);
  });
  live.add(child);
  child.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  child.stderrTail = () => stderr;
  return child;
}

/** Resolves when GET url answers 200; rejects when the child exits or the time is up. */
export async function waitForHttp(url, child, timeoutMs = 30_000, intervalMs = 10) {
  const deadline = Date.now() + timeoutMs;
  let exited;
  void child.exited.then((how) => (exited = how));
  while (Date.now() < deadline) {
    if (exited)
      throw new Error(`server exited (${JSON.stringify(exited)}) before answering ${url}\n${child.stderrTail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {}
    await sleep(intervalMs);
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms\n${child.stderrTail()}`);
}

/** Resolves when a TCP connection to 127.0.0.1:port succeeds (servers without a health route). */
export async function waitForPort(port, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let exited;
  void child.exited.then((how) => (exited = how));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited (${JSON.stringify(exited)}) before listening\n${child.stderrTail()}`);
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(20);
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms\n${child.stderrTail()}`);
}

/** SIGTERM, then SIGKILL after a grace period. */
export async function stopChild(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}
