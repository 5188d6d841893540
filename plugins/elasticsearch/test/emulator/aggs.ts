// The aggregation subset: bucket (terms, date_histogram, histogram, filter, filters) and metric (avg, sum, min,
// max, stats, value_count, cardinality, percentiles, top_hits) aggregations with nested sub-aggregations.
import { compareTerms, docValues, isDate, type Term } from './analysis.js';
import { formatDate } from './datemath.js';
import { StoreError } from './errors.js';
import type { ResolvedField } from './mapping.js';
import { parsingError, type Doc } from './query.js';

type Q = Record<string, unknown>;
export interface AggContext {
  field(doc: Doc, name: string): ResolvedField;
  matches(doc: Doc, query: unknown): boolean;
  topHits(docs: Doc[], spec: Q): unknown;
}

const BUCKET = new Set(['terms', 'date_histogram', 'histogram', 'filter', 'filters']);
const METRIC = new Set(['avg', 'sum', 'min', 'max', 'stats', 'value_count', 'cardinality', 'percentiles', 'top_hits']);
const CALENDAR: Record<string, string> = {
  minute: 'm',
  '1m': 'm',
  hour: 'h',
  '1h': 'h',
  day: 'd',
  '1d': 'd',
  week: 'w',
  '1w': 'w',
  month: 'M',
  '1M': 'M',
  quarter: 'q',
  '1q': 'q',
  year: 'y',
  '1y': 'y',
};
const FIXED_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function runAggregations(aggs: unknown, docs: Doc[], ctx: AggContext): Record<string, unknown> {
  if (!aggs || typeof aggs !== 'object') throw parsingError('Expected [START_OBJECT] under [aggregations]');
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(aggs as Q)) out[name] = runOne(name, spec as Q, docs, ctx);
  return out;
}

function runOne(name: string, spec: Q, docs: Doc[], ctx: AggContext): unknown {
  const types = Object.keys(spec ?? {}).filter((k) => k !== 'aggs' && k !== 'aggregations' && k !== 'meta');
  if (types.length !== 1)
    throw parsingError(`Expected exactly one aggregation type under [${name}], found [${types.join(', ')}]`);
  const type = types[0]!;
  const body = (spec[type] ?? {}) as Q;
  const sub = (spec.aggs ?? spec.aggregations) as Q | undefined;
  if (!BUCKET.has(type) && !METRIC.has(type)) throw parsingError(`Unknown aggregation type [${type}]`);
  if (sub && METRIC.has(type))
    throw new StoreError(
      'aggregation_initialization_exception',
      `Aggregator [${name}] of type [${type}] cannot accept sub-aggregations`,
      {},
      400,
    );
  const withSub = (bucket: Q, bucketDocs: Doc[]): Q =>
    sub ? { ...bucket, ...runAggregations(sub, bucketDocs, ctx) } : bucket;
  const result = METRIC.has(type) ? metric(type, body, docs, ctx) : bucketAgg(type, name, body, docs, ctx, withSub);
  return spec.meta ? { meta: spec.meta, ...(result as Q) } : result;
}

function values(
  docs: Doc[],
  field: unknown,
  ctx: AggContext,
  aggName: string,
): { all: Term[]; perDoc: Term[][]; date: boolean } {
  if (typeof field !== 'string') throw parsingError(`Required [field] missing for aggregation [${aggName}]`);
  let date = false;
  const perDoc = docs.map((d) => {
    const f = ctx.field(d, field);
    if (f.type === 'text') {
      throw new StoreError(
        'illegal_argument_exception',
        `Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [${field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.`,
      );
    }
    date ||= isDate(f.type);
    return docValues(d._source, f);
  });
  return { all: perDoc.flat(), perDoc, date };
}

