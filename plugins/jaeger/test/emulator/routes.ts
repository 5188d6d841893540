// Query routes of the Jaeger query service: API v3 (http_gateway.go) and the internal /api JSON
// (http_handler.go, query_parser.go), answering from the span store.
import { envelope, envelopeError, toTracesData, toUiTrace } from './formats.js';
import type { SpanStore, TraceQuery } from './store.js';

export interface Reply {
  status: number;
  body: unknown;
  /** text/plain bodies holding JSON, as Go's http.Error writes them */
  plain?: boolean;
}

const json = (body: unknown, status = 200): Reply => ({ status, body });

/** API v3 errors: http.Error(w, json(GRPCGatewayError), code) → text/plain body holding JSON. */
const v3Error = (status: number, message: string): Reply => ({
  status,
  body: JSON.stringify({ error: { httpCode: status, message } }) + '\n',
  plain: true,
});

const UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in nanoseconds. */
export function parseGoDuration(text: string): bigint {
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  if (!text || text === '0') return 0n;
  let total = 0;
  let pos = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNITS[m[2]];
    pos = re.lastIndex;
  }
  if (pos !== text.length) throw new Error(`time: invalid duration "${text}"`);
  return BigInt(Math.round(total));
}

function rfc3339Ns(text: string): bigint {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  const ms = m ? Date.parse(`${m[1]}${m[3]}`) : NaN;
  if (!m || Number.isNaN(ms)) throw new Error(`parsing time "${text}" as RFC3339Nano: cannot parse`);
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0') || '0');
}

