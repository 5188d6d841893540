// OTLP/HTTP trace intake: decodes ExportTraceServiceRequest bodies in both encodings an OTLP exporter
// sends (application/json with hex IDs and string nanoseconds; application/x-protobuf) into flat spans.
import protobuf from 'protobufjs';

/** An OTLP JSON AnyValue (`{ stringValue }`, `{ intValue: "1" }`, …). */
export type AnyValue = Record<string, unknown>;
export interface KeyValue {
  key: string;
  value: AnyValue;
}

export interface StoredSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** OTLP SpanKind number: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: KeyValue[];
  events: Array<{ timeNs: bigint; name: string; attributes: KeyValue[] }>;
  links: Array<{ traceId: string; spanId: string }>;
  status: { code: number; message?: string };
  resource: KeyValue[];
  scope: { name?: string; version?: string };
  service: string;
}

// Field numbers from opentelemetry-proto (collector/trace/v1, trace/v1, common/v1, resource/v1).
const descriptor = {
  nested: {
    otlp: {
      nested: {
        ExportTraceServiceRequest: { fields: { resourceSpans: { rule: 'repeated', type: 'ResourceSpans', id: 1 } } },
        ResourceSpans: {
          fields: {
            resource: { type: 'Resource', id: 1 },
            scopeSpans: { rule: 'repeated', type: 'ScopeSpans', id: 2 },
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        Resource: { fields: { attributes: { rule: 'repeated', type: 'KeyValue', id: 1 } } },
        ScopeSpans: {
          fields: { scope: { type: 'Scope', id: 1 }, spans: { rule: 'repeated', type: 'Span', id: 2 } },
        },
        Scope: { fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 } } },
        Span: {
          fields: {
            traceId: { type: 'bytes', id: 1 },
            spanId: { type: 'bytes', id: 2 },
            parentSpanId: { type: 'bytes', id: 4 },
            name: { type: 'string', id: 5 },
            kind: { type: 'int32', id: 6 },
            startTimeUnixNano: { type: 'fixed64', id: 7 },
            endTimeUnixNano: { type: 'fixed64', id: 8 },
            attributes: { rule: 'repeated', type: 'KeyValue', id: 9 },
            events: { rule: 'repeated', type: 'Event', id: 11 },
            links: { rule: 'repeated', type: 'Link', id: 13 },
            status: { type: 'Status', id: 15 },
          },
        },
        Event: {
          fields: {
            timeUnixNano: { type: 'fixed64', id: 1 },
            name: { type: 'string', id: 2 },
            attributes: { rule: 'repeated', type: 'KeyValue', id: 3 },
          },
        },
        Link: { fields: { traceId: { type: 'bytes', id: 1 }, spanId: { type: 'bytes', id: 2 } } },
        Status: { fields: { message: { type: 'string', id: 2 }, code: { type: 'int32', id: 3 } } },
        KeyValue: { fields: { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } } },
        AnyValue: {
          fields: {
            stringValue: { type: 'string', id: 1 },
            boolValue: { type: 'bool', id: 2 },
            intValue: { type: 'int64', id: 3 },
            doubleValue: { type: 'double', id: 4 },
            arrayValue: { type: 'ArrayValue', id: 5 },
            kvlistValue: { type: 'KeyValueList', id: 6 },
            bytesValue: { type: 'bytes', id: 7 },
          },
        },
        ArrayValue: { fields: { values: { rule: 'repeated', type: 'AnyValue', id: 1 } } },
        KeyValueList: { fields: { values: { rule: 'repeated', type: 'KeyValue', id: 1 } } },
      },
    },
  },
};

const RequestType = protobuf.Root.fromJSON(descriptor).lookupType('otlp.ExportTraceServiceRequest');

type Json = Record<string, unknown>;

/** Thrown for a body that is not a valid OTLP request; the server answers 400. */
export class OtlpDecodeError extends Error {}

/** Decodes a request body by its content type into the OTLP JSON shape (hex IDs, string nanoseconds). */
export function decodeTraceRequest(body: Buffer, contentType: string): Json {
  if (/protobuf/i.test(contentType)) {
    try {
      const message = RequestType.decode(body);
      return protoToJson(RequestType.toObject(message, { longs: String, arrays: true })) as Json;
    } catch (err) {
      throw new OtlpDecodeError(`unable to unmarshal protobuf request: ${(err as Error).message}`);
    }
  }
  if (/json/i.test(contentType)) {
    try {
      return JSON.parse(body.toString('utf8')) as Json;
    } catch (err) {
      throw new OtlpDecodeError(`unable to unmarshal JSON request: ${(err as Error).message}`);
    }
  }
  throw new OtlpDecodeError(`unsupported content type ${JSON.stringify(contentType)}`);
}

