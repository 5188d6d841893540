import type { HttpClient } from '@cnmcp/core';
import { JaegerClient, type JaegerApi } from './client.js';

/** The query API each target speaks (v3 or the internal /api), detected on first use and kept. */
export class JaegerApiCache {
  readonly detected = new Map<string, JaegerApi>();

  client(http: HttpClient, signal?: AbortSignal): JaegerClient {
    return new JaegerClient(http, this.detected, signal);
  }
}
