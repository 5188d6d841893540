// cnmcp-rate-limit: HTTP requests limited per principal (@fastify/rate-limit; per IP only for anonymous
// callers, X-Forwarded-For trusted only when server trustProxy names the proxy), 429 + Retry-After.
// Tool calls go through a per-tool limiter (config rateLimit.tools) on every transport; calls that did
// not come over HTTP (stdio) also count against the global limit. Memory by default, Redis when
// rateLimit.redisUrl is set, so several server instances share one limit.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { RateLimitConfig } from '../config/schema.js';
import { coreError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Principal } from '../tools/context.js';
import { globToRegExp } from '../tools/policy.js';
import { openRedis } from './redis.js';
import type { RateDecision, RateLimitMiddleware } from './types.js';
import { requestPath } from '../helpers/request-path.js';

export interface RateLimitPluginOptions {
  config: RateLimitConfig;
  logger: Logger;
  /** Paths never limited (/health, /ready, /metrics, OAuth metadata). */
  isExempt(path: string): boolean;
}

interface Rule {
  name: string;
  pattern: RegExp;
  max: number;
  windowMs: number;
}

/** Fixed-window counters: in memory, or INCR + PEXPIRE in Redis (atomic, shared between instances). */
interface Counter {
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  close(): Promise<void>;
}

function memoryCounter(): Counter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
  }, 60_000);
  sweep.unref();
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + windowMs };
        windows.set(key, w);
      }
      w.count++;
      return { count: w.count, resetMs: w.resetAt - now };
    },
    async close() {
      clearInterval(sweep);
      windows.clear();
    },
  };
}

function redisCounter(redis: Redis): Counter {
  return {
    async hit(key, windowMs) {
      const k = `cnmcp:rl:${key}`;
      const [[, count], [, ttl]] = (await redis.multi().incr(k).pttl(k).exec()) as [[null, number], [null, number]];
      if (ttl < 0) {
        await redis.pexpire(k, windowMs);
        return { count, resetMs: windowMs };
      }
      return { count, resetMs: ttl };
    },
    async close() {
      /* the connection is closed by the plugin */
    },
  };
}

export function principalKey(principal: Principal): string {
  return `${principal.method}:${principal.name}`;
}

export function normalizeRateLimit(config: RateLimitConfig): Rule[] {
  return Object.entries(config.tools).map(([name, rule]) => {
    if (!/^[a-z0-9_*?]+$/.test(name))
      throw coreError('CNMCP_ERR_CONFIG_INVALID', `rateLimit.tools: '${name}' is not a tool name or glob`);
    return { name, pattern: globToRegExp(name), max: rule.max, windowMs: rule.windowMs ?? 60_000 };
  });
}

export function createToolLimiter(
  config: RateLimitConfig,
  counter: Counter,
  onReject: () => void,
): RateLimitMiddleware {
  const rules = normalizeRateLimit(config);
  const check = async (rule: string, key: string, max: number, windowMs: number): Promise<RateDecision> => {
    const { count, resetMs } = await counter.hit(`${rule}:${key}`, windowMs);
    if (count <= max) return { allowed: true };
    onReject();
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)), limit: max, rule };
  };
  return {
    enabled: config.enabled,
    async checkToolCall(principal, tool, transport, clientIp) {
      if (!config.enabled) return { allowed: true };
      // Anonymous HTTP callers are told apart by address, as the HTTP-level limit does.
      const who = principal.method === 'anonymous' && clientIp ? `ip:${clientIp}` : principalKey(principal);
      if (transport !== 'http' && transport !== 'sse') {
        const decision = await check('calls', who, config.max, config.windowMs);
        if (!decision.allowed) return decision;
      }
      for (const rule of rules) {
        if (!rule.pattern.test(tool.name)) continue;
        const decision = await check(`tool:${rule.name}:${tool.name}`, who, rule.max, rule.windowMs);
        if (!decision.allowed) return decision;
      }
      return { allowed: true };
    },
    close: () => counter.close(),
  };
}

export const rateLimitPlugin = fp(
  async (app: FastifyInstance, options: RateLimitPluginOptions) => {
    const { config } = options;
    const redis =
      config.enabled && config.redisUrl ? openRedis(config.redisUrl, options.logger, 'rateLimit') : undefined;
    const counter = redis ? redisCounter(redis) : memoryCounter();
    const service = createToolLimiter(config, counter, () => app.cnmcpMetrics?.rateLimited('tool'));
    app.decorate('cnmcpRateLimit', service);
    app.addHook('onClose', async () => {
      await service.close();
      redis?.disconnect();
    });
    if (!config.enabled) return;
    // Loaded only when configured (off by default): with its dependencies it is ~20 ms of start-up.
    const { default: fastifyRateLimit } = await import('@fastify/rate-limit');
    await app.register(fastifyRateLimit, {
      global: true,
      max: config.max,
      timeWindow: config.windowMs,
      // After cnmcp-auth's onRequest hook, so the principal is known.
      hook: 'preHandler',
      ...(redis ? { redis, nameSpace: 'cnmcp:http:' } : {}),
      skipOnError: false,
      keyGenerator: (request: FastifyRequest) =>
        request.principal ? `p:${principalKey(request.principal)}` : `ip:${request.ip}`,
      allowList: (request: FastifyRequest) => options.isExempt(requestPath(request.url)),
      onExceeded: () => app.cnmcpMetrics?.rateLimited('http'),
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        error: 'Too Many Requests',
        message: `${coreError('CNMCP_ERR_RATE_LIMITED', '').code}: more than ${context.max} requests in ${context.after}; retry after ${Math.ceil(context.ttl / 1000)}s`,
      }),
    });
  },
  { name: 'cnmcp-rate-limit', fastify: '5.x' },
);
