// The Streamable HTTP side of the direct path (direct-call.ts): which requests it takes in each era, and how
// their answers are written (direct-http.ts). Everything it does not take goes to the SDK's handlers unchanged.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClientCapabilities, RequestId, Server, ServerContext } from '@modelcontextprotocol/server';
import { DEFAULT_NEGOTIATED_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '../vendor/mcp-sdk.js';
import type { LazyAbort } from '../tools/lazy-abort.js';
import type { Scope } from '../tools/registry.js';
import { directCallOf, logLevelFilter, mayBeAskedForInput, serveDirectCall, type DirectCall } from './direct-call.js';
import { headerValue, headerView, HttpCallStream } from './direct-http.js';
import type { SessionEventStore } from './event-store.js';
import { clientIpOf, principalOf, type McpHost } from './mcp-server.js';
import { MODERN_REVISION } from './protocol-values.js';

type AuthedRequest = FastifyRequest & { authInfo?: unknown };

/** A 2026-07-28 tools/call the SDK would serve without asking anything of the request beyond its body and headers. */
export function modernDirectCall(host: McpHost, request: FastifyRequest): DirectCall | undefined {
  if (request.method !== 'POST') return undefined;
  const call = directCallOf(request.body, host.dynamicToolsets);
  if (!call) return undefined;
  const meta = call.params._meta;
  const headers = request.headers;
  // The SDK's standard-header rung: version, method and name headers present and agreeing with the body.
  if (meta?.['io.modelcontextprotocol/protocolVersion'] !== MODERN_REVISION) return undefined;
  if (headerValue(headers, 'mcp-protocol-version') !== MODERN_REVISION) return undefined;
  if (headerValue(headers, 'mcp-method') !== 'tools/call') return undefined;
  if (headerValue(headers, 'mcp-name') !== call.params.name) return undefined;
  return call;
}

function callOptions(request: AuthedRequest, stream: HttpCallStream) {
  const http = { http: { authInfo: request.authInfo } } as Pick<ServerContext, 'http'>;
  return {
    transport: 'http' as const,
    principal: principalOf(http),
    clientIp: clientIpOf(http),
    cancel: stream.cancel,
    notify: (message: Parameters<HttpCallStream['notify']>[0]) => stream.notify(message),
    headers: headerView(request.headers),
    authInfo: request.authInfo,
  };
}

export async function serveModernDirect(
  host: McpHost,
  scope: Scope | undefined,
  call: DirectCall,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  reply.hijack();
  const stream = new HttpCallStream(reply.raw);
  const answer = await serveDirectCall(host, call, { era: 'modern', scope, ...callOptions(request, stream) });
  await stream.finish(answer);
}

export interface DirectSession {
  sessionId: string | undefined;
  server: Server;
  eventStore: SessionEventStore;
  retryMs: number;
  /** Direct calls in flight, by request id: notifications/cancelled aborts them. */
  directCalls: Map<RequestId, LazyAbort>;
}

/** A tools/call on an open 2025-11-25 session, when the client cannot be asked for input during it. */
export function legacyDirectCall(host: McpHost, request: FastifyRequest, session: DirectSession) {
  if (request.method !== 'POST' || !session.sessionId) return undefined;
  const capabilities: ClientCapabilities | undefined = session.server.getClientCapabilities();
  if (mayBeAskedForInput(capabilities)) return undefined;
  // The SDK transport's own refusals (406, unsupported version) stay with it.
  const accept = headerValue(request.headers, 'accept') ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) return undefined;
  const version = request.headers['mcp-protocol-version'];
  if (version !== undefined && (typeof version !== 'string' || !SUPPORTED_PROTOCOL_VERSIONS.includes(version)))
    return undefined;
  return directCallOf(request.body, host.dynamicToolsets);
}

export async function serveLegacyDirect(
  host: McpHost,
  scope: Scope | undefined,
  call: DirectCall,
  session: DirectSession,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const version =
    (request.headers['mcp-protocol-version'] as string | undefined) ?? DEFAULT_NEGOTIATED_PROTOCOL_VERSION;
  reply.hijack();
  const stream = new HttpCallStream(reply.raw, {
    sessionId: session.sessionId!,
    eventStore: session.eventStore,
    priming: version >= '2025-11-25',
    retryMs: session.retryMs,
  });
  stream.open();
  session.directCalls.set(call.id, stream.cancel);
  try {
    const answer = await serveDirectCall(host, call, {
      era: 'legacy',
      scope,
      ...callOptions(request, stream),
      sessionId: session.sessionId,
      clientCapabilities: session.server.getClientCapabilities(),
      clientInfo: session.server.getClientVersion(),
      logIgnored: (level) => logLevelFilter(session.server)?.(level, session.sessionId) ?? false,
    });
    await stream.finish(answer);
  } finally {
    session.directCalls.delete(call.id);
  }
}
