// Units: the shared document store — indices, documents, resolution, query DSL, aggregations, paging.
import t from 'tap';
import { DocumentStore, StoreError } from '../../dist/src/testing.js';

const HOUR = 3_600_000;
const BASE = Date.UTC(2026, 0, 1);

function seeded(): DocumentStore {
  const s = new DocumentStore();
  const services = ['api', 'web', 'api', 'db', 'api', 'web'];
  services.forEach((service, i) => {
    s.index(
      'logs-app',
      {
        '@timestamp': new Date(BASE + i * HOUR).toISOString(),
        service,
        level: i % 3 === 0 ? 'error' : 'info',
        message: `request ${i} from ${service} took long`,
        latency_ms: (i + 1) * 10,
        http: { status: i % 2 ? 200 : 500 },
      },
      `d${i}`,
    );
  });
  s.index(
    'logs-other',
    { '@timestamp': new Date(BASE).toISOString(), service: 'batch', message: 'nightly batch done' },
    'o1',
  );
  s.createIndex('.kibana', { aliases: ['.kibana_current'] });
  return s;
}

t.test('indices, aliases and resolution', async (t) => {
  const s = seeded();
  t.same(s.resolve('logs-*'), ['logs-app', 'logs-other']);
  t.same(s.resolve('*'), ['logs-app', 'logs-other'], 'dot indices are hidden from wildcards');
  t.same(s.resolve('.kib*'), ['.kibana']);
  t.same(s.resolve('.kibana_current'), ['.kibana']);
  t.same(s.resolve('logs-*,-logs-other'), ['logs-app']);
  t.throws(() => s.resolve('nope'), { type: 'index_not_found_exception', status: 404 });
  t.same(s.resolve('nope,logs-app', { ignoreUnavailable: true }), ['logs-app']);
  t.throws(() => s.createIndex('logs-app'), { type: 'resource_already_exists_exception' });
  t.throws(() => s.createIndex('Bad'), { type: 'invalid_index_name_exception' });
  const props = (s.mapping('logs-app').mappings.properties ?? {}) as Record<string, { type?: string }>;
  t.equal(props['@timestamp']?.type, 'date');
  t.equal(props.service?.type, 'text');
  t.equal(props.latency_ms?.type, 'long');
});

t.test('documents: versions, create conflicts, deep-merge updates, deletes', async (t) => {
  const s = seeded();
  const r = s.index('logs-app', { service: 'x' }, 'd0');
  t.equal(r.result, 'updated');
  t.equal(r._version, 2);
  t.throws(() => s.index('logs-app', {}, 'd0', { opType: 'create' }), { status: 409 });
  t.ok(new StoreError('index_not_found_exception', 'x').status === 404);
  s.index('k', { a: { b: 1, c: 2 } }, 'x');
  t.equal(s.update('k', 'x', { a: { c: 3 } })?._version, 2);
  t.same(s.get('k', 'x')?._source, { a: { b: 1, c: 3 } });
  t.equal(s.update('k', 'missing', {}), undefined);
  t.ok(s.delete('k', 'x'));
  t.notOk(s.delete('k', 'x'));
  t.equal(s.docs('k').length, 0);
});

t.test('queries', async (t) => {
  const s = seeded();
  const ids = (body: Record<string, unknown>, pattern = 'logs-*') =>
    s
      .search(pattern, { size: 100, ...body })
      .hits.hits.map((h) => h._id)
      .sort();
  t.same(ids({ query: { term: { 'service.keyword': 'api' } } }), ['d0', 'd2', 'd4']);
  t.same(ids({ query: { term: { service: 'api' } } }), ['d0', 'd2', 'd4'], 'term on text matches a token');
  t.same(ids({ query: { terms: { 'level.keyword': ['error'] } } }), ['d0', 'd3']);
  t.same(ids({ query: { match: { message: 'BATCH nightly' } } }), ['o1']);
  t.same(ids({ query: { match_phrase: { message: 'from web' } } }), ['d1', 'd5']);
  t.same(ids({ query: { match_phrase: { message: 'web from' } } }), []);
  t.same(ids({ query: { range: { latency_ms: { gte: 30, lt: 50 } } } }), ['d2', 'd3']);
  t.same(ids({ query: { range: { '@timestamp': { gte: new Date(BASE + 4 * HOUR).toISOString() } } } }), ['d4', 'd5']);
  t.same(ids({ query: { range: { '@timestamp': { gte: 'now-1d' } } } }), []);
  t.same(ids({ query: { range: { '@timestamp': { lte: '2026-01-01T00:00:00Z||/d' } } } }).length, 7, 'lte rounds up');
  t.same(ids({ query: { exists: { field: 'http' } } }).length, 6);
  t.same(ids({ query: { bool: { must_not: [{ exists: { field: 'latency_ms' } }] } } }), ['o1']);
  t.same(ids({ query: { prefix: { 'service.keyword': 'we' } } }), ['d1', 'd5']);
  t.same(ids({ query: { wildcard: { 'service.keyword': { value: 'd*' } } } }), ['d3']);
  t.same(ids({ query: { ids: { values: ['d1', 'zz'] } } }), ['d1']);
  t.same(
    ids({
      query: {
        bool: {
          filter: [{ term: { 'http.status': 500 } }],
          should: [{ match: { service: 'db' } }, { match: { service: 'web' } }],
          minimum_should_match: 1,
        },
      },
    }),
    [],
  );
  t.same(ids({ query: { bool: { should: [{ match: { service: 'db' } }, { match: { service: 'batch' } }] } } }), [
    'd3',
    'o1',
  ]);
  t.same(ids({ query: { query_string: { query: 'service:api AND level:error' } } }), ['d0']);
  t.same(ids({ query: { query_string: { query: 'nightly OR (service:db)' } } }), ['d3', 'o1']);
  t.same(ids({ query: { query_string: { query: 'service:web -level:error' } } }), ['d1', 'd5']);
  t.same(ids({ query: { query_string: { query: 'latency_ms:[20 TO 30] OR latency_ms:>55' } } }), ['d1', 'd2', 'd5']);
  t.same(ids({ query: { query_string: { query: '"nightly batch"' } } }), ['o1']);
  t.same(ids({ query: { query_string: { query: '_exists_:http AND serv*:db' } } }), ['d3']);
  t.throws(() => s.search('logs-*', { query: { nope: {} } }), { type: 'parsing_exception' });
});

