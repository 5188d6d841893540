// The legacy HTTP+SSE transport (spec 2024-11-05): GET <prefix>/sse opens an event stream whose first
// event names the POST endpoint; POST <prefix>/messages?sessionId=… carries client messages.
// The current SDK dropped it; older clients still use it, so this small Transport keeps it.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
import type { Scope } from '../tools/registry.js';
import { duplicateIdError, InflightIds, requestIdOf } from './inflight-ids.js';
import { SERVER_ERROR, sendJsonRpcError } from './json-rpc-http.js';
import { shuttingDownError } from './shutdown-answers.js';
import { checkJsonRpcShape } from './json-rpc-shape.js';
import { createMcpServer, type McpHost } from './mcp-server.js';
import { SessionLimits } from './session-limits.js';
import { auditForeignSession, mayUse, ownerOf } from './session-owner.js';

const KEEPALIVE_MS = 15_000;

export class SseServerTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  private closed = false;
  private keepalive?: NodeJS.Timeout;
  private readonly inflight = new InflightIds();

  constructor(
    private readonly res: ServerResponse,
    private readonly messagesPath: string,
  ) {}

  async start(): Promise<void> {
    this.res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.res.write(`event: endpoint\ndata: ${this.messagesPath}?sessionId=${this.sessionId}\n\n`);
    this.keepalive = setInterval(() => this.res.write(': keepalive\n\n'), KEEPALIVE_MS);
    this.keepalive.unref();
    this.res.on('close', () => void this.close());
  }

  /** `authInfo` is the caller authenticated by cnmcp-auth on this POST; the pipeline reads its principal. */
  receive(message: JSONRPCMessage, extra?: { authInfo?: unknown }): void {
    const id = requestIdOf(message);
    if (id !== undefined && !this.inflight.claim(id)) return void this.send(duplicateIdError(id));
    this.onmessage?.(message, extra as Parameters<NonNullable<Transport['onmessage']>>[1]);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.inflight.answered(message);
    if (this.closed) return;
    this.res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  /** At the shutdown deadline: every request still running is answered with an error, then the stream ends. */
  async shutDown(): Promise<void> {
    for (const id of this.inflight.pending()) await this.send(shuttingDownError(id));
    await this.close();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepalive);
    this.res.end();
    this.onclose?.();
  }
}

export interface SseOptions {
  /** '' for /sse + /messages, '/api/<id>' for per-service endpoints. */
  prefix: string;
  scope?: Scope;
  /** Session caps shared by every endpoint of the server (D6). */
  limits?: SessionLimits;
}

export function registerSse(
  app: FastifyInstance,
  host: McpHost,
  options: SseOptions,
): { close(): Promise<void>; sessionCount(): number } {
  const sessions = new Map<string, { transport: SseServerTransport; owner?: string }>();
  const messagesPath = `${options.prefix}/messages`;
  const limits = options.limits ?? new SessionLimits();

  app.get(`${options.prefix}/sse`, async (request, reply) => {
    const slot = limits.acquire(SessionLimits.keyOf(request), 'sse');
    if ('status' in slot) {
      reply.header('retry-after', String(slot.retryAfterSeconds));
      return sendJsonRpcError(reply, slot.status, SERVER_ERROR, slot.message);
    }
    reply.hijack();
    const transport = new SseServerTransport(reply.raw, messagesPath);
    sessions.set(transport.sessionId, { transport, owner: ownerOf(request) });
    transport.onclose = () => {
      sessions.delete(transport.sessionId);
      slot.release();
    };
    const server = createMcpServer(host, { era: 'legacy', transport: 'sse', scope: options.scope });
    await server.connect(transport);
  });

  app.post(messagesPath, async (request, reply) => {
    const sessionId = (request.query as { sessionId?: unknown }).sessionId;
    if (typeof sessionId !== 'string' || !sessionId)
      return sendJsonRpcError(reply, 400, SERVER_ERROR, 'Bad Request: the sessionId query parameter is required');
    const session = sessions.get(sessionId);
    if (session && !mayUse(request, session.owner)) auditForeignSession(app, request, 'sse');
    if (!session || !mayUse(request, session.owner))
      return sendJsonRpcError(reply, 404, -32001, 'Session not found: open a new one with GET /sse');
    const shape = checkJsonRpcShape(request.body);
    if (!shape.ok) return sendJsonRpcError(reply, 400, shape.code, shape.text, shape.id);
    session.transport.receive(shape.message, {
      authInfo: (request as typeof request & { authInfo?: unknown }).authInfo,
    });
    return reply.code(202).send('Accepted');
  });

  return {
    sessionCount: () => sessions.size,
    async close() {
      await Promise.allSettled([...sessions.values()].map((s) => s.transport.shutDown()));
      sessions.clear();
    },
  };
}
