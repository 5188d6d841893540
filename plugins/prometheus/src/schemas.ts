// Input schemas; the core adds the optional `target` argument to every tool (the plugin declares a backend).
import { Type } from '@cnmcp/core';

/**
 * The core's own `target` argument, declared only on schemas with defaults: the core's copy of a schema it adds
 * `target` to loses typebox's kind marker, so its defaults (adjust_step, skipHead) would not be applied.
 * Remove once the core keeps defaults there.
 */
const Target = Type.Optional(
  Type.String({ description: 'Configured prometheus target; the default target when omitted.' }),
);

const TimeArg = (what: string) =>
  Type.Union([Type.String(), Type.Number()], {
    description: `${what}: RFC3339 (2026-01-02T15:04:05Z), Unix seconds, or relative (now, now-1h, 30m = 30 minutes ago).`,
  });
const Limit = Type.Optional(
  Type.Integer({
    minimum: 1,
    description: 'Items shown at most (capped by the server limit); the total is always reported.',
  }),
);

// A string or an array: a lone selector such as up{job="a",instance="b"} must not be split at its commas.
const Selectors = (description: string) =>
  Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })], {
    description,
  });

export const NoInput = Type.Object({});

export const QueryInput = Type.Object({
  query: Type.String({ minLength: 1, description: 'PromQL expression, e.g. sum by (job) (up).' }),
  time: Type.Optional(TimeArg('Evaluation time; default now')),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Series shown at most (default and cap: prometheus.limits.maxSeries).' }),
  ),
  timeout: Type.Optional(Type.String({ description: 'Evaluation timeout passed to Prometheus, e.g. 30s.' })),
});

export const QueryRangeInput = Type.Object({
  query: Type.String({ minLength: 1, description: 'PromQL expression, e.g. rate(http_requests_total[5m]).' }),
  start: TimeArg('Range start'),
  end: TimeArg('Range end'),
  step: Type.Optional(
    Type.Union([Type.String(), Type.Number()], {
      description: 'Resolution: a duration (15s, 1m) or seconds. Left out: chosen so each series has about 250 points.',
    }),
  ),
  adjust_step: Type.Boolean({
    default: true,
    description:
      'When the step would exceed the point budget: true = use a coarser step (reported), false = fail with the step to use.',
  }),
  target: Target,
  limit: Type.Optional(
    Type.Integer({ minimum: 1, description: 'Series shown at most (default and cap: prometheus.limits.maxSeries).' }),
  ),
});

export const LabelNamesInput = Type.Object({
  start: Type.Optional(TimeArg('Start of the window searched')),
  end: Type.Optional(TimeArg('End of the window searched')),
  match: Type.Optional(Selectors('Series selectors (match[]) restricting the label names, e.g. ["up"].')),
  limit: Limit,
});

export const LabelValuesInput = Type.Object({
  label: Type.String({ minLength: 1, description: 'Label name, e.g. job.' }),
  start: Type.Optional(TimeArg('Start of the window searched')),
  end: Type.Optional(TimeArg('End of the window searched')),
  match: Type.Optional(Selectors('Series selectors (match[]) restricting the values, e.g. ["up"].')),
  limit: Limit,
});

export const MetadataInput = Type.Object({
  metric: Type.Optional(Type.String({ description: 'Metric name; all metrics when left out.' })),
  limit: Limit,
});

export const TargetMetadataInput = Type.Object({
  metric: Type.Optional(Type.String({ description: 'Metric name; all metrics when left out.' })),
  match_target: Type.Optional(Type.String({ description: 'Label selector of the targets, e.g. {job="prometheus"}.' })),
  limit: Limit,
});

export const RulesInput = Type.Object({
  type: Type.Optional(
    Type.Union([Type.Literal('alert'), Type.Literal('record')], { description: 'alert | record; both when left out.' }),
  ),
});

export const SeriesInput = Type.Object({
  match: Selectors(
    'Series selectors (match[]), e.g. ["up", "process_start_time_seconds{job=\\"prometheus\\"}"]; one selector may be given as a string.',
  ),
  start: Type.Optional(TimeArg('Start of the window searched')),
  end: Type.Optional(TimeArg('End of the window searched')),
  limit: Limit,
});

export const TargetsInput = Type.Object({
  state: Type.Optional(
    Type.Union([Type.Literal('active'), Type.Literal('dropped'), Type.Literal('any')], {
      description: 'active | dropped | any; default active.',
    }),
  ),
  limit: Limit,
});

export const TsdbInput = Type.Object({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, description: 'Entries in each cardinality top list (default 10).' }),
  ),
});

export const SnapshotInput = Type.Object({
  skipHead: Type.Boolean({
    default: false,
    description: 'Leave out data still in the head block (not yet compacted).',
  }),
  target: Target,
});

export const ListBackendsInput = Type.Object({});
