// Mappings toolset: field names and types (mappings, field capabilities) and the _cat views.
import { ToolGroup, Tool, inject, annotations, type Static, type ToolContext } from '@cnmcp/core';
import { EsBackend } from '../backend.js';
import { withDefaults } from '../defaults.js';
import { condenseFieldCaps, flattenProperties, wildcardMatcher } from '../mappings.js';
import { CatInput, FieldCapsInput, MappingsInput } from '../schemas.js';

@ToolGroup({
  name: 'mappings',
  title: 'Mappings and _cat',
  description: 'Field names and types of indices (mappings, field caps) and the _cat views as JSON.',
  default: true,
  defaults: { annotations: annotations.read, cacheTtl: 30 },
})
export class MappingTools {
  constructor(@inject(EsBackend) private readonly es: EsBackend) {}

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
