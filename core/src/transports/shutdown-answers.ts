// G1: a call still running when the shutdown deadline passes is answered with a JSON-RPC error ("server shutting
// down") before its connection closes, so the client knows to retry instead of seeing a dropped connection.
import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/server';
import { requestIdOf } from './inflight-ids.js';
import { SERVER_ERROR } from './json-rpc-http.js';

export const SHUTTING_DOWN = 'server shutting down';

export function shuttingDownError(id: RequestId | null): JSONRPCMessage {
  return { jsonrpc: '2.0', id, error: { code: SERVER_ERROR, message: SHUTTING_DOWN } } as JSONRPCMessage;
}

/** Ends an HTTP exchange still open at the deadline with the error: a 503 body, or a last event on its stream. */
export function answerShuttingDown(body: unknown, res: ServerResponse): void {
  if (res.writableEnded || res.destroyed) return;
  const id = requestIdOf(body);
  const message = JSON.stringify(shuttingDownError(id ?? null));
  try {
    if (!res.headersSent) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' }).end(message);
      return;
    }
    // Headers given to writeHead directly are not visible through getHeader: the head as written tells.
    const head = String((res as { _header?: unknown })._header ?? res.getHeader('content-type') ?? '');
    if (id !== undefined && head.includes('text/event-stream')) res.write(`event: message\ndata: ${message}\n\n`);
    res.end();
  } catch {
    res.destroy(); // the stream was already broken: nothing more can reach the client
  }
}
