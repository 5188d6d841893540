// Document endpoints: `_doc`, `_create`, `_update`, `_source`, `_bulk` (NDJSON), `_search`, `_count`, `_pit`.
import type { estypes } from '@elastic/elasticsearch';
import type { Cluster } from './cluster.js';
import { StoreError, indexNotFound } from './errors.js';
import { flag, type EsReply, type EsRequest, type Router } from './http.js';

type Q = Record<string, unknown>;
const SEARCH_KEYS = new Set([
  'query',
  'aggs',
  'aggregations',
  'size',
  'from',
  'sort',
  'search_after',
  '_source',
  'track_total_hits',
  'pit',
  'timeout',
  'terminate_after',
  'fields',
  'docvalue_fields',
  'stored_fields',
  'highlight',
  'runtime_mappings',
  'track_scores',
  'version',
  'seq_no_primary_term',
  'min_score',
  'post_filter',
  'collapse',
  'explain',
  'script_fields',
  'indices_boost',
  'profile',
  'stats',
  'ext',
  'knn',
  'rank',
  'retriever',
  'suggest',
  'rescore',
  'slice',
]);

function shards(): estypes.ShardStatistics {
  return { total: 2, successful: 1, failed: 0 };
}

/** The search body with query-string parameters (`q`, `size`, `sort`, `_source`…) folded in. */
function searchBody(req: EsRequest): Q {
  const body: Q = { ...(req.body ?? {}) };
  for (const key of Object.keys(body)) {
    if (!SEARCH_KEYS.has(key))
      throw new StoreError(
        'parsing_exception',
        `Unknown key for a ${typeof body[key] === 'object' ? 'START_OBJECT' : 'VALUE_STRING'} in [${key}].`,
        { line: 1, col: 1 },
      );
  }
  const q = req.query;
  if (q.q) body.query = { query_string: { query: q.q, default_operator: q.default_operator, default_field: q.df } };
  for (const key of ['size', 'from', 'terminate_after'] as const) if (q[key] !== undefined) body[key] = Number(q[key]);
  if (q.sort) body.sort = q.sort.split(',');
  if (q.track_total_hits !== undefined)
    body.track_total_hits =
      q.track_total_hits === 'true' ? true : q.track_total_hits === 'false' ? false : Number(q.track_total_hits);
  if (q._source !== undefined)
    body._source = q._source === 'true' ? true : q._source === 'false' ? false : q._source.split(',');
  if (q._source_includes || q._source_excludes)
    body._source = { includes: q._source_includes?.split(',') ?? [], excludes: q._source_excludes?.split(',') ?? [] };
  if (q.timeout) body.timeout = q.timeout;
  return body;
}

function parseKeepAlive(value: string | undefined): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(value ?? '');
  if (!m)
    throw new StoreError('action_request_validation_exception', 'Validation Failed: 1: [keep_alive] is not specified;');
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms']!;
}

export function docRoutes(router: Router, cluster: Cluster): void {
  const store = cluster.store;
  const write = (req: EsRequest, id: string | undefined, opType: 'create' | 'index'): EsReply => {
    const index = req.params.index!;
    const r = store.index(index, req.body ?? {}, id, { opType: req.query.op_type === 'create' ? 'create' : opType });
    cluster.counters.indexed++;
    const body: estypes.WriteResponseBase = {
      _index: index,
      _id: r._id,
      _version: r._version,
      result: r.result,
      _shards: shards(),
      _seq_no: r._seq_no,
      _primary_term: r._primary_term,
    };
    return { status: r.result === 'created' ? 201 : 200, body };
  };
  const search = (req: EsRequest): EsReply => {
    const started = Date.now();
    const body = store.search(req.params.index ?? '', searchBody(req), {
      ignoreUnavailable: flag(req.query, 'ignore_unavailable'),
    });
    cluster.counters.searches++;
    cluster.counters.searchMillis += Date.now() - started;
    return { body };
  };
  const count = (req: EsRequest): EsReply => {
    const q = req.query.q ? { query_string: { query: req.query.q } } : (req.body?.query as Q | undefined);
    const n = store.count(req.params.index ?? '', q, { ignoreUnavailable: flag(req.query, 'ignore_unavailable') });
    const body: estypes.CountResponse = { count: n, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } };
    return { body };
  };

  router.add(['GET', 'POST'], '/_search', search);
  router.add(['GET', 'POST'], '/:index/_search', search);
  router.add(['GET', 'POST'], '/_count', count);
  router.add(['GET', 'POST'], '/:index/_count', count);
  router.add('POST', '/:index/_pit', (req): EsReply => {
    const id = store.openPointInTime(req.params.index!, parseKeepAlive(req.query.keep_alive), {
      ignoreUnavailable: flag(req.query, 'ignore_unavailable'),
    });
    const body: estypes.OpenPointInTimeResponse = { id, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } };
    return { body };
  });
  router.add('DELETE', '/_pit', (req): EsReply => {
    const freed = store.closePointInTime(String(req.body?.id ?? ''));
    const body: estypes.ClosePointInTimeResponse = { succeeded: true, num_freed: freed ? 1 : 0 };
    return { status: freed ? 200 : 404, body };
  });
  router.add(['POST', 'PUT'], '/_bulk', (req) => bulk(cluster, req));
  router.add(['POST', 'PUT'], '/:index/_bulk', (req) => bulk(cluster, req));
  router.add('POST', '/:index/_doc', (req) => write(req, undefined, 'index'));
  router.add(['PUT', 'POST'], '/:index/_doc/:id', (req) => write(req, req.params.id, 'index'));
  router.add(['PUT', 'POST'], '/:index/_create/:id', (req) => write(req, req.params.id, 'create'));
  router.add('GET', '/:index/_doc/:id', (req): EsReply => {
    if (!store.hasIndex(req.params.index!)) throw indexNotFound(req.params.index!);
    const doc = store.get(req.params.index!, req.params.id!);
    const base = { _index: req.params.index!, _id: req.params.id! };
    if (!doc) return { status: 404, body: { ...base, found: false } };
    const body: estypes.GetResponse<Q> = {
      ...base,
      _version: doc._version,
      _seq_no: doc._seq_no,
      _primary_term: doc._primary_term,
      found: true,
      _source: doc._source,
    };
    return { body };
  });
  router.add('GET', '/:index/_source/:id', (req): EsReply => {
    if (!store.hasIndex(req.params.index!)) throw indexNotFound(req.params.index!);
    const doc = store.get(req.params.index!, req.params.id!);
    if (!doc)
      throw new StoreError(
        'resource_not_found_exception',
        `Document not found [${req.params.index}]/[${req.params.id}]`,
      );
    return { body: doc._source };
  });
  router.add('DELETE', '/:index/_doc/:id', (req): EsReply => {
    if (!store.hasIndex(req.params.index!)) throw indexNotFound(req.params.index!);
    const existed = store.delete(req.params.index!, req.params.id!);
    if (existed) cluster.counters.deleted++;
    const body = {
      _index: req.params.index!,
      _id: req.params.id!,
      _version: 1,
      result: existed ? 'deleted' : 'not_found',
      _shards: shards(),
      _seq_no: 0,
      _primary_term: 1,
    };
    return { status: existed ? 200 : 404, body };
  });
  router.add('POST', '/:index/_update/:id', (req): EsReply => {
    const { index, id } = req.params as { index: string; id: string };
    const b = req.body ?? {};
    if (b.script)
      throw new StoreError('illegal_argument_exception', 'scripted updates are not supported by this emulator');
    const r = store.update(index, id, (b.doc ?? {}) as Q);
    if (!r) {
      if (b.doc_as_upsert || b.upsert) return write({ ...req, body: (b.upsert ?? b.doc) as Q }, id, 'create');
      throw new StoreError('document_missing_exception', `[${id}]: document missing`, {
        index_uuid: store.hasIndex(index) ? store.indexState(index).uuid : '_na_',
        shard: '0',
        index,
      });
    }
    return {
      body: {
        _index: index,
        _id: id,
        _version: r._version,
        result: r.result,
        _shards: shards(),
        _seq_no: r._seq_no,
        _primary_term: 1,
      },
    };
  });
}

