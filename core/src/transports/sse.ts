// The legacy HTTP+SSE transport (spec 2024-11-05): GET <prefix>/sse opens an event stream whose first
// event names the POST endpoint; POST <prefix>/messages?sessionId=… carries client messages.
// The current SDK dropped it; older clients still use it, so this small Transport keeps it.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
import type { Scope } from '../tools/registry.js';
import type { Guard } from './http-guards.js';
import { createMcpServer, type McpHost } from './mcp-server.js';

const KEEPALIVE_MS = 15_000;

export class SseServerTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  private closed = false;
  private keepalive?: NodeJS.Timeout;

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
    this.onmessage?.(message, extra as Parameters<NonNullable<Transport['onmessage']>>[1]);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return;
    this.res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
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
  guards: Guard[];
}

export function registerSse(
  app: FastifyInstance,
  host: McpHost,
  options: SseOptions,
): { close(): Promise<void>; sessionCount(): number } {
  const sessions = new Map<string, SseServerTransport>();
  const messagesPath = `${options.prefix}/messages`;

  app.get(`${options.prefix}/sse`, { onRequest: options.guards }, async (request, reply) => {
    reply.hijack();
    const transport = new SseServerTransport(reply.raw, messagesPath);
    sessions.set(transport.sessionId, transport);
    transport.onclose = () => sessions.delete(transport.sessionId);
    const server = createMcpServer(host, { era: 'legacy', transport: 'sse', scope: options.scope });
    await server.connect(transport);
  });

  app.post(messagesPath, { onRequest: options.guards }, async (request, reply) => {
    const sessionId = (request.query as { sessionId?: string }).sessionId;
    if (!sessionId) return reply.code(400).send({ error: 'sessionId query parameter is required' });
    const transport = sessions.get(sessionId);
    if (!transport)
      return reply.code(404).send({ error: 'unknown or closed SSE session; open a new one with GET /sse' });
    const body = request.body as JSONRPCMessage | undefined;
    if (!body || typeof body !== 'object' || (body as { jsonrpc?: string }).jsonrpc !== '2.0') {
      return reply.code(400).send({ error: 'the body must be one JSON-RPC 2.0 message' });
    }
    transport.receive(body, { authInfo: (request as typeof request & { authInfo?: unknown }).authInfo });
    return reply.code(202).send('Accepted');
  });

  return {
    sessionCount: () => sessions.size,
    async close() {
      await Promise.allSettled([...sessions.values()].map((t) => t.close()));
      sessions.clear();
    },
  };
}
