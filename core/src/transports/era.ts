// Which spec era a Streamable HTTP request belongs to, decided by the SDK's own classifier (the one behind
// isLegacyRequest and createMcpHandler, so routing never disagrees with it), but from Fastify's parsed body and
// headers: no web Request is built just to ask. The plain cases — a JSON-RPC request with no envelope claim, or
// one whose 2026-07-28 envelope is trivially valid — are decided without the classifier's schema parsing; every
// other request is classified by the SDK.
import type { IncomingHttpHeaders } from 'node:http';
import { classifyInboundRequest, PROTOCOL_VERSION_META_KEY } from '../vendor/mcp-sdk.js';
import { isPlainObject, LOG_LEVELS, MODERN_REVISION } from './protocol-values.js';

interface EraRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

const MESSAGE_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);

/** A header as web Headers.get gives it: repeated values joined with ", ". */
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** An envelope the SDK's schema certainly accepts: the required keys, the common optional ones, simple values. */
function plainValidEnvelope(meta: Record<string, unknown>): boolean {
  const capabilities = meta['io.modelcontextprotocol/clientCapabilities'];
  if (!isPlainObject(capabilities) || Object.keys(capabilities).length > 0) return false;
  const info = meta['io.modelcontextprotocol/clientInfo'];
  if (info !== undefined) {
    if (!isPlainObject(info) || typeof info.name !== 'string' || typeof info.version !== 'string') return false;
    for (const key in info) if (key !== 'name' && key !== 'version') return false;
  }
  const level = meta['io.modelcontextprotocol/logLevel'];
  if (level !== undefined && !(typeof level === 'string' && LOG_LEVELS.includes(level))) return false;
  const token = meta.progressToken;
  return token === undefined || typeof token === 'string' || Number.isInteger(token);
}

/** The era of the plain cases, or undefined when only the SDK's classifier can tell. */
function plainEra(request: EraRequest): 'legacy' | 'modern' | undefined {
  const body = request.body;
  if (!isPlainObject(body) || body.jsonrpc !== '2.0' || typeof body.method !== 'string') return undefined;
  for (const key in body) if (!MESSAGE_KEYS.has(key)) return undefined;
  const id = body.id;
  if (id !== undefined && typeof id !== 'string' && !Number.isInteger(id)) return undefined;
  const params = body.params;
  if (params !== undefined && !isPlainObject(params)) return undefined;
  const meta = params?._meta;
  if (meta !== undefined && !isPlainObject(meta)) return undefined;
  const version = header(request.headers, 'mcp-protocol-version')?.trim();
  if (!meta || !(PROTOCOL_VERSION_META_KEY in meta)) {
    // No envelope claim: a 2025-era message, unless it opens a session or the header names the modern era.
    if (body.method === 'initialize' || (version !== undefined && version >= '2026')) return undefined;
    return 'legacy';
  }
  if (id === undefined || meta[PROTOCOL_VERSION_META_KEY] !== MODERN_REVISION || !plainValidEnvelope(meta))
    return undefined;
  if (version !== undefined && version !== MODERN_REVISION) return undefined;
  const methodHeader = header(request.headers, 'mcp-method')?.trim();
  return methodHeader === undefined || methodHeader === body.method ? 'modern' : undefined;
}

/** true: a 2025-11-25 request (session transport); false: a 2026-07-28 one (createMcpHandler). */
export function isLegacyEra(request: EraRequest): boolean {
  const post = request.method.toUpperCase() === 'POST';
  if (!post) return true; // GET and DELETE: the SDK's http-method rule
  // The SDK's "no JSON body" case: served (and answered) by the 2025-era transport.
  if (request.body === undefined) return true;
  const plain = plainEra(request);
  if (plain) return plain === 'legacy';
  const outcome = classifyInboundRequest({
    httpMethod: request.method,
    protocolVersionHeader: header(request.headers, 'mcp-protocol-version'),
    mcpMethodHeader: header(request.headers, 'mcp-method'),
    mcpNameHeader: header(request.headers, 'mcp-name'),
    body: request.body,
  });
  return outcome.kind === 'legacy';
}
