// Toolset kibana/alerting: alerting rules (/api/alerting/rule, rules/_find), their types, execution
// history, rules currently alerting, enable/disable and mute (snooze for a duration, or mute all).
import { annotations, inject, parseTime, Tool, ToolGroup, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { KibanaClient } from '../client.js';
import type { KibanaConfig } from '../config.js';
import {
  AlertsInput,
  CreateRuleInput,
  MuteRuleInput,
  RuleHistoryInput,
  RuleIdInput,
  RulesInput,
  UpdateRuleInput,
} from '../schemas-admin.js';
import { Empty } from '../schemas.js';
import { ruleSummary } from '../summaries.js';
import type { Rule } from '../types.js';
import { pageInfo, withKibana } from './common.js';

const ALERTING_FILTER =
  'alert.attributes.executionStatus.status:active or alert.attributes.executionStatus.status:error';

function ruleView(rule: Rule): Record<string, unknown> {
  return {
    ...ruleSummary(rule),
    consumer: rule.consumer,
    params: rule.params,
    actions: rule.actions.map((a) => ({
      connector_id: a.id,
      group: a.group,
      connector_type_id: a.connector_type_id,
      params: a.params,
    })),
    throttle: rule.throttle ?? null,
    notify_when: rule.notify_when ?? null,
    ...(rule.is_snoozed_until ? { snoozed_until: rule.is_snoozed_until } : {}),
    ...(rule.execution_status?.error ? { last_error: rule.execution_status.error.message } : {}),
    updated_at: rule.updated_at,
    revision: rule.revision,
  };
}

/** Fills each action's group with the rule type's default group when the caller left it out. */
async function withGroups(
  k: KibanaClient,
  ruleTypeId: string,
  actions: Array<{ id: string; group?: string; params?: Record<string, unknown> }> | undefined,
) {
  if (!actions?.length) return actions ?? [];
  let fallback: string | undefined;
  if (actions.some((a) => !a.group))
    fallback = (await k.ruleTypes()).find((t) => t.id === ruleTypeId)?.default_action_group_id ?? 'default';
  return actions.map((a) => ({ id: a.id, group: a.group ?? fallback, params: a.params ?? {} }));
}

@ToolGroup({
  name: 'alerting',
  title: 'Alerting rules',
  description: 'Kibana alerting rules: list, read, history, rules alerting now, create, update, enable, mute, delete.',
  defaults: { annotations: annotations.read, cacheTtl: 10 },
})
export class AlertingTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  @Tool({
    name: 'kibana_get_alert_rules',
    title: 'List alert rules',
    description: 'Rules page by page with status, schedule and tags; filter by KQL, enabled or name words.',
    input: RulesInput,
  })
  async list(input: Static<typeof RulesInput>, ctx: ToolContext) {
    const page = input.page ?? 1;
    const perPage = input.per_page ?? 20;
    const filters = [
      input.filter,
      input.enabled === undefined ? undefined : `alert.attributes.enabled:${input.enabled}`,
    ].filter(Boolean);
    return withKibana(this.config, ctx, input.space, 'alert rules', async (k) => {
      const found = await k.findRules({
        page,
        per_page: perPage,
        search: input.search || undefined,
        filter: filters.length ? filters.map((f) => (filters.length > 1 ? `(${f})` : f)).join(' and ') : undefined,
        sort_field: 'name',
      });
      return { ...pageInfo(found.total, page, perPage), rules: found.data.map(ruleSummary) };
    });
  }

  @Tool({
    name: 'kibana_get_alert_rule',
    title: 'Get alert rule',
    description: 'One rule: type, schedule, params, actions, mute/snooze state and last run.',
    input: RuleIdInput,
  })
  async get(input: Static<typeof RuleIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `alert rule '${input.rule_id}'`, async (k) =>
      ruleView(await k.rule(input.rule_id)),
    );
  }

  @Tool({
    name: 'kibana_get_alert_rule_types',
    title: 'List rule types',
    description: 'Rule types this Kibana offers: ID, name, producer, default action group, licence.',
    input: Empty,
  })
  async types(_input: Static<typeof Empty>, ctx: ToolContext) {
    return withKibana(this.config, ctx, undefined, 'rule types', async (k) => {
      const types = await k.ruleTypes();
      return {
        total: types.length,
        rule_types: types.map((t) => ({
          id: t.id,
          name: t.name,
          producer: t.producer,
          default_action_group: t.default_action_group_id,
          license: t.minimum_license_required,
          enabled_in_license: t.enabled_in_license,
        })),
      };
    });
  }

  @Tool({
    name: 'kibana_get_alert_rule_history',
    title: 'Rule execution history',
    description: 'Recent runs of a rule, newest first: status, duration, alerts and actions.',
    input: RuleHistoryInput,
  })
  async history(input: Static<typeof RuleHistoryInput>, ctx: ToolContext) {
    const page = input.page ?? 1;
    const perPage = input.per_page ?? 20;
    const since = new Date(parseTime(input.since ?? 'now-24h', { name: 'since' })).toISOString();
    return withKibana(this.config, ctx, input.space, `alert rule '${input.rule_id}'`, async (k) => {
      const rule = await k.rule(input.rule_id);
      const log = await k.ruleExecutionLog(input.rule_id, { date_start: since, page, per_page: perPage });
      return {
        rule: { id: rule.id, name: rule.name, status: rule.execution_status?.status },
        since,
        ...pageInfo(log.total, page, perPage),
        runs: log.data.map((e) => ({
          at: e.timestamp,
          status: e.status,
          duration_ms: e.duration_ms,
          message: e.message,
          active_alerts: e.num_active_alerts,
          new_alerts: e.num_new_alerts,
          recovered_alerts: e.num_recovered_alerts,
          actions: e.num_triggered_actions,
          action_errors: e.num_errored_actions,
          timed_out: e.timed_out,
        })),
      };
    });
  }

  @Tool({
    name: 'kibana_get_alerts',
    title: 'Rules alerting now',
    description: 'Rules whose last run found alerts (active) or failed (error).',
    input: AlertsInput,
  })
  async alerts(input: Static<typeof AlertsInput>, ctx: ToolContext) {
    const page = input.page ?? 1;
    const perPage = input.per_page ?? 20;
    return withKibana(this.config, ctx, input.space, 'alerting rules', async (k) => {
      const found = await k.findRules({ page, per_page: perPage, filter: ALERTING_FILTER, sort_field: 'name' });
      return { ...pageInfo(found.total, page, perPage), rules: found.data.map(ruleSummary) };
    });
  }

  @Tool({
    name: 'kibana_create_alert_rule',
    title: 'Create alert rule',
    description: 'Creates a rule of a rule type with a schedule, params, actions and tags.',
    input: CreateRuleInput,
    annotations: annotations.write,
  })
  async create(input: Static<typeof CreateRuleInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `alert rule '${input.name}'`, async (k) => {
      const rule = await k.createRule({
        name: input.name,
        rule_type_id: input.alertTypeId,
        consumer: input.consumer ?? 'alerts',
        schedule: input.schedule,
        params: input.params ?? {},
        actions: await withGroups(k, input.alertTypeId, input.actions),
        tags: input.tags ?? [],
        enabled: input.enabled ?? true,
      });
      return { created: ruleView(rule) };
    });
  }

  @Tool({
    name: 'kibana_update_alert_rule',
    title: 'Update alert rule',
    description: 'Changes name, schedule, params, actions or tags of a rule (the rest is kept).',
    input: UpdateRuleInput,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof UpdateRuleInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `alert rule '${input.rule_id}'`, async (k) => {
      const current = await k.rule(input.rule_id);
      const body: Record<string, unknown> = {
        name: input.name ?? current.name,
        schedule: input.schedule ?? current.schedule,
        params: input.params ?? current.params,
        tags: input.tags ?? current.tags,
        actions: input.actions
          ? await withGroups(k, current.rule_type_id, input.actions)
          : current.actions.map((a) => ({ id: a.id, group: a.group, params: a.params ?? {} })),
      };
      if (current.throttle) body.throttle = current.throttle;
      if (current.notify_when) body.notify_when = current.notify_when;
      const changed = (['name', 'schedule', 'params', 'tags', 'actions'] as const).filter(
        (key) => input[key] !== undefined,
      );
      return { updated: ruleView(await k.updateRule(input.rule_id, body)), changed };
    });
  }

  @Tool({
    name: 'kibana_delete_alert_rule',
    title: 'Delete alert rule',
    description: 'Deletes a rule and stops its checks.',
    input: RuleIdInput,
    annotations: annotations.destructive,
  })
  async delete(input: Static<typeof RuleIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `alert rule '${input.rule_id}'`, async (k) => {
      const rule = await k.rule(input.rule_id);
      await k.deleteRule(input.rule_id);
      return { deleted: { type: 'rule', id: rule.id, name: rule.name } };
    });
  }

  @Tool({
    name: 'kibana_enable_alert_rule',
    title: 'Enable alert rule',
    description: 'Enables a rule so it runs on its schedule.',
    input: RuleIdInput,
    annotations: annotations.idempotentWrite,
  })
  async enable(input: Static<typeof RuleIdInput>, ctx: ToolContext) {
    return this.toggle(input, ctx, '_enable');
  }

  @Tool({
    name: 'kibana_disable_alert_rule',
    title: 'Disable alert rule',
    description: 'Disables a rule: it stops running until enabled again.',
    input: RuleIdInput,
    annotations: annotations.idempotentWrite,
  })
  async disable(input: Static<typeof RuleIdInput>, ctx: ToolContext) {
    return this.toggle(input, ctx, '_disable');
  }

  @Tool({
    name: 'kibana_mute_alert_rule',
    title: 'Mute alert rule',
    description:
      'Silences a rule’s notifications for a duration (snooze, Kibana 8.19+) or indefinitely; checks keep running.',
    input: MuteRuleInput,
    annotations: annotations.write,
  })
  async mute(input: Static<typeof MuteRuleInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `alert rule '${input.rule_id}'`, async (k) => {
      if (input.duration === 'indefinite') {
        await k.ruleAction(input.rule_id, '_mute_all');
      } else {
        await k.rule(input.rule_id);
        await k.snoozeRule(input.rule_id, input.duration, new Date().toISOString());
      }
      const rule = await k.rule(input.rule_id);
      return { rule: ruleSummary(rule), muted: rule.mute_all, snoozed_until: rule.is_snoozed_until ?? null };
    });
  }

  @Tool({
    name: 'kibana_unmute_alert_rule',
    title: 'Unmute alert rule',
    description: 'Ends mute-all and any snooze in effect, so the rule notifies again.',
    input: RuleIdInput,
    annotations: annotations.idempotentWrite,
  })
  async unmute(input: Static<typeof RuleIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `alert rule '${input.rule_id}'`, async (k) => {
      const before = await k.rule(input.rule_id);
      await k.ruleAction(input.rule_id, '_unmute_all');
      for (const snooze of before.snooze_schedule ?? []) if (snooze.id) await k.deleteSnooze(input.rule_id, snooze.id);
      const rule = await k.rule(input.rule_id);
      return {
        rule: ruleSummary(rule),
        muted: rule.mute_all,
        snoozes_removed: (before.snooze_schedule ?? []).filter((s) => s.id).length,
      };
    });
  }

  private toggle(input: Static<typeof RuleIdInput>, ctx: ToolContext, action: '_enable' | '_disable') {
    return withKibana(this.config, ctx, input.space, `alert rule '${input.rule_id}'`, async (k) => {
      await k.ruleAction(input.rule_id, action);
      return { rule: ruleSummary(await k.rule(input.rule_id)) };
    });
  }
}