/** Byte fields become hex (IDs) except bytesValue, which OTLP JSON carries as base64. */
function protoToJson(value: unknown, key = ''): unknown {
  if (value instanceof Uint8Array)
    return key === 'bytesValue' ? Buffer.from(value).toString('base64') : Buffer.from(value).toString('hex');
  if (Array.isArray(value)) return value.map((v) => protoToJson(v, key));
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) out[k] = protoToJson(v, k);
    return out;
  }
  return value;
}

/** OTLP JSON IDs are hex; a base64 ID (proto3 JSON mapping) of the right length is accepted too. */
function normaliseId(value: unknown, bytes: number): string {
  if (typeof value !== 'string' || value === '') return '';
  if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(value)) return value.toLowerCase();
  const decoded = Buffer.from(value, 'base64');
  if (decoded.length === bytes) return decoded.toString('hex');
  throw new OtlpDecodeError(`invalid ${bytes === 16 ? 'trace' : 'span'} id ${JSON.stringify(value)}`);
}

function nanos(value: unknown): bigint {
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value));
  return 0n;
}

function attrs(value: unknown): KeyValue[] {
  return Array.isArray(value)
    ? value.filter((kv): kv is KeyValue => !!kv && typeof (kv as KeyValue).key === 'string')
    : [];
}

/** Flattens a decoded request into spans, each carrying its resource, scope and service name. */
export function flattenSpans(request: Json): StoredSpan[] {
  const spans: StoredSpan[] = [];
  const resourceSpans = Array.isArray(request.resourceSpans) ? (request.resourceSpans as Json[]) : [];
  for (const rs of resourceSpans) {
    const resource = attrs((rs.resource as Json | undefined)?.attributes);
    const serviceValue = resource.find((kv) => kv.key === 'service.name')?.value.stringValue;
    const service = typeof serviceValue === 'string' && serviceValue ? serviceValue : 'unknown_service';
    for (const ss of (rs.scopeSpans as Json[] | undefined) ?? []) {
      const scope = (ss.scope as { name?: string; version?: string } | undefined) ?? {};
      for (const span of (ss.spans as Json[] | undefined) ?? []) {
        const traceId = normaliseId(span.traceId, 16);
        const spanId = normaliseId(span.spanId, 8);
        if (!traceId || !spanId) throw new OtlpDecodeError('a span without traceId or spanId');
        const status = (span.status as { code?: unknown; message?: string } | undefined) ?? {};
        spans.push({
          traceId,
          spanId,
          parentSpanId: normaliseId(span.parentSpanId, 8),
          name: typeof span.name === 'string' ? span.name : '',
          kind: Number(span.kind ?? 0) || 0,
          startNs: nanos(span.startTimeUnixNano),
          endNs: nanos(span.endTimeUnixNano),
          attributes: attrs(span.attributes),
          events: ((span.events as Json[] | undefined) ?? []).map((e) => ({
            timeNs: nanos(e.timeUnixNano),
            name: typeof e.name === 'string' ? e.name : '',
            attributes: attrs(e.attributes),
          })),
          links: ((span.links as Json[] | undefined) ?? []).map((l) => ({
            traceId: normaliseId(l.traceId, 16),
            spanId: normaliseId(l.spanId, 8),
          })),
          status: { code: Number(status.code ?? 0) || 0, ...(status.message ? { message: status.message } : {}) },
          resource,
          scope: { name: scope.name, version: scope.version },
          service,
        });
      }
    }
  }
  return spans;
}

/** A plain JS value of an OTLP AnyValue (ints as numbers when safe). */
export function plainValue(value: AnyValue | undefined): unknown {
  if (!value) return undefined;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) {
    const n = Number(value.intValue);
    return Number.isSafeInteger(n) ? n : String(value.intValue);
  }
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('bytesValue' in value) return value.bytesValue;
  if ('arrayValue' in value)
    return ((value.arrayValue as { values?: AnyValue[] })?.values ?? []).map((v) => plainValue(v));
  if ('kvlistValue' in value)
    return Object.fromEntries(
      ((value.kvlistValue as { values?: KeyValue[] })?.values ?? []).map((kv) => [kv.key, plainValue(kv.value)]),
    );
  return undefined;
}
