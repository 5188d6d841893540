// Saving and deleting dashboards. An overwrite (which discards someone else's saved change) is its own
// destructive tool, so it goes through the central confirmation; grafana_update_dashboard with overwrite: true
// runs it through the core, which asks the user.
import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import { GrafanaApis } from '../api.js';
import { GrafanaErrors } from '../errors.js';
import * as S from '../schemas.js';

function checked(dashboard: Record<string, unknown>) {
  if (typeof dashboard.title !== 'string' || !dashboard.title.trim())
    throw GrafanaErrors.create('GRAFANA_ERR_DASHBOARD_INVALID', 'dashboard has no "title"');
  return dashboard;
}

@ToolGroup({
  name: 'dashboard-edits',
  title: 'Dashboard edits',
  description: 'Create, update, overwrite and delete dashboards.',
  defaults: { annotations: annotations.write },
})
export class DashboardEditTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  private async save(input: Static<typeof S.UpdateDashboard>, ctx: ToolContext, overwrite: boolean) {
    const saved = await this.apis.for(ctx).saveDashboard({
      dashboard: checked(input.dashboard),
      folderUid: input.folderUID,
      overwrite,
      message: input.message,
    });
    return { status: saved.status, uid: saved.uid, version: saved.version, url: saved.url, overwrite };
  }

  @Tool({
    name: 'grafana_update_dashboard',
    title: 'Create or update dashboard',
    description:
      'Saves a dashboard (create, or update with the uid and version you read). A 412 conflict names the current version. overwrite: true asks the user first.',
    input: S.UpdateDashboard,
  })
  async update(input: Static<typeof S.UpdateDashboard>, ctx: ToolContext) {
    if (input.overwrite) return ctx.callTool('grafana_overwrite_dashboard', { ...input });
    return this.save(input, ctx, false);
  }

  @Tool({
    name: 'grafana_overwrite_dashboard',
    title: 'Overwrite dashboard',
    description: "Saves a dashboard over whatever is stored, discarding others' changes (asks to confirm).",
    input: S.UpdateDashboard,
    annotations: annotations.destructive,
  })
  async overwrite(input: Static<typeof S.UpdateDashboard>, ctx: ToolContext) {
    return this.save(input, ctx, true);
  }

  @Tool({
    name: 'grafana_delete_dashboard',
    title: 'Delete dashboard',
    description: 'Deletes a dashboard by UID (asks to confirm).',
    input: S.DashboardByUid,
    annotations: annotations.destructive,
  })
  async remove(input: Static<typeof S.DashboardByUid>, ctx: ToolContext) {
    const out = await this.apis.for(ctx).deleteDashboard(input.uid);
    return { deleted: input.uid, title: out.title, message: out.message };
  }
}
