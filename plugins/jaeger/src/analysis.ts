// Progressive disclosure of a trace: a one-line summary, then its service topology and critical path,
// then single spans.
import type { Span, Trace } from './model.js';

const ms = (us: number): number => Math.round(us / 10) / 100;
const iso = (us: number): string => new Date(Math.floor(us / 1000)).toISOString();

export interface TraceSummary {
  trace_id: string;
  root_service: string;
  root_operation: string;
  start: string;
  duration_ms: number;
  span_count: number;
  error_count: number;
  services: string[];
}

/** The root: a span without a parent in the trace (the earliest one when there are several). */
export function rootSpan(trace: Trace): Span | undefined {
  const ids = new Set(trace.spans.map((s) => s.spanId));
  const roots = trace.spans.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
  return (roots.length ? roots : trace.spans).reduce<Span | undefined>(
    (best, s) => (!best || s.startUs < best.startUs ? s : best),
    undefined,
  );
}

function bounds(spans: Span[]): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  for (const s of spans) {
    start = Math.min(start, s.startUs);
    end = Math.max(end, s.startUs + s.durationUs);
  }
  return spans.length ? { start, end } : { start: 0, end: 0 };
}

export function summarizeTrace(trace: Trace): TraceSummary {
  const root = rootSpan(trace);
  const { start, end } = bounds(trace.spans);
  return {
    trace_id: trace.traceId,
    root_service: root?.service ?? '',
    root_operation: root?.operation ?? '',
    start: iso(start),
    duration_ms: ms(end - start),
    span_count: trace.spans.length,
    error_count: trace.spans.filter((s) => s.error).length,
    services: [...new Set(trace.spans.map((s) => s.service))].sort(),
  };
}

export interface ServiceNode {
  service: string;
  span_count: number;
  error_count: number;
  operations: string[];
}

export interface ServiceEdge {
  from: string;
  to: string;
  calls: number;
  error_calls: number;
  total_ms: number;
}

/** Services of one trace and the calls between them (parent span's service → child span's service). */
export function traceTopology(trace: Trace, maxOperations = 5): { services: ServiceNode[]; calls: ServiceEdge[] } {
  const nodes = new Map<string, ServiceNode & { ops: Set<string> }>();
  for (const s of trace.spans) {
    const node = nodes.get(s.service) ?? {
      service: s.service,
      span_count: 0,
      error_count: 0,
      operations: [],
      ops: new Set<string>(),
    };
    node.span_count += 1;
    if (s.error) node.error_count += 1;
    node.ops.add(s.operation);
    nodes.set(s.service, node);
  }
  const byId = new Map(trace.spans.map((s) => [s.spanId, s]));
  const edges = new Map<string, ServiceEdge>();
  for (const child of trace.spans) {
    const parent = child.parentSpanId ? byId.get(child.parentSpanId) : undefined;
    if (!parent || parent.service === child.service) continue;
    const key = `${parent.service}\u0000${child.service}`;
    const edge = edges.get(key) ?? { from: parent.service, to: child.service, calls: 0, error_calls: 0, total_ms: 0 };
    edge.calls += 1;
    if (child.error) edge.error_calls += 1;
    edge.total_ms = ms(edge.total_ms * 1000 + child.durationUs);
    edges.set(key, edge);
  }
  return {
    services: [...nodes.values()].map(({ ops, ...n }) => ({
      ...n,
      operations: [...ops].slice(0, maxOperations),
    })),
    calls: [...edges.values()],
  };
}

export interface CriticalSegment {
  span_id: string;
  service: string;
  operation: string;
  /** time this span itself spends on the critical path */
  self_ms: number;
  error: boolean;
}

/**
 * The critical path: from the root, walk back from its end through the child that finished last before
 * the cursor, recursively; the gaps between children are the parent's own time (as Jaeger UI computes it).
 */
