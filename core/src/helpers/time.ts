// Time and duration arguments, one reading for every plugin: RFC 3339, Unix seconds or milliseconds, `now`,
// date math (`now-1h`, `now-7d/d`, `now/w`: Grafana and Elasticsearch), signed offsets (`-15m`), a bare duration
// (`30m`: 30 minutes ago, or ahead for future-facing arguments), and Go/Prometheus durations (`1h30m`, `500ms`).
// Errors are CNMCP_ERR_TOOL_INPUT_INVALID naming the argument and showing the accepted forms.
import { coreError } from '../errors.js';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

const TIME_FORMS =
  'RFC 3339 (2026-01-02T15:04:05Z), Unix seconds (1767366245), or relative (now, now-1h, now-7d/d, 30m)';
const DURATION_FORMS = 'a duration (30s, 5m, 1h30m, 1d, 500ms) or a number of seconds (15)';

// Bounded input: an argument longer than this is not a time or a duration, and is not scanned.
const MAX_TEXT = 64;

/** Milliseconds of a Go/Prometheus duration (`1h30m`, `90s`, `500ms`, `2d`, `1w`), or of plain seconds (`15`, 15). */
export function parseDuration(value: string | number, options: { name?: string } = {}): number {
  const ms = tryDuration(value);
  if (ms !== undefined) return ms;
  const name = options.name ?? 'duration';
  throw coreError('CNMCP_ERR_TOOL_INPUT_INVALID', `${name}: cannot read ${quote(value)} as a duration`, {
    hint: `Give ${name} as ${DURATION_FORMS}.`,
  });
}

function tryDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  const text = String(value).trim();
  if (text === '' || text.length > MAX_TEXT) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|[smhdwy])/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    matched = re.lastIndex;
  }
  return matched === text.length ? total : undefined;
}

export interface ParseTimeOptions {
  /** The argument's name, for the error. */
  name?: string;
  /** The present, for relative forms (default Date.now()). */
  now?: number;
  /** What a bare duration (`30m`) means: 'past' (default) = ago, 'future' = after `base`. */
  direction?: 'past' | 'future';
  /** Base of a future-facing bare duration (default now). */
  base?: number;
  /** Date-math rounding (`/d`) rounds up to the end of the unit (Elasticsearch's `lte` reading). */
  roundUp?: boolean;
}

/** A point in time as epoch milliseconds. */
export function parseTime(value: string | number, options: ParseTimeOptions = {}): number {
  const ms = readTime(value, options);
  // Beyond ±8.64e15 ms a Date is invalid and toISOString throws: such a time is the caller's mistake.
  if (!(Math.abs(ms) <= MAX_DATE_MS)) {
    const name = options.name ?? 'time';
    throw coreError('CNMCP_ERR_TOOL_INPUT_INVALID', `${name}: ${quote(value)} is outside the range of dates`, {
      hint: `Give ${name} as ${TIME_FORMS}, between the years 1970 and 275760.`,
    });
  }
  return ms;
}

const MAX_DATE_MS = 8.64e15;

function readTime(value: string | number, options: ParseTimeOptions): number {
  const now = options.now ?? Date.now();
  const name = options.name ?? 'time';
  const fail = () =>
    coreError('CNMCP_ERR_TOOL_INPUT_INVALID', `${name}: cannot read ${quote(value)} as a time`, {
      hint: `Give ${name} as ${TIME_FORMS}.`,
    });
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw fail();
    return unixToMs(value);
  }
  const text = String(value).trim();
  if (text === '' || text.length > MAX_TEXT) throw fail();
  if (/^\d+(\.\d+)?$/.test(text)) return unixToMs(Number(text));
  const math = /^now((?:\s*[+-]\s*\d+(?:\.\d+)?(?:ms|[smhdwyM]))*)(?:\/([smhdwMy]))?$/.exec(text);
  if (math) {
    let at = now;
    for (const step of math[1].matchAll(/([+-])\s*(\d+(?:\.\d+)?)(ms|[smhdwyM])/g)) {
      const amount = step[3] === 'M' ? monthsMs(at, Number(step[2]), step[1]) : Number(step[2]) * UNIT_MS[step[3]];
      at = step[1] === '-' ? at - amount : at + amount;
    }
    return math[2] ? roundTo(at, math[2], options.roundUp ?? false) : at;
  }
  const signed = /^([+-])\s*(.+)$/.exec(text);
  if (signed) {
    const ms = tryDuration(signed[2]);
    if (ms === undefined) throw fail();
    return signed[1] === '-' ? now - ms : now + ms;
  }
  const bare = tryDuration(text);
  if (bare !== undefined) return (options.direction ?? 'past') === 'past' ? now - bare : (options.base ?? now) + bare;
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  throw fail();
}

/** A compact duration for a number of milliseconds, e.g. 90_000 → "1m30s". */
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

/** Steps an automatic step is rounded up to, so results line up with human-friendly intervals (seconds). */
const NICE_STEPS_S = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
];

/** The smallest "nice" step (ms) that keeps a range within `points` points per series (range-query cost guards). */
export function niceStep(rangeMs: number, points: number): number {
  const raw = rangeMs / Math.max(1, points - 1);
  for (const s of NICE_STEPS_S) if (s * 1000 >= raw) return s * 1000;
  return Math.ceil(raw / 86_400_000) * 86_400_000;
}

/** Unix seconds; values that can only be milliseconds (13 digits and more) are read as milliseconds. */
function unixToMs(n: number): number {
  return n >= 1e12 ? n : n * 1000;
}

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…"` : text;
}

function monthsMs(at: number, months: number, sign: string): number {
  const date = new Date(at);
  const moved = new Date(date);
  moved.setUTCMonth(date.getUTCMonth() + (sign === '-' ? -months : months));
  return Math.abs(moved.getTime() - at);
}

/** Date-math rounding in UTC: down to the start of the unit, or up to its last millisecond. */
function roundTo(at: number, unit: string, up: boolean): number {
  const d = new Date(at);
  const start = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  switch (unit) {
    case 'y':
      break;
    case 'M':
      start.setUTCMonth(d.getUTCMonth());
      break;
    case 'w': {
      const day = (d.getUTCDay() + 6) % 7; // ISO weeks start on Monday
      start.setTime(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
      break;
    }
    default:
      start.setTime(at - (at % UNIT_MS[unit]));
  }
  if (!up) return start.getTime();
  const end = new Date(start);
  if (unit === 'y') end.setUTCFullYear(end.getUTCFullYear() + 1);
  else if (unit === 'M') end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setTime(start.getTime() + UNIT_MS[unit]);
  return end.getTime() - 1;
}
