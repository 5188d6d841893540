// In-memory span store with the search semantics of Jaeger's memory storage: a trace matches when one
// of its spans matches every condition; results are newest first.
import { plainValue, type StoredSpan } from './otlp.js';

export const SPAN_KINDS = ['', 'internal', 'server', 'client', 'producer', 'consumer'] as const;

export interface TraceQuery {
  service: string;
  operation?: string;
  startMinNs?: bigint;
  startMaxNs?: bigint;
  durationMinNs?: bigint;
  durationMaxNs?: bigint;
  /** Tag / attribute filters; a value matches the string form of a span, resource or event attribute. */
  attributes?: Record<string, string>;
  limit?: number;
}

export interface Dependency {
  parent: string;
  child: string;
  callCount: number;
}

function stringForm(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export class SpanStore {
  private readonly traces = new Map<string, StoredSpan[]>();

  add(spans: StoredSpan[]): void {
    for (const span of spans) {
      const list = this.traces.get(span.traceId) ?? [];
      const i = list.findIndex((s) => s.spanId === span.spanId);
      if (i >= 0) list[i] = span;
      else list.push(span);
      this.traces.set(span.traceId, list);
    }
  }

  get spanCount(): number {
    let n = 0;
    for (const list of this.traces.values()) n += list.length;
    return n;
  }

  traceIds(): string[] {
    return [...this.traces.keys()];
  }

  trace(traceId: string): StoredSpan[] | undefined {
    return this.traces.get(traceId.toLowerCase().padStart(32, '0'));
  }

  services(): string[] {
    const names = new Set<string>();
    for (const list of this.traces.values()) for (const s of list) names.add(s.service);
    return [...names].sort();
  }

  operations(service?: string, spanKind?: string): Array<{ name: string; spanKind: string }> {
    const seen = new Map<string, { name: string; spanKind: string }>();
    for (const list of this.traces.values())
      for (const s of list) {
        if (service && s.service !== service) continue;
        const kind = SPAN_KINDS[s.kind] ?? '';
        if (spanKind && kind !== spanKind) continue;
        seen.set(`${s.name}\u0000${kind}`, { name: s.name, spanKind: kind });
      }
    return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private spanMatches(span: StoredSpan, q: TraceQuery): boolean {
    if (span.service !== q.service) return false;
    if (q.operation && span.name !== q.operation) return false;
    if (q.startMinNs !== undefined && span.startNs < q.startMinNs) return false;
    if (q.startMaxNs !== undefined && span.startNs > q.startMaxNs) return false;
    const duration = span.endNs - span.startNs;
    if (q.durationMinNs !== undefined && duration < q.durationMinNs) return false;
    if (q.durationMaxNs !== undefined && duration > q.durationMaxNs) return false;
    for (const [key, want] of Object.entries(q.attributes ?? {})) {
      const pools = [span.attributes, span.resource, ...span.events.map((e) => e.attributes)];
      const hit = pools.some((pool) =>
        pool.some((kv) => kv.key === key && stringForm(plainValue(kv.value)) === String(want)),
      );
      if (!hit) return false;
    }
    return true;
  }

  find(q: TraceQuery): StoredSpan[][] {
    const hits: Array<{ start: bigint; spans: StoredSpan[] }> = [];
    for (const list of this.traces.values()) {
      if (!list.some((span) => this.spanMatches(span, q))) continue;
      const start = list.reduce((min, s) => (s.startNs < min ? s.startNs : min), list[0].startNs);
      hits.push({ start, spans: list });
    }
    hits.sort((a, b) => (a.start === b.start ? 0 : a.start > b.start ? -1 : 1));
    return hits.slice(0, q.limit && q.limit > 0 ? q.limit : hits.length).map((h) => h.spans);
  }

  /** Caller → callee service edges from parent/child spans that started inside the window. */
  dependencies(endMs: number, lookbackMs: number): Dependency[] {
    const fromNs = BigInt(Math.trunc(endMs - lookbackMs)) * 1_000_000n;
    const toNs = BigInt(Math.trunc(endMs)) * 1_000_000n;
    const edges = new Map<string, Dependency>();
    for (const list of this.traces.values()) {
      const byId = new Map(list.map((s) => [s.spanId, s]));
      for (const child of list) {
        if (child.startNs < fromNs || child.startNs > toNs) continue;
        const parent = byId.get(child.parentSpanId);
        if (!parent || parent.service === child.service) continue;
        const key = `${parent.service}\u0000${child.service}`;
        const edge = edges.get(key) ?? { parent: parent.service, child: child.service, callCount: 0 };
        edge.callCount += 1;
        edges.set(key, edge);
      }
    }
    return [...edges.values()];
  }
}
