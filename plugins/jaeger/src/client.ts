// The Jaeger query API: v3 (`/api/v3/...`, OTLP JSON) first; the internal `/api/...` JSON for servers
// without v3, detected once per target. Dependencies always use `/api/dependencies?endTs=&lookback=`
// (v3 defines them but does not serve them over HTTP).
import { coreError, type HttpClient } from '@cnmcp/core';
import { traceFromUi, tracesFromOtlp, type Trace } from './model.js';

export type JaegerApi = 'v3' | 'v1';

export interface TraceSearch {
  service: string;
  operation?: string;
  /** epoch ms */
  start: number;
  end: number;
  limit: number;
  minDurationMs?: number;
  maxDurationMs?: number;
  tags?: Record<string, string>;
}

export interface Operation {
  name: string;
  spanKind?: string;
}

export interface Dependency {
  parent: string;
  child: string;
  callCount: number;
}

interface Envelope<T> {
  data: T;
}

/** Go duration in microseconds, as both APIs parse minDuration / query.duration_min. */
const goDuration = (ms: number): string => `${Math.round(ms * 1000)}us`;
const rfc3339 = (ms: number): string => new Date(ms).toISOString();

/** Parses a v3 answer read as text; `undefined` for the 404 "No traces found" (an empty result). */
function v3Body(status: number, text: string, what: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw coreError('CNMCP_ERR_BACKEND_BAD_RESPONSE', `Jaeger answered ${what} with a body that is not JSON`);
  }
  if (status !== 404) return body;
  const message = (body as { error?: { message?: string } } | undefined)?.error?.message ?? '';
  if (/no traces found|trace not found/i.test(message)) return undefined;
  throw coreError('CNMCP_ERR_BACKEND_NOT_FOUND', `Jaeger answered ${what} with 404: ${message}`);
}

export class JaegerClient {
  constructor(
    private readonly http: HttpClient,
    /** API detected per target, shared by every client of the plugin. */
    private readonly detected: Map<string, JaegerApi>,
    private readonly signal?: AbortSignal,
  ) {}

  private get key(): string {
    return `${this.http.targetName}\u0000${this.http.baseUrl}`;
  }

  /** v3 when `/api/v3/services` answers; v1 when the server does not know the route (404/405/501). */
  async api(): Promise<JaegerApi> {
    const known = this.detected.get(this.key);
    if (known) return known;
    const res = await this.http.request<unknown>({
      path: '/api/v3/services',
      acceptStatus: [404, 405, 501],
      responseType: 'text',
      signal: this.signal,
    });
    const api: JaegerApi = res.status === 200 && /"services"/.test(String(res.body)) ? 'v3' : 'v1';
    this.detected.set(this.key, api);
    return api;
  }

  async services(): Promise<string[]> {
    if ((await this.api()) === 'v3') {
      const body = await this.http.get<{ services?: string[] }>('/api/v3/services', undefined, { signal: this.signal });
      return body?.services ?? [];
    }
    return (
      (await this.http.get<Envelope<string[] | null>>('/api/services', undefined, { signal: this.signal }))?.data ?? []
    );
  }

  async operations(service: string, spanKind?: string): Promise<Operation[]> {
    if ((await this.api()) === 'v3') {
      const body = await this.http.get<{ operations?: Operation[] }>(
        '/api/v3/operations',
        { service, span_kind: spanKind },
        { signal: this.signal },
      );
      return body?.operations ?? [];
    }
    if (spanKind) {
      const body = await this.http.get<Envelope<Operation[] | null>>(
        '/api/operations',
        { service, spanKind },
        { signal: this.signal },
      );
      return body?.data ?? [];
    }
    const body = await this.http.get<Envelope<string[] | null>>(
      `/api/services/${encodeURIComponent(service)}/operations`,
      undefined,
      { signal: this.signal },
    );
    return (body?.data ?? []).map((name) => ({ name }));
  }

  async searchTraces(q: TraceSearch): Promise<Trace[]> {
    const tags = q.tags && Object.keys(q.tags).length ? JSON.stringify(q.tags) : undefined;
    if ((await this.api()) === 'v3') {
      const res = await this.http.request<unknown>({
        path: '/api/v3/traces',
        query: {
          'query.service_name': q.service,
          'query.operation_name': q.operation,
          'query.start_time_min': rfc3339(q.start),
          'query.start_time_max': rfc3339(q.end),
          'query.num_traces': q.limit,
          'query.duration_min': q.minDurationMs !== undefined ? goDuration(q.minDurationMs) : undefined,
          'query.duration_max': q.maxDurationMs !== undefined ? goDuration(q.maxDurationMs) : undefined,
          'query.attributes': tags,
        },
        acceptStatus: [404],
        responseType: 'text',
        signal: this.signal,
      });
      const body = v3Body(res.status, String(res.body), 'a trace search');
      return body === undefined ? [] : tracesFromOtlp(body).slice(0, q.limit);
    }
    const body = await this.http.get<Envelope<unknown[] | null>>(
      '/api/traces',
      {
        service: q.service,
        operation: q.operation,
        start: Math.floor(q.start * 1000),
        end: Math.ceil(q.end * 1000),
        limit: q.limit,
        minDuration: q.minDurationMs !== undefined ? goDuration(q.minDurationMs) : undefined,
        maxDuration: q.maxDurationMs !== undefined ? goDuration(q.maxDurationMs) : undefined,
        tags,
      },
      { signal: this.signal },
    );
    return (body?.data ?? []).map(traceFromUi);
  }

  /** A trace by ID, or undefined when the server has no such trace. */
  async getTrace(traceId: string): Promise<Trace | undefined> {
    const id = encodeURIComponent(traceId);
    if ((await this.api()) === 'v3') {
      const res = await this.http.request<string>({
        path: `/api/v3/traces/${id}`,
        acceptStatus: [404],
        responseType: 'text',
        signal: this.signal,
      });
      const body = v3Body(res.status, res.body, `trace ${traceId}`);
      if (body === undefined) return undefined;
      const traces = tracesFromOtlp(body);
      return traces.length ? { traceId: traces[0].traceId, spans: traces.flatMap((t) => t.spans) } : undefined;
    }
    const res = await this.http.request<Envelope<unknown[] | null>>({
      path: `/api/traces/${id}`,
      acceptStatus: [404],
      signal: this.signal,
    });
    const raw = res.status === 404 ? undefined : res.body?.data?.[0];
    return raw ? traceFromUi(raw) : undefined;
  }

  /** Service dependency links over [endTs - lookback, endTs] (both ms). */
  async dependencies(endTs: number, lookback: number): Promise<Dependency[]> {
    const body = await this.http.get<Envelope<Dependency[] | null>>(
      '/api/dependencies',
      { endTs: Math.round(endTs), lookback: Math.max(1, Math.round(lookback)) },
      { signal: this.signal },
    );
    return body?.data ?? [];
  }
}
