// One span model for both wire formats: OTLP JSON (API v3) and the Jaeger UI JSON (internal /api).

export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  service: string;
  operation: string;
  kind?: string;
  /** epoch microseconds */
  startUs: number;
  durationUs: number;
  error: boolean;
  statusMessage?: string;
  attributes: Record<string, unknown>;
  events: Array<{ timeUs: number; name: string; attributes: Record<string, unknown> }>;
  resource: Record<string, unknown>;
}

export interface Trace {
  traceId: string;
  spans: Span[];
}

type Json = Record<string, unknown>;
const KINDS = ['', 'internal', 'server', 'client', 'producer', 'consumer'];

function anyValue(value: unknown): unknown {
  const v = (value ?? {}) as Json;
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : String(v.intValue);
  }
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('bytesValue' in v) return v.bytesValue;
  if ('arrayValue' in v) return (((v.arrayValue as Json)?.values as unknown[]) ?? []).map(anyValue);
  if ('kvlistValue' in v) return attributeMap((v.kvlistValue as Json)?.values);
  return undefined;
}

function attributeMap(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(list))
    for (const kv of list as Json[]) if (typeof kv.key === 'string') out[kv.key] = anyValue(kv.value);
  return out;
}

/** OTLP JSON IDs are hex; gateways that use the proto3 JSON mapping send base64. */
function hexId(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  if (/^[0-9a-fA-F]+$/.test(value) && (value.length === 16 || value.length === 32)) return value.toLowerCase();
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 8 || bytes.length === 16 ? bytes.toString('hex') : value;
}

const nsToUs = (ns: unknown): number => {
  try {
    return Number(BigInt(String(ns ?? '0')) / 1000n);
  } catch {
    return 0;
  }
};

function kindName(kind: unknown): string | undefined {
  if (typeof kind === 'number') return KINDS[kind] || undefined;
  if (typeof kind === 'string') return kind.replace(/^SPAN_KIND_/, '').toLowerCase() || undefined;
  return undefined;
}

/** Traces from an API v3 answer: `{ result: TracesData }` (older releases: bare TracesData). */
export function tracesFromOtlp(body: unknown): Trace[] {
  const data = ((body as Json)?.result ?? body) as Json;
  const byId = new Map<string, Span[]>();
  for (const rs of (data?.resourceSpans as Json[] | undefined) ?? []) {
    const resource = attributeMap((rs.resource as Json | undefined)?.attributes);
    const service = typeof resource['service.name'] === 'string' ? resource['service.name'] : 'unknown_service';
    for (const ss of (rs.scopeSpans as Json[] | undefined) ?? []) {
      for (const s of (ss.spans as Json[] | undefined) ?? []) {
        const startUs = nsToUs(s.startTimeUnixNano);
        const status = (s.status as Json | undefined) ?? {};
        const code = status.code;
        const span: Span = {
          traceId: hexId(s.traceId),
          spanId: hexId(s.spanId),
          parentSpanId: hexId(s.parentSpanId) || undefined,
          service,
          operation: typeof s.name === 'string' ? s.name : '',
          kind: kindName(s.kind),
          startUs,
          durationUs: Math.max(0, nsToUs(s.endTimeUnixNano) - startUs),
          error: code === 2 || code === 'STATUS_CODE_ERROR',
          statusMessage: typeof status.message === 'string' && status.message ? status.message : undefined,
          attributes: attributeMap(s.attributes),
          events: ((s.events as Json[] | undefined) ?? []).map((e) => ({
            timeUs: nsToUs(e.timeUnixNano),
            name: String(e.name ?? ''),
            attributes: attributeMap(e.attributes),
          })),
          resource,
        };
        const list = byId.get(span.traceId) ?? [];
        list.push(span);
        byId.set(span.traceId, list);
      }
    }
  }
  return [...byId].map(([traceId, spans]) => ({ traceId, spans }));
}

function tagMap(tags: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(tags)) for (const t of tags as Json[]) if (typeof t.key === 'string') out[t.key] = t.value;
  return out;
}

/** A trace of the Jaeger UI JSON model (`data[]` of /api/traces). */
export function traceFromUi(raw: unknown): Trace {
  const t = (raw ?? {}) as Json;
  const processes = (t.processes ?? {}) as Record<string, Json>;
  const spans = ((t.spans as Json[] | undefined) ?? []).map((s): Span => {
    const process = processes[String(s.processID)] ?? {};
    const tags = tagMap(s.tags);
    const parent =
      ((s.references as Json[] | undefined) ?? []).find((r) => r.refType === 'CHILD_OF') ??
      ((s.references as Json[] | undefined) ?? [])[0];
    const kind = typeof tags['span.kind'] === 'string' ? (tags['span.kind'] as string) : undefined;
    const error = tags.error === true || tags.error === 'true' || tags['otel.status_code'] === 'ERROR';
    const statusMessage = tags['otel.status_description'];
    for (const k of ['span.kind', 'error', 'otel.status_code', 'otel.status_description']) delete tags[k];
    return {
      traceId: String(s.traceID ?? t.traceID ?? '').padStart(32, '0'),
      spanId: String(s.spanID ?? ''),
      parentSpanId: parent ? String(parent.spanID) : undefined,
      service: String(process.serviceName ?? 'unknown_service'),
      operation: String(s.operationName ?? ''),
      kind,
      startUs: Number(s.startTime ?? 0),
      durationUs: Number(s.duration ?? 0),
      error,
      statusMessage: typeof statusMessage === 'string' ? statusMessage : undefined,
      attributes: tags,
      events: ((s.logs as Json[] | undefined) ?? []).map((l) => {
        const fields = tagMap(l.fields);
        const name = typeof fields.event === 'string' ? fields.event : 'log';
        delete fields.event;
        return { timeUs: Number(l.timestamp ?? 0), name, attributes: fields };
      }),
      resource: { 'service.name': process.serviceName, ...tagMap(process.tags) },
    };
  });
  return { traceId: String(t.traceID ?? spans[0]?.traceId ?? '').padStart(32, '0'), spans };
}
