// Writes a direct tools/call answer on the Node response. An answer ready before anything else was sent is one
// JSON body (both eras allow it for a request). Otherwise the response becomes an SSE stream, as the SDK's
// transports stream: a 2026-07-28 call when a notification comes first (PerRequestHTTPServerTransport upgrades
// the same way); a 2025-11-25 session call also when it runs longer than a moment, opening with the priming event
// (SEP-1699), every event id kept in the session's store so a broken stream resumes with Last-Event-ID.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { LazyAbort } from '../tools/lazy-abort.js';
import type { SessionEventStore } from './event-store.js';

/** The SDK's SSE keep-alive period. */
const KEEP_ALIVE_MS = 15_000;
/**
 * A 2025-era call still running after this long gets its stream (and with the priming event its resumption
 * point); one that ends sooner is answered with one JSON body, which leaves nothing to resume.
 */
const STREAM_AFTER_MS = 20;

const MISSING_CAPABILITY = -32021;

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

export interface SessionStream {
  sessionId: string;
  eventStore: SessionEventStore;
  /** Protocol versions from 2025-11-25 on get a priming event (SEP-1699). */
  priming: boolean;
  retryMs: number;
}

export class HttpCallStream {
  private sse = false;
  private done = false;
  private keepAlive?: NodeJS.Timeout;
  private streamLater?: NodeJS.Timeout;
  private streamId?: string;
  /** The call's cancellation: the client closing the request cancels it. */
  readonly cancel = new LazyAbort();

  constructor(
    private readonly res: ServerResponse,
    private readonly session?: SessionStream,
  ) {
    // The client went away before the answer: the call is cancelled (2026-07-28: closing is cancelling).
    res.once('close', () => {
      this.stopTimers();
      if (!this.done) this.cancel.abort(new Error('the client closed the request'));
    });
  }

  /** 2025 sessions: a call that outlasts a moment gets its SSE stream and priming event then. */
  open(): void {
    if (!this.session) return;
    this.streamLater = setTimeout(() => this.startSse(), STREAM_AFTER_MS);
    this.streamLater.unref();
  }

  notify(message: JSONRPCMessage): Promise<void> {
    if (this.done) return Promise.resolve();
    this.startSse();
    this.frame(message);
    return Promise.resolve();
  }

  /** Sends the answer and ends the response; a cancelled call (no answer) ends its stream empty. */
  finish(message: JSONRPCMessage | undefined): Promise<void> {
    if (this.done) return Promise.resolve();
    this.done = true;
    if (!message) this.startSse();
    if (this.sse) {
      if (message) this.frame(message);
      this.stopTimers();
      if (!this.res.destroyed) this.res.end();
      return Promise.resolve();
    }
    this.stopTimers();
    const body = JSON.stringify(message);
    // The one handler error the SDK answers with an HTTP error status: a client capability it lacks.
    const status = (message as { error?: { code?: number } }).error?.code === MISSING_CAPABILITY ? 400 : 200;
    if (!this.res.destroyed)
      this.res
        .writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(this.session ? { 'mcp-session-id': this.session.sessionId } : {}),
        })
        .end(body);
    return Promise.resolve();
  }

  private startSse(): void {
    if (this.sse) return;
    this.sse = true;
    if (this.streamLater) clearTimeout(this.streamLater);
    if (this.res.destroyed) return;
    this.res.writeHead(200, {
      ...SSE_HEADERS,
      ...(this.session ? { 'mcp-session-id': this.session.sessionId } : {}),
    });
    if (this.session?.priming) {
      const id = this.session.eventStore.storeSerialized(this.stream(), '{}');
      this.write(`id: ${id}\nretry: ${this.session.retryMs}\ndata: \n\n`);
    }
    this.keepAlive = setInterval(() => this.write(': keepalive\n\n'), KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  private stream(): string {
    return (this.streamId ??= randomUUID());
  }

  private frame(message: JSONRPCMessage): void {
    const data = JSON.stringify(message);
    const id = this.session?.eventStore.storeSerialized(this.stream(), data);
    this.write(`event: message\n${id ? `id: ${id}\n` : ''}data: ${data}\n\n`);
  }

  private write(text: string): void {
    if (!this.res.destroyed && !this.res.writableEnded) this.res.write(text);
  }

  private stopTimers(): void {
    if (this.streamLater) clearTimeout(this.streamLater);
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.streamLater = this.keepAlive = undefined;
  }
}

/** Web-style header access over Node's headers (the SDK context offers `http.req.headers.get`). */
export function headerView(headers: IncomingHttpHeaders): { get(name: string): string | null } {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** An HTTP header value as the SDK reads it: repeated values joined, optional whitespace trimmed. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return (Array.isArray(value) ? value.join(', ') : value)?.trim();
}
