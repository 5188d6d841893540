// Counts the items of an OTLP/HTTP export request (spans, metric data points, log records), in JSON or
// protobuf, as the collector's receiver counters do. Field numbers from opentelemetry-proto.
import protobuf from 'protobufjs';

export type Signal = 'traces' | 'metrics' | 'logs';

const repeated = (type: string, id: number) => ({ rule: 'repeated', type, id });
const points = { fields: { dataPoints: repeated('Item', 1) } };

const root = protobuf.Root.fromJSON({
  nested: {
    otlp: {
      nested: {
        Item: { fields: {} },
        TracesRequest: { fields: { resources: repeated('ResourceSpans', 1) } },
        ResourceSpans: { fields: { scopes: repeated('ScopeSpans', 2) } },
        ScopeSpans: { fields: { items: repeated('Item', 2) } },
        LogsRequest: { fields: { resources: repeated('ResourceLogs', 1) } },
        ResourceLogs: { fields: { scopes: repeated('ScopeLogs', 2) } },
        ScopeLogs: { fields: { items: repeated('Item', 2) } },
        MetricsRequest: { fields: { resources: repeated('ResourceMetrics', 1) } },
        ResourceMetrics: { fields: { scopes: repeated('ScopeMetrics', 2) } },
        ScopeMetrics: { fields: { items: repeated('Metric', 2) } },
        Metric: {
          fields: {
            gauge: { type: 'Points', id: 5 },
            sum: { type: 'Points', id: 7 },
            histogram: { type: 'Points', id: 9 },
            exponentialHistogram: { type: 'Points', id: 10 },
            summary: { type: 'Points', id: 11 },
          },
        },
        Points: points,
      },
    },
  },
});

const REQUEST: Record<Signal, string> = {
  traces: 'otlp.TracesRequest',
  metrics: 'otlp.MetricsRequest',
  logs: 'otlp.LogsRequest',
};

/** JSON names of the levels: resource list, scope list, item list. */
const JSON_KEYS: Record<Signal, [string, string, string]> = {
  traces: ['resourceSpans', 'scopeSpans', 'spans'],
  metrics: ['resourceMetrics', 'scopeMetrics', 'metrics'],
  logs: ['resourceLogs', 'scopeLogs', 'logRecords'],
};

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function metricPoints(metric: Json): number {
  let n = 0;
  for (const key of ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'])
    n += list((metric[key] as Json | undefined)?.dataPoints).length;
  return n;
}

export class OtlpBodyError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The number of items in a request body; throws OtlpBodyError (400/415) for a body it cannot read. */
export function countItems(signal: Signal, body: Buffer, contentType: string): number {
  let request: Json;
  if (/protobuf/i.test(contentType)) {
    try {
      const type = root.lookupType(REQUEST[signal]);
      const decoded = type.toObject(type.decode(body), { arrays: true }) as Json;
      request = {
        [JSON_KEYS[signal][0]]: list(decoded.resources).map((r) => ({
          [JSON_KEYS[signal][1]]: list(r.scopes).map((s) => ({ [JSON_KEYS[signal][2]]: s.items })),
        })),
      };
    } catch (err) {
      throw new OtlpBodyError(`proto: ${(err as Error).message}`, 400);
    }
  } else if (/json/i.test(contentType)) {
    try {
      request = JSON.parse(body.toString('utf8')) as Json;
    } catch (err) {
      throw new OtlpBodyError(`json: ${(err as Error).message}`, 400);
    }
  } else
    throw new OtlpBodyError(`415 unsupported media type, supported: [application/json, application/x-protobuf]`, 415);
  const [rKey, sKey, iKey] = JSON_KEYS[signal];
  let n = 0;
  for (const r of list(request[rKey]))
    for (const s of list(r[sKey])) {
      const items = list(s[iKey]);
      n += signal === 'metrics' ? items.reduce((sum, m) => sum + metricPoints(m), 0) : items.length;
    }
  return n;
}
