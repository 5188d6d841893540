// Datasources: list and read (by id, uid, name), create, update by uid (and the legacy numeric id), delete,
// health checks that really reach the backend, and the datasource proxy forwarding to the real server.
import type { EmulatorReply } from '@cnmcp/core/testing';
import type { Identity } from './auth.js';
import { badRequest, jsonBody, message, newUid, notFound, route, type RouteContext, type RouteTable } from './http.js';
import type { GrafanaState, StoredDatasource } from './state.js';

const NOT_FOUND = () => notFound('Data source not found');

function listItem(d: StoredDatasource) {
  return {
    id: d.id,
    uid: d.uid,
    orgId: d.orgId,
    name: d.name,
    type: d.type,
    typeName: d.type.charAt(0).toUpperCase() + d.type.slice(1),
    typeLogoUrl: `public/app/plugins/datasource/${d.type}/img/logo.svg`,
    access: d.access,
    url: d.url,
    user: d.user,
    database: d.database,
    basicAuth: d.basicAuth,
    isDefault: d.isDefault,
    jsonData: d.jsonData,
    readOnly: d.readOnly,
  };
}

function detail(d: StoredDatasource) {
  const secureJsonFields = Object.fromEntries(Object.keys(d.secureJsonData).map((k) => [k, true]));
  return {
    ...listItem(d),
    basicAuthUser: d.basicAuthUser,
    withCredentials: d.withCredentials,
    secureJsonFields,
    version: d.version,
    apiVersion: '',
    // Grafana 7 and older answered with these stored in clear text.
    ...(d.legacyPassword !== undefined ? { password: d.legacyPassword } : {}),
    ...(d.legacyBasicAuthPassword !== undefined ? { basicAuthPassword: d.legacyBasicAuthPassword } : {}),
  };
}

export function findDatasource(state: GrafanaState, who: Identity, by: 'uid' | 'id' | 'name', key: string) {
  return state.datasources.find(
    (d) =>
      d.orgId === who.orgId && (by === 'uid' ? d.uid === key : by === 'id' ? d.id === Number(key) : d.name === key),
  );
}

const byUid = ({ state, who, req }: RouteContext) => findDatasource(state, who, 'uid', req.params.uid);

function applyBody(d: StoredDatasource, body: Record<string, unknown>): void {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  d.name = str('name') ?? d.name;
  d.type = str('type') ?? d.type;
  d.url = str('url') ?? d.url;
  d.access = body.access === 'direct' ? 'direct' : 'proxy';
  d.user = str('user') ?? d.user;
  d.database = str('database') ?? d.database;
  d.basicAuth = typeof body.basicAuth === 'boolean' ? body.basicAuth : d.basicAuth;
  d.basicAuthUser = str('basicAuthUser') ?? d.basicAuthUser;
  d.isDefault = typeof body.isDefault === 'boolean' ? body.isDefault : d.isDefault;
  if (body.jsonData && typeof body.jsonData === 'object') d.jsonData = body.jsonData as Record<string, unknown>;
  const secure = body.secureJsonData;
  if (secure && typeof secure === 'object')
    for (const [k, v] of Object.entries(secure as Record<string, unknown>)) d.secureJsonData[k] = String(v);
  // The old top-level password fields are moved into secureJsonData, as Grafana 8+ does.
  if (str('password')) d.secureJsonData.password = str('password')!;
  if (str('basicAuthPassword')) d.secureJsonData.basicAuthPassword = str('basicAuthPassword')!;
}

function validate(state: GrafanaState, who: Identity, body: Record<string, unknown>, self?: StoredDatasource) {
  if (typeof body.name !== 'string' || !body.name) return badRequest('Required field name is missing');
  if (typeof body.type !== 'string' || !body.type) return badRequest('Required field type is missing');
  if (typeof body.url === 'string' && body.url && !/^[a-z][a-z0-9+.-]*:\/\/|^[\w.-]+:\d+$/i.test(body.url))
    return badRequest('Validation error, invalid URL', { error: `invalid URL "${body.url}"` });
  const clash = state.datasources.find((d) => d.orgId === who.orgId && d.name === body.name && d !== self);
  if (clash) return message(409, 'data source with the same name already exists');
  return undefined;
}

function update(ctx: RouteContext, d: StoredDatasource | undefined): EmulatorReply | unknown {
  if (!d) return NOT_FOUND();
  const body = jsonBody(ctx.req) ?? {};
  const bad = validate(ctx.state, ctx.who, body, d);
  if (bad) return bad;
  if (d.readOnly) return message(403, 'Cannot update read-only data source');
  if (typeof body.version === 'number' && body.version !== d.version)
    return message(409, 'Datasource has already been updated by someone else. Please reload and try again');
  applyBody(d, body);
  d.version += 1;
  return { datasource: detail(d), id: d.id, message: 'Datasource updated', name: d.name };
}

function remove(state: GrafanaState, d: StoredDatasource | undefined) {
  if (!d) return NOT_FOUND();
  if (d.readOnly) return message(403, 'Cannot delete read-only data source');
  state.datasources.splice(state.datasources.indexOf(d), 1);
  return { message: 'Data source deleted', id: d.id };
}

