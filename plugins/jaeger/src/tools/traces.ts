import { Tool, ToolGroup, annotations, inject, listPage, type Static, type ToolContext } from '@cnmcp/core';
import { criticalPath, spanBriefs, spanDetail, summarizeTrace, traceTopology } from '../analysis.js';
import { JaegerApiCache } from '../api-cache.js';
import { JaegerErrors } from '../errors.js';
import type { Trace } from '../model.js';
import { SearchTracesInput, TraceInput, TracesInput, TracesSummaryInput } from '../schemas.js';
import { aggregate, toSearch, type SearchArgs } from '../search.js';

const MAX_SEGMENTS = 15;
const MAX_ERRORS = 10;
const MAX_TOPOLOGY = 50;

@ToolGroup({
  name: 'traces',
  title: 'Traces',
  description: 'Trace search as summaries, then one trace as topology and critical path, then single spans.',
  default: true,
  // No result cache: searches use relative windows and traces still receive spans.
  defaults: { annotations: annotations.read },
})
export class TraceTools {
  constructor(@inject(JaegerApiCache) private readonly apis: JaegerApiCache) {}

  private async search(args: SearchArgs, errorsOnly: boolean, ctx: ToolContext) {
    const query = toSearch(args);
    const traces = await this.apis.client(ctx.backend, ctx.signal).searchTraces(query);
    const summaries = traces.map(summarizeTrace).sort((a, b) => b.start.localeCompare(a.start));
    return {
      query,
      summaries: errorsOnly ? summaries.filter((s) => s.error_count > 0) : summaries,
    };
  }

  private window(query: { start: number; end: number }) {
    return { start: new Date(query.start).toISOString(), end: new Date(query.end).toISOString() };
  }

  @Tool({
    name: 'jaeger_get_traces',
    title: 'Find traces',
    description:
      'Traces of a service as summaries (root operation, duration, span and error counts). Open one with jaeger_get_trace.',
    input: TracesInput,
  })
  async traces(input: Static<typeof TracesInput>, ctx: ToolContext) {
    const { query, summaries } = await this.search(input, input.errors_only, ctx);
    return {
      service: input.service,
      window: this.window(query),
      ...listPage(summaries, { limit: input.limit, cursor: input.cursor }),
    };
  }

  @Tool({
    name: 'jaeger_get_traces_summary',
    title: 'Traces summary',
    description: 'Aggregates over matching traces: count, error traces, p50/p95/max duration, busiest root operations.',
    input: TracesSummaryInput,
  })
  async tracesSummary(input: Static<typeof TracesSummaryInput>, ctx: ToolContext) {
    const { query, summaries } = await this.search(input, false, ctx);
    const slowest = [...summaries]
      .sort((a, b) => b.duration_ms - a.duration_ms)
      .slice(0, 5)
      .map((s) => ({
        trace_id: s.trace_id,
        root_operation: s.root_operation,
        duration_ms: s.duration_ms,
        errors: s.error_count,
      }));
    return { service: input.service, window: this.window(query), ...aggregate(summaries), slowest };
  }

  @Tool({
    name: 'jaeger_search_traces',
    title: 'Search traces by tags',
    description: 'Trace search with attribute (tag) filters, returned as summaries.',
    input: SearchTracesInput,
  })
  async searchTraces(input: Static<typeof SearchTracesInput>, ctx: ToolContext) {
    const { query, summaries } = await this.search(input, input.errors_only, ctx);
    return {
      service: input.service,
      window: this.window(query),
      ...(query.tags ? { tags: query.tags } : {}),
      ...listPage(summaries, { limit: input.limit, cursor: input.cursor }),
    };
  }

  @Tool({
    name: 'jaeger_get_trace',
    title: 'Get a trace',
    description:
      'One trace: view=overview (summary, service topology, critical path, errors), view=spans (paged list) or view=span (one span in full).',
    input: TraceInput,
  })
  async trace(input: Static<typeof TraceInput>, ctx: ToolContext) {
    const trace = await this.apis.client(ctx.backend, ctx.signal).getTrace(input.trace_id.toLowerCase());
    if (!trace || !trace.spans.length)
      throw JaegerErrors.create(
        'JAEGER_ERR_TRACE_NOT_FOUND',
        `no trace ${input.trace_id} in Jaeger (${ctx.backendTarget})`,
      );
    if (input.view === 'spans')
      return { trace_id: trace.traceId, ...listPage(spanBriefs(trace), { limit: input.limit, cursor: input.cursor }) };
    if (input.view === 'span') return this.span(trace, input.span_id);
    return overview(trace);
  }

  private span(trace: Trace, spanId: string | undefined) {
    if (!spanId) throw JaegerErrors.create('JAEGER_ERR_SPAN_ID_REQUIRED', 'view=span was asked without span_id');
    const span = trace.spans.find((s) => s.spanId === spanId.toLowerCase());
    if (!span)
      throw JaegerErrors.create(
        'JAEGER_ERR_SPAN_NOT_FOUND',
        `trace ${trace.traceId} has no span ${spanId} (it has ${trace.spans.length} spans)`,
      );
    return spanDetail(span);
  }
}

function overview(trace: Trace) {
  const path = criticalPath(trace);
  const errors = trace.spans.filter((s) => s.error);
  const topology = traceTopology(trace);
  return {
    summary: summarizeTrace(trace),
    topology: {
      services: topology.services.slice(0, MAX_TOPOLOGY),
      calls: topology.calls.sort((a, b) => b.calls - a.calls).slice(0, MAX_TOPOLOGY),
      ...(topology.services.length > MAX_TOPOLOGY ? { services_total: topology.services.length } : {}),
      ...(topology.calls.length > MAX_TOPOLOGY ? { calls_total: topology.calls.length } : {}),
    },
    critical_path: {
      total_ms: path.total_ms,
      segments: path.segments.slice(0, MAX_SEGMENTS),
      ...(path.segments.length > MAX_SEGMENTS ? { segments_total: path.segments.length } : {}),
    },
    errors: errors.slice(0, MAX_ERRORS).map((s) => ({
      span_id: s.spanId,
      service: s.service,
      operation: s.operation,
      ...(s.statusMessage ? { message: s.statusMessage } : {}),
    })),
    ...(errors.length > MAX_ERRORS ? { errors_total: errors.length } : {}),
    next: 'view=spans lists every span; view=span with span_id shows one span in full.',
  };
}
