// Executes a search body over a set of documents: query, sort, search_after, from/size, _source filtering,
// track_total_hits, terminate_after and aggregations — the response shaped as Elasticsearch sends it.
import type { estypes } from '@elastic/elasticsearch';
import { runAggregations } from './aggs.js';
import { compareTerms, docValues, isDate, type Term } from './analysis.js';
import { StoreError, searchPhaseFailure } from './errors.js';
import { flattenMapping, resolveField, valuesAt, type FieldMapping, type Properties } from './mapping.js';
import { QueryCompiler, type Doc } from './query.js';
import { filterSource, sourceSpec } from './source-filter.js';

type Q = Record<string, unknown>;
export type SearchResponse = estypes.SearchResponse<Record<string, unknown>>;

export interface SearchTarget {
  name: string;
  properties: Properties;
  docs: Doc[];
  maxResultWindow: number;
}
export interface SearchOptions {
  /** Adds the implicit `_shard_doc` tiebreaker point-in-time searches get. */
  pitId?: string;
  now?: number;
}
interface SortKey {
  field: string;
  order: 1 | -1;
  missingFirst: boolean;
  unmappedType?: string;
}
interface Scored {
  doc: Doc;
  score: number;
  ordinal: number;
  sort?: Array<Term | null>;
}

function parseSort(sort: unknown): SortKey[] {
  if (sort === undefined) return [];
  const list = Array.isArray(sort) ? sort : [sort];
  return list.map((entry) => {
    if (typeof entry === 'string') {
      const [field, dir] = entry.split(':');
      return {
        field: field!,
        order: (dir ?? (field === '_score' ? 'desc' : 'asc')) === 'desc' ? -1 : 1,
        missingFirst: false,
      };
    }
    const [field, spec] = Object.entries(entry as Q)[0] ?? [];
    if (!field)
      throw new StoreError(
        'parsing_exception',
        'malformed sort format, within the sort array, an object, or an actual string are allowed',
        { line: 1, col: 1 },
      );
    const opts = typeof spec === 'string' ? { order: spec } : ((spec ?? {}) as Q);
    const order = String(opts.order ?? (field === '_score' ? 'desc' : 'asc')) === 'desc' ? -1 : 1;
    return {
      field,
      order,
      missingFirst: opts.missing === '_first',
      unmappedType: opts.unmapped_type as string | undefined,
    };
  });
}

export class SearchExecutor {
  private readonly flats = new Map<string, Map<string, FieldMapping>>();
  private readonly compilers = new Map<string, QueryCompiler>();

  constructor(private readonly targets: SearchTarget[]) {
    for (const t of targets) {
      const flat = flattenMapping(t.properties);
      this.flats.set(t.name, flat);
      this.compilers.set(t.name, new QueryCompiler(flat));
    }
  }

  private fieldOf = (doc: Doc, name: string) => resolveField(this.flats.get(doc._index)!, name);

  /** Documents matching `query` with their scores, in index order. */
  match(query: unknown): Scored[] {
    const out: Scored[] = [];
    let ordinal = 0;
    for (const t of this.targets) {
      const scorer = this.compilers.get(t.name)!.compile(query);
      for (const doc of t.docs) {
        const score = scorer(doc);
        if (score !== null) out.push({ doc, score, ordinal });
        ordinal++;
      }
    }
    return out;
  }

  count(query: unknown): number {
    return this.match(query).length;
  }

  search(body: Q, opts: SearchOptions = {}): SearchResponse {
    const started = Date.now();
    try {
      return this.run(body, opts, started);
    } catch (err) {
      throw err instanceof StoreError ? searchPhaseFailure(err, this.targets[0]?.name) : err;
    }
  }

  private run(body: Q, opts: SearchOptions, started: number): SearchResponse {
    const size = Number(body.size ?? 10);
    const from = Number(body.from ?? 0);
    const window = Math.min(...this.targets.map((t) => t.maxResultWindow), 10_000);
    if (from + size > window) {
      throw new StoreError(
        'illegal_argument_exception',
        `Result window is too large, from + size must be less than or equal to: [${window}] but was [${from + size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`,
      );
    }
    let matched = this.match(body.query);
    let terminatedEarly: boolean | undefined;
    const terminateAfter = Number(body.terminate_after ?? 0);
    if (terminateAfter > 0) {
      terminatedEarly = matched.length > terminateAfter;
      matched = matched.slice(0, terminateAfter);
    }
    const keys = parseSort(body.sort);
    if (opts.pitId && !keys.some((k) => k.field === '_shard_doc'))
      keys.push({ field: '_shard_doc', order: 1, missingFirst: false });
    this.checkSortable(keys);
    const sorted = this.sortHits(matched, keys.length ? keys : [{ field: '_score', order: -1, missingFirst: false }]);
    let page = sorted;
    if (Array.isArray(body.search_after)) {
      if (body.search_after.length !== keys.length) {
        throw new StoreError(
          'illegal_argument_exception',
          `search_after has ${body.search_after.length} value(s) but sort has ${keys.length}.`,
        );
      }
      const after = body.search_after as Term[];
      page = sorted.filter((h) => this.compareSortValues(h.sort!, after, keys) > 0);
    }
    const hits = page.slice(from, from + size);
    const scoreSorted = keys.length === 0 || keys[0]!.field === '_score';
    const track = body.track_total_hits ?? 10_000;
    const total = matched.length;
    const response: SearchResponse = {
      took: Date.now() - started,
      timed_out: false,
      _shards: { total: this.targets.length, successful: this.targets.length, skipped: 0, failed: 0 },
      hits: {
        max_score: scoreSorted && matched.length ? Math.max(...matched.map((m) => m.score)) : null,
        hits: hits.map((h) => this.hit(h, body, keys.length > 0, scoreSorted)),
      },
    };
    if (track !== false) {
      const cap = track === true ? Infinity : Number(track);
      response.hits.total = total > cap ? { value: cap, relation: 'gte' } : { value: total, relation: 'eq' };
    }
    if (terminatedEarly !== undefined) response.terminated_early = terminatedEarly;
    if (opts.pitId) response.pit_id = opts.pitId;
    const aggs = body.aggs ?? body.aggregations;
    if (aggs) {
      response.aggregations = runAggregations(
        aggs,
        matched.map((m) => m.doc),
        {
          field: this.fieldOf,
          matches: (doc, q) => this.compilers.get(doc._index)!.compile(q)(doc) !== null,
          topHits: (docs, spec) => this.topHits(docs, spec),
        },
      ) as SearchResponse['aggregations'];
    }
    return response;
  }

