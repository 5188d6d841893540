import { Tool, ToolGroup, annotations, inject, tokens, type Static, type ToolContext } from '@cnmcp/core';
import { logSettings, type OtelConfig } from '../config.js';
import { OtelErrors } from '../errors.js';
import {
  LogsInput,
  MetricsInput,
  QueryLogsInput,
  QueryMetricsInput,
  QueryTracesInput,
  TracesInput,
} from '../schemas.js';
import { BACKENDS, callBackend, parseTraceQuery } from '../signals.js';

@ToolGroup({
  name: 'signals',
  title: 'Signals',
  description: 'Traces, metrics and logs the collector exported, read back from Jaeger, Prometheus and Elasticsearch.',
  // Off by default: the same data is one call away in those plugins' own default toolsets.
  default: false,
  defaults: { annotations: annotations.read },
})
export class SignalTools {
  constructor(@inject(tokens.config) private readonly config: OtelConfig) {}

  private traces<T>(ctx: ToolContext, tool: string, args: Record<string, unknown>) {
    return callBackend<T>(ctx, BACKENDS.traces, tool, { ...args, target: this.config.traces?.target });
  }

  @Tool({
    name: 'opentelemetry_get_traces',
    title: 'Get traces',
    description: 'A trace by ID (overview), or trace summaries of a service, read from the Jaeger plugin.',
    input: TracesInput,
  })
  async getTraces(input: Static<typeof TracesInput>, ctx: ToolContext) {
    if (input.trace_id) {
      const trace = await this.traces(ctx, 'jaeger_get_trace', { trace_id: input.trace_id });
      return { source: 'jaeger', trace };
    }
    if (!input.service)
      throw OtelErrors.create('OPENTELEMETRY_ERR_QUERY_INVALID', 'give trace_id, or service to search traces', {
        hint: 'Service names: jaeger_get_services.',
      });
    const result = await this.traces(ctx, 'jaeger_get_traces', {
      service: input.service,
      start_time: input.start_time,
      end_time: input.end_time,
      limit: input.limit,
    });
    return { source: 'jaeger', result };
  }

  @Tool({
    name: 'opentelemetry_query_traces',
    title: 'Query traces',
    description: 'Traces by ID or by attribute filters (http.status_code=500 error=true), read from the Jaeger plugin.',
    input: QueryTracesInput,
  })
  async queryTraces(input: Static<typeof QueryTracesInput>, ctx: ToolContext) {
    const parsed = parseTraceQuery(input.query);
    if ('traceId' in parsed) {
      const trace = await this.traces(ctx, 'jaeger_get_trace', { trace_id: parsed.traceId });
      return { source: 'jaeger', trace };
    }
    if (!input.service)
      throw OtelErrors.create(
        'OPENTELEMETRY_ERR_QUERY_INVALID',
        'an attribute query needs service (Jaeger searches per service)',
        {
          hint: 'Pass service; jaeger_get_services lists them.',
        },
      );
    const result = await this.traces(ctx, 'jaeger_search_traces', {
      service: input.service,
      tags: parsed.tags,
      start_time: input.start_time,
      end_time: input.end_time,
      limit: input.limit,
    });
    return { source: 'jaeger', tags: parsed.tags, result };
  }

  @Tool({
    name: 'opentelemetry_get_metrics',
    title: 'Get metrics',
    description: 'A metric by name from the Prometheus plugin: instant value, or a range with start_time.',
    input: MetricsInput,
  })
  async getMetrics(input: Static<typeof MetricsInput>, ctx: ToolContext) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(input.metric_name))
      throw OtelErrors.create(
        'OPENTELEMETRY_ERR_QUERY_INVALID',
        `metric_name ${JSON.stringify(input.metric_name)} is not a metric name`,
        {
          hint: 'Use a metric name like otelcol_receiver_accepted_spans_total; PromQL goes to opentelemetry_query_metrics.',
        },
      );
    const target = this.config.metrics?.target;
    const result =
      input.start_time !== undefined
        ? await callBackend(ctx, BACKENDS.metrics, 'prometheus_query_range', {
            query: input.metric_name,
            start: input.start_time,
            end: input.end_time ?? 'now',
            target,
          })
        : await callBackend(ctx, BACKENDS.metrics, 'prometheus_query', {
            query: input.metric_name,
            time: input.end_time,
            target,
          });
    return { source: 'prometheus', metric: input.metric_name, result };
  }

  @Tool({
    name: 'opentelemetry_query_metrics',
    title: 'Query metrics',
    description: 'A PromQL instant query through the Prometheus plugin.',
    input: QueryMetricsInput,
  })
  async queryMetrics(input: Static<typeof QueryMetricsInput>, ctx: ToolContext) {
    const result = await callBackend(ctx, BACKENDS.metrics, 'prometheus_query', {
      query: input.query,
      time: input.time,
      target: this.config.metrics?.target,
    });
    return { source: 'prometheus', result };
  }

  private async logs(ctx: ToolContext, input: Static<typeof QueryLogsInput> | Static<typeof LogsInput>) {
    const l = logSettings(this.config);
    const filter: Array<Record<string, unknown>> = [];
    if (input.service) filter.push({ match_phrase: { [l.serviceField]: input.service } });
    if (input.level) filter.push({ match: { [l.levelField]: input.level } });
    const result = await callBackend(ctx, BACKENDS.logs, 'elasticsearch_search', {
      index: l.index,
      query: 'query' in input ? input.query : undefined,
      dsl: filter.length ? { bool: { filter } } : undefined,
      from: input.start_time ?? 'now-1h',
      to: input.end_time ?? 'now',
      time_field: l.timeField,
      size: input.limit,
      sort: `${l.timeField}:desc`,
      target: l.target,
    });
    return { source: 'elasticsearch', index: l.index, result };
  }

  @Tool({
    name: 'opentelemetry_get_logs',
    title: 'Get logs',
    description: 'Newest logs by service and level, read from the Elasticsearch plugin (opentelemetry.logs.index).',
    input: LogsInput,
  })
  async getLogs(input: Static<typeof LogsInput>, ctx: ToolContext) {
    return this.logs(ctx, input);
  }

  @Tool({
    name: 'opentelemetry_query_logs',
    title: 'Query logs',
    description: 'Logs matching a Lucene query (plus service/level), newest first, from the Elasticsearch plugin.',
    input: QueryLogsInput,
  })
  async queryLogs(input: Static<typeof QueryLogsInput>, ctx: ToolContext) {
    return this.logs(ctx, input);
  }
}
