import { Type } from '@cnmcp/core';

const Time = (what: string) =>
  Type.Union([Type.String(), Type.Number()], {
    description: `${what}: RFC3339, Unix s/ms, now-1h or -15m.`,
  });
const Duration = (what: string) =>
  Type.Union([Type.String(), Type.Number()], { description: `${what}, e.g. 250ms or 1.5s (a number is seconds).` });
const Service = Type.String({ minLength: 1, description: 'Service name, as jaeger_get_services lists it.' });
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Traces at most (max 100).' });
const Cursor = Type.Optional(Type.String({ description: 'next_cursor of the previous page.' }));

export const NoInput = Type.Object({});

export const ServicesInput = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200, description: 'Services at most.' }),
  cursor: Cursor,
});

export const ServiceOpsInput = Type.Object({
  service: Service,
  span_kind: Type.Optional(
    Type.Union(
      ['server', 'client', 'producer', 'consumer', 'internal'].map((k) => Type.Literal(k)),
      { description: 'Only operations of this span kind.' },
    ),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200, description: 'Operations at most.' }),
  cursor: Cursor,
});

export const DependenciesInput = Type.Object({
  start_time: Type.Optional(Time('Window start (default end_time - 24h)')),
  end_time: Type.Optional(Time('Window end (default now)')),
});

const searchFields = {
  service: Service,
  operation: Type.Optional(Type.String({ description: 'Operation (span name) the trace must contain.' })),
  start_time: Type.Optional(Time('Earliest span start (default end_time - 1h)')),
  end_time: Type.Optional(Time('Latest span start (default now)')),
  limit: Limit,
  min_duration: Type.Optional(Duration('Shortest span duration')),
};

export const TracesInput = Type.Object({
  ...searchFields,
  max_duration: Type.Optional(Duration('Longest span duration')),
  errors_only: Type.Boolean({ default: false, description: 'Only traces with an error span.' }),
  cursor: Cursor,
});

export const TracesSummaryInput = Type.Object(searchFields);

export const SearchTracesInput = Type.Object({
  ...searchFields,
  max_duration: Type.Optional(Duration('Longest span duration')),
  tags: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
      description: 'Span/resource attributes that must match, e.g. {"http.status_code":"500","error":"true"}.',
    }),
  ),
  errors_only: Type.Boolean({ default: false, description: 'Only traces with an error span.' }),
  cursor: Cursor,
});

export const TraceInput = Type.Object({
  trace_id: Type.String({ pattern: '^[0-9a-fA-F]{1,32}$', description: 'Trace ID (hex, up to 32 digits).' }),
  view: Type.Union([Type.Literal('overview'), Type.Literal('spans'), Type.Literal('span')], {
    default: 'overview',
    description:
      'overview: summary, service topology and critical path; spans: span list (paged); span: one span in full (span_id).',
  }),
  span_id: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{1,16}$', description: 'Span ID for view=span.' })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Spans at most for view=spans.' }),
  cursor: Cursor,
});
