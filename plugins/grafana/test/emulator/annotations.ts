// Annotations: query, create (incl. the Graphite form), update, patch, delete and tags.
import type { Identity } from './auth.js';
import { badRequest, intParam, jsonBody, notFound, parseGrafanaTime, route, type RouteTable } from './http.js';
import type { GrafanaState, StoredAnnotation } from './state.js';

function dto(state: GrafanaState, a: StoredAnnotation) {
  const user = state.users.find((u) => u.id === a.userId);
  return {
    id: a.id,
    alertId: 0,
    alertName: '',
    dashboardId: a.dashboardId,
    dashboardUID: a.dashboardUID || null,
    panelId: a.panelId,
    userId: a.userId,
    newState: '',
    prevState: '',
    created: a.created,
    updated: a.updated,
    time: a.time,
    timeEnd: a.timeEnd,
    text: a.text,
    tags: a.tags,
    login: a.login,
    email: user?.email ?? '',
    avatarUrl: '/avatar/00000000000000000000000000000000',
    data: a.data,
  };
}

function toTags(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/[,\s]+/).filter(Boolean);
  return undefined;
}

const find = (state: GrafanaState, who: Identity, id: string) =>
  state.annotations.find((a) => a.orgId === who.orgId && a.id === Number(id));

const NOT_FOUND = () => notFound('Annotation not found');

export const annotationRoutes: RouteTable = {
  'GET /api/annotations/tags': route('Viewer', 'annotations:read', ({ state, who, req }) => {
    const prefix = req.query.get('tag') ?? '';
    const counts = new Map<string, number>();
    for (const a of state.annotations.filter((x) => x.orgId === who.orgId))
      for (const t of a.tags) if (t.startsWith(prefix)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const tags = [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => a.tag.localeCompare(b.tag));
    return { result: { tags: tags.slice(0, intParam(req, 'limit', 100)) } };
  }),
  'GET /api/annotations': route('Viewer', 'annotations:read', ({ state, who, req }) => {
    const from = parseGrafanaTime(req.query.get('from'), 0);
    const to = parseGrafanaTime(req.query.get('to'), Number.MAX_SAFE_INTEGER);
    const tags = req.query.getAll('tags');
    const matchAny = req.query.get('matchAny') === 'true';
    const dashboardUID = req.query.get('dashboardUID');
    const panelId = req.query.get('panelId');
    const type = req.query.get('type');
    const list = state.annotations
      .filter((a) => a.orgId === who.orgId)
      .filter((a) => a.timeEnd >= from && a.time <= to)
      .filter((a) => !dashboardUID || a.dashboardUID === dashboardUID)
      .filter((a) => !panelId || a.panelId === Number(panelId))
      .filter(() => type !== 'alert')
      .filter(
        (a) =>
          !tags.length || (matchAny ? tags.some((t) => a.tags.includes(t)) : tags.every((t) => a.tags.includes(t))),
      )
      .sort((a, b) => b.time - a.time);
    return list.slice(0, intParam(req, 'limit', 100)).map((a) => dto(state, a));
  }),
  'POST /api/annotations/graphite': route('Editor', 'annotations:create', ({ state, who, req }) => {
    const body = jsonBody(req) ?? {};
    if (typeof body.what !== 'string' || !body.what) return badRequest('what field should not be empty');
    const tags = toTags(body.tags);
    if (body.tags !== undefined && !tags) return badRequest('tag field should be an array or a string');
    const when = typeof body.when === 'number' ? body.when * 1000 : Date.now();
    const text = typeof body.data === 'string' && body.data ? `${body.what}\n${body.data}` : body.what;
    const a = create(state, who, { time: when, timeEnd: when, text, tags: tags ?? [] });
    return { message: 'Graphite annotation added', id: a.id };
  }),
  'POST /api/annotations': route('Editor', 'annotations:create', ({ state, who, req }) => {
    const body = jsonBody(req) ?? {};
    if (typeof body.text !== 'string' || !body.text) return badRequest('Failed to save annotation: text is empty');
    let dashboardId = 0;
    const dashboardUID = typeof body.dashboardUID === 'string' ? body.dashboardUID : '';
    if (dashboardUID) {
      const d = state.dashboards.find((x) => x.orgId === who.orgId && x.uid === dashboardUID);
      if (!d) return notFound('Dashboard not found');
      dashboardId = d.id;
    }
    const time = typeof body.time === 'number' && body.time > 0 ? body.time : Date.now();
    const timeEnd = typeof body.timeEnd === 'number' && body.timeEnd > 0 ? body.timeEnd : time;
    const a = create(state, who, {
      time,
      timeEnd,
      text: body.text,
      tags: toTags(body.tags) ?? [],
      dashboardUID,
      dashboardId,
      panelId: typeof body.panelId === 'number' ? body.panelId : 0,
      data: (body.data as Record<string, unknown>) ?? {},
    });
    return { message: 'Annotation added', id: a.id };
  }),
  'PUT /api/annotations/:id': route('Editor', 'annotations:write', ({ state, who, req }) => {
    const a = find(state, who, req.params.id);
    if (!a) return NOT_FOUND();
    const body = jsonBody(req) ?? {};
    if (typeof body.text !== 'string' || !body.text) return badRequest('Failed to update annotation: text is empty');
    a.text = body.text;
    a.time = typeof body.time === 'number' ? body.time : a.time;
    a.timeEnd = typeof body.timeEnd === 'number' ? body.timeEnd : a.time;
    a.tags = toTags(body.tags) ?? [];
    a.updated = Date.now();
    return { message: 'Annotation updated' };
  }),
  'PATCH /api/annotations/:id': route('Editor', 'annotations:write', ({ state, who, req }) => {
    const a = find(state, who, req.params.id);
    if (!a) return NOT_FOUND();
    const body = jsonBody(req) ?? {};
    if (typeof body.text === 'string') a.text = body.text;
    if (typeof body.time === 'number') a.time = body.time;
    if (typeof body.timeEnd === 'number') a.timeEnd = body.timeEnd;
    const tags = toTags(body.tags);
    if (tags) a.tags = tags;
    a.updated = Date.now();
    return { message: 'Annotation patched' };
  }),
  'DELETE /api/annotations/:id': route('Editor', 'annotations:delete', ({ state, who, req }) => {
    const a = find(state, who, req.params.id);
    if (!a) return NOT_FOUND();
    state.annotations.splice(state.annotations.indexOf(a), 1);
    return { message: 'Annotation deleted' };
  }),
};

function create(
  state: GrafanaState,
  who: Identity,
  fields: Partial<StoredAnnotation> & { time: number; timeEnd: number; text: string; tags: string[] },
): StoredAnnotation {
  const now = Date.now();
  const a: StoredAnnotation = {
    orgId: who.orgId,
    id: state.nextId(),
    dashboardUID: '',
    dashboardId: 0,
    panelId: 0,
    created: now,
    updated: now,
    userId: who.kind === 'user' ? who.id : 0,
    login: who.login,
    data: {},
    ...fields,
  };
  state.annotations.push(a);
  return a;
}
