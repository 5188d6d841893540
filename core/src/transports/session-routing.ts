// Routing of a shared 2025-11-25 session's messages between replicas. Requests a replica sends to the client
// (elicitation for a confirmation, roots, ping) carry the replica's name in their JSON-RPC id, so the client's
// answer, which may reach any replica, finds its way back to the one waiting for it. Messages for the session's
// GET stream (list_changed, resource updates) go to the replica holding that stream when it is not this one.
import type { JSONRPCMessage, RequestId, TransportSendOptions } from '@modelcontextprotocol/server';
import { isJSONRPCRequest, isJSONRPCResponse } from '../vendor/mcp-sdk.js';
import type { SharedSessions } from './session-store.js';

const TAG = 'cnmcp~';

/** `cnmcp~<replica>~<original id as JSON>`: a string id is valid JSON-RPC and survives any client. */
export function tagRequestId(replica: string, id: RequestId): string {
  return `${TAG}${replica}~${JSON.stringify(id)}`;
}

/** The replica and original id of a tagged id; undefined for ids this scheme did not make. */
export function untagRequestId(id: RequestId): { replica: string; id: RequestId } | undefined {
  if (typeof id !== 'string' || !id.startsWith(TAG)) return undefined;
  const rest = id.slice(TAG.length);
  const sep = rest.indexOf('~');
  if (sep <= 0) return undefined;
  try {
    return { replica: rest.slice(0, sep), id: JSON.parse(rest.slice(sep + 1)) as RequestId };
  } catch {
    return undefined;
  }
}

/**
 * Splits a POSTed body: answers to another replica's requests are forwarded to it, answers to this replica's
 * requests get their original id back. Returns what this replica must handle itself (undefined: nothing).
 */
export async function routeClientAnswers(
  shared: SharedSessions,
  sessionId: string,
  body: unknown,
): Promise<unknown | undefined> {
  const messages = (Array.isArray(body) ? body : [body]) as JSONRPCMessage[];
  const local: JSONRPCMessage[] = [];
  for (const message of messages) {
    const tagged = isJSONRPCResponse(message) && message.id !== undefined ? untagRequestId(message.id) : undefined;
    if (!tagged) local.push(message);
    else if (tagged.replica === shared.replica) local.push({ ...message, id: tagged.id } as JSONRPCMessage);
    else await shared.forwardAnswer(tagged.replica, sessionId, { ...message, id: tagged.id } as JSONRPCMessage);
  }
  if (local.length === 0) return undefined;
  return Array.isArray(body) ? local : local[0];
}

type Send = (message: JSONRPCMessage, options?: TransportSendOptions) => Promise<void>;

/**
 * The send a session's server uses: its requests to the client are tagged with this replica's name, and
 * messages for the GET stream go through Redis when another replica holds the stream.
 */
export function routedSend(shared: SharedSessions, sessionId: () => string | undefined, send: Send): Send {
  return async (message, options) => {
    const outgoing = isJSONRPCRequest(message) ? { ...message, id: tagRequestId(shared.replica, message.id) } : message;
    const sid = sessionId();
    const forStream = options?.relatedRequestId === undefined && !isJSONRPCResponse(message);
    if (sid && forStream && !shared.holdsStream(sid)) return shared.toStream(sid, outgoing);
    return send(outgoing, options);
  };
}
