// Unified alerting: provisioning API for alert rules and contact points, the Prometheus-style rule state view
// (rules evaluated against the real Prometheus), and the Alertmanager API of an Alertmanager datasource, which
// forwards to the real Alertmanager.
import type { EmulatorReply } from '@cnmcp/core/testing';
import type { Identity } from './auth.js';
import { findDatasource, upstreamHeaders } from './datasources.js';
import { badRequest, jsonBody, newUid, notFound, route, type RouteContext, type RouteTable } from './http.js';
import type { GrafanaState, StoredAlertRule } from './state.js';

const RULE_NOT_FOUND = () => notFound('could not find alert rule', { traceID: '' });
const STATES = ['NoData', 'Alerting', 'OK', 'Error', 'KeepLast'];

function dto(r: StoredAlertRule) {
  const { orgId, ...rest } = r;
  return { ...rest, orgID: orgId };
}

/** The checks Grafana's provisioning API makes before it stores a rule; returns the 400 reply or the rule. */
function validated(
  state: GrafanaState,
  who: Identity,
  body: Record<string, unknown>,
  base?: StoredAlertRule,
): StoredAlertRule | EmulatorReply {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const fail = (why: string) => badRequest(`invalid alert rule: ${why}`, { traceID: '' });
  const title = str('title');
  if (!title) return fail('title is empty');
  const folderUID = str('folderUID');
  if (!folderUID) return fail('folderUID is empty');
  if (!state.folders.some((f) => f.orgId === who.orgId && f.uid === folderUID))
    return badRequest(`invalid alert rule: folder ${folderUID} does not exist`, { traceID: '' });
  const ruleGroup = str('ruleGroup');
  if (!ruleGroup) return fail('rule group is empty');
  const data = body.data;
  if (!Array.isArray(data) || data.length === 0) return fail('no queries or expressions are found');
  const refIds = data.map((q) => String((q as { refId?: unknown }).refId ?? ''));
  const condition = str('condition');
  if (!refIds.includes(condition))
    return fail(`condition ${condition || '(empty)'} does not exist, must be one of [${refIds.join(',')}]`);
  const noDataState = str('noDataState') || 'NoData';
  const execErrState = str('execErrState') || 'Error';
  if (!STATES.includes(noDataState)) return fail(`unknown noDataState ${noDataState}`);
  const forValue = str('for') || '0s';
  if (!/^(\d+[smhd])+$/.test(forValue)) return fail(`invalid for ${forValue}`);
  return {
    orgId: who.orgId,
    id: base?.id ?? state.nextId(),
    uid: base?.uid ?? (str('uid') || newUid()),
    folderUID,
    ruleGroup,
    title,
    condition,
    data: data as Array<Record<string, unknown>>,
    noDataState,
    execErrState,
    for: forValue,
    annotations: (body.annotations as Record<string, string>) ?? {},
    labels: (body.labels as Record<string, string>) ?? {},
    isPaused: body.isPaused === true,
    updated: new Date().toISOString(),
    provenance: 'api',
  };
}

const findRule = ({ state, who, req }: RouteContext) =>
  state.alertRules.find((r) => r.orgId === who.orgId && r.uid === req.params.uid);

