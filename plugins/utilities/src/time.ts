// Formats a moment with a Go reference layout ("2006-01-02 15:04:05"), as the reference server's
// users write them, in any IANA time zone.
import { ownValue } from '@cnmcp/core';
import { UtilitiesErrors } from './errors.js';

export const NAMED_LAYOUTS: Record<string, string> = {
  RFC3339: '2006-01-02T15:04:05Z07:00',
  ISO8601: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC822: '02 Jan 06 15:04 MST',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  Kitchen: '3:04PM',
  DateTime: '2006-01-02 15:04:05',
  DateOnly: '2006-01-02',
  TimeOnly: '15:04:05',
  Stamp: 'Jan _2 15:04:05',
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
  offsetMinutes: number;
  zoneName: string;
  dayOfYear: number;
}

export function zonedParts(date: Date, timeZone = 'UTC'): ZonedParts {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
      weekday: 'short',
      timeZoneName: 'shortOffset',
    });
  } catch {
    throw UtilitiesErrors.create('UTILITIES_ERR_FORMAT_INVALID', `unknown time zone ${excerpt(timeZone)}`, {
      hint: 'Use an IANA name such as UTC, Europe/Berlin or America/New_York.',
    });
  }
  const parts = Object.fromEntries(fmt.formatToParts(date).map((p) => [p.type, p.value]));
  const offset = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(parts.timeZoneName ?? '');
  const offsetMinutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) : 0;
  const abbr =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
  const year = Number(parts.year),
    month = Number(parts.month),
    day = Number(parts.day);
  const dayOfYear = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  return {
    year,
    month,
    day,
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: date.getUTCMilliseconds(),
    weekday: DAYS.findIndex((d) => d.startsWith(parts.weekday)),
    offsetMinutes,
    zoneName: abbr === 'GMT' ? 'UTC' : abbr,
    dayOfYear,
  };
}

/** The offending value quoted, at most 80 characters of it. */
const excerpt = (value: string) =>
  value.length > 80 ? `${JSON.stringify(value.slice(0, 77))}… (${value.length} characters)` : JSON.stringify(value);

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

function offsetText(minutes: number, colon: boolean, zuluWhenZero: boolean): string {
  if (zuluWhenZero && minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const h = Math.floor(Math.abs(minutes) / 60),
    m = Math.abs(minutes) % 60;
  return `${sign}${pad(h)}${colon ? ':' : ''}${pad(m)}`;
}

// Longest tokens first, as Go's layout parser does.
const TOKENS: Array<[string, (p: ZonedParts) => string]> = [
  ['January', (p) => MONTHS[p.month - 1]],
  ['Monday', (p) => DAYS[p.weekday]],
  ['Z07:00', (p) => offsetText(p.offsetMinutes, true, true)],
  ['-07:00', (p) => offsetText(p.offsetMinutes, true, false)],
  ['Z0700', (p) => offsetText(p.offsetMinutes, false, true)],
  ['-0700', (p) => offsetText(p.offsetMinutes, false, false)],
  ['.000000000', (p) => `.${pad(p.millisecond, 3)}000000`],
  ['.999999999', (p) => (p.millisecond ? `.${pad(p.millisecond, 3).replace(/0+$/, '')}` : '')],
  ['.000000', (p) => `.${pad(p.millisecond, 3)}000`],
  ['.000', (p) => `.${pad(p.millisecond, 3)}`],
  ['2006', (p) => String(p.year)],
  ['Jan', (p) => MONTHS[p.month - 1].slice(0, 3)],
  ['Mon', (p) => DAYS[p.weekday].slice(0, 3)],
  ['MST', (p) => p.zoneName],
  ['002', (p) => pad(p.dayOfYear, 3)],
  ['01', (p) => pad(p.month)],
  ['02', (p) => pad(p.day)],
  ['_2', (p) => String(p.day).padStart(2, ' ')],
  ['06', (p) => pad(p.year % 100)],
  ['15', (p) => pad(p.hour)],
  ['03', (p) => pad(p.hour % 12 || 12)],
  ['04', (p) => pad(p.minute)],
  ['05', (p) => pad(p.second)],
  ['PM', (p) => (p.hour >= 12 ? 'PM' : 'AM')],
  ['pm', (p) => (p.hour >= 12 ? 'pm' : 'am')],
  ['1', (p) => String(p.month)],
  ['2', (p) => String(p.day)],
  ['3', (p) => String(p.hour % 12 || 12)],
  ['4', (p) => String(p.minute)],
  ['5', (p) => String(p.second)],
];

export function resolveLayout(format: string | undefined, fallback: string): string {
  if (!format) return ownValue(NAMED_LAYOUTS, fallback) ?? fallback;
  const lower = format.toLowerCase();
  const named =
    Object.keys(NAMED_LAYOUTS).find((k) => k === format) ??
    Object.keys(NAMED_LAYOUTS).find((k) => k.toLowerCase() === lower);
  return named ? NAMED_LAYOUTS[named] : format;
}

// Tokens by their first character, so each position of a layout tries only the few that can match there.
const TOKENS_BY_FIRST = new Map<string, typeof TOKENS>();
for (const token of TOKENS) TOKENS_BY_FIRST.set(token[0][0], [...(TOKENS_BY_FIRST.get(token[0][0]) ?? []), token]);

export function formatGo(date: Date, layout: string, timeZone = 'UTC'): string {
  const parts = zonedParts(date, timeZone);
  const out: string[] = [];
  let used = false;
  for (let i = 0; i < layout.length;) {
    const token = TOKENS_BY_FIRST.get(layout[i])?.find(([t]) => layout.startsWith(t, i));
    if (token) {
      out.push(token[1](parts));
      i += token[0].length;
      used = true;
    } else {
      out.push(layout[i]);
      i += 1;
    }
  }
  if (!used) {
    throw UtilitiesErrors.create(
      'UTILITIES_ERR_FORMAT_INVALID',
      `format ${excerpt(layout)} has no Go layout element (2006, 01, 02, 15, 04, 05 …)`,
    );
  }
  return out.join('');
}
