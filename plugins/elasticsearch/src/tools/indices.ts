// Indices toolset: the index list (filtered, summarised), index stats, the index detail view and field caps.
import type { estypes } from '@elastic/elasticsearch';
import { ToolGroup, Tool, inject, annotations, type Static, type ToolContext } from '@cnmcp/core';
import { EsBackend } from '../backend.js';
import { withDefaults } from '../defaults.js';
import { decodeContinueToken, filterRows, humanBytes, page, present, sortRows, summarize } from '../indices.js';
import { condenseFieldCaps, flattenProperties } from '../mappings.js';
import {
  FieldCapsInput,
  IndexDetailInput,
  IndexInput,
  ListIndicesInput,
  NoInput,
  SearchIndicesInput,
} from '../schemas.js';
import { indexRows } from './common.js';

function statsOf(s: estypes.IndicesStatsIndexStats | undefined): Record<string, unknown> {
  return {
    docs: s?.docs?.count,
    deleted_docs: s?.docs?.deleted,
    size: s?.store?.size_in_bytes !== undefined ? humanBytes(s.store.size_in_bytes) : undefined,
    indexing_total: s?.indexing?.index_total,
    search_query_total: s?.search?.query_total,
    search_query_ms: s?.search?.query_time_in_millis,
    segments: s?.segments?.count,
  };
}

@ToolGroup({
  name: 'indices',
  title: 'Indices',
  description: 'Find, filter and summarise indices; index stats, details and field capabilities.',
  default: false,
  defaults: { annotations: annotations.read, cacheTtl: 15 },
})
export class IndexTools {
  constructor(@inject(EsBackend) private readonly es: EsBackend) {}

  @Tool({
    name: 'elasticsearch_list_indices',
    title: 'List indices',
    description: 'Index names, sorted.',
    input: ListIndicesInput,
  })
  async listIndices(raw: Static<typeof ListIndicesInput>, ctx: ToolContext) {
    const input = withDefaults(ListIndicesInput, raw, ['limit']);
    const names = (await indexRows(this.es.connection(ctx), ctx)).map((r) => r.index).sort();
    return { total: names.length, returned: Math.min(names.length, input.limit), indices: names.slice(0, input.limit) };
  }

  @Tool({
    name: 'elasticsearch_indices_summary',
    title: 'Indices summary',
    description: 'Counts by health, total docs and size, the largest indices.',
    input: NoInput,
  })
  async indicesSummary(_input: Static<typeof NoInput>, ctx: ToolContext) {
    return summarize(await indexRows(this.es.connection(ctx), ctx));
  }

  @Tool({
    name: 'elasticsearch_search_indices',
    title: 'Find indices',
    description:
      'Filter the index list by name substring, health, status and doc counts; sort and page. Not a document search.',
    input: SearchIndicesInput,
  })
  async searchIndices(raw: Static<typeof SearchIndicesInput>, ctx: ToolContext) {
    const input = withDefaults(SearchIndicesInput, raw, ['limit']);
    const offset = decodeContinueToken(input.continueToken);
    const rows = filterRows(await indexRows(this.es.connection(ctx), ctx), input);
    const p = page(sortRows(rows, input.sortBy, input.sortOrder), offset, input.limit);
    return {
      total: p.total,
      returned: p.returned,
      indices: p.items.map((r) => present(r)),
      ...(p.continueToken ? { continueToken: p.continueToken } : {}),
    };
  }

  @Tool({
    name: 'elasticsearch_index_stats',
    title: 'Index stats',
    description: 'Docs, size, indexing and search counters of an index or pattern.',
    input: IndexInput,
  })
  async indexStats(input: Static<typeof IndexInput>, ctx: ToolContext) {
    const stats = await this.es
      .connection(ctx)
      .call((c) => c.indices.stats({ index: input.index }, { signal: ctx.signal }), ctx.signal);
    const names = Object.keys(stats.indices ?? {}).sort();
    return {
      indices: names.length,
      primaries: statsOf(stats._all.primaries),
      total: statsOf(stats._all.total),
      per_index: names
        .slice(0, 20)
        .map((n) => ({ index: n, health: stats.indices?.[n]?.health, ...statsOf(stats.indices?.[n]?.primaries) })),
      ...(names.length > 20 ? { per_index_omitted: names.length - 20 } : {}),
    };
  }

