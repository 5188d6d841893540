import { Type } from '@cnmcp/core';

const Time = (what: string) =>
  Type.Union([Type.String(), Type.Number()], { description: `${what}: RFC3339, Unix s/ms, now-1h or -15m.` });
const Signal = Type.Union(
  ['traces', 'metrics', 'logs'].map((s) => Type.Literal(s)),
  { description: 'Only pipelines of this signal.' },
);
const InlineConfig = Type.Optional(
  Type.String({
    maxLength: 262_144,
    description: 'Collector YAML to analyse instead of the target configFile.',
  }),
);

export const NoInput = Type.Object({});
export const ConfigInput = Type.Object({ config: InlineConfig });

export const PipelineStatusInput = Type.Object({
  signal: Type.Optional(Signal),
  pipeline: Type.Optional(Type.String({ description: 'Pipeline ID, e.g. traces or traces/jaeger.' })),
  config: InlineConfig,
});

export const MetricsInput = Type.Object({
  metric_name: Type.String({
    minLength: 1,
    description: 'Metric in Prometheus, e.g. otelcol_receiver_accepted_spans.',
  }),
  start_time: Type.Optional(Time('Range start (with end_time: a range query)')),
  end_time: Type.Optional(Time('Range end (default now)')),
});

export const QueryMetricsInput = Type.Object({
  query: Type.String({ minLength: 1, description: 'PromQL expression.' }),
  time: Type.Optional(Time('Evaluation time (default now)')),
});

const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Results at most.' });

export const TracesInput = Type.Object({
  trace_id: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{1,32}$', description: 'Trace ID; else search.' })),
  service: Type.Optional(Type.String({ description: 'Service name (needed for a search).' })),
  start_time: Type.Optional(Time('Window start (default 1h ago)')),
  end_time: Type.Optional(Time('Window end (default now)')),
  limit: Limit,
});

export const QueryTracesInput = Type.Object({
  query: Type.String({
    minLength: 1,
    description: 'A trace ID, attribute filters (http.status_code=500 error=true) or a JSON object of them.',
  }),
  service: Type.Optional(Type.String({ description: 'Service name (needed unless query is a trace ID).' })),
  start_time: Type.Optional(Time('Window start (default 1h ago)')),
  end_time: Type.Optional(Time('Window end (default now)')),
  limit: Limit,
});

const logFields = {
  service: Type.Optional(Type.String({ description: 'Only logs of this service.' })),
  level: Type.Optional(Type.String({ description: 'Severity, e.g. ERROR.' })),
  start_time: Type.Optional(Time('Window start (default 1h ago)')),
  end_time: Type.Optional(Time('Window end (default now)')),
  limit: Limit,
};

export const LogsInput = Type.Object(logFields);
export const QueryLogsInput = Type.Object({
  query: Type.String({ minLength: 1, description: 'Lucene / query_string text, e.g. "timeout AND checkout".' }),
  ...logFields,
});
