// createServer(config): one Fastify instance is the lifecycle container in every mode (stdio too, with
// ready() and no listen()), so every transport shares the same pipeline, plugins and shutdown.
import { FIRST_PARTY_PLUGIN_IDS } from './config/references.js';
import { CORE_VERSION } from './helpers/core-package.js';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fastify as Fastify } from './vendor/fastify.js';
import type { CnmcpConfig } from './config/schema.js';
import { CORE_KEYS } from './config/schema.js';
import { coreError, isCnmcpError } from './errors.js';
import { registerCnmcpPlugins } from './fastify/index.js';
import { lazySchemaCompilers } from './fastify/schema-compilers.js';
import { HealthMonitor } from './health.js';
import { createToolsetPolicy } from './tools/toolsets.js';
import { createLogger, type Logger } from './logger.js';
import { createNotifier, type Notifier } from './notifier.js';
import { loadPlugins, type LoadedPlugin } from './plugins/load.js';
import type { PluginClass } from './plugins/metadata.js';
import type { ToolCallRecord } from './tools/call.js';
import { createToolFilter } from './tools/policy.js';
import { Registry } from './tools/registry.js';
import { dnsRebindingGuards, isLoopback } from './transports/http-guards.js';
import { originFormUrl, registerJsonRpcHttp } from './transports/json-rpc-http.js';
import type { McpHost } from './transports/mcp-server.js';
import { SessionLimits } from './transports/session-limits.js';
import { answerShuttingDown } from './transports/shutdown-answers.js';
import { registerSse } from './transports/sse.js';
import { serveOverStdio, type StdioOptions } from './transports/stdio.js';
import { registerStreamableHttp } from './transports/streamable-http.js';
import { lazyChildLogger } from './fastify/child-logger.js';
import { CallsInFlight } from './tools/calls-in-flight.js';

export { CORE_VERSION };

/** First-party plugin ids: their config sections are accepted even when the plugin is not installed. */
export const FIRST_PARTY_IDS = FIRST_PARTY_PLUGIN_IDS;

/** Largest request body accepted on any route; larger ones get 413 with a JSON-RPC error. */
const BODY_LIMIT = 4 * 1024 * 1024;
/** When the first background health probes run, counted from the end of createServer. */
const FIRST_PROBES_AFTER_MS = 500;

export interface CreateServerOptions {
  config: CnmcpConfig;
  /** Directory relative plugin paths resolve against (the config file's directory). */
  baseDir?: string;
  /** Plugin classes to load directly, besides the configured and discovered ones (embedding, tests). */
  plugins?: PluginClass[];
  logger?: Logger;
}

export interface CnmcpServer {
  app: FastifyInstance;
  config: CnmcpConfig;
  registry: Registry;
  plugins: LoadedPlugin[];
  health: HealthMonitor;
  host: McpHost;
  notifier: Notifier;
  logger: Logger;
  /** Listen on the configured host and port; resolves with the base URL. */
  listen(): Promise<string>;
  /** Serve one stdio connection (process stdin/stdout unless given). */
  serveStdio(options?: StdioOptions): { close(): Promise<void> };
  close(): Promise<void>;
}

function checkTopLevelKeys(config: CnmcpConfig, plugins: LoadedPlugin[], logger: Logger): void {
  const ids = new Set(plugins.map((p) => p.definition.id));
  for (const key of Object.keys(config)) {
    if (CORE_KEYS.has(key) || ids.has(key)) continue;
    if (FIRST_PARTY_IDS.includes(key)) {
      logger.warn({ key }, `config section '${key}' is ignored: the ${key} plugin is not loaded`);
      continue;
    }
    throw coreError(
      'CNMCP_ERR_CONFIG_INVALID',
      `config key '${key}' is neither a core key nor the id of a loaded plugin (loaded: ${[...ids].join(', ') || 'none'})`,
      {
        hint: 'Check the spelling; core keys are listed in core/docs/configuration.md.',
      },
    );
  }
}

