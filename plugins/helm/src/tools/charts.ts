// Toolset helm/charts: chart metadata (`helm show chart`) and client-side rendering (`helm template`) of
// repository charts, oci:// references, chart URLs or charts under helm.chartsDir.
import { annotations, inject, Tool, ToolGroup, type Static, type ToolContext } from '@cnmcp/core';
import { HelmCommands } from '../commands.js';
import type { HelmTarget } from '../contexts.js';
import { parseManifest } from '../manifest.js';
import { maskManifest } from '../mask.js';
import { capText, countKinds } from '../reads.js';
import type { Obj } from '../release.js';
import { ChartInfoInput, TemplateInput } from '../schemas.js';
import { yaml } from '../yaml.js';

type Ctx = ToolContext<HelmTarget>;

@ToolGroup({
  name: 'charts',
  title: 'Charts',
  description: 'Chart metadata and default values, and client-side rendering of a chart.',
  defaults: { annotations: annotations.read, cacheTtl: 60 },
})
export class ChartTools {
  constructor(@inject(HelmCommands) private readonly helm: HelmCommands) {}

  @Tool({
    name: 'helm_get_chart_info',
    title: 'Chart info',
    description: 'Chart.yaml of a chart (name, versions, dependencies, maintainers) and its top-level value keys.',
    input: ChartInfoInput,
  })
  async info(input: Static<typeof ChartInfoInput>, ctx: Ctx) {
    const chart = await this.helm.chartArgs(input.chart, input.version);
    const meta = (yaml().parse((await this.helm.run(ctx, ['show', 'chart', ...chart])).stdout) ?? {}) as Obj;
    const values = (yaml().parse((await this.helm.run(ctx, ['show', 'values', ...chart])).stdout) ?? {}) as Obj;
    return {
      name: meta.name,
      version: meta.version,
      app_version: meta.appVersion ?? '',
      apiVersion: meta.apiVersion,
      type: meta.type ?? 'application',
      description: meta.description ?? '',
      ...(meta.kubeVersion ? { kubeVersion: meta.kubeVersion } : {}),
      ...(meta.deprecated ? { deprecated: true } : {}),
      ...(meta.home ? { home: meta.home } : {}),
      ...(meta.keywords ? { keywords: meta.keywords } : {}),
      dependencies: (meta.dependencies ?? []).map((d: Obj) => ({
        name: d.name,
        version: d.version,
        repository: d.repository,
      })),
      maintainers: (meta.maintainers ?? []).map((m: Obj) => m.name),
      valueKeys: Object.keys(values),
    };
  }

  @Tool({
    name: 'helm_template_chart',
    title: 'Render chart',
    description:
      'Render a chart locally with values (no cluster change): object list and the manifest (Secrets masked).',
    input: TemplateInput,
    annotations: annotations.read,
  })
  async template(input: Static<typeof TemplateInput>, ctx: Ctx) {
    const chart = await this.helm.chartArgs(input.chart, input.version);
    const values = await this.helm.valuesArgs(input.values, input.values_file);
    try {
      const { stdout } = await this.helm.run(ctx, [
        'template',
        input.name,
        ...chart,
        '--namespace',
        input.namespace,
        ...values.args,
      ]);
      const parsed = parseManifest(stdout, input.namespace);
      const objects = parsed.objects.map((o) => `${o.kind}/${o.name}`);
      return {
        name: input.name,
        namespace: input.namespace,
        objects,
        kinds: countKinds(parsed.objects.map((o) => o.kind)),
        manifest: capText(
          maskManifest(stdout, this.helm.config.showSecretValues),
          Math.max(2_000, ctx.resultBudgetBytes - 3_000),
        ),
      };
    } finally {
      await values.cleanup();
    }
  }
}