function bulk(cluster: Cluster, req: EsRequest): EsReply {
  const started = Date.now();
  const lines = req.text.split('\n').filter((l) => l.trim());
  const items: estypes.BulkResponse['items'] = [];
  const parse = (line: string, n: number): Q => {
    try {
      return JSON.parse(line) as Q;
    } catch {
      throw new StoreError(
        'x_content_parse_exception',
        `[${n + 1}:1] Malformed action/metadata line [${n + 1}], expected START_OBJECT`,
        { line: n + 1, col: 1 },
      );
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const action = parse(lines[i]!, i);
    const op = Object.keys(action)[0] as 'index' | 'create' | 'update' | 'delete';
    if (!['index', 'create', 'update', 'delete'].includes(op))
      throw new StoreError(
        'illegal_argument_exception',
        `Malformed action/metadata line [${i + 1}], expected one of [create, delete, index, update] but found [${op}]`,
      );
    const meta = (action[op] ?? {}) as { _index?: string; _id?: string };
    const index = meta._index ?? req.params.index;
    if (!index) throw new StoreError('action_request_validation_exception', 'Validation Failed: 1: index is missing;');
    const source = op === 'delete' ? undefined : parse(lines[++i] ?? '{}', i);
    try {
      items.push({ [op]: runBulkItem(cluster, op, index, meta._id, source) });
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      items.push({
        [op]: {
          _index: index,
          _id: meta._id ?? null,
          status: err.status,
          error: { type: err.type, reason: err.reason, ...err.extra },
        },
      });
    }
  }
  const body: estypes.BulkResponse = {
    errors: items.some((it) => Object.values(it)[0]?.error),
    took: Date.now() - started,
    items,
  };
  return { body };
}

function runBulkItem(
  cluster: Cluster,
  op: string,
  index: string,
  id: string | undefined,
  source: Q | undefined,
): estypes.BulkResponseItem {
  const store = cluster.store;
  if (op === 'delete') {
    const existed = store.hasIndex(index) && store.delete(index, id ?? '');
    return {
      _index: index,
      _id: id ?? null,
      _version: 1,
      result: existed ? 'deleted' : 'not_found',
      _shards: shards(),
      _seq_no: 0,
      _primary_term: 1,
      status: existed ? 200 : 404,
    };
  }
  if (op === 'update') {
    const r = store.hasIndex(index) ? store.update(index, id ?? '', (source?.doc ?? {}) as Q) : undefined;
    if (!r)
      throw new StoreError(
        'document_missing_exception',
        `[${id}]: document missing`,
        { index_uuid: '_na_', shard: '0', index },
        404,
      );
    return {
      _index: index,
      _id: id ?? null,
      _version: r._version,
      result: r.result,
      _shards: shards(),
      _seq_no: r._seq_no,
      _primary_term: 1,
      status: 200,
    };
  }
  const r = store.index(index, source ?? {}, id, { opType: op === 'create' ? 'create' : 'index' });
  cluster.counters.indexed++;
  return {
    _index: index,
    _id: r._id,
    _version: r._version,
    result: r.result,
    _shards: shards(),
    _seq_no: r._seq_no,
    _primary_term: 1,
    status: r.result === 'created' ? 201 : 200,
  };
}
