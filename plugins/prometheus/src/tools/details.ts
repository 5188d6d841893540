// The full lists behind the summaries: scrape targets, rules by group, alerts.
import { Tool, ToolGroup, annotations, inject, tokens, type Static, type ToolContext } from '@cnmcp/core';
import { capped } from '../args.js';
import { PrometheusApi } from '../client.js';
import type { PrometheusConfig } from '../config.js';
import { capList, listResult } from '../format.js';
import { readAlerts, readRules, readTargets } from '../reads.js';
import { NoInput, RulesInput, TargetsInput } from '../schemas.js';

@ToolGroup({
  name: 'details',
  title: 'Targets, rules and alerts in full',
  description: 'Every scrape target, rule group and alert with labels and errors (after the health summaries).',
  defaults: { annotations: annotations.read },
})
export class DetailTools {
  constructor(@inject(tokens.config) private readonly config: PrometheusConfig) {}

  @Tool({
    name: 'prometheus_get_targets',
    title: 'Scrape targets',
    description: 'Scrape targets with health, last error and last scrape (state: active, dropped or any).',
    input: TargetsInput,
  })
  async getTargets(input: Static<typeof TargetsInput>, ctx: ToolContext) {
    const data = await readTargets(new PrometheusApi(ctx.backend), input.state ?? 'active', ctx.signal);
    const max = capped(input.limit, this.config.limits.maxItems);
    const active = capList(data.activeTargets ?? [], max, 'active targets');
    const dropped = capList(data.droppedTargets ?? [], max, 'dropped targets');
    return {
      active_total: active.total,
      active: active.items.map((t) => ({
        job: t.labels?.job ?? t.scrapePool,
        instance: t.labels?.instance,
        health: t.health,
        scrapeUrl: t.scrapeUrl,
        lastScrape: t.lastScrape,
        lastScrapeDuration: t.lastScrapeDuration,
        ...(t.lastError ? { lastError: t.lastError } : {}),
        labels: t.labels,
      })),
      dropped_total: dropped.total,
      dropped: dropped.items,
      ...(active.truncated || dropped.truncated
        ? { truncated: [active.truncated, dropped.truncated].filter(Boolean).join('; ') }
        : {}),
    };
  }

  @Tool({
    name: 'prometheus_get_rules',
    title: 'Rules',
    description:
      'Alerting and recording rules by group, with health, last error and active alerts (type: alert or record).',
    input: RulesInput,
  })
  async getRules(input: Static<typeof RulesInput>, ctx: ToolContext) {
    const data = await readRules(new PrometheusApi(ctx.backend), input.type, ctx.signal);
    return { groups: data.groups };
  }

  @Tool({
    name: 'prometheus_get_alerts',
    title: 'Alerts',
    description:
      'Alerts of the alerting rules that are pending or firing, with labels, annotations, value and since when.',
    input: NoInput,
  })
  async getAlerts(_input: Static<typeof NoInput>, ctx: ToolContext) {
    const alerts = await readAlerts(new PrometheusApi(ctx.backend), ctx.signal);
    return listResult('alerts', capList(alerts, this.config.limits.maxItems, 'alerts'));
  }
}