export function v3Routes(store: SpanStore, path: string, q: URLSearchParams): Reply | undefined {
  if (path === '/api/v3/services') return json({ services: store.services() });
  if (path === '/api/v3/operations') {
    const ops = store.operations(q.get('service') ?? undefined, q.get('span_kind') || undefined);
    return json({ operations: ops.map((o) => ({ name: o.name, spanKind: o.spanKind || 'internal' })) });
  }
  const byId = /^\/api\/v3\/traces\/([^/]+)$/.exec(path);
  if (byId) {
    const id = decodeURIComponent(byId[1]);
    if (!/^[0-9a-fA-F]{1,32}$/.test(id))
      return v3Error(400, `malformed parameter trace_id: TraceID cannot be longer than 32 hex characters: ${id}`);
    const spans = store.trace(id);
    if (!spans) return v3Error(404, 'No traces found');
    return json({ result: toTracesData(spans) });
  }
  if (path !== '/api/v3/traces') return undefined;
  const min = q.get('query.start_time_min') ?? '';
  const max = q.get('query.start_time_max') ?? '';
  if (!min || !max) return v3Error(400, 'query.start_time_min and query.start_time_max are required');
  const query: TraceQuery = { service: q.get('query.service_name') ?? '' };
  try {
    query.startMinNs = rfc3339Ns(min);
  } catch (err) {
    return v3Error(400, `malformed parameter query.start_time_min: ${(err as Error).message}`);
  }
  try {
    query.startMaxNs = rfc3339Ns(max);
  } catch (err) {
    return v3Error(400, `malformed parameter query.start_time_max: ${(err as Error).message}`);
  }
  query.operation = q.get('query.operation_name') || undefined;
  const depthParam = q.has('query.search_depth') ? 'query.search_depth' : 'query.num_traces';
  const depth = q.get(depthParam);
  if (depth) {
    if (!/^-?\d+$/.test(depth))
      return v3Error(400, `malformed parameter ${depthParam}: strconv.Atoi: parsing "${depth}": invalid syntax`);
    query.limit = Number(depth);
  }
  for (const [param, field] of [
    ['query.duration_min', 'durationMinNs'],
    ['query.duration_max', 'durationMaxNs'],
  ] as const) {
    const d = q.get(param);
    if (!d) continue;
    try {
      query[field] = parseGoDuration(d);
    } catch (err) {
      return v3Error(400, `malformed parameter ${param}: ${(err as Error).message}`);
    }
  }
  const attributes = q.get('query.attributes');
  if (attributes) {
    try {
      const parsed = JSON.parse(attributes) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      query.attributes = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch (err) {
      return v3Error(400, `malformed parameter query.attributes: ${(err as Error).message}`);
    }
  }
  if (!query.service) return v3Error(500, 'service name must be set');
  if (query.startMinNs > query.startMaxNs) return v3Error(500, 'start time min must be before start time max');
  const traces = store.find(query);
  if (traces.length === 0) return v3Error(404, 'No traces found');
  return json({ result: toTracesData(traces.flat()) });
}

const v1Error = (status: number, msg: string): Reply => json(envelopeError(status, msg), status);

function v1Search(store: SpanStore, q: URLSearchParams): Reply {
  const ids = q.getAll('traceID');
  if (ids.length) {
    const found = ids.map((id) => store.trace(id)).filter((t) => !!t);
    return json(envelope(found.map(toUiTrace)));
  }
  const service = q.get('service');
  if (!service) return v1Error(400, "parameter 'service' is required");
  const nowUs = Date.now() * 1000;
  const intParam = (name: string): number | undefined | Error => {
    const raw = q.get(name);
    if (!raw) return undefined;
    return /^-?\d+$/.test(raw) ? Number(raw) : new Error(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
  };
  const end = intParam('end');
  const start = intParam('start');
  const limit = intParam('limit');
  for (const [name, value] of [
    ['end', end],
    ['start', start],
    ['limit', limit],
  ] as const)
    if (value instanceof Error) return v1Error(400, `unable to parse param '${name}': ${value.message}`);
  const endUs = (end as number | undefined) ?? nowUs;
  let lookbackNs = 3600n * 1_000_000_000n;
  const lookback = q.get('lookback');
  if (lookback && lookback !== 'custom') {
    try {
      lookbackNs = parseGoDuration(lookback);
    } catch (err) {
      return v1Error(400, `unable to parse param 'lookback': ${(err as Error).message}`);
    }
  }
  const startNs = start !== undefined ? BigInt(start as number) * 1000n : BigInt(endUs) * 1000n - lookbackNs;
  const query: TraceQuery = {
    service,
    operation: q.get('operation') || undefined,
    startMinNs: startNs,
    startMaxNs: BigInt(endUs) * 1000n,
    limit: (limit as number | undefined) ?? 100,
    attributes: {},
  };
  for (const [param, field] of [
    ['minDuration', 'durationMinNs'],
    ['maxDuration', 'durationMaxNs'],
  ] as const) {
    const d = q.get(param);
    if (!d) continue;
    try {
      query[field] = parseGoDuration(d);
    } catch (err) {
      return v1Error(400, `unable to parse param '${param}': ${(err as Error).message}`);
    }
  }
  for (const tags of q.getAll('tags')) {
    try {
      const parsed = JSON.parse(tags) as Record<string, unknown>;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      for (const [k, v] of Object.entries(parsed)) query.attributes![k] = String(v);
    } catch {
      return v1Error(400, `malformed 'tags' parameter, expecting JSON object: ${tags}`);
    }
  }
  for (const tag of q.getAll('tag')) {
    const i = tag.indexOf(':');
    if (i <= 0) return v1Error(400, `malformed 'tag' parameter, expecting key:value, received: ${tag}`);
    query.attributes![tag.slice(0, i)] = tag.slice(i + 1);
  }
  return json(envelope(store.find(query).map(toUiTrace)));
}

export function v1Routes(store: SpanStore, path: string, q: URLSearchParams): Reply | undefined {
  if (path === '/api/services') return json(envelope(store.services()));
  const svcOps = /^\/api\/services\/([^/]+)\/operations$/.exec(path);
  if (svcOps) {
    const names = [...new Set(store.operations(decodeURIComponent(svcOps[1])).map((o) => o.name))];
    return json(envelope(names));
  }
  if (path === '/api/operations') {
    const service = q.get('service');
    if (!service) return v1Error(400, "parameter 'service' is required");
    return json(envelope(store.operations(service, q.get('spanKind') || undefined)));
  }
  if (path === '/api/traces') return v1Search(store, q);
  const byId = /^\/api\/traces\/([^/]+)$/.exec(path);
  if (byId) {
    const id = decodeURIComponent(byId[1]);
    if (!/^[0-9a-fA-F]{1,32}$/.test(id)) return v1Error(400, `strconv.ParseUint: parsing "${id}": invalid syntax`);
    const spans = store.trace(id);
    if (!spans) return v1Error(404, 'trace not found');
    return json(envelope([toUiTrace(spans)]));
  }
  if (path === '/api/dependencies') {
    const endTs = q.get('endTs');
    const lookback = q.get('lookback');
    if (endTs && !/^\d+$/.test(endTs))
      return v1Error(400, `unable to parse param 'endTs': strconv.ParseInt: parsing "${endTs}": invalid syntax`);
    if (lookback && !/^\d+$/.test(lookback))
      return v1Error(400, `unable to parse param 'lookback': strconv.ParseInt: parsing "${lookback}": invalid syntax`);
    const deps = store.dependencies(endTs ? Number(endTs) : Date.now(), lookback ? Number(lookback) : 86_400_000);
    return json(envelope(deps));
  }
  return undefined;
}