t.test('sort, paging, search_after, _source and totals', async (t) => {
  const s = seeded();
  const page1 = s.search('logs-app', { size: 2, sort: [{ latency_ms: 'desc' }], _source: ['service', 'http.*'] });
  t.same(
    page1.hits.hits.map((h) => h._id),
    ['d5', 'd4'],
  );
  t.same(page1.hits.hits[0]?._source, { service: 'web', http: { status: 200 } });
  t.same(page1.hits.total, { value: 6, relation: 'eq' });
  const after = page1.hits.hits[1]!.sort!;
  const page2 = s.search('logs-app', { size: 2, sort: [{ latency_ms: 'desc' }], search_after: after, _source: false });
  t.same(
    page2.hits.hits.map((h) => h._id),
    ['d3', 'd2'],
  );
  t.equal(page2.hits.hits[0]?._source, undefined);
  t.same(s.search('logs-app', { size: 0, track_total_hits: 3 }).hits.total, { value: 3, relation: 'gte' });
  t.equal(s.search('logs-app', { size: 0, track_total_hits: false }).hits.total, undefined);
  t.throws(() => s.search('logs-app', { from: 9999, size: 10 }), {
    type: 'search_phase_execution_exception',
    status: 400,
  });
  t.throws(() => s.search('logs-app', { sort: ['message'] }), { type: 'search_phase_execution_exception' });
  const limited = s.search('logs-app', { terminate_after: 2 });
  t.equal(limited.terminated_early, true);
  t.equal(limited.hits.hits.length, 2);
  t.equal(s.count('logs-*', { match: { service: 'api' } }), 3);
});

t.test('point in time keeps a snapshot and pages with the implicit tiebreaker', async (t) => {
  const s = seeded();
  const pit = s.openPointInTime('logs-app', 60_000);
  s.index('logs-app', { service: 'late' }, 'late');
  const first = s.search('', { pit: { id: pit }, size: 4, sort: [{ '@timestamp': 'asc' }] });
  t.equal(first.pit_id, pit);
  t.equal(first.hits.total && typeof first.hits.total === 'object' ? first.hits.total.value : -1, 6);
  const second = s.search('', {
    pit: { id: pit },
    size: 4,
    sort: [{ '@timestamp': 'asc' }],
    search_after: first.hits.hits[3]!.sort,
  });
  t.same(
    second.hits.hits.map((h) => h._id),
    ['d4', 'd5'],
  );
  t.throws(() => s.search('logs-app', { pit: { id: pit } }), { type: 'action_request_validation_exception' });
  t.ok(s.closePointInTime(pit));
  t.throws(() => s.search('', { pit: { id: pit } }), { status: 404 });
});

t.test('aggregations', async (t) => {
  const s = seeded();
  const res = s.search('logs-app', {
    size: 0,
    aggs: {
      by_service: {
        terms: { field: 'service.keyword', size: 2 },
        aggs: { avg_latency: { avg: { field: 'latency_ms' } } },
      },
      per_2h: { date_histogram: { field: '@timestamp', fixed_interval: '2h' } },
      per_hour: { date_histogram: { field: '@timestamp', calendar_interval: 'hour', min_doc_count: 1 } },
      lat: { stats: { field: 'latency_ms' } },
      mx: { max: { field: '@timestamp' } },
      services: { cardinality: { field: 'service.keyword' } },
      n: { value_count: { field: 'latency_ms' } },
      p: { percentiles: { field: 'latency_ms', percents: [50] } },
      errors: { filter: { term: { 'level.keyword': 'error' } }, aggs: { s: { sum: { field: 'latency_ms' } } } },
      top: { top_hits: { size: 1, sort: [{ latency_ms: 'asc' }] } },
    },
  });
  const aggs = res.aggregations as Record<string, any>;
  t.same(
    aggs.by_service.buckets.map((b: any) => [b.key, b.doc_count, b.avg_latency.value]),
    [
      ['api', 3, 30],
      ['web', 2, 40],
    ],
  );
  t.equal(aggs.by_service.sum_other_doc_count, 1);
  t.same(
    aggs.per_2h.buckets.map((b: any) => b.doc_count),
    [2, 2, 2],
  );
  t.equal(aggs.per_2h.buckets[0].key_as_string, '2026-01-01T00:00:00.000Z');
  t.equal(aggs.per_hour.buckets.length, 6);
  t.same(aggs.lat, { count: 6, min: 10, max: 60, avg: 35, sum: 210 });
  t.equal(aggs.mx.value_as_string, new Date(BASE + 5 * HOUR).toISOString());
  t.equal(aggs.services.value, 3);
  t.equal(aggs.n.value, 6);
  t.equal(aggs.p.values['50.0'], 30);
  t.same([aggs.errors.doc_count, aggs.errors.s.value], [2, 50]);
  t.equal(aggs.top.hits.hits[0]._id, 'd0');
  t.throws(() => s.search('logs-app', { aggs: { x: { terms: { field: 'message' } } } }), { status: 400 });
  t.throws(() => s.search('logs-app', { aggs: { x: { bogus: {} } } }), { type: 'parsing_exception' });
});
