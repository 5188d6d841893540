// One place that opens Redis connections (ioredis) for the rate limiter and the cache. ioredis is loaded on the
// first connection, so a server without Redis never pays for importing it.
import { createRequire } from 'node:module';
import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export function openRedis(url: string, logger: Logger, purpose: string): Redis {
  if (!/^rediss?:\/\//.test(url))
    throw new Error(`${purpose}: redisUrl must start with redis:// or rediss:// (got ${url})`);
  const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof IORedis;
  const client = new RedisClient(url, {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: 5_000,
    lazyConnect: false,
  });
  let warned = false;
  client.on('error', (err: Error) => {
    if (!warned) logger.error({ err: err.message, purpose }, 'redis connection failed');
    warned = true;
  });
  client.on('ready', () => {
    warned = false;
  });
  return client;
}
