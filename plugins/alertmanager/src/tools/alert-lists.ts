// Alerts and alert groups in full: every alert with its labels, filtered by flags, matchers and receivers.
import { Tool, ToolGroup, annotations, inject, tokens, type Static, type ToolContext } from '@cnmcp/core';
import { STATUS_FLAGS, bool, filterMatchers } from '../args.js';
import { AlertmanagerApi } from '../client.js';
import type { AlertmanagerConfig } from '../config.js';
import { compactAlert, sortAlerts } from '../format.js';
import { matcherText } from '../matchers.js';
import { AlertGroupsInput, GetAlertsInput, QueryAlertsInput } from '../schemas.js';

@ToolGroup({
  name: 'alert-lists',
  title: 'Alert lists',
  description: 'Full alert and alert group lists with labels, filtered by flags, matchers and receivers.',
  defaults: { annotations: annotations.read },
})
export class AlertListTools {
  constructor(@inject(tokens.config) private readonly config: AlertmanagerConfig) {}

  @Tool({
    name: 'alertmanager_get_alerts',
    title: 'Alerts',
    description:
      'Alerts known to Alertmanager. `filters`: active, silenced, inhibited, unprocessed (booleans), receiver (regex), filter (matchers); other keys are label equalities, e.g. {"severity":"critical"}.',
    input: GetAlertsInput,
  })
  async getAlerts(input: Static<typeof GetAlertsInput>, ctx: ToolContext) {
    const query: Record<string, string | boolean | string[] | undefined> = {};
    const matchers: string[] = [];
    for (const [key, value] of Object.entries(input.filters ?? {})) {
      if ((STATUS_FLAGS as readonly string[]).includes(key)) query[key] = bool(value, key);
      else if (key === 'receiver') query.receiver = String(value);
      else if (key === 'filter') matchers.push(...(filterMatchers(value as string | string[], 'filters.filter') ?? []));
      else matchers.push(matcherText({ name: key, value: String(value), isRegex: false, isEqual: true }));
    }
    if (matchers.length) query.filter = matchers;
    const alerts = await new AlertmanagerApi(ctx.backend).alerts(query, ctx.signal);
    const shown = alerts.slice(0, this.config.limits.maxItems);
    return {
      total: alerts.length,
      applied: query,
      alerts: shown,
      ...(shown.length < alerts.length
        ? {
            truncated: `showing ${shown.length} of ${alerts.length} alerts; filter further or use alertmanager_query_alerts_advanced (paged)`,
          }
        : {}),
    };
  }

  @Tool({
    name: 'alertmanager_query_alerts',
    title: 'Query alerts',
    description:
      'Alerts filtered by receiver, state flags (silenced, active, unprocessed, inhibited) and label matchers (`filter`), sorted by sortBy/sortOrder; compact entries.',
    input: QueryAlertsInput,
  })
  async queryAlerts(input: Static<typeof QueryAlertsInput>, ctx: ToolContext) {
    const alerts = await new AlertmanagerApi(ctx.backend).alerts(
      {
        receiver: input.receiver,
        silenced: input.silenced,
        active: input.active,
        unprocessed: input.unprocessed,
        inhibited: input.inhibited,
        filter: filterMatchers(input.filter),
      },
      ctx.signal,
    );
    const sorted = sortAlerts(alerts, input.sortBy, input.sortOrder);
    const shown = sorted.slice(0, this.config.limits.maxItems);
    return {
      total: alerts.length,
      alerts: shown.map((a) => compactAlert(a, true)),
      ...(shown.length < alerts.length
        ? {
            truncated: `showing ${shown.length} of ${alerts.length} alerts; narrow the filter or use alertmanager_query_alerts_advanced (paged)`,
          }
        : {}),
    };
  }

  @Tool({
    name: 'alertmanager_get_alert_groups',
    title: 'Alert groups',
    description:
      'Alerts grouped as Alertmanager routes them (group labels, receiver, alerts); optionally by receiver regex and matchers.',
    input: AlertGroupsInput,
  })
  async getAlertGroups(input: Static<typeof AlertGroupsInput>, ctx: ToolContext) {
    const groups = await new AlertmanagerApi(ctx.backend).groups(
      { receiver: input.receiver, filter: filterMatchers(input.filter) },
      ctx.signal,
    );
    const shown = groups.slice(0, this.config.limits.maxItems);
    return {
      total: groups.length,
      groups: shown.map((g) => ({
        labels: g.labels,
        receiver: g.receiver?.name,
        alerts_count: g.alerts.length,
        alerts: g.alerts.map((a) => compactAlert(a)),
      })),
      ...(shown.length < groups.length
        ? { truncated: `showing ${shown.length} of ${groups.length} groups; use alertmanager_alert_groups_paginated` }
        : {}),
    };
  }
}
