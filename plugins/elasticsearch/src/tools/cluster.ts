// Cluster toolset: health levels, nodes, the composite cluster view and the _cat views.
import { ToolGroup, Tool, inject, annotations, type Static, type ToolContext } from '@cnmcp/core';
import { EsBackend } from '../backend.js';
import { withDefaults } from '../defaults.js';
import { present, sortRows } from '../indices.js';
import { healthSummary, summarizeNodes } from '../nodes.js';
import { CatInput, ClusterDetailInput, HealthInput, NoInput, NodesSummaryInput } from '../schemas.js';
import { indexRows } from './common.js';

@ToolGroup({
  name: 'cluster',
  title: 'Cluster',
  description: 'Cluster health by level, node summaries with metrics, the composite cluster view and _cat views.',
  default: false,
  defaults: { annotations: annotations.read, cacheTtl: 10 },
})
export class ClusterTools {
  constructor(@inject(EsBackend) private readonly es: EsBackend) {}

  @Tool({
    name: 'elasticsearch_health',
    title: 'Cluster health',
    description: 'GET _cluster/health at the given level, summarised.',
    input: HealthInput,
  })
  async health(input: Static<typeof HealthInput>, ctx: ToolContext) {
    const health = await this.es
      .connection(ctx)
      .call((c) => c.cluster.health({ level: input.level ?? 'cluster' }, { signal: ctx.signal }), ctx.signal);
    return healthSummary(health);
  }

  @Tool({
    name: 'elasticsearch_nodes',
    title: 'Nodes',
    description: 'Node info: roles, version, address, heap size.',
    input: NoInput,
  })
  async nodes(_input: Static<typeof NoInput>, ctx: ToolContext) {
    const info = await this.es.connection(ctx).call((c) => c.nodes.info({}, { signal: ctx.signal }), ctx.signal);
    const nodes = summarizeNodes(info);
    return {
      cluster_name: info.cluster_name,
      total: nodes.length,
      returned: Math.min(nodes.length, 200),
      nodes: nodes.slice(0, 200),
    };
  }

  @Tool({
    name: 'elasticsearch_nodes_summary',
    title: 'Nodes summary',
    description: 'Nodes with roles; with includeMetrics heap %, CPU, load and disk use. Filter by role.',
    input: NodesSummaryInput,
  })
  async nodesSummary(raw: Static<typeof NodesSummaryInput>, ctx: ToolContext) {
    const input = withDefaults(NodesSummaryInput, raw, ['limit', 'includeMetrics']);
    const conn = this.es.connection(ctx);
    const info = await conn.call((c) => c.nodes.info({}, { signal: ctx.signal }), ctx.signal);
    const stats = input.includeMetrics
      ? await conn.call(
          (c) => c.nodes.stats({ metric: ['jvm', 'os', 'fs', 'indices'] }, { signal: ctx.signal }),
          ctx.signal,
        )
      : undefined;
    let nodes = summarizeNodes(info, stats);
    if (input.role) nodes = nodes.filter((n) => n.roles.includes(input.role!));
    const hottest = input.includeMetrics
      ? [...nodes].sort((a, b) => (b.metrics?.heap_used_percent ?? 0) - (a.metrics?.heap_used_percent ?? 0))[0]
      : undefined;
    return {
      total: nodes.length,
      returned: Math.min(nodes.length, input.limit),
      by_role: Object.fromEntries(
        [...new Set(nodes.flatMap((n) => n.roles))]
          .sort()
          .map((r) => [r, nodes.filter((n) => n.roles.includes(r)).length]),
      ),
      ...(hottest
        ? { highest_heap: { node: hottest.name, heap_used_percent: hottest.metrics?.heap_used_percent } }
        : {}),
      nodes: nodes.slice(0, input.limit),
    };
  }

  @Tool({
    name: 'elasticsearch_get_cluster_detail_advanced',
    title: 'Cluster detail',
    description: 'Composite view: info, health, and optionally nodes, indices, stats, settings and problem shards.',
    input: ClusterDetailInput,
  })
  async clusterDetail(raw: Static<typeof ClusterDetailInput>, ctx: ToolContext) {
    const input = withDefaults(ClusterDetailInput, raw);
    const conn = this.es.connection(ctx);
    const o = { signal: ctx.signal };
    const detailed = input.outputFormat === 'detailed';
    const [info, health] = await Promise.all([
      conn.call((c) => c.info({}, o), ctx.signal),
      conn.call((c) => c.cluster.health({}, o), ctx.signal),
    ]);
    const out: Record<string, unknown> = {
      cluster_name: info.cluster_name,
      version: info.version.number,
      health: healthSummary(health),
    };
    if (input.includeNodes) {
      const nodes = summarizeNodes(await conn.call((c) => c.nodes.info({}, o), ctx.signal));
      out.nodes = { total: nodes.length, items: nodes.slice(0, detailed ? 100 : 20) };
    }
    if (input.includeIndices) {
      const rows = await indexRows(conn, ctx);
      out.indices = {
        total: rows.length,
        items: sortRows(rows, 'health')
          .slice(0, detailed ? 200 : 30)
          .map((r) => present(r)),
      };
    }
    if (input.includeStats) {
      const s = await conn.call((c) => c.cluster.stats({}, o), ctx.signal);
      out.stats = {
        indices: s.indices.count,
        docs: s.indices.docs?.count,
        store_bytes: s.indices.store?.size_in_bytes,
        shards: s.indices.shards?.total,
        versions: s.nodes.versions,
      };
    }
    if (input.includeSettings) {
      const settings = await conn.call(
        (c) => c.cluster.getSettings({ flat_settings: true, include_defaults: detailed }, o),
        ctx.signal,
      );
      out.settings = {
        persistent: settings.persistent,
        transient: settings.transient,
        ...(detailed ? { defaults_count: Object.keys(settings.defaults ?? {}).length } : {}),
      };
    }
    if (input.includeShards) {
      const shards = await conn.call(
        (c) => c.cat.shards({ format: 'json', h: 'index,shard,prirep,state,node,unassigned.reason' }, o),
        ctx.signal,
      );
      const problem = shards.filter((s) => s.state !== 'STARTED');
      out.shards = { total: shards.length, not_started: problem.length, items: problem.slice(0, 50) };
    }
    return out;
  }

  @Tool({
    name: 'elasticsearch_cat',
    title: '_cat view',
    description: 'A _cat view (indices, health, nodes, shards, aliases, allocation, count) as JSON rows.',
    input: CatInput,
  })
  async cat(raw: Static<typeof CatInput>, ctx: ToolContext) {
    const input = withDefaults(CatInput, raw, ['limit']);
    const conn = this.es.connection(ctx);
    const params = {
      format: 'json',
      ...(input.sort ? { s: input.sort } : {}),
      ...(input.columns ? { h: input.columns } : {}),
    };
    const path = `/_cat/${input.view}${input.index && ['indices', 'shards', 'count'].includes(input.view) ? `/${encodeURIComponent(input.index)}` : ''}`;
    const rows = await conn.call(
      (c) =>
        c.transport.request<Array<Record<string, unknown>>>(
          { method: 'GET', path, querystring: params },
          { signal: ctx.signal },
        ),
      ctx.signal,
    );
    const list = Array.isArray(rows) ? rows : [];
    return {
      view: input.view,
      total: list.length,
      returned: Math.min(list.length, input.limit),
      rows: list.slice(0, input.limit),
    };
  }
}
