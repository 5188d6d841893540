// Finding and reading dashboards: search, lists, the summary and panel queries, and one property at a time.
import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import { page as listPage } from './page.js';
import { GrafanaApis } from '../api.js';
import { collectPanels, summariseDashboard } from '../dashboard.js';
import { availableKeys, readProperty } from '../property.js';
import * as S from '../schemas.js';
import type { SearchHit } from '../types.js';

/** Grafana's search caps one page at 5000. */
const SEARCH_MAX = 5000;

export const hitSummary = (h: SearchHit) => ({
  uid: h.uid,
  title: h.title,
  ...(h.folderTitle ? { folder: h.folderTitle } : {}),
  ...(h.tags?.length ? { tags: h.tags } : {}),
  ...(h.isStarred ? { starred: true } : {}),
  url: h.url,
});

@ToolGroup({
  name: 'dashboards',
  title: 'Dashboards',
  description: 'Search dashboards and read them in parts: summary, panel queries, one property.',
  default: true,
  defaults: { annotations: annotations.read, cacheTtl: 15 },
})
export class DashboardTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_search_dashboards',
    title: 'Search dashboards',
    description: 'Dashboards by title words, tags, folder or starred, filtered by Grafana.',
    input: S.SearchDashboards,
  })
  async search(input: Static<typeof S.SearchDashboards>, ctx: ToolContext) {
    const hits = await this.apis.for(ctx).search({
      type: 'dash-db',
      query: input.query,
      tag: input.tag === undefined ? undefined : Array.isArray(input.tag) ? input.tag : [input.tag],
      folderUIDs: input.folderUID,
      starred: input.starred || undefined,
      limit: SEARCH_MAX,
    });
    const max = this.apis.limits().maxItems;
    return listPage(hits.map(hitSummary), { limit: input.limit ?? max, cursor: input.cursor, max, what: 'dashboards' });
  }

  @Tool({
    name: 'grafana_dashboards',
    title: 'List dashboards',
    description: 'All dashboards (uid, title, folder, tags), a page at a time.',
    input: S.LimitOnly,
  })
  async list(input: Static<typeof S.LimitOnly>, ctx: ToolContext) {
    const hits = await this.apis.for(ctx).search({ type: 'dash-db', limit: SEARCH_MAX });
    const max = this.apis.limits().maxItems;
    return listPage(hits.map(hitSummary), { limit: input.limit ?? max, cursor: input.cursor, max, what: 'dashboards' });
  }

  @Tool({
    name: 'grafana_dashboards_summary',
    title: 'Dashboards, minimal',
    description: 'Minimal dashboard list (uid, title, folder) with limit and offset.',
    input: S.DashboardsSummary,
  })
  async summaryList(input: Static<typeof S.DashboardsSummary>, ctx: ToolContext) {
    const hits = await this.apis.for(ctx).search({ type: 'dash-db', limit: SEARCH_MAX });
    const offset = input.offset ?? 0;
    const limit = Math.min(input.limit ?? this.apis.limits().maxItems, this.apis.limits().maxItems);
    const items = hits
      .slice(offset, offset + limit)
      .map((h) => ({ uid: h.uid, title: h.title, folder: h.folderTitle ?? 'General' }));
    const next = offset + items.length;
    return {
      total: hits.length,
      offset,
      returned: items.length,
      items,
      ...(next < hits.length ? { next_offset: next } : {}),
    };
  }

  @Tool({
    name: 'grafana_dashboard',
    title: 'Dashboard JSON',
    description:
      'The full dashboard JSON and its meta; when too large, its summary instead (read parts with grafana_get_dashboard_property).',
    input: S.DashboardByUid,
  })
  async get(input: Static<typeof S.DashboardByUid>, ctx: ToolContext) {
    const full = await this.apis.for(ctx).dashboard(input.uid);
    const meta = {
      version: full.meta.version,
      folder: full.meta.folderTitle,
      folderUid: full.meta.folderUid,
      url: full.meta.url,
      updated: full.meta.updated,
      updatedBy: full.meta.updatedBy,
      canSave: full.meta.canSave,
      provisioned: full.meta.provisioned,
    };
    const size = Buffer.byteLength(JSON.stringify(full.dashboard));
    if (size <= ctx.resultBudgetBytes * 0.8) return { meta, dashboard: full.dashboard };
    return {
      meta,
      note: `the dashboard JSON is ${size} bytes, more than this reply may carry; here is its summary. Read parts with grafana_get_dashboard_property.`,
      summary: summariseDashboard(full.dashboard, full.meta),
    };
  }

  @Tool({
    name: 'grafana_dashboard_summary',
    title: 'Dashboard summary',
    description: 'Title, tags, variables, rows, panels (type, title, datasource, query count) and datasources used.',
    input: S.DashboardByUid,
  })
  async summary(input: Static<typeof S.DashboardByUid>, ctx: ToolContext) {
    const full = await this.apis.for(ctx).dashboard(input.uid);
    return summariseDashboard(full.dashboard, full.meta);
  }

  @Tool({
    name: 'grafana_get_dashboard_panel_queries',
    title: 'Panel queries',
    description: 'Every panel (rows included) with its title, datasource and query texts.',
    input: S.DashboardRef,
  })
  async panelQueries(input: Static<typeof S.DashboardRef>, ctx: ToolContext) {
    const full = await this.apis.for(ctx).dashboard(input.dashboardUID);
    const panels = collectPanels(full.dashboard);
    return { uid: input.dashboardUID, title: full.dashboard.title, panel_count: panels.length, panels };
  }

  @Tool({
    name: 'grafana_get_dashboard_property',
    title: 'Dashboard property',
    description: 'One part of a dashboard by JSONPath (panels[0].targets, $.templating.list[*].name).',
    input: S.DashboardProperty,
  })
  async property(input: Static<typeof S.DashboardProperty>, ctx: ToolContext) {
    const full = await this.apis.for(ctx).dashboard(input.dashboardUID);
    const read = await readProperty(full.dashboard, input.propertyPath);
    if (!read.found) return { ...read, available_keys: availableKeys(full.dashboard) };
    return read;
  }
}
