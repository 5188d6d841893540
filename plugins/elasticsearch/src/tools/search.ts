// Search toolset (served by default): document search with aggregations and cursors, and counts.
import { ToolGroup, Tool, inject, annotations, type Static, type ToolContext } from '@cnmcp/core';
import { EsBackend } from '../backend.js';
import { buildQuery, guardScripts } from '../guard.js';
import { runSearch } from '../search.js';
import { CountInput, SearchInput } from '../schemas.js';

@ToolGroup({
  name: 'search',
  title: 'Search',
  description: 'Search documents (Lucene or query DSL, time range, aggregations, cursors) and count them.',
  default: true,
  defaults: { annotations: annotations.read },
})
export class SearchTools {
  constructor(@inject(EsBackend) private readonly es: EsBackend) {}

  @Tool({
    name: 'elasticsearch_search',
    title: 'Search documents',
    description:
      'Search an index pattern: Lucene query and/or DSL, time range (from/to on time_field), sort, fields, aggregations. Hits capped; next_cursor pages on.',
    input: SearchInput,
  })
  async search(input: Static<typeof SearchInput>, ctx: ToolContext) {
    return runSearch(this.es.connection(ctx), input, this.es.settings, ctx.resultBudgetBytes, ctx.signal);
  }

  @Tool({
    name: 'elasticsearch_count',
    title: 'Count documents',
    description: 'Count documents matching a query and time range.',
    input: CountInput,
  })
  async count(input: Static<typeof CountInput>, ctx: ToolContext) {
    guardScripts(this.es.settings, { dsl: input.dsl });
    const { query } = buildQuery(input, this.es.settings);
    const res = await this.es
      .connection(ctx)
      .call((c) => c.count({ index: input.index, query }, { signal: ctx.signal }), ctx.signal);
    return {
      index: input.index,
      count: res.count,
      ...(res._shards.failed ? { failed_shards: res._shards.failed } : {}),
    };
  }
}
