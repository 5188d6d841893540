// Dashboard history: list and read saved versions, diff two of them, restore one.
import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import { GrafanaApis } from '../api.js';
import { summariseDashboard } from '../dashboard.js';
import { diffDashboards } from '../diff.js';
import * as S from '../schemas.js';

@ToolGroup({
  name: 'versions',
  title: 'Dashboard versions',
  description: 'Dashboard version history: list, read, diff and restore saved versions.',
  defaults: { annotations: annotations.read, cacheTtl: 15 },
})
export class VersionTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_get_dashboard_versions',
    title: 'Dashboard versions',
    description: 'Saved versions of a dashboard, newest first (version, when, who, message).',
    input: S.DashboardVersions,
  })
  async versions(input: Static<typeof S.DashboardVersions>, ctx: ToolContext) {
    const versions = await this.apis
      .for(ctx)
      .dashboardVersions(input.dashboardUID, input.limit ?? 20, input.start ?? 0);
    return {
      uid: input.dashboardUID,
      returned: versions.length,
      versions: versions.map((v) => ({
        version: v.version,
        created: v.created,
        createdBy: v.createdBy,
        message: v.message,
        ...(v.restoredFrom ? { restoredFrom: v.restoredFrom } : {}),
      })),
    };
  }

  @Tool({
    name: 'grafana_get_dashboard_version',
    title: 'Dashboard version',
    description: 'One saved version: its metadata and the summary of its dashboard JSON.',
    input: S.DashboardVersion,
  })
  async version(input: Static<typeof S.DashboardVersion>, ctx: ToolContext) {
    const v = await this.apis.for(ctx).dashboardVersion(input.dashboardUID, input.version);
    const { data, ...meta } = v;
    const size = Buffer.byteLength(JSON.stringify(data));
    if (size <= ctx.resultBudgetBytes * 0.6) return { ...meta, summary: summariseDashboard(data), data };
    return {
      ...meta,
      summary: summariseDashboard(data),
      note: `the version's JSON is ${size} bytes; diff it with grafana_diff_dashboard_versions`,
    };
  }

  @Tool({
    name: 'grafana_diff_dashboard_versions',
    title: 'Diff dashboard versions',
    description: 'What changed between two versions: panels added, removed and changed, and the changed paths.',
    input: S.DashboardDiff,
  })
  async diff(input: Static<typeof S.DashboardDiff>, ctx: ToolContext) {
    const api = this.apis.for(ctx);
    const before = await api.dashboardVersion(input.dashboardUID, input.fromVersion);
    const current = input.toVersion === undefined ? await api.dashboard(input.dashboardUID) : undefined;
    const after = current
      ? { version: current.meta.version, data: current.dashboard }
      : await api.dashboardVersion(input.dashboardUID, input.toVersion!);
    return {
      uid: input.dashboardUID,
      from_version: before.version,
      to_version: after.version,
      ...diffDashboards(before.data, after.data),
    };
  }

  @Tool({
    name: 'grafana_restore_dashboard_version',
    title: 'Restore dashboard version',
    description: 'Saves an old version as the newest version (history is kept).',
    input: S.DashboardVersion,
    annotations: annotations.write,
  })
  async restore(input: Static<typeof S.DashboardVersion>, ctx: ToolContext) {
    const saved = await this.apis.for(ctx).restoreDashboardVersion(input.dashboardUID, input.version);
    return {
      restored_from: input.version,
      uid: saved.uid,
      version: saved.version,
      url: saved.url,
      status: saved.status,
    };
  }
}
