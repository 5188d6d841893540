// Streamable HTTP at one path, serving both spec eras: 2025-11-25 requests (initialize, Mcp-Session-Id)
// go to a session's NodeStreamableHTTPServerTransport; 2026-07-28 requests (stateless, _meta envelope)
// go to the SDK's createMcpHandler. The SDK's own classifier decides (era.ts), so routing never disagrees with it.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { NodeMcpRequestHandler } from '@modelcontextprotocol/node';
import type * as NodeAdapter from '../vendor/mcp-sdk-node.js';
import type { McpHttpHandler } from '@modelcontextprotocol/server';
import { createMcpHandler, WebStandardStreamableHTTPServerTransport } from '../vendor/mcp-sdk.js';
import type { Scope } from '../tools/registry.js';
import { createMcpServer, type McpHost } from './mcp-server.js';
import { isLegacyEra } from './era.js';
import { createSessionEventStore } from './event-store.js';
import { duplicateIdError, InflightIds, requestIdOf } from './inflight-ids.js';
import { BATCH_REFUSED, INVALID_REQUEST } from './json-rpc-http.js';
import { HEADER_MISMATCH, paramHeaderMismatch, toolParamHeaders } from './mcp-param-headers.js';
import { replayInitialize } from './session-revive.js';
import { routeClientAnswers, routedSend } from './session-routing.js';
import { SessionLimits } from './session-limits.js';
import { auditForeignSession, mayUse, ownerOf } from './session-owner.js';
import { cancelDirectCall } from './direct-call.js';
import {
  legacyDirectCall,
  modernDirectCall,
  serveLegacyDirect,
  serveModernDirect,
  type DirectSession,
} from './direct-serve.js';
import { sharedSessionsFor, type SessionMeta } from './session-store.js';

/** The SDK's Node adapter, imported on first use (see vendor/mcp-sdk-node.ts: it is slow to load). */
let nodeAdapter: Promise<typeof NodeAdapter> | undefined;
const loadNodeAdapter = () => (nodeAdapter ??= import('../vendor/mcp-sdk-node.js'));

/** The reconnection delay suggested to 2025-era clients in the SSE `retry` field. */
const SSE_RETRY_MS = 1_000;

export interface StreamableHttpOptions {
  path: string;
  scope?: Scope;
  /** Sessions idle longer than this are closed (default: the limits' idle time). */
  sessionIdleMs?: number;
  /** Session caps shared by every endpoint of the server (D6). */
  limits?: SessionLimits;
}

export interface StreamableHttpEndpoint {
  sessionCount(): number;
  close(): Promise<void>;
}

function jsonRpcError(reply: FastifyReply, status: number, code: number, message: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/json')
    .send({ jsonrpc: '2.0', id: null, error: { code, message } });
}

function isInitialize(body: unknown): boolean {
  return (
    !!body && typeof body === 'object' && !Array.isArray(body) && (body as { method?: string }).method === 'initialize'
  );
}

