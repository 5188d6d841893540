// Essentials toolset (served by default): cluster health, version, the index list and field types.
import { ToolGroup, Tool, inject, annotations, type Static, type ToolContext } from '@cnmcp/core';
import { EsBackend } from '../backend.js';
import { withDefaults } from '../defaults.js';
import { decodeContinueToken, page, present, sortRows } from '../indices.js';
import { flattenProperties, wildcardMatcher } from '../mappings.js';
import { healthSummary } from '../nodes.js';
import { HealthSummaryInput, ListIndicesPaginatedInput, MappingsInput, NoInput } from '../schemas.js';
import { indexRows } from './common.js';

@ToolGroup({
  name: 'essentials',
  title: 'Essentials',
  description: 'Cluster health with the causes of problems, version, the index list and the fields of an index.',
  default: true,
  defaults: { annotations: annotations.read, cacheTtl: 10 },
})
export class EssentialTools {
  constructor(@inject(EsBackend) private readonly es: EsBackend) {}

  @Tool({
    name: 'elasticsearch_cluster_health_summary',
    title: 'Cluster health summary',
    description:
      'Status, nodes, shard counts and the problems behind yellow/red; optionally the index list, unhealthy first.',
    input: HealthSummaryInput,
  })
  async healthSummary(input: Static<typeof HealthSummaryInput>, ctx: ToolContext) {
    const conn = this.es.connection(ctx);
    const level = input.level ?? (input.includeIndices ? 'indices' : 'cluster');
    const health = await conn.call((c) => c.cluster.health({ level }, { signal: ctx.signal }), ctx.signal);
    const out = healthSummary(health);
    if (input.includeIndices) {
      const rows = await indexRows(conn, ctx);
      const sorted = sortRows(rows, 'health', 'asc');
      out.index_list = { total: rows.length, items: sorted.slice(0, 50).map((r) => present(r)) };
    }
    return out;
  }

  @Tool({
    name: 'elasticsearch_info',
    title: 'Cluster info',
    description: 'Cluster name, UUID and Elasticsearch version.',
    input: NoInput,
    cacheTtl: 60,
  })
  async info(_input: Static<typeof NoInput>, ctx: ToolContext) {
    const info = await this.es.connection(ctx).call((c) => c.info({}, { signal: ctx.signal }), ctx.signal);
    return {
      cluster_name: info.cluster_name,
      cluster_uuid: info.cluster_uuid,
      node: info.name,
      version: info.version.number,
      build_flavor: info.version.build_flavor,
      lucene_version: info.version.lucene_version,
      tagline: info.tagline,
    };
  }

  @Tool({
    name: 'elasticsearch_list_indices_paginated',
    title: 'List indices (paged)',
    description: 'Indices with health, docs and size, one page at a time; indexPattern filters on the server.',
    input: ListIndicesPaginatedInput,
  })
  async listPaginated(raw: Static<typeof ListIndicesPaginatedInput>, ctx: ToolContext) {
    const input = withDefaults(ListIndicesPaginatedInput, raw, ['limit', 'includeHealth']);
    const offset = decodeContinueToken(input.continueToken);
    const rows = sortRows(await indexRows(this.es.connection(ctx), ctx, input.indexPattern || undefined));
    const p = page(rows, offset, input.limit);
    return {
      total: p.total,
      returned: p.returned,
      indices: p.items.map((r) => present(r, input.includeHealth)),
      ...(p.continueToken ? { continueToken: p.continueToken } : {}),
    };
  }

  @Tool({
    name: 'elasticsearch_get_mappings',
    title: 'Get mappings',
    description: 'Fields and their types per index (flattened, sub-fields included); filter with field.',
    input: MappingsInput,
  })
  async mappings(raw: Static<typeof MappingsInput>, ctx: ToolContext) {
    const input = withDefaults(MappingsInput, raw, ['limit']);
    const res = await this.es
      .connection(ctx)
      .call((c) => c.indices.getMapping({ index: input.index }, { signal: ctx.signal }), ctx.signal);
    const match = wildcardMatcher(input.field);
    const byField = new Map<string, Map<string, string[]>>();
    const names = Object.keys(res).sort();
    for (const index of names) {
      for (const f of flattenProperties(res[index]!.mappings.properties ?? {})) {
        if (!match(f.field)) continue;
        const types = byField.get(f.field) ?? new Map<string, string[]>();
        types.set(f.type, [...(types.get(f.type) ?? []), index]);
        byField.set(f.field, types);
      }
    }
    const fields = [...byField.keys()].sort().map((field) => {
      const types = byField.get(field)!;
      return types.size === 1
        ? { field, type: [...types.keys()][0]! }
        : { field, type: 'conflict', types: Object.fromEntries(types) };
    });
    return {
      indices: names.length,
      index_names: names.slice(0, 50),
      total_fields: fields.length,
      returned: Math.min(fields.length, input.limit),
      fields: fields.slice(0, input.limit),
    };
  }
}
