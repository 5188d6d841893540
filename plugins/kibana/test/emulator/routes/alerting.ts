// /api/alerting: rules (stored as hidden `alert` saved objects), rule types, _find with a KQL subset,
// enable/disable/_mute_all/_unmute_all, and the execution log (an internal route the UI uses).
import { randomUUID } from 'node:crypto';
import { badRequest, empty, intQuery, json, objectBody, type Route, type RouteContext } from '../http.js';
import type { SavedObject, SavedObjectsRepository } from '../repository.js';

const TYPE = 'alert';
const INTERVAL = /^\d+[smhd]$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

interface Snooze {
  id: string;
  duration: number;
  rRule: { dtstart: string; tzid: string; count: number };
}

const snoozes = (obj: SavedObject): Snooze[] => (obj.attributes.snoozeSchedule as Snooze[] | undefined) ?? [];

/** The end of the snooze in effect now, if any. */
function snoozedUntil(obj: SavedObject): string | undefined {
  const now = Date.now();
  const ends = snoozes(obj)
    .map((s) => ({ start: Date.parse(s.rRule.dtstart), end: Date.parse(s.rRule.dtstart) + s.duration }))
    .filter((w) => w.start <= now && now < w.end)
    .map((w) => w.end);
  return ends.length ? new Date(Math.max(...ends)).toISOString() : undefined;
}

function snoozeRoutes(repo: SavedObjectsRepository): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/alerting/rule/:id/snooze_schedule',
      write: () => 'snooze rule',
      handler: (ctx) => {
        const rule = repo.get(TYPE, ctx.params.id, ctx.space);
        const custom = ((objectBody(ctx).schedule ?? {}) as { custom?: Record<string, unknown> }).custom;
        if (!custom)
          throw badRequest('[request body.schedule.custom]: expected value of type [object] but got [undefined]');
        const m = /^(\d+)([smhd])$/.exec(String(custom.duration));
        if (!m)
          throw badRequest(
            `[request body.schedule.custom.duration]: Invalid schedule duration format: ${String(custom.duration)}`,
          );
        const start = typeof custom.start === 'string' ? custom.start : '';
        if (Number.isNaN(Date.parse(start)))
          throw badRequest(`[request body.schedule.custom.start]: Invalid snooze start date: ${start}`);
        const snooze: Snooze = {
          id: randomUUID(),
          duration: Number(m[1]) * UNIT_MS[m[2]],
          rRule: { dtstart: start, tzid: String(custom.timezone ?? 'UTC'), count: 1 },
        };
        repo.update(TYPE, rule.id, ctx.space, { attributes: { snoozeSchedule: [...snoozes(rule), snooze] } });
        return json({
          body: {
            schedule: { id: snooze.id, custom: { duration: custom.duration, start, timezone: snooze.rRule.tzid } },
          },
        });
      },
    },
    {
      method: 'DELETE',
      path: '/api/alerting/rule/:id/snooze_schedule/:scheduleId',
      write: () => 'unsnooze rule',
      handler: (ctx) => {
        const rule = repo.get(TYPE, ctx.params.id, ctx.space);
        repo.update(TYPE, rule.id, ctx.space, {
          attributes: { snoozeSchedule: snoozes(rule).filter((s) => s.id !== ctx.params.scheduleId) },
        });
        return empty(204);
      },
    },
  ];
}

export const RULE_TYPES = [
  { id: '.index-threshold', name: 'Index threshold', group: 'threshold met', producer: 'stackAlerts' },
  { id: '.es-query', name: 'Elasticsearch query', group: 'query matched', producer: 'stackAlerts' },
].map((t) => ({
  id: t.id,
  name: t.name,
  action_groups: [
    { id: t.group, name: t.group[0].toUpperCase() + t.group.slice(1) },
    { id: 'recovered', name: 'Recovered' },
  ],
  default_action_group_id: t.group,
  recovery_action_group: { id: 'recovered', name: 'Recovered' },
  action_variables: { context: [], state: [], params: [] },
  minimum_license_required: 'basic',
  is_exportable: true,
  rule_task_timeout: '5m',
  producer: t.producer,
  enabled_in_license: true,
  has_alerts_mappings: true,
  authorized_consumers: { alerts: { read: true, all: true }, stackAlerts: { read: true, all: true } },
}));

export interface ExecutionEntry {
  id: string;
  timestamp: string;
  duration_ms: number;
  status: 'success' | 'failure';
  message: string;
  num_active_alerts: number;
  num_new_alerts: number;
  num_recovered_alerts: number;
  num_triggered_actions: number;
  num_errored_actions: number;
  timed_out: boolean;
}

