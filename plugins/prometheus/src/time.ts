// Time and duration arguments: RFC3339, Unix seconds, and relative forms (`now`, `now-1h`, `now+30m`, `-1h`,
// and a bare duration such as `30m`, read as "30 minutes ago"). Errors name the parameter and show an example.
import { PrometheusErrors } from './errors.js';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

const TIME_EXAMPLES = 'RFC3339 (2026-01-02T15:04:05Z), Unix seconds (1767366245) or a relative form (now, now-1h, 30m)';
const DURATION_EXAMPLES = 'a Prometheus duration (30s, 5m, 1h30m, 1d) or a number of seconds (15)';

/** Milliseconds of a Prometheus-style duration (`1h30m`, `90s`, `500ms`, `2d`, `1w`), or of plain seconds (`15`, 15). */
export function parseDurationMs(value: string | number, param: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value * 1000;
  } else {
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
    const re = /(\d+(?:\.\d+)?)(ms|[smhdwy])/gy;
    let total = 0;
    let matched = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      total += Number(m[1]) * UNIT_MS[m[2]];
      matched = re.lastIndex;
    }
    if (text !== '' && matched === text.length) return total;
  }
  throw PrometheusErrors.create(
    'PROMETHEUS_ERR_DURATION_INVALID',
    `${param}: cannot read ${JSON.stringify(value)} as a duration`,
    {
      hint: `Give ${param} as ${DURATION_EXAMPLES}.`,
    },
  );
}

export type RelativeDirection = 'past' | 'future';

/**
 * A point in time as epoch milliseconds. `direction` decides what a bare duration means:
 * `30m` is 30 minutes ago for 'past' (query windows) and 30 minutes from `base` for 'future' (silence ends).
 */
export function parseTimeMs(
  value: string | number,
  param: string,
  options: { now?: number; direction?: RelativeDirection; base?: number } = {},
): number {
  const now = options.now ?? Date.now();
  const fail = () =>
    PrometheusErrors.create('PROMETHEUS_ERR_TIME_INVALID', `${param}: cannot read ${JSON.stringify(value)} as a time`, {
      hint: `Give ${param} as ${TIME_EXAMPLES}.`,
    });
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw fail();
    return unixToMs(value);
  }
  const text = value.trim();
  if (text === '') throw fail();
  if (/^\d+(\.\d+)?$/.test(text)) return unixToMs(Number(text));
  const rel = /^now\s*(?:([+-])\s*(.+))?$/i.exec(text);
  if (rel) {
    if (!rel[1]) return now;
    const ms = tryDuration(rel[2]);
    if (ms === undefined) throw fail();
    return rel[1] === '-' ? now - ms : now + ms;
  }
  const signed = /^([+-])\s*(.+)$/.exec(text);
  if (signed) {
    const ms = tryDuration(signed[2]);
    if (ms === undefined) throw fail();
    return signed[1] === '-' ? now - ms : now + ms;
  }
  const bare = tryDuration(text);
  if (bare !== undefined) {
    return (options.direction ?? 'past') === 'past' ? now - bare : (options.base ?? now) + bare;
  }
  // RFC3339 / ISO 8601 with a date; Date.parse also takes forms like "2026-01-02 15:04:05Z".
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  throw fail();
}

/** Unix seconds; values that can only be milliseconds (13 digits and more) are read as milliseconds. */
function unixToMs(n: number): number {
  return n >= 1e12 ? n : n * 1000;
}

function tryDuration(text: string): number | undefined {
  try {
    return parseDurationMs(text, 'duration');
  } catch {
    return undefined;
  }
}

/** Epoch milliseconds as the Unix-seconds string Prometheus takes (millisecond precision). */
export function toPromTime(ms: number): string {
  return (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
}

/** A compact Prometheus duration for a number of milliseconds, e.g. 90_000 → "1m30s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let rest = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('') || '0s';
}

/** Steps an automatic step is rounded up to, so results line up with human-friendly intervals. */
const NICE_STEPS_S = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
];

/** The smallest "nice" step (in ms) that keeps a range within `points` points per series. */
export function niceStepMs(rangeMs: number, points: number): number {
  const raw = rangeMs / Math.max(1, points - 1);
  for (const s of NICE_STEPS_S) if (s * 1000 >= raw) return s * 1000;
  return Math.ceil(raw / 86_400_000) * 86_400_000;
}
