// One autocannon run against a running target, with the server's CPU time per call over the same window.
import autocannon from 'autocannon';
import { cpuSeconds } from './process.mjs';
import { AUTOCANNON_ID, MESSAGE } from './wire.mjs';

/**
 * Drives `tool` on a running target at `connections` for `duration` seconds (or `amount` requests). Every
 * request carries a fresh JSON-RPC id. Returns calls/s, latency, server CPU ms per call and the failures.
 */
export async function drive(target, { tool = 'bench_echo', connections, duration, amount }) {
  const { headers, body } = target.request(tool, { message: MESSAGE }, AUTOCANNON_ID);
  if (target.child.exitCode !== null || target.child.signalCode !== null)
    throw new Error(`${target.label} exited\n${target.child.stderrTail()}`);
  const cpuBefore = cpuSeconds(target.pid);
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers,
    body,
    idReplacement: true,
    connections,
    ...(amount ? { amount } : { duration }),
    timeout: 30,
  });
  const cpu = cpuSeconds(target.pid) - cpuBefore;
  const ok = result['2xx'];
  return {
    calls: ok,
    perSecond: ok / result.duration,
    cpuMsPerCall: ok ? (cpu * 1000) / ok : undefined,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
