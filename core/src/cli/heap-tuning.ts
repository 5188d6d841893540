// V8 flags for the long-running server process, set by `cnmcp serve` once the server is built.
import { setFlagsFromString } from 'node:v8';

const PRETENURING = 'allocation-site-pretenuring';

/**
 * Turns off V8's allocation-site pretenuring unless the node command line sets it either way.
 *
 * Pretenuring allocates objects from a code site straight into the old generation once most objects from that
 * site were seen to survive a young-generation GC. Under load V8 came to pretenure sites every tool call
 * allocates from: per-call garbage then landed in the old generation, each scavenge scanned it (10+ ms instead of
 * under 1 ms) and full GCs followed every second. Server CPU per 2026 echo call with full middleware: 255 → 169 µs
 * (core/docs/performance.md). Set after start-up: the flag only stops new decisions, and start-up's own
 * long-lived objects are what pretenuring suits (turning it off earlier cost 35–70 ms of start-up CPU).
 */
export function tuneHeapForServing(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => arg.replace(/_/g, '-').includes(PRETENURING))) return false;
  setFlagsFromString(`--no-${PRETENURING}`);
  return true;
}
