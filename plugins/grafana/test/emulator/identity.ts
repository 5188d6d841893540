// Identity and administration: health, frontend settings, the signed-in user and org, users, teams,
// access-control roles and resource permissions (Enterprise APIs), plugins, and the panel renderer.
import type { EmulatorReply } from '@cnmcp/core/testing';
import { intParam, notFound, paginate, route, type RouteContext, type RouteTable } from './http.js';
import { drawPng, placeholderPng } from './png.js';
import type { GrafanaState, Role } from './state.js';

const roleSummary = ({ permissions: _p, ...r }: Role) => ({
  ...r,
  updated: '2026-01-01T00:00:00Z',
  created: '2026-01-01T00:00:00Z',
});

const RESOURCES: Record<string, string[]> = {
  dashboards: ['View', 'Edit', 'Admin'],
  folders: ['View', 'Edit', 'Admin'],
  datasources: ['Query', 'Edit', 'Admin'],
  teams: ['Member', 'Admin'],
  serviceaccounts: ['Edit', 'Admin'],
  receivers: ['View', 'Edit', 'Admin'],
};

function resourceExists(state: GrafanaState, orgId: number, resource: string, id: string): boolean {
  if (resource === 'dashboards') return state.dashboards.some((d) => d.orgId === orgId && d.uid === id);
  if (resource === 'folders') return state.folders.some((f) => f.orgId === orgId && f.uid === id);
  if (resource === 'datasources') return state.datasources.some((d) => d.orgId === orgId && d.uid === id);
  if (resource === 'teams') return state.teams.some((t) => t.orgId === orgId && String(t.id) === id);
  return false;
}

function resourcePermissions({ state, who, req }: RouteContext): EmulatorReply | unknown {
  const { resource, id } = req.params;
  const levels = RESOURCES[resource];
  if (!levels) return notFound('Not found');
  if (id === 'description')
    return {
      assignments: { users: true, serviceAccounts: true, teams: true, builtInRoles: resource !== 'teams' },
      permissions: levels,
    };
  if (!resourceExists(state, who.orgId, resource, id)) return notFound(`${resource.replace(/s$/, '')} not found`);
  const top = levels[levels.length - 1];
  return [
    {
      id: 1,
      roleName: `managed:builtins:editor:permissions`,
      isManaged: true,
      isInherited: false,
      isServiceAccount: false,
      builtInRole: 'Editor',
      actions: [`${resource}:read`, `${resource}:write`],
      permission: levels[Math.min(1, levels.length - 1)],
    },
    {
      id: 2,
      roleName: `managed:builtins:viewer:permissions`,
      isManaged: true,
      isInherited: false,
      isServiceAccount: false,
      builtInRole: 'Viewer',
      actions: [`${resource}:read`],
      permission: levels[0],
    },
    {
      id: 3,
      roleName: 'managed:users:1:permissions',
      isManaged: true,
      isInherited: false,
      isServiceAccount: false,
      userId: 1,
      userLogin: 'admin',
      actions: [`${resource}:read`, `${resource}:write`, `${resource}.permissions:write`],
      permission: top,
    },
  ];
}

function render({ state, who, req }: RouteContext): EmulatorReply {
  if (!state.renderer) return { status: 200, headers: { 'content-type': 'image/png' }, body: placeholderPng() };
  const d = state.dashboards.find((x) => x.orgId === who.orgId && x.uid === req.params.uid);
  if (!d) return { status: 500, body: { message: 'Rendering failed: dashboard not found' } };
  const width = Math.min(Math.max(intParam(req, 'width', 1000), 16), 2000);
  const height = Math.min(Math.max(intParam(req, 'height', 500), 16), 2000);
  return {
    status: 200,
    headers: { 'content-type': 'image/png' },
    body: drawPng(width, height, [24, 27, 31], [115, 191, 105]),
  };
}

function userDto(state: GrafanaState, ctx: RouteContext) {
  const { who } = ctx;
  const u = state.users.find((x) => x.id === who.id && who.kind === 'user');
  return {
    id: who.id,
    email: u?.email ?? '',
    name: u?.name ?? who.login,
    login: who.login,
    theme: '',
    orgId: who.orgId,
    isGrafanaAdmin: who.serverAdmin,
    isDisabled: false,
    isExternal: false,
    isServiceAccount: who.kind === 'service-account',
    authLabels: [],
    updatedAt: '2026-01-01T00:00:00Z',
    createdAt: '2026-01-01T00:00:00Z',
    avatarUrl: '/avatar/00000000000000000000000000000000',
  };
}