/** Evaluates a rule's first Prometheus query against the real Prometheus and its threshold expression. */
async function evaluate(state: GrafanaState, who: Identity, r: StoredAlertRule) {
  const query = r.data.find((q) => q.datasourceUid !== '__expr__');
  const threshold = r.data.find((q) => (q.model as { type?: string } | undefined)?.type === 'threshold');
  const ds = query ? findDatasource(state, who, 'uid', String(query.datasourceUid)) : undefined;
  const expr = (query?.model as { expr?: string } | undefined)?.expr;
  const evaluator = (threshold?.model as { conditions?: Array<{ evaluator: { type: string; params: number[] } }> })
    ?.conditions?.[0]?.evaluator;
  if (!ds || ds.type !== 'prometheus' || !expr || !evaluator) return { health: 'ok', state: 'inactive', alerts: [] };
  try {
    const res = await fetch(`${ds.url}/api/v1/query?query=${encodeURIComponent(expr)}`, {
      headers: upstreamHeaders(ds),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await res.json()) as {
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    const limit = evaluator.params[0];
    const hits = body.data.result.filter((s) => {
      const v = Number(s.value[1]);
      return evaluator.type === 'gt' ? v > limit : evaluator.type === 'lt' ? v < limit : false;
    });
    const alerts = hits.map((s) => ({
      labels: { ...s.metric, ...r.labels, alertname: r.title, grafana_folder: r.folderUID },
      annotations: r.annotations,
      state: r.for === '0s' ? 'Alerting' : 'Pending',
      activeAt: new Date().toISOString(),
      value: s.value[1],
    }));
    return { health: 'ok', state: hits.length ? (r.for === '0s' ? 'firing' : 'pending') : 'inactive', alerts };
  } catch {
    return { health: 'error', lastError: 'failed to reach the datasource', state: 'inactive', alerts: [] };
  }
}

async function ruleStates({ state, who }: RouteContext) {
  const groups = new Map<
    string,
    { name: string; file: string; folderUid: string; rules: unknown[]; interval: number }
  >();
  for (const r of state.alertRules.filter((x) => x.orgId === who.orgId)) {
    const folder = state.folders.find((f) => f.orgId === who.orgId && f.uid === r.folderUID);
    const key = `${r.folderUID}/${r.ruleGroup}`;
    const group = groups.get(key) ?? {
      name: r.ruleGroup,
      file: folder?.title ?? r.folderUID,
      folderUid: r.folderUID,
      rules: [],
      interval: 60,
    };
    const evaluation = r.isPaused ? { health: 'ok', state: 'inactive', alerts: [] } : await evaluate(state, who, r);
    group.rules.push({
      uid: r.uid,
      name: r.title,
      query: JSON.stringify(r.data.map((q) => q.model)),
      duration: 60,
      labels: r.labels,
      annotations: r.annotations,
      type: 'alerting',
      isPaused: r.isPaused,
      lastEvaluation: new Date().toISOString(),
      evaluationTime: 0.01,
      ...evaluation,
    });
    groups.set(key, group);
  }
  return { status: 'success', data: { groups: [...groups.values()], totals: {} } };
}

/** The Alertmanager API of an Alertmanager datasource, forwarded to that (real) Alertmanager. */
async function externalAlertmanager(ctx: RouteContext): Promise<EmulatorReply> {
  const d = findDatasource(ctx.state, ctx.who, 'uid', ctx.req.params.dsuid);
  if (!d || d.type !== 'alertmanager') return notFound('Datasource not found', { traceID: '' });
  const query = ctx.req.query.toString();
  try {
    const res = await fetch(`${d.url.replace(/\/+$/, '')}/api/v2/${ctx.req.params['*']}${query ? `?${query}` : ''}`, {
      headers: upstreamHeaders(d),
      signal: AbortSignal.timeout(10_000),
    });
    return {
      status: res.status,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(await res.arrayBuffer()),
    };
  } catch {
    return { status: 502, body: { message: 'failed to reach the Alertmanager', traceID: '' } };
  }
}

export const alertingRoutes: RouteTable = {
  'GET /api/v1/provisioning/alert-rules/:uid': route('Admin', 'alert.provisioning:read', (ctx) => {
    const r = findRule(ctx);
    return r ? dto(r) : RULE_NOT_FOUND();
  }),
  'GET /api/v1/provisioning/alert-rules': route('Admin', 'alert.provisioning:read', ({ state, who }) =>
    state.alertRules.filter((r) => r.orgId === who.orgId).map(dto),
  ),
  'POST /api/v1/provisioning/alert-rules': route('Admin', 'alert.provisioning:write', ({ state, who, req }) => {
    const body = jsonBody(req) ?? {};
    const rule = validated(state, who, body);
    if (!('uid' in rule)) return rule;
    if (state.alertRules.some((r) => r.orgId === who.orgId && r.uid === rule.uid))
      return badRequest('failed to insert alert rule: a conflicting alert rule is found: rule UID must be unique');
    state.alertRules.push(rule);
    return { status: 201, body: dto(rule) };
  }),
  'PUT /api/v1/provisioning/alert-rules/:uid': route('Admin', 'alert.provisioning:write', (ctx) => {
    const existing = findRule(ctx);
    if (!existing) return RULE_NOT_FOUND();
    const rule = validated(ctx.state, ctx.who, jsonBody(ctx.req) ?? {}, existing);
    if (!('uid' in rule)) return rule;
    ctx.state.alertRules[ctx.state.alertRules.indexOf(existing)] = rule;
    return dto(rule);
  }),
  'DELETE /api/v1/provisioning/alert-rules/:uid': route('Admin', 'alert.provisioning:write', (ctx) => {
    const existing = findRule(ctx);
    if (existing) ctx.state.alertRules.splice(ctx.state.alertRules.indexOf(existing), 1);
    return { status: 204 };
  }),
  'GET /api/v1/provisioning/contact-points': route('Admin', 'alert.provisioning:read', ({ state, who, req }) => {
    const name = req.query.get('name');
    return state.contactPoints
      .filter((c) => c.orgId === who.orgId && (!name || c.name === name))
      .map(({ orgId: _orgId, ...c }) => c);
  }),
  'GET /api/prometheus/grafana/api/v1/rules': route('Viewer', 'alert.rules:read', ruleStates),
  'GET /api/alertmanager/:dsuid/api/v2/*': route('Viewer', 'alert.instances.external:read', externalAlertmanager),
};
