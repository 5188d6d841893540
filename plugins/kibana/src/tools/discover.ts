// Toolset kibana/discover: Discover-style log search. The data view (index pattern, time field, hidden
// fields) is resolved through Kibana; the query runs on Elasticsearch through the Elasticsearch plugin's
// search tool (ctx.callTool), so Kibana's view of the data and the cluster's answer compose.
import { annotations, inject, isCnmcpError, Tool, ToolGroup, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { KibanaClient } from '../client.js';
import type { KibanaConfig } from '../config.js';
import { looksLikeIndexPattern, matchDataView } from '../data-views.js';
import { KibanaErrors } from '../errors.js';
import { QueryLogsInput } from '../schemas.js';
import { withKibana } from './common.js';

export interface ResolvedView {
  id?: string;
  name?: string;
  title: string;
  timeFieldName?: string;
  excludes: string[];
}

/** The data view a search runs on: the one named (ID, name or title), else the space's default. */
export async function resolveDataView(k: KibanaClient, wanted: string | undefined): Promise<ResolvedView> {
  const views = await k.dataViews();
  let id: string | undefined;
  if (!wanted) {
    id = (await k.defaultDataView().catch(() => '')) || (views.length === 1 ? views[0].id : undefined);
    if (!id)
      throw KibanaErrors.create(
        'KIBANA_ERR_DATA_VIEW_NOT_FOUND',
        `no indexPattern given and the space '${k.space}' has no default data view (${views.length} data views)`,
      );
  } else {
    const match = matchDataView(views, wanted);
    if ('ambiguous' in match)
      throw KibanaErrors.create(
        'KIBANA_ERR_DATA_VIEW_AMBIGUOUS',
        `'${wanted}' matches ${match.ambiguous.length} data views: ${match.ambiguous.map((v) => `${v.id} (${v.name ?? v.title})`).join(', ')}`,
      );
    if ('none' in match) {
      if (looksLikeIndexPattern(wanted)) return { title: wanted, excludes: [] };
      throw KibanaErrors.create(
        'KIBANA_ERR_DATA_VIEW_NOT_FOUND',
        `no data view is named '${wanted}' in space '${k.space}'`,
      );
    }
    id = match.view.id;
  }
  const spec = await k.dataView(id);
  return {
    id: spec.id,
    name: spec.name ?? spec.title,
    title: spec.title,
    timeFieldName: spec.timeFieldName || undefined,
    excludes: (spec.sourceFilters ?? []).map((f) => f.value).filter(Boolean),
  };
}

type Hit = { _index?: string; _id?: string; _source?: Record<string, unknown>; [key: string]: unknown };

/** Reads hits and the total from the search tool's answer (a summary or a raw search response). */
export function readHits(result: unknown): { total?: number; hits: Hit[]; rest: Record<string, unknown> } {
  const r = (result ?? {}) as Record<string, unknown>;
  const nested = r.hits && !Array.isArray(r.hits) ? (r.hits as Record<string, unknown>) : undefined;
  const hits = (Array.isArray(r.hits) ? r.hits : Array.isArray(nested?.hits) ? nested.hits : []) as Hit[];
  const totalValue = r.total ?? nested?.total;
  const total = typeof totalValue === 'number' ? totalValue : (totalValue as { value?: number } | undefined)?.value;
  const { hits: _hits, total: _total, ...rest } = r;
  return { total, hits, rest };
}

@ToolGroup({
  name: 'discover',
  title: 'Discover search',
  description: 'Search logs through a Kibana data view (its index pattern and time field), run on Elasticsearch.',
  default: true,
  defaults: { annotations: annotations.read },
})
export class DiscoverTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  @Tool({
    name: 'kibana_query_logs',
    title: 'Search logs (Discover)',
    description:
      'Lucene search over a data view in a time range, newest first. Needs the Elasticsearch plugin configured for the same cluster.',
    input: QueryLogsInput,
  })
  async queryLogs(input: Static<typeof QueryLogsInput>, ctx: ToolContext) {
    const view = await withKibana(
      this.config,
      ctx,
      input.space,
      `data view '${input.indexPattern ?? '(default)'}'`,
      (k) => resolveDataView(k, input.indexPattern),
    );
    const sortField = input.sortBy ?? view.timeFieldName;
    const args: Record<string, unknown> = {
      index: view.title,
      query: input.query ?? '*',
      size: input.size ?? 20,
      ...(sortField ? { sort: `${sortField}:${input.sortOrder ?? 'desc'}` } : {}),
      ...(input.fields?.length ? { fields: input.fields } : {}),
      ...(input.cursor ? { cursor: input.cursor } : {}),
      ...(view.excludes.length ? { exclude_fields: view.excludes } : {}),
      ...(view.timeFieldName
        ? { time_field: view.timeFieldName, from: input.from ?? 'now-24h', to: input.to ?? 'now' }
        : {}),
    };
    let result: unknown;
    try {
      result = await ctx.callTool(this.config.searchTool, args);
    } catch (err) {
      if (isCnmcpError(err) && /TOOL_NOT_FOUND|BACKEND_NOT_CONFIGURED|TOOL_DISABLED/.test(err.code))
        throw KibanaErrors.create(
          'KIBANA_ERR_SEARCH_UNAVAILABLE',
          `${this.config.searchTool} cannot run: ${err.message}`,
        );
      throw err;
    }
    const { total, hits, rest } = readHits(result);
    delete rest.index;
    return {
      data_view: {
        id: view.id ?? null,
        name: view.name ?? view.title,
        index_pattern: view.title,
        time_field: view.timeFieldName ?? null,
      },
      ...(view.timeFieldName
        ? { time_range: { from: args.from, to: args.to } }
        : { note: 'no data view with a time field: searched all time' }),
      query: args.query,
      total: total ?? hits.length,
      returned: hits.length,
      hits,
      ...rest,
    };
  }
}
