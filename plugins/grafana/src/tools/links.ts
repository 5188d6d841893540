// Links a person can open (dashboard, panel, Explore, Logs Drilldown), and a panel rendered to a PNG returned
// as MCP image content. Links are checked against Grafana (the dashboard, panel and plugin exist).
import {
  Tool,
  ToolGroup,
  annotations,
  inject,
  parseTime,
  type CallToolResult,
  type Static,
  type ToolContext,
} from '@cnmcp/core';
import { GrafanaApis } from '../api.js';
import { findPanel } from '../dashboard.js';
import { GrafanaErrors } from '../errors.js';
import * as S from '../schemas.js';

/** Grafana reads `now-1h` itself; anything else goes as epoch ms. */
function timeParam(value: string | number | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && /^now/.test(value.trim())) return value.trim();
  return String(parseTime(value, { name }));
}

function withQuery(base: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `${base}?${text}` : base;
}

@ToolGroup({
  name: 'links',
  title: 'Links and images',
  description: 'Dashboard, panel, Explore and Logs Drilldown links; panels rendered as images.',
  defaults: { annotations: annotations.read },
})
export class LinkTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_generate_deeplink',
    title: 'Deep link',
    description: 'A URL to a dashboard, a panel or Explore (with a query and time range).',
    input: S.Deeplink,
  })
  async deeplink(input: Static<typeof S.Deeplink>, ctx: ToolContext) {
    const api = this.apis.for(ctx);
    const base = this.apis.publicUrl(ctx);
    const orgId = this.apis.orgId(ctx);
    const from = timeParam(input.from, 'from');
    const to = timeParam(input.to, 'to');
    if (input.resourceType === 'explore') {
      const ds = await api.datasourceByUid(input.datasource ?? input.resourceUID);
      const pane = {
        datasource: ds.uid,
        queries: [
          { refId: 'A', datasource: { uid: ds.uid, type: ds.type }, ...(input.query ? { expr: input.query } : {}) },
        ],
        range: { from: from ?? 'now-1h', to: to ?? 'now' },
      };
      return { url: withQuery(`${base}/explore`, { schemaVersion: 1, panes: JSON.stringify({ a: pane }), orgId }) };
    }
    const full = await api.dashboard(input.resourceUID);
    const path = full.meta.url ?? `/d/${input.resourceUID}`;
    if (input.resourceType === 'panel') {
      if (input.panelID === undefined)
        throw GrafanaErrors.create('GRAFANA_ERR_PANEL_NOT_FOUND', 'a panel link needs panelID', {
          hint: 'Give panelID (see grafana_dashboard_summary).',
        });
      if (!findPanel(full.dashboard, input.panelID))
        throw GrafanaErrors.create(
          'GRAFANA_ERR_PANEL_NOT_FOUND',
          `dashboard ${JSON.stringify(input.resourceUID)} has no panel ${input.panelID}`,
        );
    }
    const url = withQuery(`${base}${path}`, {
      orgId,
      from,
      to,
      viewPanel: input.resourceType === 'panel' ? input.panelID : undefined,
    });
    return { url, title: full.dashboard.title };
  }

  @Tool({
    name: 'grafana_generate_logs_drilldown_link',
    title: 'Logs Drilldown link',
    description: 'A Logs Drilldown URL for a Loki datasource, after checking the app plugin is enabled.',
    input: S.LogsDrilldown,
  })
  async logsDrilldown(input: Static<typeof S.LogsDrilldown>, ctx: ToolContext) {
    const api = this.apis.for(ctx);
    const app = await api.pluginSettings('grafana-lokiexplore-app');
    if (app.enabled !== true)
      throw GrafanaErrors.create(
        'GRAFANA_ERR_PLUGIN_DISABLED',
        'the Logs Drilldown app (grafana-lokiexplore-app) is installed but not enabled',
      );
    let uid = input.datasourceUid;
    if (!uid && input.datasourceName) uid = (await api.datasourceByName(input.datasourceName)).uid;
    else if (uid) uid = (await api.datasourceByUid(uid)).uid;
    const url = withQuery(`${this.apis.publicUrl(ctx)}/a/grafana-lokiexplore-app/explore`, {
      from: timeParam(input.from, 'from') ?? 'now-1h',
      to: timeParam(input.to, 'to') ?? 'now',
      'var-ds': uid,
      orgId: input.orgId ?? this.apis.orgId(ctx),
    });
    return { url };
  }

  @Tool({
    name: 'grafana_render_panel_image',
    title: 'Render panel',
    description: 'Renders one panel to a PNG (MCP image content). Needs the Grafana image renderer.',
    input: S.RenderPanel,
    timeoutMs: 130_000,
  })
  async render(input: Static<typeof S.RenderPanel>, ctx: ToolContext): Promise<CallToolResult> {
    const api = this.apis.for(ctx);
    const settings = await api.frontendSettings();
    // Without a renderer Grafana still answers 200 with a "renderer not installed" picture; say so instead.
    if (settings.rendererAvailable !== true)
      throw GrafanaErrors.create(
        'GRAFANA_ERR_RENDERER_UNAVAILABLE',
        `Grafana at target ${JSON.stringify(ctx.backendTarget)} reports no image renderer (rendererAvailable: false)`,
      );
    const full = await api.dashboard(input.dashboardUID);
    const panel = findPanel(full.dashboard, input.panelID);
    if (!panel)
      throw GrafanaErrors.create(
        'GRAFANA_ERR_PANEL_NOT_FOUND',
        `dashboard ${JSON.stringify(input.dashboardUID)} has no panel ${input.panelID}`,
      );
    const width = input.width ?? 1000;
    const height = input.height ?? 500;
    const png = await this.apis.fetchBinary(
      ctx,
      `/render/d-solo/${encodeURIComponent(input.dashboardUID)}`,
      {
        panelId: input.panelID,
        width,
        height,
        from: timeParam(input.from ?? 'now-1h', 'from'),
        to: timeParam(input.to ?? 'now', 'to'),
        timeout: input.timeout ?? 30,
        orgId: this.apis.orgId(ctx),
      },
      ((input.timeout ?? 30) + 10) * 1000,
    );
    return {
      content: [
        { type: 'image', data: png.toString('base64'), mimeType: 'image/png' },
        {
          type: 'text',
          text: `Panel ${JSON.stringify(panel.title ?? '')} (id ${input.panelID}) of ${JSON.stringify(full.dashboard.title ?? '')}, ${width}×${height}, ${String(input.from ?? 'now-1h')} to ${String(input.to ?? 'now')}`,
        },
      ],
    };
  }
}
