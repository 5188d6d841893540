// Builds the search body a tool sends, with the cost guard: scripts refused unless allowed, aggregations
// without a time range refused unless allowed, hits capped, and `timeout` / `terminate_after` always sent.
import { createHash } from 'node:crypto';
import type { estypes } from '@elastic/elasticsearch';
import { coreError, parseTime } from '@cnmcp/core';
import type { ElasticsearchConfig } from './config.js';
import { ElasticsearchErrors } from './errors.js';

type Q = Record<string, unknown>;
export interface SearchArgs {
  index: string;
  query?: string;
  dsl?: Q;
  from?: string | number;
  to?: string | number;
  time_field?: string;
  size?: number;
  sort?: string | Q[];
  fields?: string[];
  exclude_fields?: string[];
  aggs?: Q;
  track_total_hits?: boolean | number;
  allow_unbounded?: boolean;
}
export interface BuiltSearch {
  body: estypes.SearchRequest;
  /** Hash of what defines the result set, so a cursor cannot be replayed against another query. */
  fingerprint: string;
  sortGiven: boolean;
}

const SCRIPT_KEYS = new Set([
  'script',
  'script_score',
  'scripted_metric',
  'bucket_script',
  'bucket_selector',
  'script_fields',
  'runtime_mappings',
]);

/** The first script-bearing key anywhere in a value, with its path. */
export function findScript(value: unknown, path = ''): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value as Q)) {
    const here = path ? `${path}.${k}` : k;
    if (SCRIPT_KEYS.has(k)) return here;
    const deeper = findScript(v, here);
    if (deeper) return deeper;
  }
  return undefined;
}

function hasRange(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  return Object.entries(value as Q).some(([k, v]) => k === 'range' || hasRange(v));
}

/** `"a:desc,b"` or the DSL list → the DSL list. */
export function parseSort(sort: string | Q[] | undefined, timeField?: string): estypes.SortCombinations[] | undefined {
  if (sort === undefined || sort === '') return undefined;
  if (Array.isArray(sort)) return sort as estypes.SortCombinations[];
  return sort.split(',').map((part) => {
    const [field, order] = part.trim().split(':');
    if (!field)
      throw coreError('CNMCP_ERR_TOOL_INPUT_INVALID', `sort: empty field in ${JSON.stringify(sort)}`, {
        hint: 'Write "field:desc,other:asc".',
      });
    if (order && order !== 'asc' && order !== 'desc') {
      throw coreError('CNMCP_ERR_TOOL_INPUT_INVALID', `sort: order "${order}" of ${field} is neither asc nor desc`, {
        hint: 'Write "field:desc,other:asc".',
      });
    }
    // Indices of a pattern that lack the time field would otherwise fail the sort ("No mapping found").
    if (field === timeField) return { [field]: { order: order ?? 'asc', unmapped_type: 'date' } };
    return order ? { [field]: { order } } : field;
  }) as estypes.SortCombinations[];
}

/** The query part: query_string AND dsl AND the time range, as one bool filter. */
export function buildQuery(
  args: Pick<SearchArgs, 'query' | 'dsl' | 'from' | 'to' | 'time_field'>,
  config: ElasticsearchConfig,
  now = Date.now(),
): { query: estypes.QueryDslQueryContainer; bounded: boolean } {
  const must: Q[] = [];
  const filter: Q[] = [];
  if (args.query && args.query.trim() && args.query.trim() !== '*')
    must.push({ query_string: { query: args.query, default_operator: 'AND' } });
  if (args.dsl && Object.keys(args.dsl).length) filter.push(args.dsl);
  const timeField = args.time_field ?? config.defaultTimeField;
  if (args.from !== undefined || args.to !== undefined) {
    const range: Q = { format: 'epoch_millis' };
    if (args.from !== undefined) range.gte = parseTime(args.from, { name: 'from', now });
    if (args.to !== undefined) range.lte = parseTime(args.to, { name: 'to', now, roundUp: true });
    if (range.gte !== undefined && range.lte !== undefined && (range.gte as number) > (range.lte as number)) {
      throw coreError(
        'CNMCP_ERR_TOOL_INPUT_INVALID',
        `from (${new Date(range.gte as number).toISOString()}) is after to (${new Date(range.lte as number).toISOString()})`,
        { hint: 'Swap from and to.' },
      );
    }
    filter.push({ range: { [timeField]: range } });
  }
  const bounded = args.from !== undefined || args.to !== undefined || hasRange(args.dsl);
  const query =
    must.length + filter.length === 0
      ? { match_all: {} }
      : { bool: { ...(must.length ? { must } : {}), ...(filter.length ? { filter } : {}) } };
  return { query: query as estypes.QueryDslQueryContainer, bounded };
}

