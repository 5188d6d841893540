// Toolsets kibana/dashboards (read) and kibana/dashboard-admin (create, update, clone, delete).
import { annotations, inject, Tool, ToolGroup, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { KibanaConfig } from '../config.js';
import {
  CloneDashboardInput,
  CreateDashboardInput,
  DashboardDetailInput,
  DashboardIdInput,
  DashboardsPaginatedInput,
  DashboardsSummaryInput,
  SpaceOnly,
  UpdateDashboardInput,
} from '../schemas.js';
import { dashboardPanels, dashboardSummary, parseJsonAttribute } from '../summaries.js';
import type { SavedObject } from '../types.js';
import { jsonArgument, pageInfo, withKibana } from './common.js';

const TYPE = 'dashboard';
const LIST_CAP = 100;

function dashboardView(obj: SavedObject): Record<string, unknown> {
  return {
    ...dashboardSummary(obj),
    version: obj.version,
    panel_list: dashboardPanels(obj),
    references: obj.references.length,
  };
}

/** A numeric `version` is the reference server's habit; Kibana's version is the string from a read. */
function versionString(version: string | number | undefined): { version?: string; note?: string } {
  if (version === undefined) return {};
  if (typeof version === 'string') return { version };
  return {
    note: 'a numeric version is not a Kibana object version and was ignored; pass the version string a read returned',
  };
}

@ToolGroup({
  name: 'dashboards',
  title: 'Dashboards',
  description: 'List, search and read Kibana dashboards and their panels.',
  default: true,
  defaults: { annotations: annotations.read, cacheTtl: 30 },
})
export class DashboardTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  @Tool({
    name: 'kibana_get_dashboards',
    title: 'List dashboards',
    description: `Dashboards of the space (id, title, panel count), newest first, up to ${LIST_CAP}.`,
    input: SpaceOnly,
  })
  async list(input: Static<typeof SpaceOnly>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, 'dashboards', async (k) => {
      const found = await k.find({ type: TYPE, per_page: LIST_CAP, sort_field: 'updated_at', sort_order: 'desc' });
      return {
        total: found.total,
        returned: found.saved_objects.length,
        dashboards: found.saved_objects.map((d) => dashboardSummary(d, false)),
        ...(found.total > LIST_CAP
          ? { truncated: `first ${LIST_CAP} of ${found.total}; use kibana_dashboards_paginated with search` }
          : {}),
      };
    });
  }

  @Tool({
    name: 'kibana_get_dashboard',
    title: 'Get dashboard',
    description: 'One dashboard: title, description, time range, version and its panels with the objects they show.',
    input: DashboardIdInput,
  })
  async get(input: Static<typeof DashboardIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `dashboard '${input.dashboard_id}'`, async (k) =>
      dashboardView(await k.get(TYPE, input.dashboard_id)),
    );
  }

  @Tool({
    name: 'kibana_get_dashboard_detail_advanced',
    title: 'Dashboard detail',
    description:
      'One dashboard with optional panels, UI state and time options; output_format full adds raw attributes.',
    input: DashboardDetailInput,
  })
  async detail(input: Static<typeof DashboardDetailInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `dashboard '${input.dashboard_id}'`, async (k) => {
      const obj = await k.get(TYPE, input.dashboard_id);
      const a = obj.attributes;
      const out: Record<string, unknown> = {
        ...dashboardSummary(obj),
        version: obj.version,
        references: obj.references,
      };
      if (input.include_panels !== false) out.panel_list = dashboardPanels(obj);
      if (input.include_time_options !== false)
        out.time_options = {
          timeRestore: Boolean(a.timeRestore),
          timeFrom: a.timeFrom,
          timeTo: a.timeTo,
          refreshInterval: a.refreshInterval,
        };
      if (input.include_ui_state)
        out.ui_state = {
          options: parseJsonAttribute(a.optionsJSON, {}),
          uiStateJSON: parseJsonAttribute(a.uiStateJSON, {}),
        };
      if (input.output_format === 'full') out.attributes = a;
      return out;
    });
  }

  @Tool({
    name: 'kibana_dashboards_paginated',
    title: 'Dashboards (paged)',
    description: 'Dashboards page by page, optionally matching words in the title.',
    input: DashboardsPaginatedInput,
  })
  async paginated(input: Static<typeof DashboardsPaginatedInput>, ctx: ToolContext) {
    const page = input.page ?? 1;
    const perPage = input.per_page ?? 20;
    return withKibana(this.config, ctx, input.space, 'dashboards', async (k) => {
      const found = await k.find({
        type: TYPE,
        page,
        per_page: perPage,
        search: input.search || undefined,
        sort_field: input.search ? undefined : 'title',
      });
      return {
        ...pageInfo(found.total, page, perPage),
        dashboards: found.saved_objects.map((d) => dashboardSummary(d, input.include_description ?? false)),
      };
    });
  }

  @Tool({
    name: 'kibana_dashboards_summary',
    title: 'Dashboards summary',
    description: 'Dashboard IDs and titles, page by page.',
    input: DashboardsSummaryInput,
  })
  async summary(input: Static<typeof DashboardsSummaryInput>, ctx: ToolContext) {
    const page = input.page ?? 1;
    const perPage = input.per_page ?? 20;
    return withKibana(this.config, ctx, input.space, 'dashboards', async (k) => {
      const found = await k.find({ type: TYPE, page, per_page: perPage, fields: ['title'], sort_field: 'title' });
      return {
        ...pageInfo(found.total, page, perPage),
        dashboards: found.saved_objects.map((d) => ({ id: d.id, title: d.attributes.title })),
      };
    });
  }
}

