// JSON-RPC on the HTTP edge: whatever is wrong with a request to an MCP route (not JSON, nested too deep, a
// __proto__ key, the wrong content type, too large, a batch, an unknown method or path) is answered with a
// JSON-RPC error body and a 4xx status, never Fastify's own error object, a 5xx or a stack.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger.js';
import { requestPath } from '../helpers/request-path.js';

/** Deepest nesting of arrays and objects accepted in a body: deeper input is refused before it is parsed. */
export const MAX_JSON_DEPTH = 64;

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INTERNAL_ERROR = -32603;
/** Code the SDK and the MCP spec use for transport-level refusals (no session, wrong media type). */
export const SERVER_ERROR = -32000;

export const BATCH_REFUSED =
  'Invalid Request: JSON-RPC batches are not supported (MCP 2025-11-25 and 2026-07-28 have none); send each message in its own request';

export function jsonRpcErrorBody(code: number, message: string, id: string | number | null = null) {
  return { jsonrpc: '2.0' as const, id, error: { code, message } };
}

export function sendJsonRpcError(
  reply: FastifyReply,
  status: number,
  code: number,
  message: string,
  id: string | number | null = null,
): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/json')
    .send(jsonRpcErrorBody(code, message, id));
}

class BodyError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly rpcCode: number,
  ) {
    super(message);
  }
}

/** The nesting depth of a JSON text, found in one pass that skips string contents; stops past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** JSON.parse with the depth bound and no `__proto__` key anywhere (it would become a prototype on merge). */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '')
    throw new BodyError('Parse error: the body is empty; send one JSON-RPC message', 400, PARSE_ERROR);
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH))
    throw new BodyError(`Parse error: the body nests deeper than ${MAX_JSON_DEPTH} levels`, 400, PARSE_ERROR);
  try {
    // A reviver costs a call per value: only bodies that may carry the key (escaped or not) pay for it.
    if (!text.includes('proto__')) return JSON.parse(text);
    return JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__') throw new BodyError('a "__proto__" key', 400, PARSE_ERROR);
      return value;
    });
  } catch (err) {
    const why =
      err instanceof BodyError ? `the body contains ${err.message}, which is refused` : 'the body is not valid JSON';
    throw new BodyError(`Parse error: ${why}`, 400, PARSE_ERROR);
  }
}

/**
 * Request targets in absolute form (`POST http://host/mcp`) are served as their path, with the authority as the
 * effective Host (RFC 9112 §3.2.2), so the Host check judges the authority the client named.
 */
export function originFormUrl(req: IncomingMessage): string {
  const url = req.url ?? '/';
  if (url.startsWith('/')) return url;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return '/';
    req.headers.host = parsed.host;
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return '/'; // an unparsable target: nothing routes there but the not-found answer
  }
}

const MEDIA_TYPE = 'Unsupported Media Type: Content-Type must be application/json';

/** The JSON-RPC answer to an error Fastify (or a hook) raised while reading or routing a request. */
function translate(error: FastifyError & { rpcCode?: number }, bodyLimit: number): [number, number, string] {
  if (error instanceof BodyError) return [error.statusCode, error.rpcCode, error.message];
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return [400, PARSE_ERROR, 'Parse error: the body is not valid JSON'];
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [400, PARSE_ERROR, 'Parse error: the body is empty; send one JSON-RPC message'];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return [415, SERVER_ERROR, MEDIA_TYPE];
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [413, INVALID_REQUEST, `Invalid Request: the body is larger than ${bodyLimit} bytes`];
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return [400, INVALID_REQUEST, 'Invalid Request: Content-Length does not match the body'];
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return [status, SERVER_ERROR, error.message.slice(0, 500)];
  return [500, INTERNAL_ERROR, 'Internal error: the request failed; details are in the server log'];
}

/** Installs the depth-bounded JSON parser and the JSON-RPC error and not-found answers on the app. */
export function registerJsonRpcHttp(app: FastifyInstance, options: { bodyLimit: number; logger: Logger }): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // Only a POST carries a message; a GET or DELETE with a JSON content type and nothing in it is fine.
    if (request.method !== 'POST' && (body as string).trim() === '') return done(null, undefined);
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const [status, code, message] = translate(error, options.bodyLimit);
    if (status >= 500) options.logger.error({ err: error, path: requestPath(request.url) }, 'request failed');
    if (reply.sent || reply.raw.headersSent) return;
    if (status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
    return sendJsonRpcError(reply, status, code, message);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = requestPath(request.url).slice(0, 200);
    const allowed = (['GET', 'POST', 'DELETE'] as const).filter((method) => app.hasRoute({ url: path, method }));
    if (allowed.length) {
      reply.header('allow', allowed.join(', '));
      return sendJsonRpcError(reply, 405, SERVER_ERROR, `Method Not Allowed: ${path} accepts ${allowed.join(', ')}`);
    }
    return sendJsonRpcError(reply, 404, SERVER_ERROR, `Not Found: no route ${request.method} ${path}`);
  });
}
