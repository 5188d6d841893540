// V8 flags for the long-running server process, set by `cnmcp serve` before it builds anything.
import { setFlagsFromString } from 'node:v8';

const PRETENURING = 'allocation-site-pretenuring';

/**
 * Turns off V8's allocation-site pretenuring unless the node command line sets it either way.
 *
 * Pretenuring allocates objects from a code site straight into the old generation once most objects from that
 * site were seen to survive a young-generation GC. Start-up (registering hundreds of tools) makes long-lived
 * objects at sites that every tool call later uses for short-lived ones, so V8 pretenures them: per-call garbage
 * then lands in the old generation, each scavenge scans it (10+ ms instead of under 1 ms) and full GCs follow
 * every second. Measured on the stdio echo call with audit, metrics and rate limit: 0.101 → 0.068 ms of CPU per
 * call; over HTTP 8–11% more requests per second (core/docs/performance.md).
 */
export function tuneHeapForServing(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => arg.replace(/_/g, '-').includes(PRETENURING))) return false;
  setFlagsFromString(`--no-${PRETENURING}`);
  return true;
}
