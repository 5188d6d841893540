// Series and label metadata: what exists to query.
import { Tool, ToolGroup, annotations, inject, tokens, type Static, type ToolContext } from '@cnmcp/core';
import { capped, selectors, window } from '../args.js';
import { PrometheusApi } from '../client.js';
import type { PrometheusConfig } from '../config.js';
import { capList, listResult } from '../format.js';
import { LabelNamesInput, LabelValuesInput, MetadataInput, SeriesInput, TargetMetadataInput } from '../schemas.js';

@ToolGroup({
  name: 'metadata',
  title: 'Series and labels',
  description: 'Label names and values, series, and metric metadata (type, help, unit).',
  default: true,
  defaults: { annotations: annotations.read },
})
export class MetadataTools {
  constructor(@inject(tokens.config) private readonly config: PrometheusConfig) {}

  @Tool({
    name: 'prometheus_get_label_names',
    title: 'Label names',
    description:
      'Label names present in a time window (default: the head block), optionally only those of series matching `match`.',
    input: LabelNamesInput,
  })
  async getLabelNames(input: Static<typeof LabelNamesInput>, ctx: ToolContext) {
    const { data, warnings } = await new PrometheusApi(ctx.backend).query<string[]>(
      '/api/v1/labels',
      { ...window(input), 'match[]': selectors(input.match) },
      ctx.signal,
    );
    const list = capList(data, capped(input.limit, this.config.limits.maxItems), 'label names');
    return { ...listResult('labels', list), ...(warnings.length ? { warnings } : {}) };
  }

  @Tool({
    name: 'prometheus_get_label_values',
    title: 'Label values',
    description: 'Values of one label (e.g. job) in a time window, optionally only of series matching `match`.',
    input: LabelValuesInput,
  })
  async getLabelValues(input: Static<typeof LabelValuesInput>, ctx: ToolContext) {
    const path = `/api/v1/label/${encodeURIComponent(input.label)}/values`;
    const { data, warnings } = await new PrometheusApi(ctx.backend).query<string[]>(
      path,
      { ...window(input), 'match[]': selectors(input.match) },
      ctx.signal,
    );
    const list = capList(data, capped(input.limit, this.config.limits.maxItems), 'values');
    return { label: input.label, ...listResult('values', list), ...(warnings.length ? { warnings } : {}) };
  }

  @Tool({
    name: 'prometheus_get_series',
    title: 'Series',
    description: 'Label sets of the series matching one or more selectors (match[]) in a time window.',
    input: SeriesInput,
  })
  async getSeries(input: Static<typeof SeriesInput>, ctx: ToolContext) {
    const { data, warnings } = await new PrometheusApi(ctx.backend).query<Array<Record<string, string>>>(
      '/api/v1/series',
      { ...window(input), 'match[]': selectors(input.match) },
      ctx.signal,
    );
    const list = capList(data, capped(input.limit, this.config.limits.maxSeries), 'series');
    return { ...listResult('series', list), ...(warnings.length ? { warnings } : {}) };
  }

  @Tool({
    name: 'prometheus_get_metrics_metadata',
    title: 'Metric metadata',
    description: 'Type, help and unit of metrics (one metric, or all), as scraped from targets.',
    input: MetadataInput,
  })
  async getMetricsMetadata(input: Static<typeof MetadataInput>, ctx: ToolContext) {
    const { data } = await new PrometheusApi(ctx.backend).get<
      Record<string, Array<{ type: string; help: string; unit: string }>>
    >('/api/v1/metadata', { metric: input.metric }, ctx.signal);
    const entries = Object.entries(data).map(([metric, list]) => ({
      metric,
      ...list[0],
      ...(list.length > 1 ? { variants: list.length } : {}),
    }));
    const list = capList(entries, capped(input.limit, this.config.limits.maxItems), 'metrics');
    return listResult('metadata', list);
  }

  @Tool({
    name: 'prometheus_get_target_metadata',
    title: 'Target metadata',
    description: 'Metric metadata per scrape target; filter by metric name and a target label selector (match_target).',
    input: TargetMetadataInput,
  })
  async getTargetMetadata(input: Static<typeof TargetMetadataInput>, ctx: ToolContext) {
    const { data } = await new PrometheusApi(ctx.backend).query<Array<Record<string, unknown>>>(
      '/api/v1/targets/metadata',
      { metric: input.metric, match_target: input.match_target },
      ctx.signal,
    );
    const list = capList(data, capped(input.limit, this.config.limits.maxItems), 'entries');
    return listResult('metadata', list);
  }
}
