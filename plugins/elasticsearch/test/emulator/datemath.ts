// Elasticsearch date math: `now-15m/m`, `2024-01-01||+1d/d`, ISO dates and epoch milliseconds.
import { StoreError } from './errors.js';

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  H: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses a stored date value (ISO string or epoch millis) to epoch ms, or undefined when it is no date. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string' || value === '') return undefined;
  if (/^-?\d+$/.test(value)) return Number(value);
  if (!/^\d{4}(-\d{2}(-\d{2})?)?([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value))
    return undefined;
  const normalised = /^\d{4}$/.test(value) ? `${value}-01-01` : /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : value;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(normalised) || normalised.length <= 10 ? normalised : `${normalised}Z`;
  const ms = Date.parse(withZone.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

function round(ms: number, unit: string, up: boolean): number {
  const d = new Date(ms);
  const parts = [
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  ];
  const keep: Record<string, number> = { y: 1, M: 2, w: 3, d: 3, h: 4, H: 4, m: 5, s: 6 };
  const n = keep[unit];
  if (n === undefined) throw new StoreError('parse_exception', `unsupported rounding unit [${unit}]`, {}, 400);
  const p = parts.map((v, i) => (i < n ? v : i === 2 ? 1 : 0));
  let start = Date.UTC(p[0]!, p[1]!, p[2]!, p[3]!, p[4]!, p[5]!);
  if (unit === 'w') start -= ((d.getUTCDay() + 6) % 7) * UNIT_MS.d!;
  if (!up) return start;
  return addUnit(start, 1, unit) - 1;
}

function addUnit(ms: number, amount: number, unit: string): number {
  if (unit === 'y' || unit === 'M') {
    const d = new Date(ms);
    if (unit === 'y') d.setUTCFullYear(d.getUTCFullYear() + amount);
    else d.setUTCMonth(d.getUTCMonth() + amount);
    return d.getTime();
  }
  const size = UNIT_MS[unit];
  if (size === undefined)
    throw new StoreError('parse_exception', `unit [${unit}] not supported for date math`, {}, 400);
  return ms + amount * size;
}

/** Evaluates a date-math expression; `roundUp` is what `lte`/`gt` use for `/unit` rounding. */
export function parseDateMath(expr: unknown, roundUp = false, now = Date.now()): number {
  if (typeof expr === 'number') return expr;
  const text = String(expr);
  let anchor: number;
  let math: string;
  if (text.startsWith('now')) {
    anchor = now;
    math = text.slice(3);
  } else {
    const [base, rest] = text.includes('||') ? text.split('||', 2) : [text, ''];
    const parsed = toEpochMs(base);
    if (parsed === undefined) {
      throw new StoreError(
        'parse_exception',
        `failed to parse date field [${text}] with format [strict_date_optional_time||epoch_millis]`,
        {},
        400,
      );
    }
    anchor = parsed;
    math = rest ?? '';
  }
  const re = /([+-])(\d+)([yMwdhHms])|\/([yMwdhHms])/g;
  let consumed = 0;
  for (let m = re.exec(math); m; m = re.exec(math)) {
    if (m.index !== consumed) break;
    consumed = re.lastIndex;
    anchor = m[4] ? round(anchor, m[4], roundUp) : addUnit(anchor, (m[1] === '-' ? -1 : 1) * Number(m[2]), m[3]!);
  }
  if (consumed !== math.length)
    throw new StoreError('parse_exception', `operator not supported for date math [${math}]`, {}, 400);
  return anchor;
}

/** Formats epoch ms the way ES prints `strict_date_optional_time` values. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString();
}
