// The Elasticsearch emulator: a loopback HTTP server over a DocumentStore that answers like Elasticsearch —
// product header, compatibility media types, authentication, real error bodies — for the official client.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Cluster } from './cluster.js';
import { StoreError } from './errors.js';
import { esqlRoutes } from './esql.js';
import { Router, negotiate, parseJsonBody, queryRecord, readBody, type EsReply, type EsRequest } from './http.js';
import { catRoutes } from './routes-cat.js';
import { clusterRoutes } from './routes-cluster.js';
import { docRoutes } from './routes-docs.js';
import { indexRoutes } from './routes-index.js';
import { DocumentStore } from './store.js';

export interface EmulatorAuth {
  /** Basic credentials the emulator accepts. */
  username?: string;
  password?: string;
  /** The encoded API key (`base64(id:key)`) accepted in `Authorization: ApiKey …`. */
  apiKey?: string;
  /** A bearer token accepted in `Authorization: Bearer …`. */
  bearer?: string;
}
export interface EmulatorOptions {
  store?: DocumentStore;
  auth?: EmulatorAuth;
  /** The Elasticsearch version to present (default 9.1.0); ES|QL exists from 8.11. */
  version?: string;
  /** How many nodes the cluster has (default 1: replicas stay unassigned, as on a real single node). */
  nodes?: number;
  /** Serve HTTPS with this certificate and key (PEM), as a cluster with TLS on the HTTP layer does. */
  tls?: { cert: string; key: string };
}
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}
export interface ElasticsearchEmulator {
  url: string;
  store: DocumentStore;
  cluster: Cluster;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function authenticate(auth: EmulatorAuth | undefined, req: IncomingMessage, path: string): StoreError | undefined {
  if (!auth) return undefined;
  const header = String(req.headers.authorization ?? '');
  const [scheme, value = ''] = header.split(/\s+/, 2);
  const fail = (reason: string) => {
    const err = new StoreError(
      'security_exception',
      reason,
      {
        header: {
          'WWW-Authenticate': ['Basic realm="security", charset="UTF-8"', 'Bearer realm="security"', 'ApiKey'],
        },
      },
      401,
    );
    return err;
  };
  if (!header) return fail(`missing authentication credentials for REST request [${path}]`);
  const s = scheme!.toLowerCase();
  if (s === 'basic' && auth.username !== undefined) {
    const [user, ...rest] = Buffer.from(value, 'base64').toString('utf8').split(':');
    if (user === auth.username && rest.join(':') === auth.password) return undefined;
    return fail(`unable to authenticate user [${user}] for REST request [${path}]`);
  }
  if (s === 'apikey' && auth.apiKey !== undefined && value === auth.apiKey) return undefined;
  if (s === 'bearer' && auth.bearer !== undefined && value === auth.bearer) return undefined;
  return fail('unable to authenticate with provided credentials and anonymous access is not allowed for this request');
}

function send(res: ServerResponse, method: string, reply: EsReply, contentType: string): void {
  const status = reply.status ?? 200;
  const headers: Record<string, string> = { 'X-Elastic-Product': 'Elasticsearch', ...reply.headers };
  let payload = '';
  if (reply.text !== undefined) {
    headers['content-type'] = 'text/plain; charset=UTF-8';
    payload = reply.text;
  } else if (reply.body !== undefined) {
    headers['content-type'] = contentType;
    payload = JSON.stringify(reply.body);
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(status, headers);
  res.end(method === 'HEAD' ? undefined : payload);
}

export async function startElasticsearchEmulator(opts: EmulatorOptions = {}): Promise<ElasticsearchEmulator> {
  const store = opts.store ?? new DocumentStore();
  const cluster = new Cluster(store, opts.version ?? '9.1.0', opts.nodes ?? 1);
  const router = new Router();
  clusterRoutes(router, cluster);
  catRoutes(router, cluster);
  esqlRoutes(router, cluster);
  docRoutes(router, cluster);
  indexRoutes(router, cluster);
  const requests: RecordedRequest[] = [];

  const listener: RequestListener = (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      const path = url.pathname.replace(/\/{2,}/g, '/');
      let contentType = 'application/json';
      try {
        const text = await readBody(req);
        const query = queryRecord(url);
        requests.push({ method, path, query, headers: { ...req.headers }, body: text ? safeParse(text) : undefined });
        contentType = negotiate(req.headers, cluster.major, text.length > 0);
        const denied = authenticate(opts.auth, req, path);
        if (denied) {
          send(
            res,
            method,
            {
              status: 401,
              body: denied.body(),
              headers: { 'WWW-Authenticate': 'Basic realm="security", charset="UTF-8"' },
            },
            contentType,
          );
          return;
        }
        const { handler, params, allowed } = router.match(method, path);
        if (!handler) {
          const reply: EsReply = allowed.length
            ? {
                status: 405,
                body: {
                  error: `Incorrect HTTP method for uri [${path}] and method [${method}], allowed: [${allowed.join(', ')}]`,
                  status: 405,
                },
              }
            : {
                status: 400,
                body: new StoreError(
                  'illegal_argument_exception',
                  `no handler found for uri [${path}] and method [${method}]`,
                ).body(),
              };
          send(res, method, reply, contentType);
          return;
        }
        const request: EsRequest = {
          method,
          path,
          params,
          query,
          headers: req.headers,
          text,
          body: parseJsonBody(text, String(req.headers['content-type'] ?? '')),
        };
        const reply = await handler(request);
        if (method === 'HEAD' && reply.status === undefined) reply.body = undefined;
        send(res, method, reply, contentType);
      } catch (err) {
        if (err instanceof StoreError) {
          send(res, method, { status: err.status, body: err.body() }, contentType);
        } else {
          const reason = err instanceof Error ? err.message : String(err);
          send(res, method, { status: 500, body: new StoreError('exception', reason, {}, 500).body() }, contentType);
        }
      }
    })();
  };
  const server = opts.tls
    ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, listener)
    : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    store,
    cluster,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