  @Tool({
    name: 'elasticsearch_get_index_detail_advanced',
    title: 'Index detail',
    description: 'Mappings (flattened), settings, stats and segments of one index.',
    input: IndexDetailInput,
  })
  async indexDetail(raw: Static<typeof IndexDetailInput>, ctx: ToolContext) {
    const input = withDefaults(IndexDetailInput, raw);
    const conn = this.es.connection(ctx);
    const o = { signal: ctx.signal };
    const detailed = input.outputFormat === 'detailed';
    const out: Record<string, unknown> = { index: input.index };
    if (input.includeMappings) {
      const mappings = await conn.call((c) => c.indices.getMapping({ index: input.index }, o), ctx.signal);
      out.mappings = Object.fromEntries(
        Object.entries(mappings)
          .slice(0, 10)
          .map(([name, m]) => {
            const fields = flattenProperties(m.mappings.properties ?? {});
            return [
              name,
              {
                total_fields: fields.length,
                fields: Object.fromEntries(fields.slice(0, detailed ? 1000 : 200).map((f) => [f.field, f.type])),
              },
            ];
          }),
      );
    }
    if (input.includeSettings) {
      const settings = await conn.call(
        (c) => c.indices.getSettings({ index: input.index, flat_settings: true }, o),
        ctx.signal,
      );
      const keep =
        /number_of_(shards|replicas)|creation_date|uuid|hidden|lifecycle|refresh_interval|max_result_window|routing|codec|blocks|version\.created/;
      out.settings = Object.fromEntries(
        Object.entries(settings)
          .slice(0, 10)
          .map(([name, s]) => [
            name,
            Object.fromEntries(
              Object.entries((s.settings ?? {}) as Record<string, unknown>).filter(([k]) => detailed || keep.test(k)),
            ),
          ]),
      );
    }
    if (input.includeStats) {
      const stats = await conn.call((c) => c.indices.stats({ index: input.index }, o), ctx.signal);
      out.stats = { primaries: statsOf(stats._all.primaries), total: statsOf(stats._all.total) };
    }
    if (input.includeSegments) {
      const seg = await conn.call((c) => c.indices.segments({ index: input.index }, o), ctx.signal);
      out.segments = Object.fromEntries(
        Object.entries(seg.indices)
          .slice(0, 10)
          .map(([name, idx]) => {
            const copies = Object.values(idx.shards).flat();
            const segments = copies.flatMap((c) => Object.values(c.segments ?? {}));
            return [
              name,
              {
                shard_copies: copies.length,
                segments: segments.length,
                docs: segments.reduce((s, x) => s + (x.num_docs ?? 0), 0),
                size: humanBytes(segments.reduce((s, x) => s + (x.size_in_bytes ?? 0), 0)),
              },
            ];
          }),
      );
    }
    return out;
  }

  @Tool({
    name: 'elasticsearch_get_field_caps',
    title: 'Field capabilities',
    description: 'Which fields are searchable and aggregatable across indices, with type conflicts.',
    input: FieldCapsInput,
  })
  async fieldCaps(raw: Static<typeof FieldCapsInput>, ctx: ToolContext) {
    const input = withDefaults(FieldCapsInput, raw, ['limit', 'fields']);
    const res = await this.es
      .connection(ctx)
      .call((c) => c.fieldCaps({ index: input.index, fields: input.fields }, { signal: ctx.signal }), ctx.signal);
    const caps = condenseFieldCaps(res);
    const indices = ([] as string[]).concat(res.indices ?? []);
    return {
      indices: indices.length,
      total_fields: caps.length,
      returned: Math.min(caps.length, input.limit),
      fields: caps.slice(0, input.limit),
    };
  }
}
