// SSE resumability for 2025-era Streamable HTTP sessions (SEP-1699): every message sent on a session's SSE
// streams gets an event id, so a client whose stream broke reconnects with Last-Event-ID and receives what it
// missed. One store per session, in memory, bounded in count and in bytes (per session and across all of them):
// the oldest events go first, and an event that does not fit is sent but not kept for replay.
import type { EventId, EventStore, JSONRPCMessage, StreamId } from '@modelcontextprotocol/server';

const DEFAULT_MAX_EVENTS = 1_000;
/** Bytes of events one session keeps for replay. */
export const DEFAULT_SESSION_EVENT_BYTES = 4 * 1024 * 1024;
/** Bytes of events all sessions of a process keep together. */
export const DEFAULT_TOTAL_EVENT_BYTES = 64 * 1024 * 1024;

/** The byte budget every session's store draws on. */
export class EventBudget {
  used = 0;
  constructor(readonly maxBytes = DEFAULT_TOTAL_EVENT_BYTES) {}
}
const processBudget = new EventBudget();

export interface SessionEventStoreOptions {
  /**
   * A shared session resumes on any replica: an event id made elsewhere (or lost with a replica) still names
   * its stream, which then resumes without a replay instead of being refused.
   */
  resumeUnknown?: boolean;
  /** Bytes this session keeps (default 4 MiB). */
  maxBytes?: number;
  /** The budget shared with the other sessions (default: one per process, 64 MiB). */
  budget?: EventBudget;
}

/** The stream an event id `<streamId>.<sequence>` belongs to. */
const streamOf = (eventId: EventId): StreamId | undefined =>
  eventId.includes('.') ? eventId.slice(0, eventId.lastIndexOf('.')) : undefined;

/** An event store that also takes a message already serialised (so it is not serialised twice). */
export interface SessionEventStore extends EventStore {
  storeSerialized(streamId: StreamId, text: string): EventId;
  /** Gives the session's bytes back to the shared budget (the session ended). */
  clear(): void;
}

export function createSessionEventStore(
  maxEvents = DEFAULT_MAX_EVENTS,
  options: SessionEventStoreOptions = {},
): SessionEventStore {
  // Insertion order is event order; ids are `<streamId>.<sequence>` and unique within the session. Events are kept
  // as JSON text: a flat string costs the garbage collector nothing to trace while it waits for a replay.
  const events = new Map<EventId, { streamId: StreamId; text: string; bytes: number }>();
  const maxBytes = options.maxBytes ?? DEFAULT_SESSION_EVENT_BYTES;
  const budget = options.budget ?? processBudget;
  let bytes = 0;
  let sequence = 0;
  const dropOldest = () => {
    const [eventId, event] = events.entries().next().value!;
    events.delete(eventId);
    bytes -= event.bytes;
    budget.used -= event.bytes;
  };
  const store = (streamId: StreamId, text: string): EventId => {
    const eventId = `${streamId}.${++sequence}`;
    const size = text.length;
    while (events.size > 0 && (bytes + size > maxBytes || budget.used + size > budget.maxBytes)) dropOldest();
    if (size > maxBytes || budget.used + size > budget.maxBytes) return eventId; // sent, not kept for replay
    events.set(eventId, { streamId, text, bytes: size });
    bytes += size;
    budget.used += size;
    if (events.size > maxEvents) dropOldest();
    return eventId;
  };
  return {
    async storeEvent(streamId, message) {
      return store(streamId, JSON.stringify(message) ?? 'null');
    },
    storeSerialized: store,
    clear() {
      while (events.size > 0) dropOldest();
    },
    async getStreamIdForEventId(eventId) {
      return events.get(eventId)?.streamId ?? (options.resumeUnknown ? streamOf(eventId) : undefined);
    },
    async replayEventsAfter(lastEventId, { send }) {
      const last = events.get(lastEventId);
      const unknownStream = !last && options.resumeUnknown ? streamOf(lastEventId) : undefined;
      if (unknownStream) return unknownStream;
      if (!last) throw new Error(`event ${lastEventId} is unknown or too old to replay`);
      let after = false;
      for (const [eventId, event] of events) {
        if (after && event.streamId === last.streamId) await send(eventId, JSON.parse(event.text) as JSONRPCMessage);
        if (eventId === lastEventId) after = true;
      }
      return last.streamId;
    },
  };
}