function ruleView(obj: SavedObject): Record<string, unknown> {
  const a = obj.attributes;
  const status = (a.executionStatus ?? {}) as Record<string, unknown>;
  return {
    id: obj.id,
    name: a.name,
    tags: a.tags ?? [],
    enabled: a.enabled,
    consumer: a.consumer,
    rule_type_id: a.alertTypeId,
    schedule: a.schedule,
    params: a.params ?? {},
    actions: ((a.actions as Array<Record<string, unknown>>) ?? []).map((x) => ({
      group: x.group,
      id: x.id,
      params: x.params ?? {},
      connector_type_id: x.connector_type_id,
      uuid: x.uuid,
    })),
    throttle: a.throttle ?? null,
    notify_when: a.notifyWhen ?? null,
    mute_all: Boolean(a.muteAll),
    muted_alert_ids: a.mutedInstanceIds ?? [],
    created_by: a.createdBy,
    updated_by: a.updatedBy,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    api_key_owner: a.createdBy,
    revision: a.revision ?? 0,
    running: false,
    execution_status: {
      status: status.status ?? 'pending',
      last_execution_date: status.lastExecutionDate ?? a.createdAt,
      ...(status.error ? { error: status.error } : {}),
    },
    scheduled_task_id: a.enabled ? obj.id : undefined,
    snooze_schedule: snoozes(obj),
    ...(snoozedUntil(obj) ? { is_snoozed_until: snoozedUntil(obj) } : {}),
  };
}

const ATTRIBUTE_ALIASES: Record<string, string> = { rule_type_id: 'alertTypeId', alertTypeId: 'alertTypeId' };

function attributeAt(obj: SavedObject, path: string): unknown {
  let value: unknown = obj.attributes;
  for (const part of path.split('.'))
    value = (value as Record<string, unknown> | undefined)?.[ATTRIBUTE_ALIASES[part] ?? part];
  return value;
}

/** The KQL subset rule filters use: `alert.attributes.<path>:<value>` clauses joined by `and` / `or`. */
function ruleFilter(filter: string): (obj: SavedObject) => boolean {
  const clause = (text: string): ((obj: SavedObject) => boolean) => {
    const m = /^\(?\s*(?:alert\.attributes\.)?([\w.]+)\s*:\s*"?([^"()]*)"?\s*\)?$/.exec(text.trim());
    if (!m)
      throw badRequest(
        `KQLSyntaxError: Expected "(", NOT, field name, value but "${text.trim()[0] ?? ''}" found.\n${filter}`,
      );
    const [, path, wanted] = m;
    return (obj) => {
      const v = attributeAt(obj, path);
      return Array.isArray(v) ? v.map(String).includes(wanted) : String(v) === wanted;
    };
  };
  const ands = filter.split(/\s+and\s+/i).map((part) => part.split(/\s+or\s+/i).map(clause));
  return (obj) => ands.every((ors) => ors.some((test) => test(obj)));
}

function ruleAttributes(body: Record<string, unknown>, update: boolean): Record<string, unknown> {
  const allowed = update
    ? ['name', 'tags', 'schedule', 'params', 'actions', 'throttle', 'notify_when']
    : [
        'name',
        'tags',
        'schedule',
        'params',
        'actions',
        'throttle',
        'notify_when',
        'rule_type_id',
        'consumer',
        'enabled',
      ];
  for (const key of Object.keys(body))
    if (!allowed.includes(key)) throw badRequest(`[request body.${key}]: definition for this key is missing`);
  const required = update ? ['name', 'schedule', 'params'] : ['name', 'rule_type_id', 'consumer', 'schedule', 'params'];
  for (const key of required)
    if (body[key] === undefined)
      throw badRequest(
        `[request body.${key}]: expected value of type [${key === 'schedule' || key === 'params' ? 'object' : 'string'}] but got [undefined]`,
      );
  const interval = (body.schedule as { interval?: unknown }).interval;
  if (typeof interval !== 'string' || !INTERVAL.test(interval))
    throw badRequest(`[request body.schedule.interval]: string is not a valid duration: ${String(interval)}`);
  if (!update && !RULE_TYPES.some((t) => t.id === body.rule_type_id))
    throw badRequest(`Rule type "${String(body.rule_type_id)}" is not registered.`);
  const out: Record<string, unknown> = {
    name: body.name,
    tags: body.tags ?? [],
    schedule: body.schedule,
    params: body.params,
  };
  if (body.actions !== undefined) out.actions = body.actions;
  if (body.throttle !== undefined) out.throttle = body.throttle;
  if (body.notify_when !== undefined) out.notifyWhen = body.notify_when;
  if (!update)
    Object.assign(out, { alertTypeId: body.rule_type_id, consumer: body.consumer, enabled: body.enabled ?? true });
  return out;
}

