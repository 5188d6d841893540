// Takes on a shared 2025-11-25 session that another replica opened: the session's transport is made with the
// session's own id and its initialize request (kept in Redis) is replayed in process, so the server instance
// knows the protocol version, the client's info and capabilities exactly as the first replica did.
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import type { SessionMeta } from './session-store.js';

const HEADERS = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

async function post(
  transport: WebStandardStreamableHTTPServerTransport,
  body: unknown,
  sessionId?: string,
): Promise<Response> {
  const headers = sessionId ? { ...HEADERS, 'mcp-session-id': sessionId } : HEADERS;
  const request = new Request('http://localhost/', { method: 'POST', headers, body: JSON.stringify(body) });
  const response = await transport.handleRequest(request, { parsedBody: body });
  await response.text(); // the answer to a replayed message has no reader; drain it so the stream closes
  return response;
}

/** Replays `initialize` and `notifications/initialized` on a fresh, connected transport. */
export async function replayInitialize(
  transport: WebStandardStreamableHTTPServerTransport,
  meta: SessionMeta,
): Promise<void> {
  const init = await post(transport, {
    jsonrpc: '2.0',
    id: 'cnmcp-revive',
    method: 'initialize',
    params: meta.initialize,
  });
  if (!init.ok) throw new Error(`replaying initialize failed with HTTP ${init.status}`);
  await post(transport, { jsonrpc: '2.0', method: 'notifications/initialized' }, transport.sessionId);
}
