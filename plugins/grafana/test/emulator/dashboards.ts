// Search, dashboards by uid (save with version checks, versions, restore, delete) and folders.
import type { EmulatorReply } from '@cnmcp/core/testing';
import type { Identity } from './auth.js';
import {
  badRequest,
  intParam,
  jsonBody,
  message,
  newUid,
  notFound,
  paginate,
  route,
  slugify,
  type RouteContext,
  type RouteTable,
} from './http.js';
import type { GrafanaState, StoredDashboard, StoredFolder } from './state.js';

const VERSION_MISMATCH = { message: 'The dashboard has been changed by someone else', status: 'version-mismatch' };

const folderOf = (state: GrafanaState, orgId: number, uid: string) =>
  uid ? state.folders.find((f) => f.orgId === orgId && f.uid === uid) : undefined;

function dashboardUrl(d: StoredDashboard): string {
  return `/d/${d.uid}/${slugify(String(d.data.title ?? ''))}`;
}

function searchHit(state: GrafanaState, who: Identity, d: StoredDashboard) {
  const folder = folderOf(state, d.orgId, d.folderUid);
  return {
    id: d.id,
    uid: d.uid,
    orgId: d.orgId,
    title: d.data.title,
    uri: `db/${slugify(String(d.data.title ?? ''))}`,
    url: dashboardUrl(d),
    slug: '',
    type: 'dash-db',
    tags: (d.data.tags as string[] | undefined) ?? [],
    isStarred: state.stars.get(who.id)?.has(d.uid) ?? false,
    ...(folder
      ? {
          folderId: folder.id,
          folderUid: folder.uid,
          folderTitle: folder.title,
          folderUrl: `/dashboards/f/${folder.uid}/${slugify(folder.title)}`,
        }
      : {}),
    sortMeta: 0,
  };
}

function folderHit(f: StoredFolder) {
  return {
    id: f.id,
    uid: f.uid,
    orgId: f.orgId,
    title: f.title,
    uri: `db/${slugify(f.title)}`,
    url: `/dashboards/f/${f.uid}/${slugify(f.title)}`,
    slug: '',
    type: 'dash-folder',
    tags: [],
    isStarred: false,
    sortMeta: 0,
  };
}

function search({ state, who, req }: RouteContext) {
  const q = (req.query.get('query') ?? '').toLowerCase();
  const type = req.query.get('type');
  const tags = req.query.getAll('tag');
  const folderUids = req.query.getAll('folderUIDs').flatMap((v) => v.split(','));
  const dashboardUids = req.query.getAll('dashboardUIDs').flatMap((v) => v.split(','));
  const starred = req.query.get('starred') === 'true';
  const hits: Array<Record<string, unknown>> = [];
  if (type !== 'dash-db' && tags.length === 0 && !starred && dashboardUids.length === 0) {
    for (const f of state.folders.filter((x) => x.orgId === who.orgId)) {
      if (q && !f.title.toLowerCase().includes(q)) continue;
      if (folderUids.length && !folderUids.includes('') && !folderUids.includes('general')) continue;
      hits.push(folderHit(f));
    }
  }
  if (type !== 'dash-folder') {
    for (const d of state.dashboards.filter((x) => x.orgId === who.orgId)) {
      const dtags = (d.data.tags as string[] | undefined) ?? [];
      if (q && !String(d.data.title).toLowerCase().includes(q)) continue;
      if (tags.some((t) => !dtags.includes(t))) continue;
      if (folderUids.length && !folderUids.includes(d.folderUid || 'general')) continue;
      if (dashboardUids.length && !dashboardUids.includes(d.uid)) continue;
      if (starred && !state.stars.get(who.id)?.has(d.uid)) continue;
      hits.push(searchHit(state, who, d));
    }
  }
  hits.sort((a, b) => String(a.title).localeCompare(String(b.title)));
  return paginate(hits, intParam(req, 'limit', 1000), intParam(req, 'page', 1));
}

