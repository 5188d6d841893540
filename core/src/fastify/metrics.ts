// cnmcp-metrics: Prometheus metrics (prom-client, one registry per server) at GET /metrics.
// Labels are bounded: MCP method names from a fixed list, status classes, error codes, plugin ids.
import type { FastifyInstance } from 'fastify';
import { fastifyPlugin as fp } from '../vendor/fastify.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from '../vendor/prom-client.js';
import type { MetricsConfig } from '../config/schema.js';
import type { MetricsMiddleware } from './types.js';
import { requestPath } from '../helpers/request-path.js';
import { RequestQueue } from './request-queue.js';

export interface MetricsPluginOptions {
  config: MetricsConfig;
  /** Paths of the MCP endpoints, whose requests are counted by JSON-RPC method. */
  isMcpPath(path: string): boolean;
}

const METHODS = new Set([
  'initialize',
  'ping',
  'tools/list',
  'tools/call',
  'prompts/list',
  'prompts/get',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
  'completion/complete',
  'logging/setLevel',
  'server/discover',
  'notifications/initialized',
  'notifications/cancelled',
  'notifications/roots/list_changed',
  'subscriptions/listen',
]);
const boundedMethod = (method: unknown) => (typeof method === 'string' && METHODS.has(method) ? method : 'other');
const boundedCode = (code: string) => (/^[A-Z][A-Z0-9_]{2,63}$/.test(code) ? code : 'other');

type ServerMetrics = MetricsMiddleware & { connectionOpened(): void; connectionClosed(): void };

const noop = () => undefined;

/** metrics.enabled: false: an empty registry and no work at all per request or call. */
function disabledMetrics(): ServerMetrics {
  return {
    registry: new Registry(),
    request: noop,
    toolError: noop,
    cacheHit: noop,
    cacheMiss: noop,
    rateLimited: noop,
    auditFailure: noop,
    authFailure: noop,
    observeBackend: noop,
    connectionOpened: noop,
    connectionClosed: noop,
  };
}

export function createMetrics(config: MetricsConfig): ServerMetrics {
  if (!config.enabled) return disabledMetrics();
  const registry = new Registry();
  if (config.processMetrics) collectDefaultMetrics({ register: registry });
  // Requests are counted on every call's path, before its answer: they are queued and folded into the counter
  // and histogram (label hashing, bucket search) when read, or once the queue is long, not one at a time.
  const queued = new RequestQueue((method, status, seconds) => {
    requests.inc({ method, status });
    duration.observe({ method }, seconds);
  });
  const requests: Counter = new Counter({
    name: 'mcp_requests_total',
    help: 'MCP requests by JSON-RPC method and status (HTTP status, or ok/error for tool calls).',
    labelNames: ['method', 'status'],
    registers: [registry],
    collect: () => queued.fold(),
  });
  const duration: Histogram = new Histogram({
    name: 'mcp_request_duration_seconds',
    help: 'Duration of MCP requests by method.',
    labelNames: ['method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
    collect: () => queued.fold(),
  });
  const cacheHits = new Counter({
    name: 'mcp_cache_hits_total',
    help: 'Tool results served from cache, by service (plugin).',
    labelNames: ['service'],
    registers: [registry],
  });
  const cacheMisses = new Counter({
    name: 'mcp_cache_misses_total',
    help: 'Cacheable tool calls not found in cache, by service (plugin).',
    labelNames: ['service'],
    registers: [registry],
  });
  const active = new Gauge({ name: 'mcp_active_connections', help: 'Open HTTP connections.', registers: [registry] });
  const total = new Counter({
    name: 'mcp_total_connections',
    help: 'HTTP connections accepted since start.',
    registers: [registry],
  });
  const toolErrors = new Counter({
    name: 'mcp_tool_errors_total',
    help: 'Tool calls that ended in an error, by error code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'mcp_rate_limit_rejections_total',
    help: 'Requests refused by the rate limiter (http: 429 responses; tool: per-tool or stdio limits).',
    labelNames: ['scope'],
    registers: [registry],
  });
  const auditFailures = new Counter({
    name: 'mcp_audit_sink_failures_total',
    help: 'Audit records a sink failed to write.',
    registers: [registry],
  });
  const authFailures = new Counter({
    name: 'mcp_auth_failures_total',
    help: 'Requests refused by authentication or authorization.',
    labelNames: ['reason'],
    registers: [registry],
  });
  const backend = new Histogram({
    name: 'mcp_backend_request_duration_seconds',
    help: 'Backend HTTP requests made by plugins, by plugin and status class.',
    labelNames: ['plugin', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return {
    registry,
    request: (method, status, seconds) => queued.add(boundedMethod(method), status, seconds),
    toolError: (code) => toolErrors.inc({ code: boundedCode(code) }),
    cacheHit: (service) => cacheHits.inc({ service }),
    cacheMiss: (service) => cacheMisses.inc({ service }),
    rateLimited: (scope) => rateLimited.inc({ scope }),
    auditFailure: () => auditFailures.inc(),
    authFailure: (reason) =>
      authFailures.inc({ reason: ['missing', 'invalid', 'insufficient_scope'].includes(reason) ? reason : 'other' }),
    observeBackend(o) {
      const status = typeof o.status === 'number' ? `${Math.floor(o.status / 100)}xx` : 'error';
      backend.observe({ plugin: o.pluginId, status }, o.durationMs / 1000);
    },
    connectionOpened() {
      active.inc();
      total.inc();
    },
    connectionClosed() {
      active.dec();
    },
  };
}

export const metricsPlugin = fp(
  async (app: FastifyInstance, options: MetricsPluginOptions) => {
    const metrics = createMetrics(options.config);
    app.decorate('cnmcpMetrics', metrics);
    if (!options.config.enabled) return;
    app.server.on('connection', (socket) => {
      metrics.connectionOpened();
      socket.once('close', () => metrics.connectionClosed());
    });
    // HTTP-level MCP requests; tools/call is counted by the pipeline (so stdio calls count too).
    // Hijacked replies (the MCP transports write to the raw response) skip onResponse, so the raw 'finish' is used.
    app.addHook('onRequest', (request, reply, done) => {
      if (!options.isMcpPath(requestPath(request.url))) return done();
      const started = performance.now();
      reply.raw.once('finish', () => {
        const body = request.body as { method?: unknown } | unknown[] | undefined;
        const method = Array.isArray(body)
          ? 'other'
          : body && typeof body === 'object'
            ? (body as { method?: unknown }).method
            : 'other';
        const status = reply.raw.statusCode;
        if (method === 'tools/call' && status < 300) return;
        metrics.request(method as string, String(status), (performance.now() - started) / 1000);
      });
      done();
    });
    app.get(options.config.path, async (_request, reply) =>
      reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
  },
  { name: 'cnmcp-metrics', fastify: '5.x' },
);