  private checkSortable(keys: SortKey[]): void {
    for (const k of keys) {
      if (k.field === '_score' || k.field === '_doc' || k.field === '_shard_doc') continue;
      const types = this.targets.map((t) => resolveField(this.flats.get(t.name)!, k.field).type);
      if (types.includes('text')) {
        throw new StoreError(
          'illegal_argument_exception',
          `Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [${k.field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.`,
        );
      }
      if (this.targets.length && !k.unmappedType && types.every((t) => t === undefined)) {
        throw new StoreError('query_shard_exception', `No mapping found for [${k.field}] in order to sort on`, {
          index: this.targets[0]!.name,
        });
      }
    }
  }

  private sortValue(h: Scored, k: SortKey): Term | null {
    if (k.field === '_score') return h.score;
    if (k.field === '_doc' || k.field === '_shard_doc') return h.ordinal;
    const values = docValues(h.doc._source, this.fieldOf(h.doc, k.field));
    if (!values.length) return null;
    return values.reduce((a, b) => (k.order * compareTerms(b, a) < 0 ? b : a));
  }

  private compareSortValues(a: Array<Term | null>, b: Array<Term | null>, keys: SortKey[]): number {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const x = a[i] ?? null;
      const y = b[i] ?? null;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === k.missingFirst ? -1 : 1;
      }
      const c = k.order * compareTerms(x, typeof x === 'number' && typeof y === 'string' ? Number(y) : y);
      if (c !== 0) return c;
    }
    return 0;
  }

  private sortHits(hits: Scored[], keys: SortKey[]): Scored[] {
    for (const h of hits) h.sort = keys.map((k) => this.sortValue(h, k));
    return [...hits].sort((a, b) => this.compareSortValues(a.sort!, b.sort!, keys) || a.ordinal - b.ordinal);
  }

  private hit(h: Scored, body: Q, withSort: boolean, scoreSorted: boolean): estypes.SearchHit<Record<string, unknown>> {
    const hit: estypes.SearchHit<Record<string, unknown>> = {
      _index: h.doc._index,
      _id: h.doc._id,
      _score: scoreSorted ? h.score : null,
    };
    const spec = sourceSpec(body._source);
    if (spec) hit._source = filterSource(h.doc._source, spec.includes, spec.excludes);
    if (Array.isArray(body.fields)) hit.fields = this.fields(h.doc, body.fields);
    if (withSort) hit.sort = h.sort!.map((v) => (typeof v === 'boolean' ? Number(v) : v));
    return hit;
  }

  /** The `fields` option: values per requested field (wildcards allowed), dates as ISO strings. */
  private fields(doc: Doc, requested: unknown[]): Record<string, unknown[]> {
    const flat = this.flats.get(doc._index)!;
    const out: Record<string, unknown[]> = {};
    for (const r of requested) {
      const pattern = typeof r === 'string' ? r : String((r as Q).field);
      const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      for (const [name, m] of flat) {
        if (!re.test(name) || m.type === 'object') continue;
        const f = resolveField(flat, name);
        const values = valuesAt(doc._source, f.path).filter((v) => typeof v !== 'object');
        if (values.length) out[name] = isDate(f.type) ? values : values;
      }
    }
    return out;
  }

  private topHits(docs: Doc[], spec: Q): estypes.SearchHitsMetadata<Record<string, unknown>> {
    const inner = new SearchExecutor(
      this.targets.map((t) => ({ ...t, docs: docs.filter((d) => d._index === t.name) })),
    );
    const res = inner.run(
      { size: spec.size ?? 3, sort: spec.sort, _source: spec._source, track_total_hits: true },
      {},
      Date.now(),
    );
    return res.hits;
  }
}