function metric(type: string, body: Q, docs: Doc[], ctx: AggContext): Q {
  if (type === 'top_hits') return { hits: ctx.topHits(docs, body) };
  const { all, date } = values(docs, body.field, ctx, type);
  const nums = all.map(Number).filter((n) => !Number.isNaN(n));
  const sum = nums.reduce((a, b) => a + b, 0);
  const asString = (v: number | null): Q => (date && v !== null ? { value_as_string: formatDate(v) } : {});
  switch (type) {
    case 'avg':
      return { value: nums.length ? sum / nums.length : null };
    case 'sum':
      return { value: sum };
    case 'min': {
      const v = nums.length ? Math.min(...nums) : null;
      return { value: v, ...asString(v) };
    }
    case 'max': {
      const v = nums.length ? Math.max(...nums) : null;
      return { value: v, ...asString(v) };
    }
    case 'stats':
      return {
        count: nums.length,
        min: nums.length ? Math.min(...nums) : null,
        max: nums.length ? Math.max(...nums) : null,
        avg: nums.length ? sum / nums.length : null,
        sum,
      };
    case 'value_count':
      return { value: all.length };
    case 'cardinality':
      return { value: new Set(all.map((v) => `${typeof v}:${String(v)}`)).size };
    default: {
      const percents = Array.isArray(body.percents) ? body.percents.map(Number) : [1, 5, 25, 50, 75, 95, 99];
      const sorted = [...nums].sort((a, b) => a - b);
      const at = (p: number) =>
        sorted.length
          ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
          : null;
      return {
        values: Object.fromEntries(percents.map((p) => [Number.isInteger(p) ? p.toFixed(1) : String(p), at(p)])),
      };
    }
  }
}