export const identityRoutes: RouteTable = {
  'GET /api/health': route('public', '', ({ state }) => ({
    commit: 'cnmcp-emulator',
    database: 'ok',
    version: state.version,
  })),
  'GET /api/frontend/settings': route('Viewer', '', ({ state }) => ({
    appUrl: 'http://localhost:3000/',
    rendererAvailable: state.renderer,
    rendererVersion: state.renderer ? '3.12.0' : '',
    buildInfo: { version: state.version, commit: 'cnmcp-emulator', edition: 'Enterprise', env: 'production' },
  })),
  'GET /api/user': route('Viewer', '', (ctx) => userDto(ctx.state, ctx)),
  'GET /api/org': route('Viewer', 'orgs:read', ({ state, who }) => ({
    id: who.orgId,
    name: state.orgs.find((o) => o.id === who.orgId)?.name ?? '',
    address: { address1: '', address2: '', city: '', zipCode: '', state: '', country: '' },
  })),
  'GET /api/users': route('serverAdmin', 'users:read', ({ state, req }) => {
    const list = state.users.map((u) => ({
      id: u.id,
      name: u.name,
      login: u.login,
      email: u.email,
      avatarUrl: '/avatar/00000000000000000000000000000000',
      isAdmin: u.serverAdmin,
      isDisabled: false,
      lastSeenAt: '2026-01-01T00:00:00Z',
      lastSeenAtAge: '1d',
      authLabels: [],
    }));
    return paginate(list, intParam(req, 'perpage', 1000), intParam(req, 'page', 1));
  }),
  'GET /api/teams/search': route('Admin', 'teams:read', ({ state, who, req }) => {
    const q = (req.query.get('query') ?? req.query.get('name') ?? '').toLowerCase();
    const all = state.teams.filter((t) => t.orgId === who.orgId && t.name.toLowerCase().includes(q));
    const perPage = intParam(req, 'perpage', 1000);
    const page = intParam(req, 'page', 1);
    const teams = paginate(all, perPage, page).map((t) => ({
      id: t.id,
      uid: t.uid,
      orgId: t.orgId,
      name: t.name,
      email: t.email,
      avatarUrl: '/avatar/00000000000000000000000000000000',
      memberCount: t.members.length,
      permission: 0,
      accessControl: null,
    }));
    return { totalCount: all.length, teams, page, perPage };
  }),
  'GET /api/access-control/roles/:uid/assignments': route('Admin', 'roles:read', ({ state, req }) => {
    const role = state.roles.find((r) => r.uid === req.params.uid);
    if (!role) return notFound('Role not found');
    const users = [...state.userRoles].filter(([, uids]) => uids.includes(role.uid)).map(([id]) => id);
    const teams = [...state.teamRoles].filter(([, uids]) => uids.includes(role.uid)).map(([id]) => id);
    return { roleUID: role.uid, users, teams, serviceAccounts: [] };
  }),
  'GET /api/access-control/roles/:uid': route('Admin', 'roles:read', ({ state, req }) => {
    const role = state.roles.find((r) => r.uid === req.params.uid);
    return role ? { ...roleSummary(role), permissions: role.permissions } : notFound('Role not found');
  }),
  'GET /api/access-control/roles': route('Admin', 'roles:read', ({ state }) => state.roles.map(roleSummary)),
  'GET /api/access-control/users/:id/roles': route('Admin', 'users.roles:read', ({ state, req }) => {
    const id = Number(req.params.id);
    if (!state.users.some((u) => u.id === id) && !state.tokens.some((t) => t.id === id))
      return notFound('user not found');
    const uids = state.userRoles.get(id) ?? [];
    return state.roles.filter((r) => uids.includes(r.uid)).map(roleSummary);
  }),
  'GET /api/access-control/teams/:id/roles': route('Admin', 'teams.roles:read', ({ state, who, req }) => {
    const id = Number(req.params.id);
    if (!state.teams.some((t) => t.orgId === who.orgId && t.id === id)) return notFound('Team not found');
    const uids = state.teamRoles.get(id) ?? [];
    return state.roles.filter((r) => uids.includes(r.uid)).map(roleSummary);
  }),
  'GET /api/access-control/:resource/:id': route('Admin', 'permissions:read', resourcePermissions),
  'GET /api/plugins/:id/settings': route('Viewer', 'plugins:read', ({ state, req }) => {
    const p = state.plugins.find((x) => x.id === req.params.id);
    if (!p) return notFound('Plugin not found, no installed plugin with that id');
    return {
      name: p.name,
      type: p.type,
      id: p.id,
      enabled: p.enabled,
      pinned: p.type === 'app',
      autoEnabled: p.type !== 'app',
      module: `public/plugins/${p.id}/module.js`,
      baseUrl: `public/plugins/${p.id}`,
      info: { author: { name: p.author }, description: p.description, version: p.version, updated: '2026-01-01' },
      includes: null,
      dependencies: { grafanaDependency: '>=10.0.0', grafanaVersion: '*', plugins: [] },
      jsonData: null,
      defaultNavUrl: `/plugins/${p.id}/`,
      latestVersion: p.version,
      hasUpdate: false,
      state: '',
      signature: p.signature,
      signatureType: p.signature === 'internal' ? '' : 'grafana',
      signatureOrg: 'Grafana Labs',
    };
  }),
  'GET /api/plugins': route('Viewer', 'plugins:read', ({ state, req }) => {
    const type = req.query.get('type');
    const enabled = req.query.get('enabled');
    return state.plugins
      .filter(
        (p) =>
          (!type || p.type === type) &&
          (enabled === null || String(p.enabled) === enabled || (enabled === '1' && p.enabled)),
      )
      .map((p) => ({
        name: p.name,
        type: p.type,
        id: p.id,
        enabled: p.enabled,
        pinned: p.type === 'app',
        info: { author: { name: p.author }, description: p.description, version: p.version, updated: '2026-01-01' },
        latestVersion: p.version,
        hasUpdate: false,
        defaultNavUrl: `/plugins/${p.id}/`,
        category: p.category,
        state: '',
        signature: p.signature,
        signatureType: p.signature === 'internal' ? '' : 'grafana',
        signatureOrg: 'Grafana Labs',
      }));
  }),
  'GET /render/d-solo/:uid/:slug': route('Viewer', 'dashboards:read', render),
  'GET /render/d-solo/:uid': route('Viewer', 'dashboards:read', render),
};
