// Grafana-managed alerting through the real APIs: rule state (/api/prometheus/grafana/api/v1/rules), rules
// (/api/v1/provisioning/alert-rules) and contact points (/api/v1/provisioning/contact-points), plus the
// receivers of an Alertmanager datasource through Grafana's datasource proxy.
import { Tool, ToolGroup, annotations, countBy, inject, type Static, type ToolContext } from '@cnmcp/core';
import { page as listPage } from './page.js';
import { GrafanaApis } from '../api.js';
import { GrafanaErrors } from '../errors.js';
import * as S from '../schemas.js';
import type { AlertRule } from '../types.js';

export function ruleSummary(r: AlertRule) {
  return {
    uid: r.uid,
    title: r.title,
    folderUID: r.folderUID,
    ruleGroup: r.ruleGroup,
    condition: r.condition,
    for: r.for,
    noDataState: r.noDataState,
    execErrState: r.execErrState,
    isPaused: r.isPaused ?? false,
    labels: r.labels ?? {},
    annotations: r.annotations ?? {},
    queries: r.data.map((q) => {
      const model = (q.model ?? {}) as Record<string, unknown>;
      return {
        refId: q.refId,
        datasourceUid: q.datasourceUid,
        ...(typeof model.expr === 'string' ? { expr: model.expr } : {}),
        ...(typeof model.type === 'string' ? { expression: model.type } : {}),
      };
    }),
  };
}

@ToolGroup({
  name: 'alerting',
  title: 'Alerting',
  description: 'Grafana-managed alert rules with their state, and contact points.',
  defaults: { annotations: annotations.read, cacheTtl: 10 },
})
export class AlertingTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_alerts',
    title: 'Alert rules and state',
    description: 'Grafana-managed alert rules with state (firing, pending, inactive), health and active alert counts.',
    input: S.Alerts,
  })
  async alerts(input: Static<typeof S.Alerts>, ctx: ToolContext) {
    const states = await this.apis.for(ctx).ruleStates();
    const rules = states.data.groups.flatMap((g) =>
      g.rules.map((r) => ({
        ...(r.uid ? { uid: r.uid } : {}),
        title: r.name,
        folder: g.file,
        group: g.name,
        state: r.state,
        health: r.health,
        active_alerts: r.alerts?.length ?? 0,
        ...(r.lastError ? { lastError: r.lastError } : {}),
        ...(r.labels && Object.keys(r.labels).length ? { labels: r.labels } : {}),
      })),
    );
    const chosen = input.state ? rules.filter((r) => r.state === input.state) : rules;
    const max = this.apis.limits().maxItems;
    return {
      by_state: countBy(rules, (r) => r.state),
      ...listPage(chosen, { limit: input.limit ?? max, cursor: input.cursor, max, what: 'rules' }),
    };
  }

  @Tool({
    name: 'grafana_get_alert_rule_by_uid',
    title: 'Alert rule',
    description: 'One alert rule: condition, queries, labels, annotations, timings.',
    input: S.RuleUid,
  })
  async rule(input: Static<typeof S.RuleUid>, ctx: ToolContext) {
    return ruleSummary(await this.apis.for(ctx).alertRule(input.ruleUID));
  }

  @Tool({
    name: 'grafana_list_contact_points',
    title: 'Contact points',
    description:
      'Grafana contact points (name, type, settings); with alertmanagerUid, the receivers of that Alertmanager datasource.',
    input: S.ContactPoints,
  })
  async contactPoints(input: Static<typeof S.ContactPoints>, ctx: ToolContext) {
    const api = this.apis.for(ctx);
    if (input.alertmanagerUid) {
      const ds = await api.datasourceByUid(input.alertmanagerUid);
      if (ds.type !== 'alertmanager')
        throw GrafanaErrors.create(
          'GRAFANA_ERR_DATASOURCE_NOT_FOUND',
          `datasource ${JSON.stringify(ds.uid)} is a ${ds.type} datasource, not an Alertmanager`,
        );
      const receivers = await api.proxyGet<Array<{ name: string }>>(ds.uid, 'api/v2/receivers');
      return {
        alertmanager: { uid: ds.uid, name: ds.name },
        total: receivers.length,
        receivers: receivers.map((r) => r.name),
      };
    }
    const points = await api.contactPoints(input.name);
    return {
      total: points.length,
      contact_points: points.map((c) => ({ uid: c.uid, name: c.name, type: c.type, settings: c.settings ?? {} })),
    };
  }
}

@ToolGroup({
  name: 'alerting-edits',
  title: 'Alert rule edits',
  description: 'Create, update and delete Grafana-managed alert rules.',
  defaults: { annotations: annotations.write },
})
export class AlertRuleEditTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_create_alert_rule',
    title: 'Create alert rule',
    description: 'Creates a Grafana-managed alert rule (provisioning API).',
    input: S.CreateAlertRule,
  })
  async create(input: Static<typeof S.CreateAlertRule>, ctx: ToolContext) {
    const { intervalSeconds: _interval, ...rule } = input;
    const created = await this.apis.for(ctx).createAlertRule({ ...rule, ruleGroup: input.ruleGroup ?? 'default' });
    return ruleSummary(created);
  }

  @Tool({
    name: 'grafana_update_alert_rule',
    title: 'Update alert rule',
    description: 'Changes the given fields of an alert rule; the others keep their values.',
    input: S.UpdateAlertRule,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof S.UpdateAlertRule>, ctx: ToolContext) {
    const api = this.apis.for(ctx);
    const current = await api.alertRule(input.ruleUID);
    const { ruleUID, ...changes } = input;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    return ruleSummary(await api.updateAlertRule(ruleUID, { ...current, ...defined }));
  }

  @Tool({
    name: 'grafana_delete_alert_rule',
    title: 'Delete alert rule',
    description: 'Deletes an alert rule by UID (asks to confirm).',
    input: S.RuleUid,
    annotations: annotations.destructive,
  })
  async remove(input: Static<typeof S.RuleUid>, ctx: ToolContext) {
    await this.apis.for(ctx).deleteAlertRule(input.ruleUID);
    return { deleted: input.ruleUID };
  }
}
