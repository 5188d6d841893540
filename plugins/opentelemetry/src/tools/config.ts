import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import { CollectorEndpoints } from '../collector.js';
import { ConfigParseError, parseCollectorConfig } from '../config-analysis.js';
import { OtelErrors } from '../errors.js';
import { countIssues } from '../pipelines.js';
import { redact } from '../redact.js';
import { ConfigInput } from '../schemas.js';
import { loadAnalysis } from './collector.js';

@ToolGroup({
  name: 'config',
  title: 'Config',
  description: 'Read and analyse the collector YAML (target configFile or passed inline).',
  default: true,
  defaults: { annotations: annotations.local },
})
export class ConfigTools {
  constructor(@inject(CollectorEndpoints) private readonly endpoints: CollectorEndpoints) {}

  @Tool({
    name: 'opentelemetry_get_config',
    title: 'Collector config',
    description: 'The collector YAML as JSON, secrets redacted (configFile of the target, or `config` inline).',
    input: ConfigInput,
  })
  async config(input: Static<typeof ConfigInput>, ctx: ToolContext) {
    const { source, text } = await this.endpoints.configText(ctx, input.config);
    let parsed: Record<string, unknown>;
    try {
      parsed = parseCollectorConfig(text);
    } catch (err) {
      if (err instanceof ConfigParseError)
        throw OtelErrors.create('OPENTELEMETRY_ERR_CONFIG_INVALID', `${source}: ${err.message}`);
      throw err;
    }
    const config = redact(parsed) as Record<string, unknown>;
    const json = JSON.stringify(config);
    if (json.length <= ctx.resultBudgetBytes * 0.9) return { source, config };
    // Too large to show whole: the section outline, each section readable through the summary tool.
    return {
      source,
      truncated: true,
      sections: Object.fromEntries(
        Object.entries(config).map(([k, v]) => [k, v && typeof v === 'object' ? Object.keys(v) : v]),
      ),
      hint: 'The config exceeds the result budget; opentelemetry_get_config_summary gives the analysed view.',
    };
  }

  @Tool({
    name: 'opentelemetry_get_config_summary',
    title: 'Config summary',
    description:
      'Components, per-signal topology (receivers → exporters), telemetry settings and problems found in the collector YAML.',
    input: ConfigInput,
  })
  async configSummary(input: Static<typeof ConfigInput>, ctx: ToolContext) {
    const { source, analysis } = await loadAnalysis(this.endpoints, ctx, input.config);
    return {
      source,
      components: analysis.components,
      enabled_extensions: analysis.enabled_extensions,
      signals: analysis.signals,
      pipelines: analysis.pipelines,
      telemetry: analysis.telemetry,
      issue_counts: countIssues(analysis.issues),
      issues: analysis.issues.slice(0, 50),
      ...(analysis.issues.length > 50 ? { issues_total: analysis.issues.length } : {}),
    };
  }
}
