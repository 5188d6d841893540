// A loopback Jaeger: OTLP/HTTP intake (POST /v1/traces, JSON or protobuf) into a span store, answered
// through the query API v3 and the internal /api JSON, like jaeger all-in-one with its memory store.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeTraceRequest, flattenSpans, OtlpDecodeError } from './otlp.js';
import { v1Routes, v3Routes, type Reply } from './routes.js';
import { SpanStore } from './store.js';

export interface JaegerEmulatorOptions {
  /** Serve only the internal /api JSON (a Jaeger without API v3): /api/v3/* answers 404. */
  v1Only?: boolean;
  /** Require this auth on query routes (an authenticating proxy in front of Jaeger). */
  auth?: { bearer: string } | { username: string; password: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

export interface JaegerEmulator {
  /** Base URL of the query service (and of the OTLP intake). */
  url: string;
  /** OTLP/HTTP traces endpoint, for `tracing.endpoint`. */
  otlpUrl: string;
  store: SpanStore;
  /** Query requests received, oldest first (OTLP intake is not recorded). */
  requests: RecordedRequest[];
  /** Spans accepted on the OTLP intake so far. */
  readonly acceptedSpans: number;
  /** Serve v1 only from now on, or v3 again. */
  setV1Only(v1Only: boolean): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.plain) {
    res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
    res.end(String(reply.body));
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
}

function authorised(req: IncomingMessage, auth: JaegerEmulatorOptions['auth']): boolean {
  if (!auth) return true;
  const header = req.headers.authorization ?? '';
  if ('bearer' in auth) return header === `Bearer ${auth.bearer}`;
  return header === `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

export async function startJaegerEmulator(options: JaegerEmulatorOptions = {}): Promise<JaegerEmulator> {
  const store = new SpanStore();
  const requests: RecordedRequest[] = [];
  let v1Only = options.v1Only ?? false;
  let accepted = 0;

  const intake = (req: IncomingMessage, res: ServerResponse, body: Buffer): void => {
    const contentType = String(req.headers['content-type'] ?? '');
    const isProto = /protobuf/i.test(contentType);
    try {
      const spans = flattenSpans(decodeTraceRequest(body, contentType));
      store.add(spans);
      accepted += spans.length;
      if (isProto) res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"partialSuccess":{}}');
    } catch (err) {
      const status = err instanceof OtlpDecodeError && /content type/.test(err.message) ? 415 : 400;
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 3, message: (err as Error).message }));
    }
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://jaeger');
    const path = url.pathname;
    if (path === '/v1/traces') {
      if (req.method !== 'POST') res.writeHead(405, { allow: 'POST' }).end('405 method not allowed, supported: [POST]');
      else intake(req, res, Buffer.concat(chunks));
      return;
    }
    requests.push({ method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers });
    if (!authorised(req, options.auth)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Basic realm="jaeger"' });
      res.end('Unauthorized\n');
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8' }).end('Method Not Allowed\n');
      return;
    }
    const reply =
      (path.startsWith('/api/v3/') ? (v1Only ? undefined : v3Routes(store, path, url.searchParams)) : undefined) ??
      (path.startsWith('/api/') && !path.startsWith('/api/v3/') ? v1Routes(store, path, url.searchParams) : undefined);
    if (!reply) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
      return;
    }
    send(res, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    otlpUrl: `${url}/v1/traces`,
    store,
    requests,
    get acceptedSpans() {
      return accepted;
    },
    setV1Only(value: boolean) {
      v1Only = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
