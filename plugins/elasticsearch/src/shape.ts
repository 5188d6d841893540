// What a search returns to the agent: hits as compact records, aggregations with capped buckets, and the
// whole fitted into the result budget (hits dropped from the end, with a cursor to them, never cut mid-way).
import type { estypes } from '@elastic/elasticsearch';

type Q = Record<string, unknown>;
export const MAX_BUCKETS = 50;
const MAX_STRING = 2000;

function clip(value: unknown): unknown {
  if (typeof value === 'string')
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value;
  if (Array.isArray(value)) return value.map(clip);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Q).map(([k, v]) => [k, clip(v)]));
  return value;
}

export interface CompactHit {
  _index: string;
  _id: string;
  _score?: number;
  source?: unknown;
  fields?: unknown;
}

export function compactHit(hit: estypes.SearchHit<unknown>): CompactHit {
  const out: CompactHit = { _index: hit._index, _id: hit._id ?? '' };
  if (typeof hit._score === 'number') out._score = Math.round(hit._score * 1000) / 1000;
  if (hit._source !== undefined) out.source = clip(hit._source);
  if (hit.fields) out.fields = clip(hit.fields);
  return out;
}

/** Aggregation results without the noise: keys as strings where ES gives one, buckets capped with a total. */
export function compactAggs(aggs: unknown, maxBuckets = MAX_BUCKETS): unknown {
  if (!aggs || typeof aggs !== 'object') return aggs;
  const out: Q = {};
  for (const [name, value] of Object.entries(aggs as Q)) out[name] = compactAgg(value as Q, maxBuckets);
  return out;
}

function compactAgg(agg: Q, maxBuckets: number): unknown {
  if (!agg || typeof agg !== 'object') return agg;
  if (Array.isArray(agg.buckets)) {
    const all = agg.buckets as Q[];
    const buckets = all.slice(0, maxBuckets).map((b) => compactBucket(b, maxBuckets));
    const out: Q = { buckets };
    if (all.length > maxBuckets) out.buckets_omitted = all.length - maxBuckets;
    if (typeof agg.sum_other_doc_count === 'number' && agg.sum_other_doc_count > 0)
      out.other_doc_count = agg.sum_other_doc_count;
    return out;
  }
  if (agg.buckets && typeof agg.buckets === 'object') {
    return {
      buckets: Object.fromEntries(
        Object.entries(agg.buckets as Q).map(([k, b]) => [k, compactBucket(b as Q, maxBuckets)]),
      ),
    };
  }
  if ('value' in agg) return agg.value_as_string ?? agg.value;
  if (agg.hits && typeof agg.hits === 'object') {
    const hits = agg.hits as estypes.SearchHitsMetadata<unknown>;
    return { total: typeof hits.total === 'object' ? hits.total.value : hits.total, hits: hits.hits.map(compactHit) };
  }
  if ('doc_count' in agg) return compactBucket(agg, maxBuckets);
  return agg;
}

function compactBucket(b: Q, maxBuckets: number): Q {
  const out: Q = {};
  if ('key' in b) out.key = b.key_as_string ?? b.key;
  out.doc_count = b.doc_count;
  for (const [k, v] of Object.entries(b)) {
    if (['key', 'key_as_string', 'doc_count'].includes(k)) continue;
    out[k] = v && typeof v === 'object' ? compactAgg(v as Q, maxBuckets) : v;
  }
  return out;
}

export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/**
 * Keeps as many leading items as fit in `budget` bytes once placed in `frame(items)`; returns how many fit.
 * The frame is measured with the kept items so the whole answer stays inside the budget.
 */
export function fitItems<T>(items: T[], budget: number, frame: (kept: T[]) => unknown): number {
  if (jsonBytes(frame(items)) <= budget) return items.length;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (jsonBytes(frame(items.slice(0, mid))) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function totalOf(
  total: estypes.SearchTotalHits | number | undefined,
): { value: number; relation: 'eq' | 'gte' } | undefined {
  if (total === undefined) return undefined;
  return typeof total === 'number'
    ? { value: total, relation: 'eq' }
    : { value: total.value, relation: total.relation };
}
