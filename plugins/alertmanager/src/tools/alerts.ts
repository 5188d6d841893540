// Alerts and alert groups: summaries first, then filtered, sorted and paged lists.
import {
  Tool,
  ToolGroup,
  annotations,
  countBy,
  inject,
  parseTime,
  tokens,
  type Static,
  type ToolContext,
} from '@cnmcp/core';
import { STATUS_FLAGS, bool, capped, filterMatchers, orNone } from '../args.js';
import { AlertmanagerApi } from '../client.js';
import type { AlertmanagerConfig } from '../config.js';
import { compactAlert, paginate, sortAlerts } from '../format.js';
import { matcherText } from '../matchers.js';
import {
  AlertGroupsInput,
  AlertGroupsPaginatedInput,
  AlertsSummaryInput,
  GetAlertsInput,
  QueryAlertsAdvancedInput,
  QueryAlertsInput,
} from '../schemas.js';

@ToolGroup({
  name: 'alerts',
  title: 'Alerts',
  description: 'Alert summaries, filtered and paged alert lists, and alert groups as Alertmanager routes them.',
  default: true,
  defaults: { annotations: annotations.read },
})
export class AlertTools {
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
    name: 'alertmanager_query_alerts_advanced',
    title: 'Query alerts (paged)',
    description:
      'Alerts filtered by matchers, receiver, state flags and a start window (time_range, e.g. 1h), sorted and paged; labels and annotations with include_labels.',
    input: QueryAlertsAdvancedInput,
  })
  async queryAlertsAdvanced(input: Static<typeof QueryAlertsAdvancedInput>, ctx: ToolContext) {
    const since = input.time_range !== undefined ? parseTime(input.time_range, { name: 'time_range' }) : undefined;
    let alerts = await new AlertmanagerApi(ctx.backend).alerts(
      {
        receiver: input.receiver,
        silenced: input.silenced,
        active: input.active,
        inhibited: input.inhibited,
        filter: filterMatchers(input.filter),
      },
      ctx.signal,
    );
    if (since !== undefined) alerts = alerts.filter((a) => Date.parse(a.startsAt) >= since);
    const sorted = sortAlerts(alerts, input.sort_by ?? 'startsAt', input.sort_order ?? 'desc');
    const page = paginate(sorted, input.page, capped(input.per_page, this.config.limits.maxPerPage));
    const { items, ...meta } = page;
    return {
      ...meta,
      ...(since !== undefined ? { since: new Date(since).toISOString() } : {}),
      alerts: items.map((a) => compactAlert(a, input.include_labels)),
    };
  }

  @Tool({
    name: 'alertmanager_alerts_summary',
    title: 'Alerts (summary)',
    description:
      'Read first: alert counts by state, severity and alert name, and the most recent alerts in one line each.',
    input: AlertsSummaryInput,
  })
  async alertsSummary(input: Static<typeof AlertsSummaryInput>, ctx: ToolContext) {
    const only = input.active_only;
    const alerts = await new AlertmanagerApi(ctx.backend).alerts(
      {
        receiver: input.receiver,
        filter: filterMatchers(input.filter),
        silenced: only ? false : input.silenced,
        inhibited: only ? false : undefined,
        unprocessed: only ? false : undefined,
      },
      ctx.signal,
    );
    const recent = sortAlerts(alerts, 'startsAt', 'desc').slice(0, capped(input.limit, this.config.limits.maxItems));
    return {
      total: alerts.length,
      by_state: countBy(alerts, (a) => orNone(a.status?.state)),
      by_severity: countBy(alerts, (a) => orNone(a.labels.severity)),
      by_alertname: countBy(alerts, (a) => orNone(a.labels.alertname)),
      alerts: recent.map((a) => {
        const c = compactAlert(a);
        return {
          alertname: c.alertname,
          severity: c.severity,
          state: c.state,
          startsAt: c.startsAt,
          summary: c.summary,
          fingerprint: c.fingerprint,
        };
      }),
      ...(recent.length < alerts.length
        ? { truncated: `listing ${recent.length} of ${alerts.length} alerts (newest first); the counts cover all` }
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

  @Tool({
    name: 'alertmanager_alert_groups_paginated',
    title: 'Alert groups (paged)',
    description:
      'Read first for large installations: alert groups one line each (labels, receiver, counts by state, oldest start), sorted and paged.',
    input: AlertGroupsPaginatedInput,
  })
  async alertGroupsPaginated(input: Static<typeof AlertGroupsPaginatedInput>, ctx: ToolContext) {
    const only = input.active_only;
    const groups = await new AlertmanagerApi(ctx.backend).groups(
      { receiver: input.receiver, silenced: only ? false : undefined, inhibited: only ? false : undefined },
      ctx.signal,
    );
    const rows = groups
      .filter((g) => g.alerts.length > 0)
      .map((g) => ({
        labels: g.labels,
        receiver: g.receiver?.name,
        alerts_count: g.alerts.length,
        by_state: countBy(g.alerts, (a) => orNone(a.status?.state)),
        oldest_start: g.alerts.map((a) => a.startsAt).sort()[0],
        alertnames: [...new Set(g.alerts.map((a) => a.labels.alertname))].slice(0, 10),
      }));
    const sortBy = input.sort_by ?? 'count';
    rows.sort((a, b) =>
      sortBy === 'count'
        ? b.alerts_count - a.alerts_count
        : sortBy === 'receiver'
          ? (a.receiver ?? '').localeCompare(b.receiver ?? '')
          : sortBy === 'startsAt'
            ? (a.oldest_start ?? '').localeCompare(b.oldest_start ?? '')
            : (a.labels.alertname ?? '').localeCompare(b.labels.alertname ?? ''),
    );
    const { items, ...meta } = paginate(rows, input.page, capped(input.per_page, this.config.limits.maxPerPage));
    return { ...meta, groups: items };
  }
}