function meta(state: GrafanaState, who: Identity, d: StoredDashboard) {
  const folder = folderOf(state, d.orgId, d.folderUid);
  const canEdit = who.role !== 'Viewer';
  return {
    type: 'db',
    canSave: canEdit,
    canEdit,
    canAdmin: who.role === 'Admin',
    canStar: who.kind === 'user',
    canDelete: canEdit,
    slug: slugify(String(d.data.title ?? '')),
    url: dashboardUrl(d),
    expires: '0001-01-01T00:00:00Z',
    created: d.created,
    updated: d.updated,
    updatedBy: d.updatedBy,
    createdBy: d.createdBy,
    version: d.data.version,
    hasAcl: false,
    isFolder: false,
    folderId: folder?.id ?? 0,
    folderUid: folder?.uid ?? '',
    folderTitle: folder?.title ?? 'General',
    folderUrl: folder ? `/dashboards/f/${folder.uid}/${slugify(folder.title)}` : '',
    provisioned: false,
    provisionedExternalId: '',
  };
}

const findDashboard = (state: GrafanaState, who: Identity, uid: string) =>
  state.dashboards.find((d) => d.orgId === who.orgId && d.uid === uid);

const DASHBOARD_NOT_FOUND = () => notFound('Dashboard not found', { status: 'not-found' });

/** Stores a new version of `data` (create or update), as POST /api/dashboards/db does after its checks. */
function storeVersion(
  state: GrafanaState,
  who: Identity,
  existing: StoredDashboard | undefined,
  data: Record<string, unknown>,
  folderUid: string,
  msg: string,
  restoredFrom = 0,
): StoredDashboard {
  const now = new Date().toISOString();
  const version = existing ? Number(existing.data.version) + 1 : 1;
  const id = existing?.id ?? state.nextId();
  const uid = existing?.uid ?? (typeof data.uid === 'string' && data.uid ? data.uid : newUid());
  const saved = { ...data, id, uid, version };
  const record: StoredDashboard = existing ?? {
    orgId: who.orgId,
    id,
    uid,
    folderUid,
    created: now,
    updated: now,
    createdBy: who.login,
    updatedBy: who.login,
    data: saved,
    versions: [],
  };
  record.data = saved;
  record.folderUid = folderUid;
  record.updated = now;
  record.updatedBy = who.login;
  record.versions.push({
    id: state.nextId(),
    version,
    parentVersion: version - 1,
    restoredFrom,
    created: now,
    createdBy: who.login,
    message: msg,
    data: saved,
  });
  if (!existing) state.dashboards.push(record);
  return record;
}

function saveReply(d: StoredDashboard) {
  return {
    id: d.id,
    uid: d.uid,
    url: dashboardUrl(d),
    status: 'success',
    version: d.data.version,
    slug: slugify(String(d.data.title ?? '')),
    folderUid: d.folderUid,
  };
}

function saveDashboard({ state, who, req }: RouteContext): EmulatorReply | unknown {
  const body = jsonBody(req);
  const dash = body?.dashboard;
  if (!dash || typeof dash !== 'object' || Array.isArray(dash)) return badRequest('bad request data');
  const data = dash as Record<string, unknown>;
  const title = typeof data.title === 'string' ? data.title.trim() : '';
  if (!title) return badRequest('Dashboard title cannot be empty', { status: 'empty-name' });
  const folderUid = typeof body.folderUid === 'string' ? body.folderUid : '';
  if (folderUid && !folderOf(state, who.orgId, folderUid)) return badRequest('folder not found');
  const overwrite = body.overwrite === true;
  const uid = typeof data.uid === 'string' ? data.uid : '';
  const numericId = typeof data.id === 'number' ? data.id : 0;
  let existing = uid ? findDashboard(state, who, uid) : undefined;
  if (!existing && numericId) {
    existing = state.dashboards.find((d) => d.orgId === who.orgId && d.id === numericId);
    if (!existing) return DASHBOARD_NOT_FOUND();
  }
  if (existing && !overwrite && Number(data.version ?? 0) !== Number(existing.data.version))
    return { status: 412, body: VERSION_MISMATCH };
  const sameName = state.dashboards.find(
    (d) =>
      d.orgId === who.orgId &&
      d !== existing &&
      d.folderUid === folderUid &&
      String(d.data.title).toLowerCase() === title.toLowerCase(),
  );
  if (sameName && !overwrite)
    return {
      status: 412,
      body: { message: 'A dashboard with the same name in the folder already exists', status: 'name-exists' },
    };
  const msg = typeof body.message === 'string' ? body.message : '';
  return saveReply(storeVersion(state, who, existing, { ...data, title }, folderUid, msg));
}

