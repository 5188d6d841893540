// The shape of one JSON-RPC 2.0 message as MCP uses it, checked where the SDK does not check it for us (legacy SSE
// POSTs, stdio lines): what is wrong is answered with -32600 and, when the id itself is valid, that id.
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { BATCH_REFUSED, INVALID_REQUEST } from './json-rpc-http.js';

const KEYS = new Set(['jsonrpc', 'id', 'method', 'params', 'result', 'error']);

export type Shape =
  { ok: true; message: JSONRPCMessage } | { ok: false; code: number; text: string; id: string | number | null };

const isId = (id: unknown): id is string | number =>
  typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id));

/** One message, or the -32600 answer naming what is wrong with it. */
export function checkJsonRpcShape(value: unknown): Shape {
  const bad = (what: string, id: unknown = null): Shape => ({
    ok: false,
    code: INVALID_REQUEST,
    text: `Invalid Request: ${what}`,
    id: isId(id) ? id : null,
  });
  if (Array.isArray(value)) return { ok: false, code: INVALID_REQUEST, text: BATCH_REFUSED, id: null };
  if (!value || typeof value !== 'object') return bad('the message must be a JSON object');
  const m = value as Record<string, unknown>;
  const id = Object.hasOwn(m, 'id') ? m.id : undefined;
  if (m.jsonrpc !== '2.0') return bad('"jsonrpc" must be "2.0"', id);
  const unknown = Object.keys(m).find((k) => !KEYS.has(k));
  if (unknown !== undefined) return bad(`unknown member ${JSON.stringify(unknown.slice(0, 40))}`, id);
  if (id !== undefined && !isId(id)) return bad('"id" must be a string or an integer');
  if (Object.hasOwn(m, 'method')) {
    if (typeof m.method !== 'string') return bad('"method" must be a string', id);
    if (m.params !== undefined && (m.params === null || typeof m.params !== 'object' || Array.isArray(m.params)))
      return bad('"params" must be an object', id);
    if (Object.hasOwn(m, 'result') || Object.hasOwn(m, 'error')) return bad('a request carries no result or error', id);
    return { ok: true, message: value as JSONRPCMessage };
  }
  if (id === undefined) return bad('a message needs "method" (request, notification) or "id" (response)');
  const hasResult = Object.hasOwn(m, 'result');
  const hasError = Object.hasOwn(m, 'error');
  if (hasResult === hasError) return bad('a response carries exactly one of "result" and "error"', id);
  if (hasResult && (!m.result || typeof m.result !== 'object')) return bad('"result" must be an object', id);
  if (hasError) {
    const e = m.error as { code?: unknown; message?: unknown } | null;
    if (!e || typeof e !== 'object' || !Number.isInteger(e.code) || typeof e.message !== 'string')
      return bad('"error" must be an object with an integer code and a message', id);
  }
  return { ok: true, message: value as JSONRPCMessage };
}