function bucketAgg(
  type: string,
  name: string,
  body: Q,
  docs: Doc[],
  ctx: AggContext,
  withSub: (b: Q, d: Doc[]) => Q,
): Q {
  if (type === 'filter')
    return withSub(
      { doc_count: docs.filter((d) => ctx.matches(d, body)).length },
      docs.filter((d) => ctx.matches(d, body)),
    );
  if (type === 'filters') {
    const filters = (body.filters ?? {}) as Q;
    const buckets: Q = {};
    for (const [key, q] of Object.entries(filters)) {
      const matched = docs.filter((d) => ctx.matches(d, q));
      buckets[key] = withSub({ doc_count: matched.length }, matched);
    }
    return { buckets };
  }
  const { perDoc, date } = values(docs, body.field, ctx, name);
  const groups = new Map<string, { key: Term; docs: Doc[] }>();
  const keyOf: (v: Term) => Term = type === 'terms' ? (v) => v : intervalKey(type, body, name);
  perDoc.forEach((vals, i) => {
    const seen = new Set<string>();
    for (const v of vals) {
      const key = keyOf(v);
      const id = `${typeof key}:${String(key)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const g = groups.get(id) ?? { key, docs: [] };
      g.docs.push(docs[i]!);
      groups.set(id, g);
    }
  });
  if (type === 'terms') return termsResult(body, [...groups.values()], date, withSub);
  return histogramResult(type, body, [...groups.values()], date, withSub, keyOf as (v: Term) => number);
}

function termsResult(
  body: Q,
  groups: Array<{ key: Term; docs: Doc[] }>,
  date: boolean,
  withSub: (b: Q, d: Doc[]) => Q,
): Q {
  const size = Number(body.size ?? 10);
  const minDocCount = Number(body.min_doc_count ?? 1);
  const order = (Array.isArray(body.order) ? body.order[0] : (body.order ?? { _count: 'desc' })) as Q;
  const [orderKey, dir] = Object.entries(order)[0] ?? ['_count', 'desc'];
  const sign = String(dir) === 'asc' ? 1 : -1;
  let buckets = groups
    .filter((g) => g.docs.length >= minDocCount)
    .map((g) => withSub(bucketKey(g.key, date, g.docs.length), g.docs));
  buckets.sort((a, b) => {
    const va =
      orderKey === '_count'
        ? (a.doc_count as number)
        : orderKey === '_key'
          ? (a.key as Term)
          : ((a[orderKey] as Q)?.value as number);
    const vb =
      orderKey === '_count'
        ? (b.doc_count as number)
        : orderKey === '_key'
          ? (b.key as Term)
          : ((b[orderKey] as Q)?.value as number);
    return sign * compareTerms(va ?? 0, vb ?? 0) || compareTerms(a.key as Term, b.key as Term);
  });
  const total = buckets.reduce((n, b) => n + (b.doc_count as number), 0);
  buckets = buckets.slice(0, size);
  const shown = buckets.reduce((n, b) => n + (b.doc_count as number), 0);
  return { doc_count_error_upper_bound: 0, sum_other_doc_count: total - shown, buckets };
}

function bucketKey(key: Term, date: boolean, count: number): Q {
  if (typeof key === 'boolean') return { key: key ? 1 : 0, key_as_string: String(key), doc_count: count };
  if (date && typeof key === 'number') return { key, key_as_string: formatDate(key), doc_count: count };
  return { key, doc_count: count };
}

function intervalKey(type: string, body: Q, name: string): (v: Term) => number {
  if (type === 'histogram') {
    const interval = Number(body.interval);
    if (!(interval > 0))
      throw new StoreError('illegal_argument_exception', `[interval] must be >0 for histogram aggregation [${name}]`);
    return (v) => Math.floor(Number(v) / interval) * interval;
  }
  const calendar = body.calendar_interval as string | undefined;
  const fixed = (body.fixed_interval ?? body.interval) as string | undefined;
  if (calendar) {
    const unit = CALENDAR[calendar];
    if (!unit)
      throw new StoreError(
        'illegal_argument_exception',
        `The supplied interval [${calendar}] could not be parsed as a calendar interval.`,
      );
    return (v) => calendarFloor(Number(v), unit);
  }
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(String(fixed ?? ''));
  if (!m)
    throw new StoreError('illegal_argument_exception', `Invalid interval specified, must be non-null and non-empty`);
  const ms = Number(m[1]) * FIXED_MS[m[2]!]!;
  return (v) => Math.floor(Number(v) / ms) * ms;
}

function calendarFloor(ms: number, unit: string): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  switch (unit) {
    case 'm':
      return Math.floor(ms / 60_000) * 60_000;
    case 'h':
      return Math.floor(ms / 3_600_000) * 3_600_000;
    case 'd':
      return Math.floor(ms / 86_400_000) * 86_400_000;
    case 'w': {
      const day = Math.floor(ms / 86_400_000) * 86_400_000;
      return day - ((new Date(day).getUTCDay() + 6) % 7) * 86_400_000;
    }
    case 'M':
      return Date.UTC(y, mo, 1);
    case 'q':
      return Date.UTC(y, mo - (mo % 3), 1);
    default:
      return Date.UTC(y, 0, 1);
  }
}

function histogramResult(
  type: string,
  body: Q,
  groups: Array<{ key: Term; docs: Doc[] }>,
  date: boolean,
  withSub: (b: Q, d: Doc[]) => Q,
  keyOf: (v: Term) => number,
): Q {
  const minDocCount = Number(body.min_doc_count ?? 0);
  const byKey = new Map(groups.map((g) => [Number(g.key), g.docs]));
  const keys = [...byKey.keys()].sort((a, b) => a - b);
  const filled: number[] = [];
  if (minDocCount === 0 && keys.length > 1) {
    for (let k = keys[0]!; k <= keys[keys.length - 1]!; k = keyOf(nextProbe(type, body, k))) {
      filled.push(k);
      if (filled.length > 10_000)
        throw new StoreError(
          'too_many_buckets_exception',
          'Trying to create too many buckets. Must be less than or equal to: [65536].',
          { max_buckets: 65536 },
          400,
        );
    }
  }
  const all = filled.length ? filled : keys;
  const isDateHist = type === 'date_histogram' || date;
  const buckets = all
    .map((k) => ({ k, docs: byKey.get(k) ?? [] }))
    .filter((b) => b.docs.length >= minDocCount)
    .map((b) =>
      withSub(
        isDateHist
          ? { key_as_string: formatDate(b.k), key: b.k, doc_count: b.docs.length }
          : { key: b.k, doc_count: b.docs.length },
        b.docs,
      ),
    );
  return { buckets };
}

/** A value inside the next bucket after the one starting at `k`. */
function nextProbe(type: string, body: Q, k: number): number {
  if (type === 'histogram') return k + Number(body.interval);
  const calendar = body.calendar_interval as string | undefined;
  const days: Record<string, number> = { m: 1 / 1440, h: 1 / 24, d: 1, w: 7, M: 31, q: 92, y: 366 };
  if (calendar) return k + Math.round((days[CALENDAR[calendar]!] ?? 1) * 86_400_000);
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(String(body.fixed_interval ?? body.interval));
  return k + Number(m![1]) * FIXED_MS[m![2]!]!;
}
