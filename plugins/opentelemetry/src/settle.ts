// Summaries read several collector surfaces; one that fails is reported in place, not fatal.
import { isCnmcpError } from '@cnmcp/core';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: string; cause: unknown };

export async function settle<T>(work: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    const e = err as Error & { code?: string };
    return { ok: false, error: isCnmcpError(err) ? `${e.code}: ${e.message}` : e.message, cause: err };
  }
}

/** The value, or `{ unavailable: reason }` for the result object. */
export function shown<T>(s: Settled<T>): T | { unavailable: string } {
  return s.ok ? s.value : { unavailable: s.error };
}
