// SSE resumability for 2025-era Streamable HTTP sessions (SEP-1699): every message sent on a session's SSE
// streams gets an event id, so a client whose stream broke reconnects with Last-Event-ID and receives what it
// missed. One store per session, in memory, bounded: the oldest events go first.
import type { EventId, EventStore, JSONRPCMessage, StreamId } from '@modelcontextprotocol/server';

const DEFAULT_MAX_EVENTS = 1_000;

export interface SessionEventStoreOptions {
  /**
   * A shared session resumes on any replica: an event id made elsewhere (or lost with a replica) still names
   * its stream, which then resumes without a replay instead of being refused.
   */
  resumeUnknown?: boolean;
}

/** The stream an event id `<streamId>.<sequence>` belongs to. */
const streamOf = (eventId: EventId): StreamId | undefined =>
  eventId.includes('.') ? eventId.slice(0, eventId.lastIndexOf('.')) : undefined;

export function createSessionEventStore(
  maxEvents = DEFAULT_MAX_EVENTS,
  options: SessionEventStoreOptions = {},
): EventStore {
  // Insertion order is event order; ids are `<streamId>.<sequence>` and unique within the session.
  const events = new Map<EventId, { streamId: StreamId; message: JSONRPCMessage }>();
  let sequence = 0;
  return {
    async storeEvent(streamId, message) {
      const eventId = `${streamId}.${++sequence}`;
      events.set(eventId, { streamId, message });
      if (events.size > maxEvents) events.delete(events.keys().next().value!);
      return eventId;
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
        if (after && event.streamId === last.streamId) await send(eventId, event.message);
        if (eventId === lastEventId) after = true;
      }
      return last.streamId;
    },
  };
}
