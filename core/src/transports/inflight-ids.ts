// D7: a request reusing the id of one still in flight in the same session would take over its answer (the first
// caller never hears back). The duplicate is refused with a JSON-RPC error naming the id; ids are free again once
// answered.
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/server';
import { INVALID_REQUEST } from './json-rpc-http.js';

export class InflightIds {
  /** A Set tells 1 from "1" (SameValueZero), as JSON-RPC ids must be told apart. */
  private readonly ids = new Set<RequestId>();

  /** Marks a request's id as in flight; false when it already is. */
  claim(id: RequestId): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    return true;
  }

  /** Requests not answered yet. */
  pending(): RequestId[] {
    return [...this.ids];
  }

  release(id: RequestId): void {
    this.ids.delete(id);
  }

  /** Frees the id an outgoing response answers. */
  answered(message: JSONRPCMessage): void {
    const m = message as { id?: RequestId; method?: unknown };
    if (m.id !== undefined && m.id !== null && m.method === undefined) this.release(m.id);
  }
}

/** The id of a request (not a notification or a response), when the message is one. */
export function requestIdOf(message: unknown): RequestId | undefined {
  const m = message as { id?: unknown; method?: unknown } | null;
  if (!m || typeof m !== 'object' || typeof m.method !== 'string') return undefined;
  return typeof m.id === 'string' || typeof m.id === 'number' ? m.id : undefined;
}

export function duplicateIdError(id: RequestId): JSONRPCMessage {
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: INVALID_REQUEST,
      message: `Invalid Request: request id ${JSON.stringify(id)} is already in flight in this session; use a new id`,
    },
  } as JSONRPCMessage;
}
