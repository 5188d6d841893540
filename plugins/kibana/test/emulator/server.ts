// The Kibana emulator: a loopback HTTP server answering Kibana's public REST API over a document store
// (shareable with the Elasticsearch emulator). Request life cycle as Kibana's: space prefix, route match,
// authentication, the kbn-xsrf check on writes, privileges, then the handler.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KibanaHttpError, notFound, type Principal, type Reply, type Route, type RouteContext } from './http.js';
import { SavedObjectsRepository } from './repository.js';
import { actionRoutes } from './routes/actions.js';
import { alertingRoutes, type ExecutionEntry } from './routes/alerting.js';
import { dataViewRoutes } from './routes/data-views.js';
import { importExportRoutes } from './routes/import-export.js';
import { savedObjectRoutes } from './routes/saved-objects.js';
import { ensureDefaultSpace, spaceRoutes } from './routes/spaces.js';
import { statusRoutes } from './routes/status.js';
import { MemoryStore, type KibanaBackingStore } from './store.js';

export interface KibanaEmulatorOptions {
  /** The document store; pass the Elasticsearch emulator's store so both serve the same indices. */
  store?: KibanaBackingStore;
  version?: string;
  /** Basic-auth users; default `elastic` / `changeme` (all) and `viewer` / `viewer-pass` (read). */
  users?: Record<string, { password: string; access: Principal['access'] }>;
  /** API keys as sent after `ApiKey ` (base64 of `id:key`); default one key with full access. */
  apiKeys?: Record<string, Principal['access']>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  space: string;
  headers: IncomingMessage['headers'];
}

export interface KibanaEmulator {
  url: string;
  store: KibanaBackingStore;
  repository: SavedObjectsRepository;
  /** Rule execution history by rule ID (newest first); tests may add entries. */
  executions: Map<string, ExecutionEntry[]>;
  requests: RecordedRequest[];
  /** The default API key (full access). */
  apiKey: string;
  close(): Promise<void>;
}

export const DEFAULT_API_KEY = Buffer.from('emulator-key-id:emulator-api-key').toString('base64');
const DEFAULT_USERS: NonNullable<KibanaEmulatorOptions['users']> = {
  elastic: { password: 'changeme', access: 'all' },
  viewer: { password: 'viewer-pass', access: 'read' },
};

function match(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const got = path.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const want = route.path.split('/');
    if (want.length !== got.length) continue;
    const params: Record<string, string> = {};
    if (
      want.every((w, i) =>
        w.startsWith(':') && got[i] ? ((params[w.slice(1)] = decodeURIComponent(got[i])), true) : w === got[i],
      )
    )
      return { route, params };
  }
  return undefined;
}

function authenticate(
  header: string | undefined,
  options: Required<Pick<KibanaEmulatorOptions, 'users' | 'apiKeys'>>,
): Principal | undefined {
  if (!header) return undefined;
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme.toLowerCase() === 'apikey') {
    const access = options.apiKeys[value];
    return access ? { name: 'api-key', access } : undefined;
  }
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    const user = options.users[decoded.slice(0, sep)];
    return user && user.password === decoded.slice(sep + 1)
      ? { name: decoded.slice(0, sep), access: user.access }
      : undefined;
  }
  return undefined;
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'elastic-api-version': '2023-10-31', ...(reply.headers ?? {}) };
  let payload = '';
  if (reply.body !== undefined) {
    payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status ?? 200, headers).end(payload);
}

const fail = (err: KibanaHttpError, headers?: Record<string, string>): Reply => ({
  status: err.statusCode,
  body: err.body(),
  headers,
});

export async function startKibanaEmulator(options: KibanaEmulatorOptions = {}): Promise<KibanaEmulator> {
  const store = options.store ?? new MemoryStore();
  const repository = new SavedObjectsRepository(store);
  ensureDefaultSpace(repository);
  const executions = new Map<string, ExecutionEntry[]>();
  const auth = {
    users: options.users ?? DEFAULT_USERS,
    apiKeys: options.apiKeys ?? { [DEFAULT_API_KEY]: 'all' as const },
  };
  const routes: Route[] = [
    ...statusRoutes(options.version ?? '8.19.0', Date.now()),
    ...importExportRoutes(repository),
    ...savedObjectRoutes(repository),
    ...dataViewRoutes(repository, store),
    ...spaceRoutes(repository),
    ...alertingRoutes(repository, executions),
    ...actionRoutes(repository, store),
  ];
  const requests: RecordedRequest[] = [];

  const handle = async (req: IncomingMessage): Promise<Reply> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://kibana');
    const method = req.method ?? 'GET';
    const prefixed = /^\/s\/([^/]+)(\/.*)$/.exec(url.pathname);
    const space = prefixed ? decodeURIComponent(prefixed[1]) : 'default';
    const path = prefixed ? prefixed[2] : url.pathname;
    requests.push({ method, path, space, headers: req.headers });
    const found = match(routes, method, path);
    if (!found) return fail(notFound());
    const principal = authenticate(req.headers.authorization, auth);
    if (!principal)
      return fail(new KibanaHttpError(401, 'Unauthorized'), { 'www-authenticate': 'Basic realm="kibana", ApiKey' });
    if (method !== 'GET' && !req.headers['kbn-xsrf'])
      return fail(new KibanaHttpError(400, 'Request must contain a kbn-xsrf header.'));
    if (space !== 'default' && !repository.find('space', space, 'default')) return fail(notFound());
    let body: unknown;
    const type = String(req.headers['content-type'] ?? '');
    if (rawBody.length && type.includes('json')) {
      try {
        body = JSON.parse(rawBody.toString('utf8')) as unknown;
      } catch {
        return fail(new KibanaHttpError(400, 'Invalid request payload JSON format'));
      }
    }
    const ctx: RouteContext = {
      method,
      path,
      space,
      params: found.params,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      body,
      principal,
      store,
    };
    if (found.route.write && principal.access !== 'all')
      return fail(new KibanaHttpError(403, `Unable to ${found.route.write(ctx)}`));
    return found.route.handler(ctx);
  };

  const server = createServer((req, res) => {
    handle(req)
      .catch((err: unknown) =>
        err instanceof KibanaHttpError
          ? fail(err)
          : fail(new KibanaHttpError(500, 'An internal server error occurred.')),
      )
      .then(
        (reply) => send(res, reply),
        () => res.destroy(),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    repository,
    executions,
    requests,
    apiKey: DEFAULT_API_KEY,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
