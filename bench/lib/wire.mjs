// The JSON-RPC requests of the bench as they go on the wire in each era, and the check of the answers.
import { deepStrictEqual } from 'node:assert/strict';

export const MESSAGE = 'hello bench';
export const MODERN = '2026-07-28';
export const LEGACY = '2025-11-25';
const CLIENT_INFO = { name: 'cnmcp-bench', version: '1.0.0' };
const ACCEPT = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

/** autocannon's idReplacement swaps this for a fresh id per request (concurrent calls on one session). */
export const AUTOCANNON_ID = '[<id>]';

/** A 2026-07-28 stateless tools/call: the `_meta` envelope in the body, the routing headers beside it. */
export function modernCall(tool, args, id) {
  return {
    headers: { ...ACCEPT, 'mcp-protocol-version': MODERN, 'mcp-method': 'tools/call', 'mcp-name': tool },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: {
        name: tool,
        arguments: args,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': MODERN,
          'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      },
    }),
  };
}

/** A tools/call on an open 2025-11-25 session. */
export function legacyCall(tool, args, id, sessionId) {
  return {
    headers: { ...ACCEPT, 'mcp-protocol-version': LEGACY, 'mcp-session-id': sessionId },
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: tool, arguments: args } }),
  };
}

/** The JSON-RPC messages of an answer: a JSON body, or the `data:` lines of an SSE stream. */
export function messagesOf(contentType, text) {
  if (!contentType?.includes('text/event-stream')) return text ? [JSON.parse(text)] : [];
  const messages = [];
  for (const event of text.split(/\r?\n\r?\n/)) {
    const data = event
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (data) messages.push(JSON.parse(data));
  }
  return messages;
}

/** Opens a 2025-11-25 session (initialize, then notifications/initialized) and returns its id. */
export async function openSession(url, extraHeaders = {}) {
  const init = await fetch(url, {
    method: 'POST',
    headers: { ...ACCEPT, ...extraHeaders },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: LEGACY, capabilities: {}, clientInfo: CLIENT_INFO },
    }),
  });
  const text = await init.text();
  const sessionId = init.headers.get('mcp-session-id');
  const [answer] = messagesOf(init.headers.get('content-type'), text);
  if (init.status !== 200 || !sessionId || answer?.result?.protocolVersion !== LEGACY)
    throw new Error(`initialize failed: HTTP ${init.status} ${text.slice(0, 300)}`);
  const note = await fetch(url, {
    method: 'POST',
    headers: { ...ACCEPT, ...extraHeaders, 'mcp-protocol-version': LEGACY, 'mcp-session-id': sessionId },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  await note.arrayBuffer();
  if (note.status !== 202) throw new Error(`notifications/initialized: HTTP ${note.status}`);
  return sessionId;
}

/** The result the echo tool must give in each era (`_meta`, where a server adds one, is not compared). */
export function expectedEcho(era, message = MESSAGE) {
  const result = { content: [{ type: 'text', text: message }] };
  return era === MODERN ? { ...result, resultType: 'complete' } : result;
}

/** Sends one request and checks it is answered 200 with exactly `expected` as the JSON-RPC result. */
export async function checkCall(url, { headers, body }, expected) {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
  const id = JSON.parse(body).id;
  const answer = messagesOf(res.headers.get('content-type'), text).find((m) => m.id === id);
  if (!answer) throw new Error(`no answer with id ${id}: ${text.slice(0, 300)}`);
  if (answer.jsonrpc !== '2.0') throw new Error(`not JSON-RPC 2.0: ${text.slice(0, 300)}`);
  if (answer.error) throw new Error(`JSON-RPC error ${JSON.stringify(answer.error)}`);
  const { _meta, ...result } = answer.result ?? {};
  deepStrictEqual(result, expected);
  return answer.result;
}