export function criticalPath(trace: Trace): { total_ms: number; segments: CriticalSegment[] } {
  const root = rootSpan(trace);
  if (!root) return { total_ms: 0, segments: [] };
  const children = new Map<string, Span[]>();
  for (const s of trace.spans)
    if (s.parentSpanId) children.set(s.parentSpanId, [...(children.get(s.parentSpanId) ?? []), s]);
  const self = new Map<string, number>();
  const order: Span[] = [];
  const add = (span: Span, us: number) => {
    if (us <= 0) return;
    if (!self.has(span.spanId)) order.push(span);
    self.set(span.spanId, (self.get(span.spanId) ?? 0) + us);
  };
  const walk = (span: Span, endBound: number, depth: number): void => {
    const end = Math.min(span.startUs + span.durationUs, endBound);
    let cursor = end;
    const kids = (children.get(span.spanId) ?? [])
      .slice()
      .sort((a, b) => b.startUs + b.durationUs - (a.startUs + a.durationUs));
    for (const child of kids) {
      const childEnd = Math.min(child.startUs + child.durationUs, cursor);
      if (childEnd <= span.startUs || child.startUs >= cursor) continue;
      add(span, cursor - childEnd);
      if (depth < 200) walk(child, childEnd, depth + 1);
      cursor = Math.max(child.startUs, span.startUs);
    }
    add(span, cursor - span.startUs);
  };
  walk(root, root.startUs + root.durationUs, 0);
  const segments = order
    .map((s) => ({
      span_id: s.spanId,
      service: s.service,
      operation: s.operation,
      self_ms: ms(self.get(s.spanId) ?? 0),
      error: s.error,
    }))
    .sort((a, b) => b.self_ms - a.self_ms);
  return { total_ms: ms(root.durationUs), segments };
}

export interface SpanBrief {
  span_id: string;
  parent_span_id?: string;
  service: string;
  operation: string;
  kind?: string;
  start_offset_ms: number;
  duration_ms: number;
  error: boolean;
}

export function spanBriefs(trace: Trace): SpanBrief[] {
  const { start } = bounds(trace.spans);
  // Spans started in the same microsecond are listed parent first (a root and its first child often are).
  const byId = new Map(trace.spans.map((s) => [s.spanId, s]));
  const depth = (s: Span): number => {
    let d = 0;
    for (let p = s.parentSpanId; p && byId.has(p) && d < trace.spans.length; p = byId.get(p)!.parentSpanId) d++;
    return d;
  };
  return trace.spans
    .map((s) => ({ s, d: depth(s) }))
    .sort((a, b) => a.s.startUs - b.s.startUs || a.d - b.d)
    .map(({ s }) => ({
      span_id: s.spanId,
      ...(s.parentSpanId ? { parent_span_id: s.parentSpanId } : {}),
      service: s.service,
      operation: s.operation,
      ...(s.kind ? { kind: s.kind } : {}),
      start_offset_ms: ms(s.startUs - start),
      duration_ms: ms(s.durationUs),
      error: s.error,
    }));
}

/** Everything about one span, with long attribute values cut. */
export function spanDetail(span: Span, maxValueChars = 500): Record<string, unknown> {
  const cut = (attrs: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(attrs).map(([k, v]) => {
        const text = typeof v === 'string' ? v : JSON.stringify(v);
        return [k, text && text.length > maxValueChars ? `${text.slice(0, maxValueChars)}… (${text.length} chars)` : v];
      }),
    );
  return {
    trace_id: span.traceId,
    span_id: span.spanId,
    ...(span.parentSpanId ? { parent_span_id: span.parentSpanId } : {}),
    service: span.service,
    operation: span.operation,
    ...(span.kind ? { kind: span.kind } : {}),
    start: iso(span.startUs),
    duration_ms: ms(span.durationUs),
    error: span.error,
    ...(span.statusMessage ? { status_message: span.statusMessage } : {}),
    attributes: cut(span.attributes),
    events: span.events.slice(0, 20).map((e) => ({ time: iso(e.timeUs), name: e.name, attributes: cut(e.attributes) })),
    ...(span.events.length > 20 ? { events_total: span.events.length } : {}),
    resource: cut(span.resource),
  };
}
