// The Prometheus HTTP API over the core's HttpClient: unwraps the `{status, data, warnings}` envelope and turns
// envelope errors and foreign JSON into clear errors.
import { backendMessage, isCnmcpError, type HttpClient, type HttpRequest } from '@cnmcp/core';
import { PrometheusErrors } from './errors.js';

export interface ApiResult<T> {
  data: T;
  warnings: string[];
}

interface Envelope<T> {
  status?: string;
  data?: T;
  error?: string;
  errorType?: string;
  warnings?: string[];
  infos?: string[];
}

const LONG_QUERY_CHARS = 4_000;
const POSTABLE = new Set(['/api/v1/query', '/api/v1/query_range', '/api/v1/series', '/api/v1/labels']);

export class PrometheusApi {
  constructor(readonly http: HttpClient) {}

  get label(): string {
    return `prometheus target '${this.http.targetName}'`;
  }

  async get<T>(path: string, query: HttpRequest['query'], signal?: AbortSignal): Promise<ApiResult<T>> {
    return this.unwrap<T>(path, await this.http.get<Envelope<T>>(path, query, { signal }));
  }

  async post<T>(path: string, query: HttpRequest['query'], signal?: AbortSignal): Promise<ApiResult<T>> {
    const res = await this.http.request<Envelope<T>>({ method: 'POST', path, query, signal });
    return this.unwrap<T>(path, res.body);
  }

  /**
   * Runs a PromQL call; a 400/422 from Prometheus becomes PROMETHEUS_ERR_QUERY_INVALID carrying its own text.
   * Long requests (big expressions, many match[] selectors) go as a POST form, which the query, query_range,
   * series and labels endpoints accept, so URL length limits of proxies never cut them.
   */
  async query<T>(path: string, query: HttpRequest['query'], signal?: AbortSignal): Promise<ApiResult<T>> {
    try {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(query ?? {})) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) form.append(key, String(v));
      }
      if (form.toString().length > LONG_QUERY_CHARS && POSTABLE.has(path)) {
        const res = await this.http.request<Envelope<T>>({
          method: 'POST',
          path,
          body: form,
          signal,
          idempotent: true,
        });
        return this.unwrap<T>(path, res.body);
      }
      return await this.get<T>(path, query, signal);
    } catch (err) {
      if (isCnmcpError(err) && err.code === 'CNMCP_ERR_BACKEND_BAD_REQUEST') {
        const text = backendMessage(err) ?? err.message;
        throw PrometheusErrors.create('PROMETHEUS_ERR_QUERY_INVALID', `Prometheus rejected the query: ${text}`, {
          cause: err,
        });
      }
      throw err;
    }
  }

  private unwrap<T>(path: string, body: Envelope<T> | undefined): ApiResult<T> {
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.status !== 'string') {
      const shown = JSON.stringify(body ?? '') ?? '';
      throw PrometheusErrors.create(
        'PROMETHEUS_ERR_BAD_RESPONSE',
        `${this.label} answered ${path} without a Prometheus envelope ({status, data}): ${shown.slice(0, 120)}`,
      );
    }
    if (body.status !== 'success') {
      throw PrometheusErrors.create(
        'PROMETHEUS_ERR_QUERY_INVALID',
        `${this.label} answered ${path} with status ${body.status}: ${body.errorType ?? ''} ${body.error ?? ''}`.trim(),
      );
    }
    if (body.data === undefined) {
      throw PrometheusErrors.create(
        'PROMETHEUS_ERR_BAD_RESPONSE',
        `${this.label} answered ${path} with status success but no data`,
      );
    }
    return { data: body.data, warnings: [...(body.warnings ?? []), ...(body.infos ?? [])] };
  }
}

/** Epoch milliseconds as the Unix-seconds string Prometheus takes (millisecond precision). */
export function toPromTime(ms: number): string {
  return (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
}