export function alertingRoutes(repo: SavedObjectsRepository, executions: Map<string, ExecutionEntry[]>): Route[] {
  const load = (ctx: RouteContext): SavedObject => repo.get(TYPE, ctx.params.id, ctx.space);
  const run = (id: string, space: string): void => {
    const entry: ExecutionEntry = {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      duration_ms: 12,
      status: 'success',
      message: `rule executed: ${id}`,
      num_active_alerts: 0,
      num_new_alerts: 0,
      num_recovered_alerts: 0,
      num_triggered_actions: 0,
      num_errored_actions: 0,
      timed_out: false,
    };
    executions.set(id, [entry, ...(executions.get(id) ?? [])]);
    repo.update(TYPE, id, space, {
      attributes: { executionStatus: { status: 'ok', lastExecutionDate: entry.timestamp } },
    });
  };
  const validateActions = (ctx: RouteContext, actions: unknown): void => {
    for (const a of (actions as Array<{ id?: string }> | undefined) ?? [])
      if (!a.id || !repo.find('action', a.id, ctx.space))
        throw badRequest(
          `Failed to validate actions due to the following error: Invalid connectorId "${String(a.id)}"`,
        );
  };
  const change = (
    action: string,
    attributes: (obj: SavedObject) => Record<string, unknown>,
    after?: (ctx: RouteContext) => void,
  ): Route => ({
    method: 'POST',
    path: `/api/alerting/rule/:id/${action}`,
    write: () => `${action.slice(1)} rule`,
    handler: (ctx) => {
      repo.update(TYPE, ctx.params.id, ctx.space, { attributes: attributes(load(ctx)) });
      after?.(ctx);
      return empty(204);
    },
  });
  const create: Route['handler'] = (ctx) => {
    const body = objectBody(ctx);
    const attributes = ruleAttributes(body, false);
    validateActions(ctx, body.actions);
    const now = new Date().toISOString();
    const who = ctx.principal.name;
    const obj = repo.create(
      TYPE,
      {
        ...attributes,
        muteAll: false,
        mutedInstanceIds: [],
        createdBy: who,
        updatedBy: who,
        createdAt: now,
        updatedAt: now,
        revision: 0,
        executionStatus: { status: 'pending', lastExecutionDate: now },
      },
      { id: ctx.params.id, space: ctx.space },
    );
    if (attributes.enabled) run(obj.id, ctx.space);
    return json(ruleView(repo.get(TYPE, obj.id, ctx.space)));
  };
  return [
    { method: 'GET', path: '/api/alerting/rule_types', handler: () => json(RULE_TYPES) },
    {
      method: 'GET',
      path: '/api/alerting/rules/_find',
      handler: (ctx) => {
        const page = intQuery(ctx.query, 'page', 1);
        const perPage = intQuery(ctx.query, 'per_page', 10);
        const filter = ctx.query.get('filter');
        const search = (ctx.query.get('search') ?? '').toLowerCase().replace(/\*/g, '');
        let rules = repo.all(ctx.space, new Set([TYPE]));
        if (filter) rules = rules.filter(ruleFilter(filter));
        if (search) rules = rules.filter((r) => String(r.attributes.name).toLowerCase().includes(search));
        const sortField = ctx.query.get('sort_field') ?? 'name';
        const dir = ctx.query.get('sort_order') === 'desc' ? -1 : 1;
        rules.sort(
          (a, b) =>
            String(attributeAt(a, sortField) ?? '').localeCompare(String(attributeAt(b, sortField) ?? '')) * dir,
        );
        return json({
          page,
          per_page: perPage,
          total: rules.length,
          data: rules.slice((page - 1) * perPage, page * perPage).map(ruleView),
        });
      },
    },
    { method: 'GET', path: '/api/alerting/rule/:id', handler: (ctx) => json(ruleView(load(ctx))) },
    { method: 'POST', path: '/api/alerting/rule', write: () => 'create rule', handler: create },
    { method: 'POST', path: '/api/alerting/rule/:id', write: () => 'create rule', handler: create },
    {
      method: 'PUT',
      path: '/api/alerting/rule/:id',
      write: () => 'update rule',
      handler: (ctx) => {
        const body = objectBody(ctx);
        const current = load(ctx);
        const attributes = ruleAttributes(body, true);
        validateActions(ctx, body.actions);
        repo.update(TYPE, ctx.params.id, ctx.space, {
          attributes: {
            ...attributes,
            updatedBy: ctx.principal.name,
            updatedAt: new Date().toISOString(),
            revision: Number(current.attributes.revision ?? 0) + 1,
          },
        });
        return json(ruleView(load(ctx)));
      },
    },
    {
      method: 'DELETE',
      path: '/api/alerting/rule/:id',
      write: () => 'delete rule',
      handler: (ctx) => {
        repo.delete(TYPE, ctx.params.id, ctx.space);
        executions.delete(ctx.params.id);
        return empty(204);
      },
    },
    change(
      '_enable',
      () => ({ enabled: true }),
      (ctx) => run(ctx.params.id, ctx.space),
    ),
    change('_disable', () => ({ enabled: false })),
    change('_mute_all', () => ({ muteAll: true })),
    change('_unmute_all', () => ({ muteAll: false, mutedInstanceIds: [] })),
    ...snoozeRoutes(repo),
    {
      method: 'GET',
      path: '/internal/alerting/rule/:id/_execution_log',
      handler: (ctx) => {
        load(ctx);
        if (!ctx.query.get('date_start'))
          throw badRequest('[request query.date_start]: expected value of type [string] but got [undefined]');
        const page = intQuery(ctx.query, 'page', 1);
        const perPage = intQuery(ctx.query, 'per_page', 10);
        const start = Date.parse(ctx.query.get('date_start')!);
        const all = (executions.get(ctx.params.id) ?? []).filter((e) => Date.parse(e.timestamp) >= start);
        return json({ total: all.length, data: all.slice((page - 1) * perPage, page * perPage) });
      },
    },
  ];
}
