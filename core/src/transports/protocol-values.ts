// Small facts of the protocol the direct path and the era check both rely on.

/** The 2026 spec revision the direct path and the plain-era check recognise. */
export const MODERN_REVISION = '2026-07-28';

/** MCP log levels, least severe first (a threshold passes its own level and everything after it). */
export const LOG_LEVELS: readonly string[] = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
];

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
