// The two answer formats of the Jaeger query service: OTLP JSON TracesData (API v3) and the Jaeger UI
// model of the internal /api JSON (model/json: traceID, spans[], processes{}).
import { plainValue, type KeyValue, type StoredSpan } from './otlp.js';
import { SPAN_KINDS } from './store.js';

type Json = Record<string, unknown>;

/** OTLP JSON TracesData grouping spans by resource and scope, as ptrace marshals them. */
export function toTracesData(spans: StoredSpan[]): Json {
  const resources = new Map<string, { resource: KeyValue[]; scopes: Map<string, Json> }>();
  for (const span of spans) {
    const rKey = JSON.stringify(span.resource);
    const r = resources.get(rKey) ?? { resource: span.resource, scopes: new Map<string, Json>() };
    resources.set(rKey, r);
    const sKey = `${span.scope.name ?? ''}@${span.scope.version ?? ''}`;
    const scope = r.scopes.get(sKey) ?? {
      scope: {
        ...(span.scope.name ? { name: span.scope.name } : {}),
        ...(span.scope.version ? { version: span.scope.version } : {}),
      },
      spans: [] as Json[],
    };
    r.scopes.set(sKey, scope);
    (scope.spans as Json[]).push({
      traceId: span.traceId,
      spanId: span.spanId,
      ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
      name: span.name,
      ...(span.kind ? { kind: span.kind } : {}),
      startTimeUnixNano: span.startNs.toString(),
      endTimeUnixNano: span.endNs.toString(),
      ...(span.attributes.length ? { attributes: span.attributes } : {}),
      ...(span.events.length
        ? {
            events: span.events.map((e) => ({
              timeUnixNano: e.timeNs.toString(),
              name: e.name,
              ...(e.attributes.length ? { attributes: e.attributes } : {}),
            })),
          }
        : {}),
      ...(span.links.length ? { links: span.links } : {}),
      status: {
        ...(span.status.message ? { message: span.status.message } : {}),
        ...(span.status.code ? { code: span.status.code } : {}),
      },
    });
  }
  return {
    resourceSpans: [...resources.values()].map((r) => ({
      resource: { attributes: r.resource },
      scopeSpans: [...r.scopes.values()],
    })),
  };
}

interface UiTag {
  key: string;
  type: 'string' | 'bool' | 'int64' | 'float64' | 'binary';
  value: unknown;
}

function uiTag(kv: KeyValue): UiTag {
  const v = kv.value;
  if ('boolValue' in v) return { key: kv.key, type: 'bool', value: Boolean(v.boolValue) };
  if ('intValue' in v) return { key: kv.key, type: 'int64', value: Number(v.intValue) };
  if ('doubleValue' in v) return { key: kv.key, type: 'float64', value: Number(v.doubleValue) };
  if ('bytesValue' in v) return { key: kv.key, type: 'binary', value: v.bytesValue };
  const plain = plainValue(v);
  return { key: kv.key, type: 'string', value: typeof plain === 'string' ? plain : JSON.stringify(plain) };
}

const micros = (ns: bigint): number => Number(ns / 1000n);

/** One trace in the Jaeger UI JSON model, with processes p1, p2… per distinct resource. */
export function toUiTrace(spans: StoredSpan[]): Json {
  const processes: Record<string, Json> = {};
  const processIds = new Map<string, string>();
  const processFor = (span: StoredSpan): string => {
    const key = JSON.stringify(span.resource);
    let id = processIds.get(key);
    if (!id) {
      id = `p${processIds.size + 1}`;
      processIds.set(key, id);
      processes[id] = {
        serviceName: span.service,
        tags: span.resource.filter((kv) => kv.key !== 'service.name').map(uiTag),
      };
    }
    return id;
  };
  const uiSpans = spans.map((span) => {
    const tags = span.attributes.map(uiTag);
    const kind = SPAN_KINDS[span.kind];
    if (kind && kind !== 'internal') tags.push({ key: 'span.kind', type: 'string', value: kind });
    if (span.scope.name) tags.push({ key: 'otel.scope.name', type: 'string', value: span.scope.name });
    if (span.scope.version) tags.push({ key: 'otel.scope.version', type: 'string', value: span.scope.version });
    if (span.status.code === 2) {
      tags.push({ key: 'error', type: 'bool', value: true });
      tags.push({ key: 'otel.status_code', type: 'string', value: 'ERROR' });
      if (span.status.message)
        tags.push({ key: 'otel.status_description', type: 'string', value: span.status.message });
    } else if (span.status.code === 1) tags.push({ key: 'otel.status_code', type: 'string', value: 'OK' });
    return {
      traceID: span.traceId,
      spanID: span.spanId,
      operationName: span.name,
      references: span.parentSpanId ? [{ refType: 'CHILD_OF', traceID: span.traceId, spanID: span.parentSpanId }] : [],
      startTime: micros(span.startNs),
      duration: micros(span.endNs - span.startNs),
      tags,
      logs: span.events.map((e) => ({
        timestamp: micros(e.timeNs),
        fields: [{ key: 'event', type: 'string', value: e.name }, ...e.attributes.map(uiTag)],
      })),
      processID: processFor(span),
      warnings: null,
      flags: 1,
    };
  });
  return { traceID: spans[0]?.traceId ?? '', spans: uiSpans, processes, warnings: null };
}

/** The internal API envelope (cmd/query/app/http_handler.go structuredResponse). */
export function envelope(data: unknown, total = Array.isArray(data) ? data.length : 0): Json {
  return { data, total, limit: 0, offset: 0, errors: null };
}

export function envelopeError(code: number, msg: string): Json {
  return { data: null, total: 0, limit: 0, offset: 0, errors: [{ code, msg }] };
}
