// Writes a direct tools/call answer on the Node response, in the shapes the SDK's transports use: a 2026-07-28
// call answers JSON unless a notification comes first (then SSE, as PerRequestHTTPServerTransport upgrades); a
// 2025-11-25 session call answers SSE with a priming event and event ids kept in the session's store, so a
// broken stream resumes with Last-Event-ID exactly as on the SDK path.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { LazyAbort } from '../tools/lazy-abort.js';
import type { SessionEventStore } from './event-store.js';

/** The SDK's SSE keep-alive period. */
const KEEP_ALIVE_MS = 15_000;
/**
 * A 2025-era stream's headers and priming event wait this long for the answer, so a quick call goes out in one
 * write; a longer call gets them (and with them its resumption point) on time.
 */
const PRIMING_FLUSH_MS = 20;

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
  private corked?: NodeJS.Timeout;
  private readonly streamId = randomUUID();
  /** Frames go out in the order they were produced (event ids are taken in that order too). */
  private queue: Promise<void> = Promise.resolve();
  /** The call's cancellation: the client closing the request cancels it. */
  readonly cancel = new LazyAbort();

  constructor(
    private readonly res: ServerResponse,
    private readonly session?: SessionStream,
  ) {
    // The client went away before the answer: the call is cancelled (2026-07-28: closing is cancelling).
    res.once('close', () => {
      this.stopKeepAlive();
      if (!this.done) this.cancel.abort(new Error('the client closed the request'));
    });
  }

  /** 2025 sessions open the stream at once, with the priming event, before the call runs. */
  open(): void {
    if (!this.session) return;
    this.res.cork();
    this.corked = setTimeout(() => this.uncork(), PRIMING_FLUSH_MS);
    this.corked.unref();
    this.startSse();
    if (!this.session.priming) return;
    const { eventStore, retryMs } = this.session;
    const id = eventStore.storeSerialized(this.streamId, '{}');
    this.write(`id: ${id}\nretry: ${retryMs}\ndata: \n\n`);
  }

  notify(message: JSONRPCMessage): Promise<void> {
    if (this.done) return Promise.resolve();
    this.startSse();
    return this.enqueue(async () => {
      this.frame(message);
      this.uncork(); // a notification is news now, not with the answer
    });
  }

  /** Sends the answer and ends the response; a cancelled call (no answer) just ends it. */
  finish(message: JSONRPCMessage | undefined): Promise<void> {
    if (this.done) return Promise.resolve();
    this.done = true;
    if (!message) {
      this.stopKeepAlive();
      if (!this.res.headersSent && !this.res.destroyed) this.res.writeHead(202);
      return this.enqueue(() => void (this.res.destroyed || this.res.end()));
    }
    if (!this.sse) {
      const body = JSON.stringify(message);
      // The one handler error the SDK answers with an HTTP error status: a client capability it lacks.
      const status = (message as { error?: { code?: number } }).error?.code === MISSING_CAPABILITY ? 400 : 200;
      if (!this.res.destroyed)
        this.res
          .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
          .end(body);
      return Promise.resolve();
    }
    return this.enqueue(async () => {
      this.frame(message);
      this.stopKeepAlive();
      if (!this.res.destroyed) this.res.end();
    });
  }

  private startSse(): void {
    if (this.sse) return;
    this.sse = true;
    if (this.res.destroyed) return;
    this.res.writeHead(200, {
      ...SSE_HEADERS,
      ...(this.session ? { 'mcp-session-id': this.session.sessionId } : {}),
    });
    this.keepAlive = setInterval(() => this.write(': keepalive\n\n'), KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  private frame(message: JSONRPCMessage): void {
    const data = JSON.stringify(message);
    const id = this.session?.eventStore.storeSerialized(this.streamId, data);
    this.write(`event: message\n${id ? `id: ${id}\n` : ''}data: ${data}\n\n`);
  }

  private write(text: string): void {
    if (!this.res.destroyed && !this.res.writableEnded) this.res.write(text);
  }

  private enqueue(step: () => void | Promise<void>): Promise<void> {
    this.queue = this.queue.then(step).catch(() => undefined);
    return this.queue;
  }

  private uncork(): void {
    if (this.corked === undefined) return;
    clearTimeout(this.corked);
    this.corked = undefined;
    this.res.uncork();
  }

  private stopKeepAlive(): void {
    this.uncork();
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = undefined;
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
