// Toolset kibana/status: server status, a health summary, and a connectivity check.
import { annotations, inject, Tool, ToolGroup, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { KibanaConfig } from '../config.js';
import { Empty, HealthSummaryInput } from '../schemas.js';
import type { StatusResponse } from '../types.js';
import { withKibana } from './common.js';

const COUNTED_TYPES = ['dashboard', 'visualization', 'lens', 'search', 'index-pattern', 'map'];

function statusSummary(status: StatusResponse): Record<string, unknown> {
  return {
    name: status.name,
    version: status.version.number,
    build_flavor: status.version.build_flavor,
    level: status.status.overall.level,
    summary: status.status.overall.summary,
  };
}

/** Parts of Kibana that are not `available`, by name. */
function degraded(status: StatusResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [group, entries] of [
    ['core', status.status.core],
    ['plugins', status.status.plugins],
  ] as const)
    for (const [name, s] of Object.entries(entries ?? {}))
      if (s.level !== 'available') out[`${group}.${name}`] = `${s.level}: ${s.summary ?? ''}`.trim();
  return out;
}

@ToolGroup({
  name: 'status',
  title: 'Status',
  description: 'Kibana server status, version and health.',
  default: true,
  defaults: { annotations: annotations.read, cacheTtl: 10 },
})
export class StatusTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  @Tool({
    name: 'kibana_get_status',
    title: 'Get Kibana status',
    description: 'Kibana version and overall status, with any degraded core services or plugins.',
    input: Empty,
  })
  async getStatus(_input: Static<typeof Empty>, ctx: ToolContext) {
    const status = await withKibana(this.config, ctx, undefined, 'Kibana status', (k) => k.status());
    return { ...statusSummary(status), degraded: degraded(status) };
  }

  @Tool({
    name: 'kibana_health_summary',
    title: 'Kibana health summary',
    description:
      'Overall health; detailed adds every core service and plugin status; optionally saved-object counts per type.',
    input: HealthSummaryInput,
  })
  async healthSummary(input: Static<typeof HealthSummaryInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, 'Kibana health', async (k) => {
      const status = await k.status();
      const out: Record<string, unknown> = { ...statusSummary(status), degraded: degraded(status) };
      if (input.level === 'detailed') {
        const levels = (entries?: Record<string, { level: string }>) =>
          Object.fromEntries(Object.entries(entries ?? {}).map(([n, s]) => [n, s.level]));
        out.core = levels(status.status.core);
        out.plugins = levels(status.status.plugins);
      }
      if (input.include_saved_objects) {
        const counts: Record<string, number> = {};
        for (const type of COUNTED_TYPES) counts[type] = (await k.find({ type, per_page: 1 })).total;
        out.saved_objects = { space: k.space, counts };
      }
      return out;
    });
  }

  @Tool({
    name: 'kibana_test_connection',
    title: 'Test Kibana connection',
    description: 'Checks that Kibana answers and accepts the credentials; returns its version and status level.',
    input: Empty,
    cacheTtl: 0,
  })
  async testConnection(_input: Static<typeof Empty>, ctx: ToolContext) {
    const started = Date.now();
    const status = await withKibana(this.config, ctx, undefined, 'Kibana status', (k) => k.status());
    return {
      connected: true,
      target: ctx.backendTarget,
      version: status.version.number,
      level: status.status.overall.level,
      elapsed_ms: Date.now() - started,
    };
  }
}