export async function createServer(options: CreateServerOptions): Promise<CnmcpServer> {
  const { config } = options;
  const stdio = config.server.transport === 'stdio';
  const logger = options.logger ?? createLogger({ level: config.log.level, destination: 'stderr' });
  const registry = new Registry();
  const notifier = createNotifier();
  const observers: Array<(r: ToolCallRecord) => void | Promise<void>> = [];
  const inflight = new CallsInFlight();
  let health: HealthMonitor | undefined; // eslint-disable-line prefer-const -- set once plugins load; closures above read it

  const app: FastifyInstance = Fastify({
    loggerInstance: logger.child({ component: 'http' }, { level: 'warn' }) as FastifyBaseLogger,
    // request.log is rarely written (warn and above): its child logger is built on first use, not per request.
    childLoggerFactory: lazyChildLogger,
    forceCloseConnections: true,
    bodyLimit: BODY_LIMIT,
    rewriteUrl: originFormUrl,
    // X-Forwarded-For is trusted only from the proxies named here (rate limiting per IP, request.ip).
    trustProxy: config.rateLimit.trustProxy as boolean | string | string[],
    schemaController: lazySchemaCompilers(),
  });
  registerJsonRpcHttp(app, { bodyLimit: BODY_LIMIT, logger });
  const guards = dnsRebindingGuards(config.server);
  // Host and Origin are checked on every route (health, readiness and metrics too) and before anything else,
  // auth included: a foreign Host gets 403, never a 401 naming it.
  // A callback hook, not an async one: it runs on every request, and passing costs no promise.
  app.addHook('onRequest', (request, reply, done) => {
    for (const guard of guards) {
      if (guard.passes(request)) continue;
      guard.refuse(request, reply).then(() => undefined, done); // answered with 403; done() only on a failure
      return;
    }
    done();
  });
  let middleware;
  try {
    middleware = await registerCnmcpPlugins(app, { config, registry, logger, version: CORE_VERSION });
  } catch (err) {
    await app.close().catch(() => undefined);
    if (isCnmcpError(err)) throw err;
    throw coreError(
      'CNMCP_ERR_CONFIG_INVALID',
      `cannot start the security and observability plugins: ${(err as Error).message}`,
    );
  }

  const host: McpHost = {
    registry,
    notifier,
    logger,
    serverInfo: { name: 'cnmcp', version: CORE_VERSION },
    dynamicToolsets: config.toolsets.dynamic,
    settings: { toolTimeoutMs: config.server.toolTimeoutMs, maxResultBytes: config.server.maxResultBytes },
    assertHealthy: (pluginId, args) => health?.assertHealthy(pluginId, args) ?? Promise.resolve(),
    observers,
    inflight,
    middleware,
    canCall: (principal, tool) => middleware.auth.canCall(principal, tool),
  };

  let plugins: LoadedPlugin[];
  try {
    plugins = await loadPlugins({
      plugins: config.plugins,
      autoDiscover: config.autoDiscover,
      enabledServices: config.enabledServices,
      disabledServices: config.disabledServices,
      baseDir: options.baseDir ?? process.cwd(),
      hostFile: fileURLToPath(import.meta.url),
      coreVersion: CORE_VERSION,
      config: config as Record<string, unknown>,
      logger,
      registry,
      notifier,
      filter: createToolFilter(config),
      classes: options.plugins,
      observeBackend: (o) => {
        middleware.metrics.observeBackend(o);
        middleware.tracing.observeBackend(o);
      },
    });
    checkTopLevelKeys(config, plugins, logger);
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  registry.policy = createToolFilter(config); // tools added at runtime obey the same served-tools policy
  registry.toolsetPolicy = createToolsetPolicy(config.toolsets, plugins);
  health = new HealthMonitor(plugins, logger);

  let shuttingDown = false;
  const endpoints: Array<{ close(): Promise<void> }> = [];
  // POST exchanges still writing their answer; shutdown waits for them after the tool calls drain, and answers
  // those still open at the deadline with a JSON-RPC error (G1).
  const openPosts = new Map<FastifyReply, FastifyRequest>();
  let postsClosed: (() => void) | undefined;
  const allPostsClosed = () =>
    openPosts.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (postsClosed = resolve));
  // A callback hook (no promise per request): it runs on every POST.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'POST') return done();
    // After SIGTERM new requests are refused (in-flight ones finish): the client retries on another replica.
    if (shuttingDown) {
      void reply
        .code(503)
        .header('retry-after', '5')
        .send({ jsonrpc: '2.0', error: { code: -32000, message: 'server shutting down' }, id: null });
      return;
    }
    openPosts.set(reply, request);
    reply.raw.once('close', () => {
      openPosts.delete(reply);
      if (openPosts.size === 0) postsClosed?.();
    });
    done();
  });

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_req, reply) => {
    const checks = await health!.checkAll();
    const body = { status: shuttingDown ? 'shutting_down' : 'ready', plugins: checks };
    return reply.code(shuttingDown ? 503 : 200).send(body);
  });

  // One set of session caps for every endpoint (D6), counted in /metrics.
  const limits = new SessionLimits(config.server, middleware.metrics?.registry);
  const addEndpoints = (pathPrefix: string, streamablePath: string, scope?: { plugins: ReadonlySet<string> }) => {
    endpoints.push(registerStreamableHttp(app, host, { path: streamablePath, scope, limits }));
    if (config.server.legacySse) endpoints.push(registerSse(app, host, { prefix: pathPrefix, scope, limits }));
  };
  addEndpoints('', '/mcp');
  addEndpoints('/api/aggregate', '/api/aggregate/streamable-http');
  for (const plugin of plugins) {
    const id = plugin.definition.id;
    addEndpoints(`/api/${id}`, `/api/${id}/streamable-http`, { plugins: new Set([id]) });
  }

  await app.ready();
  // The first probes start shortly after a caller's listen() has bound the port: a probe's first use of a backend
  // client loads that client (undici alone is ~1 MB of code, compiled synchronously), which would otherwise hold up
  // the port, or the first health checks and calls that arrive just after it opens. Calls meanwhile go on (health
  // unknown); /ready probes on demand, and a plugin probed by then is not probed again here.
  const firstHealthCheck = setTimeout(
    () => void health!.checkUnprobed().then(() => !shuttingDown && health!.start(config.server.healthIntervalMs)),
    FIRST_PROBES_AFTER_MS,
  );
  const stdioHandles: Array<{ close(): Promise<void> }> = [];

  const server: CnmcpServer = {
    app,
    config,
    registry,
    plugins,
    health,
    host,
    notifier,
    logger,
    async listen() {
      if (!stdio && !isLoopback(config.server.host)) {
        if (!middleware.auth.enabled) {
          const banner = `WARNING: AUTH IS OFF and the server listens on ${config.server.host}, a non-loopback address: anyone who can reach it can call every tool. Configure auth (auth.apiKeys, auth.bearer) or bind to 127.0.0.1.`;
          logger.error({ host: config.server.host }, banner);
          if (!stdio) process.stderr.write(`\n${'!'.repeat(100)}\n${banner}\n${'!'.repeat(100)}\n\n`);
        } else {
          logger.warn(
            { host: config.server.host },
            'listening on a non-loopback address: make sure allowedHosts names this server',
          );
        }
      }
      try {
        await app.listen({ host: config.server.host, port: config.server.port });
      } catch (err) {
        throw coreError(
          'CNMCP_ERR_SERVER_LISTEN',
          `cannot listen on ${config.server.host}:${config.server.port}: ${(err as Error).message}`,
        );
      }
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.server.port;
      const hostPart = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
      return `http://${hostPart}:${port}`;
    },
    serveStdio(stdioOptions) {
      const handle = serveOverStdio(host, stdioOptions);
      stdioHandles.push(handle);
      return handle;
    },
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      clearTimeout(firstHealthCheck);
      health!.stop();
      const drain = inflight.drained();
      const limit = new Promise((resolve) => setTimeout(resolve, config.server.shutdownTimeoutMs).unref());
      await Promise.race([drain.then(allPostsClosed), limit]);
      for (const [reply, request] of openPosts) answerShuttingDown(request.body, reply.raw);
      await Promise.allSettled(stdioHandles.map((h) => h.close()));
      await Promise.allSettled(endpoints.map((e) => e.close()));
      await app.close();
      for (const plugin of [...plugins].reverse()) {
        try {
          await plugin.instance.dispose?.();
        } catch (err) {
          logger.warn({ plugin: plugin.definition.id, err }, 'dispose failed');
        }
        await plugin.closeHttp();
      }
    },
  };
  return server;
}