@ToolGroup({
  name: 'dashboard-admin',
  title: 'Dashboard changes',
  description: 'Create, update, clone and delete Kibana dashboards.',
  defaults: { annotations: annotations.write },
})
export class DashboardAdminTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  @Tool({
    name: 'kibana_create_dashboard',
    title: 'Create dashboard',
    description: 'Creates an empty dashboard; optionally stores a time range with it.',
    input: CreateDashboardInput,
  })
  async create(input: Static<typeof CreateDashboardInput>, ctx: ToolContext) {
    const attributes: Record<string, unknown> = {
      title: input.title,
      description: input.description ?? '',
      panelsJSON: '[]',
      optionsJSON: JSON.stringify({ useMargins: true, syncColors: false, hidePanelTitles: false }),
      timeRestore: input.timeRestore ?? false,
      kibanaSavedObjectMeta: {
        searchSourceJSON: JSON.stringify({ query: { query: '', language: 'kuery' }, filter: [] }),
      },
    };
    if (input.timeRestore)
      Object.assign(attributes, {
        timeFrom: input.timeFrom ?? 'now-15m',
        timeTo: input.timeTo ?? 'now',
        refreshInterval: input.refreshInterval ?? { pause: true, value: 0 },
      });
    return withKibana(this.config, ctx, input.space, `dashboard '${input.title}'`, async (k) => ({
      created: dashboardView(await k.create(TYPE, attributes)),
    }));
  }

  @Tool({
    name: 'kibana_update_dashboard',
    title: 'Update dashboard',
    description: 'Changes title, description, panels or time range; pass version to refuse if it changed meanwhile.',
    input: UpdateDashboardInput,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof UpdateDashboardInput>, ctx: ToolContext) {
    const attributes: Record<string, unknown> = {};
    if (input.title !== undefined) attributes.title = input.title;
    if (input.description !== undefined) attributes.description = input.description;
    if (input.panelsJSON !== undefined) {
      const panels = jsonArgument<unknown>(input.panelsJSON, 'panelsJSON');
      attributes.panelsJSON = JSON.stringify(panels);
    }
    if (input.timeFrom !== undefined) Object.assign(attributes, { timeFrom: input.timeFrom, timeRestore: true });
    if (input.timeTo !== undefined) Object.assign(attributes, { timeTo: input.timeTo, timeRestore: true });
    const { version, note } = versionString(input.version);
    return withKibana(this.config, ctx, input.space, `dashboard '${input.dashboard_id}'`, async (k) => {
      await k.update(TYPE, input.dashboard_id, { attributes, version });
      return {
        updated: dashboardView(await k.get(TYPE, input.dashboard_id)),
        changed: Object.keys(attributes),
        ...(note ? { note } : {}),
      };
    });
  }

  @Tool({
    name: 'kibana_clone_dashboard',
    title: 'Clone dashboard',
    description: 'Copies a dashboard (panels and references) under a new title and ID.',
    input: CloneDashboardInput,
  })
  async clone(input: Static<typeof CloneDashboardInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `dashboard '${input.dashboard_id}'`, async (k) => {
      const source = await k.get(TYPE, input.dashboard_id);
      const copy = await k.create(
        TYPE,
        { ...source.attributes, title: input.new_title },
        { references: source.references },
      );
      return { source_id: source.id, created: dashboardView(copy) };
    });
  }

  @Tool({
    name: 'kibana_delete_dashboard',
    title: 'Delete dashboard',
    description: 'Deletes a dashboard (not the visualizations it shows).',
    input: DashboardIdInput,
    annotations: annotations.destructive,
  })
  async delete(input: Static<typeof DashboardIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `dashboard '${input.dashboard_id}'`, async (k) => {
      await k.delete(TYPE, input.dashboard_id);
      return { deleted: { type: TYPE, id: input.dashboard_id } };
    });
  }
}