function versionEntry(d: StoredDashboard, v: StoredDashboard['versions'][number]) {
  return {
    id: v.id,
    dashboardId: d.id,
    uid: d.uid,
    parentVersion: v.parentVersion,
    restoredFrom: v.restoredFrom,
    version: v.version,
    created: v.created,
    createdBy: v.createdBy,
    message: v.message,
  };
}

function folderDto(f: StoredFolder, who: Identity) {
  return {
    id: f.id,
    uid: f.uid,
    orgId: f.orgId,
    title: f.title,
    url: `/dashboards/f/${f.uid}/${slugify(f.title)}`,
    hasAcl: false,
    canSave: who.role !== 'Viewer',
    canEdit: who.role !== 'Viewer',
    canAdmin: who.role === 'Admin',
    canDelete: who.role !== 'Viewer',
    createdBy: f.createdBy,
    created: f.created,
    updatedBy: f.updatedBy,
    updated: f.updated,
    version: f.version,
  };
}

const FOLDER_NOT_FOUND = () => notFound('folder not found', { status: 'not-found' });
const findFolder = (ctx: RouteContext) => folderOf(ctx.state, ctx.who.orgId, ctx.req.params.uid);

export const dashboardRoutes: RouteTable = {
  'GET /api/search': route('Viewer', 'dashboards:read', search),
  'POST /api/dashboards/db': route('Editor', 'dashboards:write', saveDashboard),
  'GET /api/dashboards/uid/:uid/versions/:version': route('Viewer', 'dashboards:read', ({ state, who, req }) => {
    const d = findDashboard(state, who, req.params.uid);
    if (!d) return DASHBOARD_NOT_FOUND();
    const v = d.versions.find((x) => x.version === Number(req.params.version));
    if (!v) return notFound(`Dashboard version not found`);
    return { ...versionEntry(d, v), data: v.data };
  }),
  'GET /api/dashboards/uid/:uid/versions': route('Viewer', 'dashboards:read', ({ state, who, req }) => {
    const d = findDashboard(state, who, req.params.uid);
    if (!d) return DASHBOARD_NOT_FOUND();
    const all = [...d.versions].reverse().map((v) => versionEntry(d, v));
    const start = intParam(req, 'start', 0);
    const limit = intParam(req, 'limit', 1000);
    return { continueToken: '', versions: all.slice(start, start + (limit > 0 ? limit : 1000)) };
  }),
  'POST /api/dashboards/uid/:uid/restore': route('Editor', 'dashboards:write', ({ state, who, req }) => {
    const d = findDashboard(state, who, req.params.uid);
    if (!d) return DASHBOARD_NOT_FOUND();
    const want = Number(jsonBody(req)?.version);
    const v = d.versions.find((x) => x.version === want);
    if (!v) return notFound('Dashboard version not found');
    const msg = `Restored from version ${v.version}`;
    return saveReply(storeVersion(state, who, d, { ...v.data }, d.folderUid, msg, v.version));
  }),
  'GET /api/dashboards/uid/:uid': route('Viewer', 'dashboards:read', ({ state, who, req }) => {
    const d = findDashboard(state, who, req.params.uid);
    if (!d) return DASHBOARD_NOT_FOUND();
    return { dashboard: d.data, meta: meta(state, who, d) };
  }),
  'DELETE /api/dashboards/uid/:uid': route('Editor', 'dashboards:delete', ({ state, who, req }) => {
    const d = findDashboard(state, who, req.params.uid);
    if (!d) return DASHBOARD_NOT_FOUND();
    state.dashboards.splice(state.dashboards.indexOf(d), 1);
    const title = String(d.data.title);
    return { title, message: `Dashboard ${title} deleted`, id: d.id };
  }),
  'GET /api/folders/:uid': route('Viewer', 'folders:read', (ctx) => {
    const f = findFolder(ctx);
    return f ? folderDto(f, ctx.who) : FOLDER_NOT_FOUND();
  }),
  'GET /api/folders': route('Viewer', 'folders:read', ({ state, who, req }) => {
    const list = state.folders
      .filter((f) => f.orgId === who.orgId)
      .map((f) => ({ id: f.id, uid: f.uid, title: f.title }));
    return paginate(list, intParam(req, 'limit', 1000), intParam(req, 'page', 1));
  }),
  'POST /api/folders': route('Editor', 'folders:create', ({ state, who, req }) => {
    const body = jsonBody(req) ?? {};
    const title = typeof body.title === 'string' ? body.title.trim() : '';
    if (!title) return badRequest('folder title cannot be empty');
    const uid = typeof body.uid === 'string' && body.uid ? body.uid : newUid();
    if (state.folders.some((f) => f.orgId === who.orgId && f.uid === uid))
      return message(409, 'a folder with the same uid already exists');
    if (state.folders.some((f) => f.orgId === who.orgId && f.title.toLowerCase() === title.toLowerCase()))
      return message(409, 'a folder with the same name already exists in the current location');
    const now = new Date().toISOString();
    const f: StoredFolder = {
      orgId: who.orgId,
      id: state.nextId(),
      uid,
      title,
      version: 1,
      created: now,
      updated: now,
      createdBy: who.login,
      updatedBy: who.login,
    };
    state.folders.push(f);
    return folderDto(f, who);
  }),
  'PUT /api/folders/:uid': route('Editor', 'folders:write', (ctx) => {
    const f = findFolder(ctx);
    if (!f) return FOLDER_NOT_FOUND();
    const body = jsonBody(ctx.req) ?? {};
    const title = typeof body.title === 'string' ? body.title.trim() : '';
    if (!title) return badRequest('folder title cannot be empty');
    if (body.overwrite !== true && Number(body.version ?? 0) !== f.version)
      return {
        status: 412,
        body: { message: 'The folder has been changed by someone else', status: 'version-mismatch' },
      };
    f.title = title;
    f.version += 1;
    f.updated = new Date().toISOString();
    f.updatedBy = ctx.who.login;
    return folderDto(f, ctx.who);
  }),
  'DELETE /api/folders/:uid': route('Editor', 'folders:delete', (ctx) => {
    const { state, req } = ctx;
    const f = findFolder(ctx);
    if (!f) return FOLDER_NOT_FOUND();
    const rules = state.alertRules.filter((r) => r.orgId === f.orgId && r.folderUID === f.uid);
    if (rules.length && req.query.get('forceDeleteRules') !== 'true')
      return badRequest('folder cannot be deleted: folder contains alert rules', { status: 'folder-not-empty' });
    state.alertRules = state.alertRules.filter((r) => !rules.includes(r));
    state.dashboards = state.dashboards.filter((d) => !(d.orgId === f.orgId && d.folderUid === f.uid));
    state.folders.splice(state.folders.indexOf(f), 1);
    return { message: `Folder ${f.title} deleted`, id: f.id, title: f.title };
  }),
};
