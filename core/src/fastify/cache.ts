// cnmcp-cache: results of tools annotated readOnlyHint with a cacheTtl, in an LRU bounded by entries
// and bytes (lru-cache), or in Redis when cache.redisUrl is set. The key covers plugin, tool, the
// normalised arguments (so the backend target and pagination arguments too) and, by default, the
// caller's identity. A mutating call of a plugin drops that plugin's entries (a per-plugin generation
// number is part of every key, so Redis entries of the old generation are simply never read again).
import { createHash } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { FastifyInstance } from 'fastify';
import { fastifyPlugin as fp } from '../vendor/fastify.js';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { CacheConfig } from '../config/schema.js';
import type { Logger } from '../logger.js';
import { openRedis } from './redis.js';
import type { CacheMiddleware } from './types.js';

export interface CachePluginOptions {
  config: CacheConfig;
  logger: Logger;
}

/** JSON with object keys sorted, so {a,b} and {b,a} give the same key. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`)
    .join(',')}}`;
}

export function createCache(config: CacheConfig, logger: Logger): CacheMiddleware {
  const redis: Redis | undefined =
    config.enabled && config.redisUrl ? openRedis(config.redisUrl, logger, 'cache') : undefined;
  const lru = new LRUCache<string, { plugin: string; json: string }>({
    max: config.maxEntries,
    maxSize: config.maxBytes,
    sizeCalculation: (v) => Math.max(1, Buffer.byteLength(v.json)),
    ttlAutopurge: false,
  });
  const generations = new Map<string, number>();
  const generation = async (plugin: string): Promise<number> => {
    if (!redis) return generations.get(plugin) ?? 0;
    return Number((await redis.get(`cnmcp:cache:gen:${plugin}`)) ?? 0);
  };
  const fullKey = async (key: string, plugin: string) => `cnmcp:cache:${plugin}:${await generation(plugin)}:${key}`;
  return {
    enabled: config.enabled,
    key({ plugin: _plugin, tool, arguments: args, principal }) {
      const material = stableStringify({
        tool,
        args: args ?? {},
        principal: config.perPrincipal ? (principal ?? '') : '',
      });
      return `${tool}:${createHash('sha256').update(material).digest('hex')}`;
    },
    async get(key, plugin) {
      try {
        const k = await fullKey(key, plugin);
        const json = redis ? await redis.get(k) : lru.get(k)?.json;
        return json ? (JSON.parse(json) as CallToolResult) : undefined;
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'cache read failed; calling the tool');
        return undefined;
      }
    },
    async set(key, plugin, result, ttlSeconds) {
      const json = JSON.stringify(result);
      if (Buffer.byteLength(json) > config.maxBytes / 4) return; // one result never crowds out the rest
      try {
        const k = await fullKey(key, plugin);
        if (redis) await redis.set(k, json, 'PX', Math.round(ttlSeconds * 1000));
        else lru.set(k, { plugin, json }, { ttl: Math.round(ttlSeconds * 1000) });
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'cache write failed');
      }
    },
    async invalidate(plugin) {
      if (redis) {
        try {
          await redis.incr(`cnmcp:cache:gen:${plugin}`);
        } catch (err) {
          logger.warn({ err: (err as Error).message }, 'cache invalidation failed');
        }
        return;
      }
      generations.set(plugin, (generations.get(plugin) ?? 0) + 1);
      for (const [k, v] of lru.entries()) if (v.plugin === plugin) lru.delete(k);
    },
    async close() {
      lru.clear();
      redis?.disconnect();
    },
  };
}

export const cachePlugin = fp(
  async (app: FastifyInstance, options: CachePluginOptions) => {
    const cache = createCache(options.config, options.logger);
    app.decorate('cnmcpCache', cache);
    app.addHook('onClose', async () => cache.close());
  },
  { name: 'cnmcp-cache', fastify: '5.x' },
);
