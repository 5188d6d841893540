// cnmcp-rate-limit: HTTP requests limited per principal (@fastify/rate-limit; per IP only for anonymous
// callers, X-Forwarded-For trusted only when server trustProxy names the proxy), 429 + Retry-After.
// Tool calls go through a per-tool limiter (config rateLimit.tools) on every transport; calls that did
// not come over HTTP (stdio) also count against the global limit. Memory by default, Redis when
// rateLimit.redisUrl is set, so several server instances share one limit.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fastifyPlugin as fp } from '../vendor/fastify.js';
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

interface Hit {
  count: number;
  resetMs: number;
}

/**
 * Fixed-window counters: in memory (answered at once, so a call under the limit waits for no promise), or
 * INCR + PEXPIRE in Redis (atomic, shared between instances).
 */
interface Counter {
  hit(key: string, windowMs: number): Hit | Promise<Hit>;
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
    hit(key, windowMs) {
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

interface Check {
  rule: string;
  max: number;
  windowMs: number;
}

const ALLOWED: RateDecision = Object.freeze({ allowed: true });

export function createToolLimiter(
  config: RateLimitConfig,
  counter: Counter,
  onReject: () => void,
): RateLimitMiddleware {
  const rules = normalizeRateLimit(config);
  const decide = ({ count, resetMs }: Hit, { rule, max }: Check): RateDecision => {
    if (count <= max) return ALLOWED;
    onReject();
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)), limit: max, rule };
  };
  // The checks in order, stopping at the first refusal; synchronous for as long as the counter answers at once.
  const run = (checks: Check[], from: number, who: string): RateDecision | Promise<RateDecision> => {
    for (let i = from; i < checks.length; i++) {
      const check = checks[i];
      const hit = counter.hit(`${check.rule}:${who}`, check.windowMs);
      if (hit instanceof Promise)
        return hit.then((h) => {
          const decision = decide(h, check);
          return decision.allowed ? run(checks, i + 1, who) : decision;
        });
      const decision = decide(hit, check);
      if (!decision.allowed) return decision;
    }
    return ALLOWED;
  };
  return {
    enabled: config.enabled,
    checkToolCall(principal, tool, transport, clientIp) {
      if (!config.enabled) return ALLOWED;
      // Anonymous HTTP callers are told apart by address, as the HTTP-level limit does.
      const who = principal.method === 'anonymous' && clientIp ? `ip:${clientIp}` : principalKey(principal);
      const checks: Check[] = [];
      if (transport !== 'http' && transport !== 'sse')
        checks.push({ rule: 'calls', max: config.max, windowMs: config.windowMs });
      for (const rule of rules)
        if (rule.pattern.test(tool.name))
          checks.push({ rule: `tool:${rule.name}:${tool.name}`, max: rule.max, windowMs: rule.windowMs });
      return run(checks, 0, who);
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
