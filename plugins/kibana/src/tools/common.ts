// What every Kibana tool does around its backend call: pick the space, build the client for the call's
// target, and turn Kibana's 404/409/400 answers into errors naming the object and the space.
import { backendStatus, type ToolContext } from '@cnmcp/core';
import { KibanaClient } from '../client.js';
import type { KibanaConfig } from '../config.js';
import { kibanaError, KibanaErrors } from '../errors.js';

export function spaceFor(config: KibanaConfig, ctx: ToolContext, space: string | undefined): string {
  return space || config.targets?.[ctx.backendTarget ?? '']?.space || 'default';
}

export function clientFor(config: KibanaConfig, ctx: ToolContext, space?: string): KibanaClient {
  return new KibanaClient(ctx.backend, spaceFor(config, ctx, space), ctx.signal);
}

/**
 * Runs `fn` with a client for the call; a 404 in a space that does not exist says so, other 404/409/400
 * answers name `what`.
 */
export async function withKibana<T>(
  config: KibanaConfig,
  ctx: ToolContext,
  space: string | undefined,
  what: string,
  fn: (client: KibanaClient) => Promise<T>,
): Promise<T> {
  const client = clientFor(config, ctx, space);
  try {
    return await fn(client);
  } catch (err) {
    if (backendStatus(err) === 404 && client.space !== 'default') {
      const exists = await client
        .inSpace('default')
        .getSpace(client.space)
        .then(
          () => true,
          () => false,
        );
      if (!exists)
        throw KibanaErrors.create(
          'KIBANA_ERR_SPACE_NOT_FOUND',
          `space '${client.space}' does not exist (while reading ${what})`,
        );
    }
    throw kibanaError(err, what, client.space);
  }
}

/** Parses a JSON-text argument (or passes an object through), with an error naming the argument. */
export function jsonArgument<T>(value: unknown, name: string): T {
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch (err) {
    throw KibanaErrors.create('KIBANA_ERR_INVALID_JSON', `${name} is not valid JSON: ${(err as Error).message}`);
  }
}

/** `kibana_*_paginated` paging: Kibana's page/per_page with the total and whether more pages exist. */
export function pageInfo(total: number, page: number, perPage: number): Record<string, unknown> {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return { total, page, per_page: perPage, pages, ...(page < pages ? { next_page: page + 1 } : {}) };
}
