// Read first: the state of scraping, rules and alerts in one summary each, and a connection check.
import { Tool, ToolGroup, annotations, inject, tokens, type Static, type ToolContext } from '@cnmcp/core';
import { capped } from '../args.js';
import { PrometheusApi } from '../client.js';
import type { PrometheusConfig } from '../config.js';
import type { QueryData } from '../format.js';
import { alertsSummary, rulesSummary, targetsSummary } from '../reads.js';
import { NoInput, RulesInput, TargetsInput } from '../schemas.js';

@ToolGroup({
  name: 'health',
  title: 'Health summaries',
  description: 'Summaries of scrape targets, rules and alerts, and a connection test: read these first.',
  default: true,
  defaults: { annotations: annotations.read },
})
export class HealthTools {
  constructor(@inject(tokens.config) private readonly config: PrometheusConfig) {}

  @Tool({
    name: 'prometheus_targets_summary',
    title: 'Scrape targets (summary)',
    description:
      'Read first: counts of targets by health and, per job, up/down counts with the failing instances and their errors.',
    input: TargetsInput,
  })
  async targetsSummary(input: Static<typeof TargetsInput>, ctx: ToolContext) {
    const max = capped(input.limit, this.config.limits.maxItems);
    return targetsSummary(new PrometheusApi(ctx.backend), input.state ?? 'any', max, ctx.signal);
  }

  @Tool({
    name: 'prometheus_rules_summary',
    title: 'Rules (summary)',
    description:
      'Read first: rule counts by type and health, and one line per rule (name, type, group, health, state, active alerts, last error).',
    input: RulesInput,
  })
  async rulesSummary(input: Static<typeof RulesInput>, ctx: ToolContext) {
    return rulesSummary(new PrometheusApi(ctx.backend), input.type, this.config.limits.maxItems, ctx.signal);
  }

  @Tool({
    name: 'prometheus_alerts_summary',
    title: 'Alerts (summary)',
    description: 'Read first: alert counts by state and one line per alert name (states, severity, firing since).',
    input: NoInput,
  })
  async alertsSummary(_input: Static<typeof NoInput>, ctx: ToolContext) {
    return alertsSummary(new PrometheusApi(ctx.backend), this.config.limits.maxItems, ctx.signal);
  }

  @Tool({
    name: 'prometheus_test_connection',
    title: 'Test the connection',
    description:
      'Checks that the target answers: its version (build info), the round-trip time, and how many scrape targets are up (query up).',
    input: NoInput,
  })
  async testConnection(_input: Static<typeof NoInput>, ctx: ToolContext) {
    const api = new PrometheusApi(ctx.backend);
    const started = performance.now();
    const build = await api.get<Record<string, string>>('/api/v1/status/buildinfo', undefined, ctx.signal);
    const latency = Math.round(performance.now() - started);
    const up = await api.query<QueryData>('/api/v1/query', { query: 'up' }, ctx.signal);
    const samples = (up.data.result as Array<{ value: [number, string] }>) ?? [];
    return {
      ok: true,
      target: api.http.targetName,
      url: api.http.baseUrl,
      version: build.data.version,
      latency_ms: latency,
      scrape_targets: samples.length,
      scrape_targets_up: samples.filter((s) => s.value[1] === '1').length,
    };
  }
}