/** Basic auth Grafana adds when it proxies to a datasource. */
export function upstreamHeaders(d: StoredDatasource): Record<string, string> {
  if (!d.basicAuth) return {};
  const pass = d.secureJsonData.basicAuthPassword ?? '';
  return { authorization: `Basic ${Buffer.from(`${d.basicAuthUser}:${pass}`).toString('base64')}` };
}

async function health(d: StoredDatasource): Promise<EmulatorReply> {
  const probes: Record<string, { path: string; ok: string; fail: string }> = {
    prometheus: {
      path: '/api/v1/query?query=1%2B1',
      ok: 'Successfully queried the Prometheus API.',
      fail: 'There was an error returned querying the Prometheus API.',
    },
    alertmanager: {
      path: '/api/v2/status',
      ok: 'Health check passed.',
      fail: 'Health check failed: cannot reach the Alertmanager API.',
    },
    loki: {
      path: '/loki/api/v1/labels',
      ok: 'Data source successfully connected.',
      fail: 'Unable to connect with Loki. Please check the server logs for more details.',
    },
  };
  const probe = probes[d.type];
  if (!probe) return message(500, 'Plugin health check failed', { status: 'ERROR' });
  try {
    const res = await fetch(`${d.url.replace(/\/+$/, '')}${probe.path}`, {
      headers: upstreamHeaders(d),
      signal: AbortSignal.timeout(5_000),
    });
    if (res.ok) return { status: 200, body: { status: 'OK', message: probe.ok } };
  } catch {
    /* reported below */
  }
  return { status: 400, body: { status: 'ERROR', message: probe.fail } };
}

/** Forwards a request to the datasource's own URL, as /api/datasources/proxy/uid/{uid}/... does. */
export async function proxy(ctx: RouteContext): Promise<EmulatorReply> {
  const d = byUid(ctx);
  if (!d) return NOT_FOUND();
  if (d.access !== 'proxy') return badRequest('Data source is not configured with proxy access');
  const rest = ctx.req.params['*'] ?? '';
  const query = ctx.req.query.toString();
  const url = `${d.url.replace(/\/+$/, '')}/${rest}${query ? `?${query}` : ''}`;
  const method = ctx.req.method;
  if (ctx.who.role === 'Viewer' && method !== 'GET' && !(d.type === 'prometheus' && method === 'POST'))
    return message(403, 'Access denied to this data source proxy route');
  try {
    const contentType = ctx.req.headers['content-type'];
    const res = await fetch(url, {
      method,
      headers: { ...upstreamHeaders(d), ...(contentType ? { 'content-type': String(contentType) } : {}) },
      body: method === 'GET' || method === 'HEAD' ? undefined : ctx.req.body,
      signal: AbortSignal.timeout(15_000),
    });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'text/plain' }, body };
  } catch {
    return message(502, 'Bad Gateway');
  }
}

export const datasourceRoutes: RouteTable = {
  'GET /api/datasources/uid/:uid/health': route('Viewer', 'datasources:query', async (ctx) => {
    const d = byUid(ctx);
    return d ? health(d) : NOT_FOUND();
  }),
  'GET /api/datasources/uid/:uid': route('Viewer', 'datasources:read', (ctx) => {
    const d = byUid(ctx);
    return d ? detail(d) : NOT_FOUND();
  }),
  'PUT /api/datasources/uid/:uid': route('Admin', 'datasources:write', (ctx) => update(ctx, byUid(ctx))),
  'DELETE /api/datasources/uid/:uid': route('Admin', 'datasources:delete', (ctx) => remove(ctx.state, byUid(ctx))),
  'GET /api/datasources/name/:name': route('Viewer', 'datasources:read', ({ state, who, req }) => {
    const d = findDatasource(state, who, 'name', req.params.name);
    return d ? detail(d) : NOT_FOUND();
  }),
  'GET /api/datasources/:id': route('Viewer', 'datasources:read', ({ state, who, req }) => {
    const d = findDatasource(state, who, 'id', req.params.id);
    return d ? detail(d) : NOT_FOUND();
  }),
  'PUT /api/datasources/:id': route('Admin', 'datasources:write', (ctx) =>
    update(ctx, findDatasource(ctx.state, ctx.who, 'id', ctx.req.params.id)),
  ),
  'GET /api/datasources': route('Viewer', 'datasources:read', ({ state, who }) =>
    state.datasources.filter((d) => d.orgId === who.orgId).map(listItem),
  ),
  'POST /api/datasources': route('Admin', 'datasources:create', ({ state, who, req }) => {
    const body = jsonBody(req) ?? {};
    const bad = validate(state, who, body);
    if (bad) return bad;
    const uid = typeof body.uid === 'string' && body.uid ? body.uid : newUid();
    if (state.datasources.some((d) => d.orgId === who.orgId && d.uid === uid))
      return message(409, 'data source with the same uid already exists');
    const d: StoredDatasource = {
      orgId: who.orgId,
      id: state.nextId(),
      uid,
      name: '',
      type: '',
      access: 'proxy',
      url: '',
      user: '',
      database: '',
      basicAuth: false,
      basicAuthUser: '',
      withCredentials: false,
      isDefault: false,
      jsonData: {},
      secureJsonData: {},
      version: 1,
      readOnly: false,
    };
    applyBody(d, body);
    state.datasources.push(d);
    return { datasource: detail(d), id: d.id, message: 'Datasource added', name: d.name };
  }),
  '* /api/datasources/proxy/uid/:uid/*': route('Viewer', 'datasources:query', proxy),
};
