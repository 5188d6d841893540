import { Type } from '@cnmcp/core';

export const GetDateInput = Type.Object({
  format: Type.Optional(
    Type.String({
      description: 'Go layout (2006-01-02) or a name: RFC3339, ISO8601, DateOnly, Kitchen …; default 2006-01-02.',
      maxLength: 256,
    }),
  ),
  include_time: Type.Boolean({ default: false, description: 'Also return the time of day.' }),
  timezone: Type.Optional(Type.String({ description: 'IANA time zone, e.g. Europe/Berlin; default UTC.' })),
});

export const GetTimeInput = Type.Object({
  format: Type.Optional(
    Type.String({
      description: 'Go layout (15:04:05) or a name: RFC3339, RFC1123, Kitchen, DateTime …; default RFC3339.',
      maxLength: 256,
    }),
  ),
  timezone: Type.Optional(Type.String({ description: 'IANA time zone, e.g. America/New_York; default UTC.' })),
});

export const TimestampUnit = Type.Union(
  ['seconds', 'milliseconds', 'microseconds', 'nanoseconds', 'minutes', 'hours', 'days'].map((u) => Type.Literal(u)),
  { default: 'seconds' },
);

export const GetTimestampInput = Type.Object({
  unit: Type.Union([TimestampUnit, Type.Literal('s'), Type.Literal('ms'), Type.Literal('us'), Type.Literal('ns')], {
    default: 'seconds',
    description: 'seconds | milliseconds | microseconds | nanoseconds | minutes | hours | days',
  }),
  include_millis: Type.Boolean({
    default: false,
    description: 'With unit seconds: a fractional value with millisecond precision.',
  }),
});

export const PauseInput = Type.Object({
  seconds: Type.Number({
    default: 1,
    minimum: 0,
    description: 'How long to wait, 0–300 seconds (capped by utilities.maxSleepSeconds).',
  }),
});

export const SleepInput = Type.Object({
  duration: Type.Number({ minimum: 0, description: 'How long to wait, in `unit`.' }),
  unit: Type.Union(
    ['ms', 'milliseconds', 'seconds', 'minutes', 'hours'].map((u) => Type.Literal(u)),
    { default: 'seconds' },
  ),
});

export const WebFetchInput = Type.Object({
  url: Type.String({ description: 'Absolute http(s) URL of a public page.' }),
  timeout: Type.Number({ default: 30, minimum: 1, maximum: 120, description: 'Seconds to wait for the page.' }),
  max_chars: Type.Integer({
    default: 10_000,
    minimum: 100,
    maximum: 200_000,
    description: 'Characters of the body returned at most.',
  }),
});
