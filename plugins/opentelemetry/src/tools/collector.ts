import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import { CollectorEndpoints } from '../collector.js';
import { analyzeConfig, ConfigParseError, parseCollectorConfig, type ConfigAnalysis } from '../config-analysis.js';
import { OtelErrors } from '../errors.js';
import { countIssues, pipelineReport } from '../pipelines.js';
import { NoInput, PipelineStatusInput } from '../schemas.js';
import { settle, shown } from '../settle.js';
import { collectorStats, parseExposition, type CollectorStats } from '../telemetry.js';
import { parsePipelinez, parseServicez } from '../zpages.js';

export async function loadAnalysis(
  endpoints: CollectorEndpoints,
  ctx: ToolContext,
  inline: string | undefined,
): Promise<{ source: string; analysis: ConfigAnalysis }> {
  const { source, text } = await endpoints.configText(ctx, inline);
  try {
    return { source, analysis: analyzeConfig(parseCollectorConfig(text)) };
  } catch (err) {
    if (err instanceof ConfigParseError)
      throw OtelErrors.create('OPENTELEMETRY_ERR_CONFIG_INVALID', `${source}: ${err.message}`);
    throw err;
  }
}

function totals(stats: CollectorStats) {
  const sum = (f: (x: Record<string, number>) => number, list: Array<Record<string, number>>) =>
    list.reduce((n, x) => n + f(x), 0);
  const out: Record<string, Record<string, number>> = {};
  for (const item of ['spans', 'metric_points', 'log_records'] as const)
    out[item] = {
      accepted: sum(
        (x) => x[item],
        stats.receivers.map((r) => r.accepted),
      ),
      refused: sum(
        (x) => x[item],
        stats.receivers.map((r) => r.refused),
      ),
      sent: sum(
        (x) => x[item],
        stats.exporters.map((e) => e.sent),
      ),
      send_failed: sum(
        (x) => x[item],
        stats.exporters.map((e) => e.send_failed),
      ),
    };
  return out;
}

@ToolGroup({
  name: 'collector',
  title: 'Collector',
  description: 'Health (health_check), status from internal metrics and zpages, pipeline diagnosis.',
  default: true,
  defaults: { annotations: annotations.read },
})
export class CollectorTools {
  constructor(@inject(CollectorEndpoints) private readonly endpoints: CollectorEndpoints) {}

  private async stats(ctx: ToolContext): Promise<CollectorStats> {
    return collectorStats(parseExposition(await this.endpoints.metricsText(ctx)));
  }

  @Tool({
    name: 'opentelemetry_get_health',
    title: 'Collector health',
    description: 'The health_check extension: healthy or not, since when.',
    input: NoInput,
  })
  async health(_input: Static<typeof NoInput>, ctx: ToolContext) {
    return this.endpoints.health(ctx);
  }

  @Tool({
    name: 'opentelemetry_get_status',
    title: 'Collector status',
    description:
      'Receivers, exporters, queues and process figures from the internal metrics (any naming scheme), plus build info from zpages.',
    input: NoInput,
  })
  async status(_input: Static<typeof NoInput>, ctx: ToolContext) {
    const stats = await this.stats(ctx);
    const service = await settle(async () => {
      const html = await this.endpoints.zpage(ctx, 'servicez');
      return html ? parseServicez(html) : { unavailable: 'zpages not enabled (404)' };
    });
    return { ...stats, build: shown(service) };
  }

  @Tool({
    name: 'opentelemetry_get_collector_summary',
    title: 'Collector summary',
    description: 'Health, data in/out per signal, pipelines running, config issue counts and findings in one view.',
    input: NoInput,
  })
  async summary(_input: Static<typeof NoInput>, ctx: ToolContext) {
    const [health, stats, live, config] = await Promise.all([
      settle(() => this.endpoints.health(ctx)),
      settle(() => this.stats(ctx)),
      settle(async () => {
        const html = await this.endpoints.zpage(ctx, 'pipelinez');
        return html ? parsePipelinez(html) : undefined;
      }),
      settle(() => loadAnalysis(this.endpoints, ctx, undefined)),
    ]);
    if (!health.ok && !stats.ok) throw stats.cause;
    const report = pipelineReport({
      analysis: config.ok ? config.value.analysis : undefined,
      live: live.ok ? live.value : undefined,
      stats: stats.ok ? stats.value : undefined,
    });
    const allIssues = [...report.issues, ...report.pipelines.flatMap((p) => p.issues)];
    return {
      health: health.ok
        ? { healthy: health.value.healthy, status: health.value.status }
        : { unavailable: health.error },
      data: stats.ok ? totals(stats.value) : { unavailable: stats.error },
      naming_scheme: stats.ok ? stats.value.naming_scheme : undefined,
      pipelines: report.pipelines.map(
        (p) => `${p.name}: ${p.receivers.join(',')} → ${p.processors.join(',') || '-'} → ${p.exporters.join(',')}`,
      ),
      config: config.ok
        ? { source: config.value.source, issues: countIssues(allIssues) }
        : { unavailable: config.error },
      findings: [
        ...(stats.ok ? stats.value.findings : []),
        ...allIssues
          .filter((i) => i.severity === 'error')
          .map((i) => `${i.pipeline ?? i.component ?? ''}: ${i.message}`),
      ].slice(0, 20),
      ...(live.ok ? {} : { zpages: { unavailable: live.error } }),
    };
  }

  @Tool({
    name: 'opentelemetry_analyze_pipeline_status',
    title: 'Analyse pipelines',
    description:
      'Each pipeline from config and zpages with its data flow and problems: undefined or unused components, missing memory_limiter/batch, refused or failed data.',
    input: PipelineStatusInput,
  })
  async analyzePipelines(input: Static<typeof PipelineStatusInput>, ctx: ToolContext) {
    const [stats, live, config] = await Promise.all([
      settle(() => this.stats(ctx)),
      settle(async () => {
        const html = await this.endpoints.zpage(ctx, 'pipelinez');
        return html ? parsePipelinez(html) : undefined;
      }),
      settle(() => loadAnalysis(this.endpoints, ctx, input.config)),
    ]);
    if (input.config && !config.ok) throw config.cause;
    if (!config.ok && !live.ok && !stats.ok) throw stats.cause;
    const report = pipelineReport(
      {
        analysis: config.ok ? config.value.analysis : undefined,
        live: live.ok ? live.value : undefined,
        stats: stats.ok ? stats.value : undefined,
      },
      { signal: input.signal, pipeline: input.pipeline },
    );
    if (input.pipeline && !report.pipelines.length)
      throw OtelErrors.create('OPENTELEMETRY_ERR_PIPELINE_NOT_FOUND', `no pipeline ${JSON.stringify(input.pipeline)}`);
    const all = [...report.issues, ...report.pipelines.flatMap((p) => p.issues)];
    return {
      sources: {
        config: config.ok ? config.value.source : { unavailable: config.error },
        zpages: live.ok
          ? live.value
            ? 'pipelinez'
            : { unavailable: 'zpages not enabled (404)' }
          : { unavailable: live.error },
        metrics: stats.ok ? stats.value.naming_scheme : { unavailable: stats.error },
      },
      issue_counts: countIssues(all),
      pipelines: report.pipelines,
      other_issues: report.issues,
    };
  }
}
