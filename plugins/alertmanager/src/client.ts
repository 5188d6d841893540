// Alertmanager API v2 over the core's HttpClient, with checks that answers have the documented shape.
import { backendStatus, type HttpClient, type HttpRequest } from '@cnmcp/core';
import { AlertmanagerErrors } from './errors.js';
import type { Matcher } from './matchers.js';

export interface AmAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  updatedAt?: string;
  fingerprint: string;
  receivers?: Array<{ name: string }>;
  status: { state: string; silencedBy?: string[]; inhibitedBy?: string[] };
  generatorURL?: string;
}

export interface AmGroup {
  labels: Record<string, string>;
  receiver: { name: string };
  alerts: AmAlert[];
}

export interface AmSilence {
  id: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  updatedAt?: string;
  createdBy: string;
  comment: string;
  status: { state: 'active' | 'pending' | 'expired' | string };
}

export interface AmStatus {
  cluster?: { status?: string; name?: string; peers?: Array<{ name: string; address: string }> };
  config?: { original?: string };
  uptime?: string;
  versionInfo?: Record<string, string>;
}

export type AlertQuery = HttpRequest['query'];

export class AlertmanagerApi {
  constructor(readonly http: HttpClient) {}

  private shape<T>(path: string, body: unknown, kind: 'array' | 'object'): T {
    const ok = kind === 'array' ? Array.isArray(body) : !!body && typeof body === 'object' && !Array.isArray(body);
    if (!ok) {
      throw AlertmanagerErrors.create(
        'ALERTMANAGER_ERR_BAD_RESPONSE',
        `alertmanager target '${this.http.targetName}' answered ${path} with ${JSON.stringify(body ?? '').slice(0, 120)} where an ${kind} was expected`,
      );
    }
    return body as T;
  }

  async alerts(query: AlertQuery, signal?: AbortSignal): Promise<AmAlert[]> {
    return this.shape('/api/v2/alerts', await this.http.get('/api/v2/alerts', query, { signal }), 'array');
  }

  async groups(query: AlertQuery, signal?: AbortSignal): Promise<AmGroup[]> {
    return this.shape(
      '/api/v2/alerts/groups',
      await this.http.get('/api/v2/alerts/groups', query, { signal }),
      'array',
    );
  }

  async silences(filter: string[] | undefined, signal?: AbortSignal): Promise<AmSilence[]> {
    return this.shape('/api/v2/silences', await this.http.get('/api/v2/silences', { filter }, { signal }), 'array');
  }

  async silence(id: string, signal?: AbortSignal): Promise<AmSilence> {
    const path = `/api/v2/silence/${encodeURIComponent(id)}`;
    try {
      return this.shape(path, await this.http.get(path, undefined, { signal }), 'object');
    } catch (err) {
      if (backendStatus(err) === 404)
        throw AlertmanagerErrors.create('ALERTMANAGER_ERR_SILENCE_NOT_FOUND', `this Alertmanager has no silence ${id}`);
      throw err;
    }
  }

  async postSilence(body: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
    const res = this.shape<{ silenceID?: string }>(
      '/api/v2/silences',
      await this.http.post('/api/v2/silences', body, { signal }),
      'object',
    );
    if (typeof res.silenceID !== 'string')
      throw AlertmanagerErrors.create(
        'ALERTMANAGER_ERR_BAD_RESPONSE',
        `alertmanager answered POST /api/v2/silences without a silenceID: ${JSON.stringify(res).slice(0, 120)}`,
      );
    return res.silenceID;
  }

  async expireSilence(id: string, signal?: AbortSignal): Promise<void> {
    await this.http.request({
      method: 'DELETE',
      path: `/api/v2/silence/${encodeURIComponent(id)}`,
      signal,
      responseType: 'text',
    });
  }

  async receivers(signal?: AbortSignal): Promise<Array<{ name: string }>> {
    return this.shape('/api/v2/receivers', await this.http.get('/api/v2/receivers', undefined, { signal }), 'array');
  }

  async status(signal?: AbortSignal): Promise<AmStatus> {
    return this.shape('/api/v2/status', await this.http.get('/api/v2/status', undefined, { signal }), 'object');
  }
}
