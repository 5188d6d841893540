// The current date, time and Unix timestamp, in any IANA time zone and Go layout.
import { Tool, ToolGroup, annotations, ownValue, type Static } from '@cnmcp/core';
import { GetDateInput, GetTimeInput, GetTimestampInput } from '../schemas.js';
import { formatGo, resolveLayout, zonedParts } from '../time.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const UNIT_NAMES: Record<string, string> = { s: 'seconds', ms: 'milliseconds', us: 'microseconds', ns: 'nanoseconds' };

@ToolGroup({
  name: 'time',
  title: 'Date and time',
  description: 'The current date, time and Unix timestamp in any time zone and format.',
  default: true,
  defaults: { annotations: annotations.local },
})
export class TimeTools {
  @Tool({
    name: 'utilities_get_date',
    title: 'Current date',
    description:
      'Current date with its parts (year, month, day, weekday, day of year), optionally the time, in a time zone (default UTC).',
    input: GetDateInput,
  })
  getDate(input: Static<typeof GetDateInput>) {
    const now = new Date();
    const zone = input.timezone ?? 'UTC';
    const p = zonedParts(now, zone);
    return {
      date: formatGo(now, resolveLayout(input.format, 'DateOnly'), zone),
      year: p.year,
      month: p.month,
      day: p.day,
      weekday: WEEKDAYS[p.weekday],
      day_of_year: p.dayOfYear,
      timezone: zone,
      ...(input.include_time
        ? { time: formatGo(now, '15:04:05', zone), iso: formatGo(now, resolveLayout('RFC3339', 'RFC3339'), zone) }
        : {}),
    };
  }

  @Tool({
    name: 'utilities_get_time',
    title: 'Current time',
    description:
      'Current time formatted with a Go layout (e.g. 15:04:05, 2006-01-02 15:04:05) or a name (RFC3339, RFC1123, Kitchen); default RFC3339, UTC.',
    input: GetTimeInput,
  })
  getTime(input: Static<typeof GetTimeInput>) {
    const now = new Date();
    const zone = input.timezone ?? 'UTC';
    return {
      time: formatGo(now, resolveLayout(input.format, 'RFC3339'), zone),
      timezone: zone,
      unix: Math.floor(now.getTime() / 1000),
    };
  }

  @Tool({
    name: 'utilities_get_timestamp',
    title: 'Unix timestamp',
    description:
      'Current Unix timestamp in seconds (default), milliseconds, microseconds, nanoseconds, minutes, hours or days.',
    input: GetTimestampInput,
  })
  getTimestamp(input: Static<typeof GetTimestampInput>) {
    const ms = Date.now();
    const unit = ownValue(UNIT_NAMES, input.unit) ?? input.unit;
    const values: Record<string, number | string> = {
      seconds: input.include_millis ? ms / 1000 : Math.floor(ms / 1000),
      milliseconds: ms,
      microseconds: (BigInt(ms) * 1_000n).toString(),
      nanoseconds: (BigInt(ms) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n)).toString(),
      minutes: Math.floor(ms / 60_000),
      hours: Math.floor(ms / 3_600_000),
      days: Math.floor(ms / 86_400_000),
    };
    const value = ownValue(values, unit) ?? Math.floor(ms / 1000);
    return { timestamp: value, unit, iso: new Date(ms).toISOString() };
  }
}
