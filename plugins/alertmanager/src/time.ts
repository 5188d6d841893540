// Times of silences and alert windows: RFC3339, Unix seconds, `now`, `now±<duration>` and a bare duration
// (`2h`: 2 hours after `base` for ends, 2 hours ago for windows). Kept tiny; the Prometheus plugin has the full
// query-time parsing (steps, PromQL timestamps) and is not a dependency of this plugin.
import { AlertmanagerErrors } from './errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8, y: 3.1536e10 };

export function durationMs(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|[smhdwy])/gy;
  let total = 0;
  let end = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    end = re.lastIndex;
  }
  return t !== '' && end === t.length ? total : undefined;
}

export function parseTimeMs(
  value: string | number,
  param: string,
  options: { now?: number; base?: number; bare?: 'past' | 'future' } = {},
): number {
  const now = options.now ?? Date.now();
  const fail = () =>
    AlertmanagerErrors.create(
      'ALERTMANAGER_ERR_TIME_INVALID',
      `${param}: cannot read ${JSON.stringify(value)} as a time`,
      {
        hint: `Give ${param} as RFC3339 (2026-01-02T15:04:05Z), Unix seconds (1767366245) or relative (now, now+2h, ${options.bare === 'past' ? '1h = 1 hour ago' : '2h = 2 hours later'}).`,
      },
    );
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw fail();
    return value >= 1e12 ? value : value * 1000;
  }
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) >= 1e12 ? Number(text) : Number(text) * 1000;
  const rel = /^(now)?\s*([+-])?\s*(.*)$/i.exec(text)!;
  if (rel[1] && !rel[2] && rel[3] === '') return now;
  if (rel[2]) {
    const ms = durationMs(rel[3]);
    if (ms === undefined) throw fail();
    return rel[2] === '-' ? now - ms : now + ms;
  }
  const bare = durationMs(text);
  if (bare !== undefined) return options.bare === 'past' ? now - bare : (options.base ?? now) + bare;
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text))) return Date.parse(text);
  throw fail();
}