export function guardScripts(config: ElasticsearchConfig, parts: Record<string, unknown>): void {
  if (config.allowScripts) return;
  for (const [name, value] of Object.entries(parts)) {
    const at = findScript(value);
    if (at)
      throw ElasticsearchErrors.create(
        'ES_ERR_SCRIPTS_DISABLED',
        `${name} uses a script at ${at}; scripts are disabled`,
      );
  }
}

export function buildSearch(args: SearchArgs, config: ElasticsearchConfig, now = Date.now()): BuiltSearch {
  guardScripts(config, { dsl: args.dsl, aggs: args.aggs, sort: args.sort });
  const { query, bounded } = buildQuery(args, config, now);
  if (args.aggs && !bounded && config.requireTimeRange && !args.allow_unbounded) {
    throw ElasticsearchErrors.create(
      'ES_ERR_UNBOUNDED_QUERY',
      `aggregations over ${args.index} need a time range: give from/to or a range filter in dsl`,
    );
  }
  const size = Math.min(args.size ?? config.defaultHits, config.maxHits);
  const timeField = args.time_field ?? config.defaultTimeField;
  const userSort = parseSort(args.sort, timeField);
  // A deterministic order makes search_after cursors work: the user's sort, else newest first when a time
  // range is given, else relevance; `_doc` breaks ties.
  const sort: estypes.SortCombinations[] =
    userSort ??
    (args.from !== undefined || args.to !== undefined
      ? [{ [timeField]: { order: 'desc', unmapped_type: 'date' } }]
      : ['_score']);
  const body: estypes.SearchRequest = {
    index: args.index,
    query,
    size,
    sort: [...sort, '_doc'] as estypes.SortCombinations[],
    track_total_hits: args.track_total_hits ?? true,
    timeout: config.searchTimeout,
  };
  if (config.terminateAfter > 0) body.terminate_after = config.terminateAfter;
  if (args.fields?.length || args.exclude_fields?.length)
    body._source = { includes: args.fields ?? [], excludes: args.exclude_fields ?? [] };
  if (args.aggs) body.aggs = args.aggs as Record<string, estypes.AggregationsAggregationContainer>;
  const raw = [
    args.index,
    args.query,
    args.dsl,
    args.from,
    args.to,
    timeField,
    args.sort,
    args.aggs,
    args.fields,
    args.exclude_fields,
  ];
  const fingerprint = createHash('sha256').update(JSON.stringify(raw)).digest('base64url').slice(0, 12);
  return { body, fingerprint, sortGiven: userSort !== undefined };
}

/** What a search cursor carries: the search it belongs to, the time `now` meant, where to go on, the PIT. */
export interface CursorState {
  v: 1;
  f: string;
  now: number;
  /** Hits returned before this page. */
  n?: number;
  after: estypes.SortResults;
  pit?: string;
}

export function encodeSearchCursor(state: Omit<CursorState, 'v'>): string {
  return Buffer.from(JSON.stringify({ v: 1, ...state })).toString('base64url');
}

export function decodeSearchCursor(cursor: string): CursorState {
  let state: CursorState | undefined;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
  } catch {
    state = undefined;
  }
  if (!state || state.v !== 1 || !Array.isArray(state.after) || typeof state.now !== 'number') {
    throw ElasticsearchErrors.create(
      'ES_ERR_CURSOR_INVALID',
      `cursor ${JSON.stringify(cursor.slice(0, 24))} is not a search cursor`,
    );
  }
  return state;
}

export function checkCursor(state: CursorState, fingerprint: string): void {
  if (state.f !== fingerprint) {
    throw ElasticsearchErrors.create(
      'ES_ERR_CURSOR_INVALID',
      'the cursor belongs to a different search (index, query, sort or aggregations changed)',
      {
        hint: 'Repeat the same arguments with next_cursor, or start again without cursor.',
      },
    );
  }
}