export function registerStreamableHttp(
  app: FastifyInstance,
  host: McpHost,
  options: StreamableHttpOptions,
): StreamableHttpEndpoint {
  interface Session extends DirectSession {
    transport: WebStandardStreamableHTTPServerTransport;
    serve: NodeMcpRequestHandler;
    lastSeen: number;
    /** The principal that opened the session (A2); undefined when auth is off. */
    owner?: string;
    /** Ids of the requests being answered on their POST streams (D7). */
    inflight: InflightIds;
    /** Gives the session's slot back to the caps; revived sessions hold none (counted where they were opened). */
    release(): void;
  }
  const sessions = new Map<string, Session>();
  const limits = options.limits ?? new SessionLimits();
  const idleMs = options.sessionIdleMs ?? limits.idleMs;
  // With CNMCP_SESSION_REDIS_URL set, sessions live in Redis too, so every replica can serve them.
  const shared = sharedSessionsFor(app, host.logger);
  const reviving = new Map<string, Promise<Session | undefined>>();
  const modern: McpHttpHandler = createMcpHandler(
    () => createMcpServer(host, { era: 'modern', transport: 'http', scope: options.scope }),
    {
      legacy: 'reject',
      onerror: (err) => host.logger.debug({ err: err.message, path: options.path }, 'modern request rejected'),
    },
  );
  let serveModern: NodeMcpRequestHandler | undefined;
  const unsubscribe = host.notifier.subscribe((change) => {
    if (change.kind === 'tools_list_changed') modern.notify.toolsChanged();
    else if (change.kind === 'prompts_list_changed') modern.notify.promptsChanged();
    else if (change.kind === 'resources_list_changed') modern.notify.resourcesChanged();
    else modern.notify.resourceUpdated(change.uri);
  });

  /** A session's transport and server: a new session (initialize params given) or a shared one taken on. */
  async function openSession(
    initialize: Record<string, unknown> | undefined,
    owner: string | undefined,
    revive?: { id: string; meta: SessionMeta },
    release: () => void = () => undefined,
  ) {
    const { toNodeHandler } = await loadNodeAdapter();
    const eventStore = createSessionEventStore(undefined, { resumeUnknown: !!shared });
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => revive?.id ?? randomUUID(),
      onsessioninitialized: async (sid) => {
        sessions.set(sid, session);
        if (shared && !revive)
          await shared.save(sid, { path: options.path, initialize: initialize ?? {}, owner }, idleMs);
      },
      // SEP-1699: event ids, a priming event and a retry hint, so a broken stream resumes with Last-Event-ID.
      // Shared sessions resume on any replica: an event id another replica made names its stream.
      eventStore,
      retryInterval: SSE_RETRY_MS,
    });
    const server = createMcpServer(host, { era: 'legacy', transport: 'http', scope: options.scope });
    const session: Session = {
      get sessionId() {
        return transport.sessionId;
      },
      server,
      eventStore,
      retryMs: SSE_RETRY_MS,
      directCalls: new Map(),
      transport,
      serve: toNodeHandler({ fetch: (req, extra) => transport.handleRequest(req, extra) }),
      lastSeen: Date.now(),
      owner,
      inflight: new InflightIds(),
      release,
    };
    transport.onclose = () => {
      if (transport.sessionId && sessions.get(transport.sessionId) === session) sessions.delete(transport.sessionId);
      eventStore.clear();
      release();
    };
    if (shared) transport.send = routedSend(shared, () => transport.sessionId, transport.send.bind(transport));
    await server.connect(transport);
    if (revive) await replayInitialize(transport, revive.meta);
    return session;
  }

  /** A session another replica opened, taken on from its metadata in Redis; undefined when it is not live. */
  async function takeOn(id: string): Promise<Session | undefined> {
    if (!shared) return undefined;
    let pending = reviving.get(id);
    if (!pending) {
      pending = shared
        .load(id)
        .then((meta) =>
          meta && meta.path === options.path ? openSession(undefined, meta.owner, { id, meta }) : undefined,
        )
        .finally(() => reviving.delete(id));
      reviving.set(id, pending);
    }
    return pending;
  }

  async function serveLegacy(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const sessionId = request.headers['mcp-session-id'];
    const id = Array.isArray(sessionId) ? sessionId[0] : sessionId;
    let entry = id ? sessions.get(id) : undefined;
    if (id && !entry) {
      try {
        entry = await takeOn(id);
      } catch (err) {
        host.logger.error({ err: (err as Error).message }, 'shared session store unavailable');
        jsonRpcError(reply, 503, -32000, 'Service Unavailable: the shared session store cannot be reached; retry');
        return;
      }
    }
    if (entry && !mayUse(request, entry.owner)) {
      auditForeignSession(app, request, 'http');
      entry = undefined; // another principal's session: answered as if it did not exist
    }
    if (id && !entry) {
      jsonRpcError(reply, 404, -32001, 'Session not found: it ended or never existed; start a new one with initialize');
      return;
    }
    if (!entry) {
      if (request.method !== 'POST' || !isInitialize(request.body)) {
        jsonRpcError(
          reply,
          400,
          -32000,
          'Bad Request: no Mcp-Session-Id header; the first request of a session must be initialize',
        );
        return;
      }
      const slot = limits.acquire(SessionLimits.keyOf(request), 'http');
      if ('status' in slot) {
        reply.header('retry-after', String(slot.retryAfterSeconds));
        jsonRpcError(reply, slot.status, -32000, slot.message);
        return;
      }
      entry = await openSession(
        (request.body as { params?: Record<string, unknown> }).params ?? {},
        ownerOf(request),
        undefined,
        slot.release,
      );
    }
    entry.lastSeen = Date.now();
    let body = request.body;
    if (shared && id) {
      shared.touch(id, idleMs);
      // Answers to another replica's requests (elicitation) go to it; only the rest is served here.
      if (request.method === 'POST' && body !== undefined) {
        body = await routeClientAnswers(shared, id, body);
        if (body === undefined) return void reply.code(202).send();
      }
    }
    const requestId = request.method === 'POST' ? requestIdOf(body) : undefined;
    if (requestId !== undefined) {
      if (!entry.inflight.claim(requestId)) {
        reply.code(400).header('content-type', 'application/json').send(duplicateIdError(requestId));
        return;
      }
      const claimed = entry.inflight;
      reply.raw.once('close', () => claimed.release(requestId));
    }
    // Shared sessions keep the SDK path: their streams and answers may be routed through other replicas.
    if (!shared && request.method === 'POST') {
      const call = legacyDirectCall(host, request, entry);
      if (call) return serveLegacyDirect(host, options.scope, call, entry, request, reply);
      cancelDirectCall(entry.directCalls, body);
    }
    reply.hijack();
    const raw = request.raw as typeof request.raw & { auth?: unknown };
    raw.auth = (request as FastifyRequest & { authInfo?: unknown }).authInfo;
    const release = shared && id && request.method === 'GET' ? await shared.holdStream(id) : undefined;
    try {
      await entry.serve(raw as never, reply.raw as never, body);
    } finally {
      release?.();
    }
    if (!entry.transport.sessionId) entry.release(); // an initialize that failed opened no session
    if (shared && id && request.method === 'DELETE' && reply.raw.statusCode === 200) await shared.remove(id);
  }

  /** SEP-2243: Mcp-Param-* headers of a 2026 tools/call must match the arguments they mirror. */
  function paramHeaderProblem(request: FastifyRequest): string | undefined {
    const body = request.body as { method?: unknown; params?: { name?: unknown; arguments?: unknown } } | undefined;
    if (!body || typeof body !== 'object' || body.method !== 'tools/call' || typeof body.params?.name !== 'string')
      return undefined;
    const tool = host.registry.getTool(body.params.name, options.scope);
    const declarations = tool ? toolParamHeaders(tool.inputSchema) : [];
    return declarations.length ? paramHeaderMismatch(declarations, body.params.arguments, request.headers) : undefined;
  }

  app.route({
    method: ['POST', 'GET', 'DELETE'],
    url: options.path,
    handler: async (request, reply) => {
      // Batching is not part of 2025-11-25 or 2026-07-28; a batch would also count as one request for the limits.
      if (Array.isArray(request.body)) return void jsonRpcError(reply, 400, INVALID_REQUEST, BATCH_REFUSED);
      // Classified from the parsed body: the one web Request is built by whichever handler serves it.
      if (isLegacyEra(request)) return serveLegacy(request, reply);
      const mismatch = paramHeaderProblem(request);
      if (mismatch) {
        const id = (request.body as { id?: string | number }).id ?? null;
        reply
          .code(400)
          .header('content-type', 'application/json')
          .send({
            jsonrpc: '2.0',
            id,
            error: {
              code: HEADER_MISMATCH,
              message: `Bad Request: the request headers and body disagree: ${mismatch}`,
            },
          });
        return;
      }
      const call = modernDirectCall(host, request);
      if (call) return serveModernDirect(host, options.scope, call, request, reply);
      reply.hijack();
      serveModern ??= (await loadNodeAdapter()).toNodeHandler(modern);
      await serveModern(request.raw as never, reply.raw as never, request.body);
    },
  });

  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [sid, entry] of sessions) {
        if (now - entry.lastSeen <= idleMs) continue;
        limits.expiredOne();
        void entry.transport.close().finally(() => sessions.delete(sid));
      }
    },
    Math.min(idleMs, 60_000),
  );
  sweep.unref();

  // Messages other replicas route to the sessions this endpoint holds.
  const removeRoutes = shared?.addRoutes({
    deliverAnswer(sid, message) {
      const session = sessions.get(sid);
      session?.transport.onmessage?.(message);
      return !!session;
    },
    deliverToStream(sid, message) {
      const session = sessions.get(sid);
      // The transport's own send: this replica holds the stream, so the message goes out on it.
      if (session) void WebStandardStreamableHTTPServerTransport.prototype.send.call(session.transport, message);
      return !!session;
    },
    closeLocal(sid) {
      void sessions.get(sid)?.transport.close();
    },
  });

  return {
    sessionCount: () => sessions.size,
    async close() {
      clearInterval(sweep);
      unsubscribe();
      removeRoutes?.();
      await Promise.allSettled([...sessions.values()].map((s) => s.transport.close()));
      sessions.clear();
      await modern.close();
    },
  };
}
