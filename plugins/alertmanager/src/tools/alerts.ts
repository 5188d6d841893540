// Alerts and alert groups as an agent reads them first: summaries and paged lists.
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
import { capped, filterMatchers, orNone } from '../args.js';
import { AlertmanagerApi } from '../client.js';
import type { AlertmanagerConfig } from '../config.js';
import { compactAlert, paginate, sortAlerts } from '../format.js';
import { AlertGroupsPaginatedInput, AlertsSummaryInput, QueryAlertsAdvancedInput } from '../schemas.js';

@ToolGroup({
  name: 'alerts',
  title: 'Alerts',
  description: 'Alert summaries, paged alert queries and paged alert groups: read these first.',
  default: true,
  defaults: { annotations: annotations.read },
})
export class AlertTools {
  constructor(@inject(tokens.config) private readonly config: AlertmanagerConfig) {}

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
