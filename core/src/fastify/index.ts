// Registers the cnmcp-* Fastify plugins in dependency order (metrics and audit first: the others
// report to them) and returns the services the tool-call pipeline calls.
import type { FastifyInstance } from 'fastify';
import type { CnmcpConfig } from '../config/schema.js';
import type { Logger } from '../logger.js';
import type { PipelineMiddleware } from '../tools/call.js';
import type { Registry } from '../tools/registry.js';
import { auditPlugin } from './audit.js';
import { authPlugin } from './auth.js';
import { cachePlugin } from './cache.js';
import { metricsPlugin } from './metrics.js';
import { rateLimitPlugin } from './rate-limit.js';
import { createRedactor } from './redact.js';
import { tracingPlugin } from './tracing.js';

export interface CnmcpPluginsOptions {
  config: CnmcpConfig;
  registry: Registry;
  logger: Logger;
  version: string;
}

export const isMcpPath = (path: string): boolean =>
  path === '/mcp' || path === '/sse' || path === '/messages' || path.startsWith('/api/');

export async function registerCnmcpPlugins(
  app: FastifyInstance,
  options: CnmcpPluginsOptions,
): Promise<PipelineMiddleware> {
  const { config, registry, logger } = options;
  const redactor = createRedactor(config.redaction);
  const metricsPath = config.metrics.path;
  const exempt = (path: string) =>
    path === '/health' || path === '/ready' || path === metricsPath || path.startsWith('/.well-known/');
  await app.register(metricsPlugin, { config: config.metrics, isMcpPath });
  await app.register(auditPlugin, {
    config: config.audit,
    stdioMode: config.server.transport === 'stdio',
    logger: logger.child({ component: 'audit' }),
    redactor,
  });
  await app.register(authPlugin, {
    config: config.auth,
    metricsPath,
    logger: logger.child({ component: 'auth' }),
    findTool: (name) => registry.getTool(name),
    toolScopes: () => [...new Set(registry.listTools().flatMap((t) => t.scopes ?? []))],
  });
  await app.register(rateLimitPlugin, {
    config: config.rateLimit,
    logger: logger.child({ component: 'rate-limit' }),
    isExempt: exempt,
  });
  await app.register(cachePlugin, { config: config.cache, logger: logger.child({ component: 'cache' }) });
  await app.register(tracingPlugin, {
    config: config.tracing,
    version: options.version,
    logger: logger.child({ component: 'tracing' }),
  });
  return {
    auth: app.cnmcpAuth,
    audit: app.cnmcpAudit,
    metrics: app.cnmcpMetrics,
    rateLimit: app.cnmcpRateLimit,
    cache: app.cnmcpCache,
    tracing: app.cnmcpTracing,
    policy: { redactor, confirmDestructive: config.confirmDestructive },
  };
}

export { createRedactor, type Redactor } from './redact.js';
export type * from './types.js';
