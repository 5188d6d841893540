// Typed calls to the backend, over the core's HttpClient of the chosen target (ctx.backend): base URL, auth,
// TLS, timeouts and retries are the core's; this file knows the backend's paths and answers.
import { backendStatus, type HttpClient } from '@cnmcp/core';
import { SampleErrors } from './errors.js';
import type { Item } from './schemas.js';

export class SampleApi {
  constructor(private readonly http: HttpClient) {}

  async listItems(
    query: { status?: string; limit: number },
    signal: AbortSignal,
  ): Promise<{ items: Item[]; total: number }> {
    const body = await this.http.get<{ items?: Item[]; total?: number }>('/api/v1/items', query, { signal });
    if (!Array.isArray(body?.items)) {
      throw SampleErrors.create('SAMPLE_ERR_UNEXPECTED_RESPONSE', 'GET /api/v1/items returned no items array');
    }
    return { items: body.items, total: body.total ?? body.items.length };
  }

  async getItem(id: string, signal: AbortSignal): Promise<Item> {
    try {
      return await this.http.get<Item>(`/api/v1/items/${encodeURIComponent(id)}`, undefined, { signal });
    } catch (err) {
      // Backend failures are the core's CNMCP_ERR_BACKEND_* errors; a 404 here means "no such item".
      if (backendStatus(err) === 404) {
        throw SampleErrors.create(
          'SAMPLE_ERR_ITEM_NOT_FOUND',
          `item ${JSON.stringify(id)} does not exist on target '${this.http.targetName}'`,
        );
      }
      throw err;
    }
  }
}
