// POST /api/ds/query: each Prometheus query runs on the real Prometheus behind the datasource and comes back as
// Grafana data frames (one frame per series). Any failed query makes the whole answer HTTP 400, with the error
// in that query's result, as Grafana does.
import type { EmulatorReply } from '@cnmcp/core/testing';
import { findDatasource, upstreamHeaders } from './datasources.js';
import { badRequest, jsonBody, message, parseGrafanaTime, route, type RouteContext, type RouteTable } from './http.js';
import type { StoredDatasource } from './state.js';

interface PromSeries {
  metric: Record<string, string>;
  values?: Array<[number, string]>;
  value?: [number, string];
}

interface DataResult {
  status: number;
  frames?: unknown[];
  error?: string;
  errorSource?: string;
}

const num = (v: string): number | null => {
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

function seriesName(metric: Record<string, string>): string {
  const { __name__: name = '', ...labels } = metric;
  const inner = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ');
  return inner ? `${name}{${inner}}` : name || '{}';
}

function frame(refId: string, expr: string, stepMs: number, s: PromSeries, instant: boolean) {
  const points = instant ? (s.value ? [s.value] : []) : (s.values ?? []);
  return {
    schema: {
      name: seriesName(s.metric),
      refId,
      meta: {
        type: instant ? 'numeric-multi' : 'timeseries-multi',
        typeVersion: [0, 1],
        custom: { resultType: instant ? 'vector' : 'matrix' },
        executedQueryString: `Expr: ${expr}\nStep: ${stepMs / 1000}s`,
      },
      fields: [
        { name: 'Time', type: 'time', typeInfo: { frame: 'time.Time' }, config: { interval: stepMs } },
        {
          name: 'Value',
          type: 'number',
          typeInfo: { frame: 'float64', nullable: true },
          labels: Object.fromEntries(Object.entries(s.metric).filter(([k]) => k !== '__name__')),
          config: { displayNameFromDS: seriesName(s.metric) },
        },
      ],
    },
    data: { values: [points.map((p) => Math.round(p[0] * 1000)), points.map((p) => num(p[1]))] },
  };
}

function durationMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[m[2] as 's'];
}

async function prometheusQuery(
  d: StoredDatasource,
  q: Record<string, unknown>,
  from: number,
  to: number,
): Promise<DataResult> {
  const expr = typeof q.expr === 'string' ? q.expr : '';
  const refId = String(q.refId ?? 'A');
  if (!expr) return { status: 400, error: 'query expression is empty', errorSource: 'plugin' };
  const instant = q.instant === true && q.range !== true;
  const maxPoints = typeof q.maxDataPoints === 'number' && q.maxDataPoints > 0 ? q.maxDataPoints : 1000;
  const minStep = Math.max(
    typeof q.intervalMs === 'number' ? q.intervalMs : 15_000,
    durationMs(d.jsonData.timeInterval) ?? 0,
    durationMs(q.interval) ?? 0,
  );
  const stepMs = Math.max(minStep, Math.ceil((to - from) / maxPoints / 1000) * 1000, 1000);
  const params = new URLSearchParams({ query: expr });
  if (instant) params.set('time', String(to / 1000));
  else {
    params.set('start', String(Math.floor(from / stepMs) * (stepMs / 1000)));
    params.set('end', String(Math.ceil(to / stepMs) * (stepMs / 1000)));
    params.set('step', String(stepMs / 1000));
  }
  const path = instant ? '/api/v1/query' : '/api/v1/query_range';
  let res: Response;
  try {
    res = await fetch(`${d.url.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...upstreamHeaders(d) },
      body: params.toString(),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    const reason = (err as { cause?: { code?: string } }).cause?.code ?? 'connection failed';
    return { status: 500, error: `Post "${d.url}${path}": ${reason}`, errorSource: 'downstream' };
  }
  const body = (await res.json().catch(() => ({}))) as {
    status?: string;
    errorType?: string;
    error?: string;
    data?: { resultType: string; result: unknown };
  };
  if (!res.ok || body.status !== 'success' || !body.data)
    return {
      status: 400,
      error: `${body.errorType ?? 'error'}: ${body.error ?? res.statusText}`,
      errorSource: 'downstream',
    };
  const { resultType, result } = body.data;
  if (resultType === 'scalar' || resultType === 'string') {
    const value = result as [number, string];
    return { status: 200, frames: [frame(refId, expr, stepMs, { metric: {}, value }, true)] };
  }
  const series = result as PromSeries[];
  return { status: 200, frames: series.map((s) => frame(refId, expr, stepMs, s, resultType === 'vector')) };
}

async function runQuery(ctx: RouteContext, q: Record<string, unknown>, from: number, to: number): Promise<DataResult> {
  const ref = q.datasource as { uid?: string } | undefined;
  const d =
    (ref?.uid ? findDatasource(ctx.state, ctx.who, 'uid', ref.uid) : undefined) ??
    (typeof q.datasourceId === 'number' ? findDatasource(ctx.state, ctx.who, 'id', String(q.datasourceId)) : undefined);
  if (!d) return { status: 404, error: 'data source not found', errorSource: 'plugin' };
  if (d.type === 'prometheus') return prometheusQuery(d, q, from, to);
  try {
    await fetch(d.url, { signal: AbortSignal.timeout(5_000) });
  } catch {
    return { status: 500, error: `failed to connect to ${d.type} at ${d.url}`, errorSource: 'downstream' };
  }
  return {
    status: 400,
    error: `the emulator only runs queries of prometheus datasources, not ${d.type}`,
    errorSource: 'plugin',
  };
}

async function dsQuery(ctx: RouteContext): Promise<EmulatorReply> {
  const body = jsonBody(ctx.req) ?? {};
  const queries = body.queries;
  if (!Array.isArray(queries) || queries.length === 0) return badRequest('No queries found');
  const now = Date.now();
  const from = parseGrafanaTime(typeof body.from === 'string' ? body.from : String(body.from ?? ''), now - 3_600_000);
  const to = parseGrafanaTime(typeof body.to === 'string' ? body.to : String(body.to ?? ''), now);
  if (from > to) return badRequest('invalid time range: from is after to');
  for (const q of queries) {
    const ref = (q as { datasource?: { uid?: string } }).datasource;
    if (ref?.uid && !findDatasource(ctx.state, ctx.who, 'uid', ref.uid))
      return message(400, 'Data source not found', { messageId: 'query.invalid-datasource', traceID: '' });
  }
  const results: Record<string, DataResult> = {};
  for (const q of queries as Array<Record<string, unknown>>)
    results[String(q.refId ?? 'A')] = await runQuery(ctx, q, from, to);
  const failed = Object.values(results).some((r) => r.error);
  return { status: failed ? 400 : 200, body: { results } };
}

export const queryRoutes: RouteTable = {
  'POST /api/ds/query': route('Viewer', 'datasources:query', dsQuery),
};
