// Runs a budgeted document search: builds the guarded body, opens/uses a point in time when asked, pages with
// search_after cursors, and fits hits and aggregations into the result budget.
import type { estypes } from '@elastic/elasticsearch';
import type { EsConnection } from './client.js';
import type { ElasticsearchConfig } from './config.js';
import { ElasticsearchErrors } from './errors.js';
import { buildSearch, checkCursor, decodeSearchCursor, encodeSearchCursor, type SearchArgs } from './guard.js';
import { compactAggs, compactHit, fitItems, totalOf, type CompactHit } from './shape.js';

export interface SearchToolArgs extends SearchArgs {
  pit?: boolean;
  cursor?: string;
}

export interface SearchResult {
  index: string;
  total?: { value: number; relation: 'eq' | 'gte' };
  returned: number;
  took_ms?: number;
  hits: CompactHit[];
  aggregations?: unknown;
  next_cursor?: string;
  warnings?: string[];
  truncated?: string;
}

export async function runSearch(
  conn: EsConnection,
  args: SearchToolArgs,
  config: ElasticsearchConfig,
  budget: number,
  signal: AbortSignal,
): Promise<SearchResult> {
  const state = args.cursor ? decodeSearchCursor(args.cursor) : undefined;
  const now = state?.now ?? Date.now();
  const built = buildSearch(args, config, now);
  if (state) checkCursor(state, built.fingerprint);
  const body = built.body;
  let pitId = state?.pit;
  if (args.pit && !pitId) {
    const v = await conn.clusterVersion(signal);
    if (v.major < 7 || (v.major === 7 && v.minor < 10)) {
      throw ElasticsearchErrors.create(
        'ES_ERR_UNSUPPORTED_VERSION',
        `point in time needs Elasticsearch 7.10 or later; the cluster runs ${v.number}`,
        { hint: 'Page without pit: true.' },
      );
    }
    const opened = await conn.call(
      (c) => c.openPointInTime({ index: args.index, keep_alive: config.pitKeepAlive }, { signal }),
      signal,
    );
    pitId = opened.id;
  }
  if (pitId) {
    delete body.index;
    body.pit = { id: pitId, keep_alive: config.pitKeepAlive };
    // The implicit _shard_doc tiebreaker of a PIT replaces _doc.
    body.sort = (body.sort as estypes.SortCombinations[]).filter((s) => s !== '_doc');
  }
  if (state) body.search_after = state.after;
  const res = await conn
    .call((c) => c.search<unknown>(body, { signal }), signal)
    .catch((err: unknown) => {
      if (state?.pit && /search_context_missing|No search context/.test(String((err as Error).message))) {
        throw ElasticsearchErrors.create(
          'ES_ERR_CURSOR_INVALID',
          `the point in time behind this cursor expired (keep_alive ${config.pitKeepAlive})`,
        );
      }
      throw err;
    });
  const hits = res.hits.hits;
  const total = totalOf(res.hits.total);
  const warnings: string[] = [];
  if (res.timed_out)
    warnings.push(`the search timed out after ${config.searchTimeout}: hits and aggregations are partial`);
  if (res.terminated_early)
    warnings.push(
      `each shard stopped after ${config.terminateAfter} documents (terminate_after): totals and aggregations are partial`,
    );
  if (res._shards?.failed) warnings.push(`${res._shards.failed} of ${res._shards.total} shards failed`);
  if ((args.size ?? config.defaultHits) > config.maxHits) warnings.push(`size capped at ${config.maxHits}`);
  let aggregations = res.aggregations ? compactAggs(res.aggregations) : undefined;
  const compact = hits.map(compactHit);
  const frame = (kept: CompactHit[], cursor?: string): SearchResult => ({
    index: args.index,
    ...(total ? { total } : {}),
    returned: kept.length,
    took_ms: res.took,
    hits: kept,
    ...(aggregations !== undefined ? { aggregations } : {}),
    ...(cursor ? { next_cursor: cursor } : {}),
    ...(warnings.length ? { warnings } : {}),
  });
  const cursorAfter = (n: number) => {
    const seenBefore = state?.n ?? 0;
    const sort = hits[n - 1]?.sort;
    return sort
      ? encodeSearchCursor({
          f: built.fingerprint,
          now,
          n: seenBefore + n,
          after: sort,
          ...(pitId ? { pit: pitId } : {}),
        })
      : undefined;
  };
  const placeholder = 'x'.repeat(400);
  let kept = fitItems(compact, budget, (k) => frame(k, placeholder));
  if (kept === 0 && compact.length && aggregations !== undefined) {
    aggregations = compactAggs(res.aggregations, 10);
    kept = fitItems(compact, budget, (k) => frame(k, placeholder));
  }
  const seenBefore = state?.n ?? 0;
  const exhausted = total?.relation === 'eq' && seenBefore + compact.length >= total.value;
  const more = kept < compact.length || (compact.length > 0 && compact.length === body.size && !exhausted);
  const result = frame(compact.slice(0, kept), more ? cursorAfter(kept) : undefined);
  if (kept < compact.length)
    result.truncated = `${compact.length - kept} more hits of this page did not fit the result budget; pass next_cursor, or request fewer fields`;
  if (!more && pitId)
    await conn.call((c) => c.closePointInTime({ id: pitId }, { signal }), signal).catch(() => undefined);
  return result;
}
