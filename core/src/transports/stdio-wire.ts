// The stdio wire: newline-delimited JSON-RPC on stdin/stdout. Unlike the SDK's transport, nothing is dropped
// silently: a line that is not JSON gets -32700, a message of the wrong shape -32600 (the answers HTTP gives),
// and a line longer than the limit is skipped with an error while the connection lives on (D8). A request
// reusing the id of one in flight is refused (D7).
import type { Readable, Writable } from 'node:stream';
import type { JSONRPCMessage, RequestId, Transport } from '@modelcontextprotocol/server';
import { duplicateIdError, InflightIds, requestIdOf } from './inflight-ids.js';
import { INVALID_REQUEST, jsonRpcErrorBody, parseJsonBody } from './json-rpc-http.js';
import { checkJsonRpcShape } from './json-rpc-shape.js';
import { shuttingDownError } from './shutdown-answers.js';

/** Longest line read as one message; longer ones are refused and skipped up to their newline. */
export const MAX_STDIO_LINE_BYTES = 10 * 1024 * 1024;

export class StdioWire implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  /** Takes a message before the SDK sees it (the direct tools/call path); true when it did. */
  direct?: (message: JSONRPCMessage) => boolean;
  private chunks: Buffer[] = [];
  private pending = 0;
  /** Inside a line that went over the limit: everything up to its newline is dropped. */
  private skipping = false;
  private closed = false;
  private readonly inflight = new InflightIds();

  constructor(
    private readonly stdin: Readable,
    private readonly stdout: Writable,
    private readonly maxLineBytes = MAX_STDIO_LINE_BYTES,
  ) {}

  private readonly onData = (chunk: Buffer | string) => {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let nl = data.indexOf(0x0a); nl !== -1; nl = data.indexOf(0x0a)) {
      const head = data.subarray(0, nl);
      data = data.subarray(nl + 1);
      if (this.skipping) {
        this.skipping = false;
        continue;
      }
      if (this.pending + head.length > this.maxLineBytes) {
        this.dropLine();
        continue;
      }
      const line = (this.chunks.length ? Buffer.concat([...this.chunks, head]) : head).toString('utf8');
      this.chunks = [];
      this.pending = 0;
      this.handleLine(line);
    }
    if (this.skipping || data.length === 0) return;
    if (this.pending + data.length > this.maxLineBytes) {
      this.dropLine();
      this.skipping = true;
      return;
    }
    this.chunks.push(data);
    this.pending += data.length;
  };

  private readonly onEnd = () => void this.close();
  private readonly onError = (error: Error) => this.onerror?.(error);

  private dropLine(): void {
    this.chunks = [];
    this.pending = 0;
    void this.write(
      jsonRpcErrorBody(INVALID_REQUEST, `Invalid Request: a message is longer than ${this.maxLineBytes} bytes`),
    );
  }

  private handleLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = parseJsonBody(line);
    } catch (err) {
      void this.write(jsonRpcErrorBody(-32700, (err as Error).message));
      return;
    }
    const shape = checkJsonRpcShape(value);
    if (!shape.ok) return void this.write(jsonRpcErrorBody(shape.code, shape.text, shape.id));
    const id = requestIdOf(shape.message);
    if (id !== undefined && !this.inflight.claim(id)) return void this.write(duplicateIdError(id));
    if (this.direct?.(shape.message)) return;
    this.onmessage?.(shape.message);
  }

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('end', this.onEnd);
    this.stdin.on('close', this.onEnd);
    this.stdin.on('error', this.onError);
    this.stdout.on('error', this.onError);
  }

  /** Frees the id of a request that ends without an answer (cancelled). */
  forget(id: RequestId): void {
    this.inflight.release(id);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.inflight.answered(message);
    if (this.closed) return;
    await this.write(message);
  }

  private write(message: unknown): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', () => resolve());
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Requests still running (shutdown deadline, or the client left) are answered before the wire goes quiet.
    for (const id of this.inflight.pending()) await this.write(shuttingDownError(id));
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('end', this.onEnd);
    this.stdin.off('close', this.onEnd);
    this.stdin.off('error', this.onError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.chunks = [];
    this.onclose?.();
  }
}
