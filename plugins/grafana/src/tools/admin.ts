// The Grafana instance itself: connection test, installed plugins.
import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import { GrafanaApis } from '../api.js';
import * as S from '../schemas.js';
import { page } from './page.js';

@ToolGroup({
  name: 'admin',
  title: 'Instance',
  description: 'Connection test and installed plugins.',
  defaults: { annotations: annotations.read, cacheTtl: 60 },
})
export class AdminTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_test_connection',
    title: 'Test connection',
    description:
      'Checks Grafana answers (/api/health) and the credentials work (/api/user): version, database, identity.',
    input: S.Empty,
    cacheTtl: 0,
  })
  async test(_input: Static<typeof S.Empty>, ctx: ToolContext) {
    const api = this.apis.for(ctx);
    const health = await api.health();
    const user = await api.currentUser();
    return {
      target: ctx.backendTarget,
      reachable: true,
      version: health.version,
      database: health.database,
      authenticated_as: user.login,
      orgId: user.orgId ?? this.apis.orgId(ctx),
    };
  }

  @Tool({
    name: 'grafana_plugins',
    title: 'Plugins',
    description: 'Installed plugins with type, version, signature and update flag.',
    input: S.PluginsList,
  })
  async plugins(input: Static<typeof S.PluginsList>, ctx: ToolContext) {
    const all = (await this.apis.for(ctx).plugins()).filter((p) => !input.type || p.type === input.type);
    const max = this.apis.limits().maxItems;
    const items = all.map((p) => ({
      id: p.id,
      name: p.name,
      type: p.type,
      enabled: p.enabled,
      version: p.info?.version || undefined,
      signature: p.signature,
      ...(p.hasUpdate ? { hasUpdate: true } : {}),
    }));
    return page(items, { limit: input.limit ?? max, cursor: input.cursor, max, what: 'plugins' });
  }

  @Tool({
    name: 'grafana_plugins_summary',
    title: 'Plugins, minimal',
    description: 'Installed plugins: id and type, with counts by type.',
    input: S.PluginsList,
  })
  async summary(input: Static<typeof S.PluginsList>, ctx: ToolContext) {
    const all = (await this.apis.for(ctx).plugins()).filter((p) => !input.type || p.type === input.type);
    const byType: Record<string, number> = {};
    for (const p of all) byType[p.type] = (byType[p.type] ?? 0) + 1;
    const max = this.apis.limits().maxItems;
    return {
      by_type: byType,
      ...page(
        all.map((p) => ({ id: p.id, type: p.type })),
        { limit: input.limit ?? max, cursor: input.cursor, max, what: 'plugins' },
      ),
    };
  }

  @Tool({
    name: 'grafana_plugin_detail',
    title: 'Plugin',
    description: "One plugin's settings: enabled, version, signature, dependencies.",
    input: S.PluginRef,
  })
  async detail(input: Static<typeof S.PluginRef>, ctx: ToolContext) {
    const p = await this.apis.for(ctx).pluginSettings(input.pluginID);
    const { jsonData: _jsonData, secureJsonFields: _secure, ...rest } = p;
    return rest;
  }
}
