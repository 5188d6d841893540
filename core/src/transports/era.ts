// Which spec era a Streamable HTTP request belongs to, decided by the SDK's own classifier (the one behind
// isLegacyRequest and createMcpHandler, so routing never disagrees with it), but from Fastify's parsed body and
// headers: no web Request is built just to ask.
import type { IncomingHttpHeaders } from 'node:http';
import { classifyInboundRequest } from '@modelcontextprotocol/server';

interface EraRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A header as web Headers.get gives it: repeated values joined with ", ". */
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** true: a 2025-11-25 request (session transport); false: a 2026-07-28 one (createMcpHandler). */
export function isLegacyEra(request: EraRequest): boolean {
  const post = request.method.toUpperCase() === 'POST';
  // The SDK's "no JSON body" case: served (and answered) by the 2025-era transport.
  if (post && request.body === undefined) return true;
  const outcome = classifyInboundRequest({
    httpMethod: request.method,
    protocolVersionHeader: header(request.headers, 'mcp-protocol-version'),
    mcpMethodHeader: header(request.headers, 'mcp-method'),
    mcpNameHeader: header(request.headers, 'mcp-name'),
    ...(post ? { body: request.body } : {}),
  });
  return outcome.kind === 'legacy';
}
