// Document search through the MCP front door: bulk-loaded documents found by query, time range, sort,
// aggregations and cursors; counts, documents, ES|QL.
import t from 'tap';
import { setup } from './helpers.js';

interface SearchOut {
  total?: { value: number; relation: string };
  returned: number;
  hits: Array<{ _id: string; source?: Record<string, unknown> }>;
  aggregations?: Record<string, { buckets: Array<{ key: string; doc_count: number; [k: string]: unknown }> }>;
  next_cursor?: string;
  warnings?: string[];
}

t.test('search: query, time range, sort, fields and aggregations', async (t) => {
  const f = await setup(t);
  const res = await f.callJson<SearchOut>('elasticsearch_search', {
    index: `${f.prefix}-*`,
    query: 'level:error',
    from: 'now-3h',
    time_field: '@timestamp',
    size: 3,
    sort: '@timestamp:desc',
    fields: ['service', 'level'],
    aggs: {
      by_service: { terms: { field: 'service.keyword' } },
      per_30m: { date_histogram: { field: '@timestamp', fixed_interval: '30m' } },
    },
  });
  t.same(res.total, { value: 6, relation: 'eq' });
  t.equal(res.returned, 3);
  t.same(
    res.hits.map((h) => h._id),
    ['doc-20', 'doc-16', 'doc-12'],
  );
  t.same(res.hits[0]?.source, { service: 'db', level: 'error' });
  t.same(res.aggregations?.by_service?.buckets.map((b) => [b.key, b.doc_count]).sort(), [
    ['api', 2],
    ['db', 2],
    ['web', 2],
  ]);
  t.ok(res.aggregations?.per_30m?.buckets.length);
  t.ok(res.next_cursor, 'more error hits remain');

  const page2 = await f.callJson<SearchOut>('elasticsearch_search', {
    index: `${f.prefix}-*`,
    query: 'level:error',
    from: 'now-3h',
    time_field: '@timestamp',
    size: 3,
    sort: '@timestamp:desc',
    fields: ['service', 'level'],
    aggs: {
      by_service: { terms: { field: 'service.keyword' } },
      per_30m: { date_histogram: { field: '@timestamp', fixed_interval: '30m' } },
    },
    cursor: res.next_cursor,
  });
  t.same(
    page2.hits.map((h) => h._id),
    ['doc-8', 'doc-4', 'doc-0'],
  );
  t.notOk(page2.next_cursor, 'the last page has no cursor');
});

t.test('search: DSL filter, point-in-time paging, budget', async (t) => {
  const f = await setup(t);
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page: SearchOut = await f.callJson<SearchOut>('elasticsearch_search', {
      index: f.index,
      dsl: { range: { latency_ms: { gte: 100 } } },
      size: 5,
      sort: 'latency_ms:asc',
      pit: true,
      fields: ['latency_ms'],
      ...(cursor ? { cursor } : {}),
    });
    seen.push(...page.hits.map((h) => h._id));
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  t.same(
    seen,
    Array.from({ length: 15 }, (_, i) => `doc-${i + 9}`),
  );
  const big = await f.callJson<SearchOut>('elasticsearch_search', { index: f.index, size: 500 });
  t.equal(big.returned, 24, 'size is capped by maxHits (100) but all 24 fit');
  t.match(big.warnings, [/size capped at 100/]);
});

t.test('search errors: unknown index, bad query, scripts, unbounded aggregations, foreign cursor', async (t) => {
  const f = await setup(t);
  const missing = await f.call('elasticsearch_search', { index: `${f.prefix}-nope` });
  t.ok(missing.isError);
  t.match(missing.text, /ES_ERR_INDEX_NOT_FOUND/);
  const bad = await f.call('elasticsearch_search', { index: f.index, dsl: { no_such_query: {} } });
  t.ok(bad.isError);
  t.match(bad.text, /ES_ERR_QUERY_INVALID[\s\S]*no_such_query/);
  const script = await f.call('elasticsearch_search', {
    index: f.index,
    dsl: { script: { script: { source: 'true' } } },
  });
  t.match(script.text, /ES_ERR_SCRIPTS_DISABLED/);
  const unbounded = await f.call('elasticsearch_search', {
    index: f.index,
    aggs: { s: { terms: { field: 'service.keyword' } } },
  });
  t.match(unbounded.text, /ES_ERR_UNBOUNDED_QUERY[\s\S]*Hint:/);
  const allowed = await f.callJson<SearchOut>('elasticsearch_search', {
    index: f.index,
    size: 0,
    allow_unbounded: true,
    aggs: { s: { terms: { field: 'service.keyword' } } },
  });
  t.equal(allowed.aggregations?.s?.buckets.length, 3);
  const first = await f.callJson<SearchOut>('elasticsearch_search', { index: f.index, size: 2 });
  const foreign = await f.call('elasticsearch_search', {
    index: f.index,
    size: 2,
    query: 'level:info',
    cursor: first.next_cursor,
  });
  t.match(foreign.text, /ES_ERR_CURSOR_INVALID/);
  const badTime = await f.call('elasticsearch_search', { index: f.index, from: 'yesterday-ish' });
  t.match(badTime.text, /CNMCP_ERR_TOOL_INPUT_INVALID/);
});

t.test('count and get_document', async (t) => {
  const f = await setup(t);
  t.same(await f.callJson('elasticsearch_count', { index: f.index, query: 'service:web' }), {
    index: f.index,
    count: 8,
  });
  t.same(await f.callJson('elasticsearch_count', { index: f.index, from: 'now-1h' }), { index: f.index, count: 12 });
  const bad = await f.call('elasticsearch_count', { index: `${f.prefix}-nope` });
  t.match(bad.text, /ES_ERR_INDEX_NOT_FOUND/);
  const doc = await f.callJson<{ _id: string; source: Record<string, unknown> }>('elasticsearch_get_document', {
    index: f.index,
    id: 'doc-3',
  });
  t.equal(doc.source.service, 'api');
  const missing = await f.call('elasticsearch_get_document', { index: f.index, id: 'nope' });
  t.match(missing.text, /ES_ERR_DOCUMENT_NOT_FOUND/);
});

t.test('ES|QL: rows on a new cluster, a clear error on an old one', async (t) => {
  const f = await setup(t);
  const res = await f.callJson<{ columns: Array<{ name: string }>; rows: unknown[][] }>('elasticsearch_esql', {
    query: `FROM ${f.index} | WHERE level == "error" | STATS n = COUNT(*) BY service | SORT service`,
  });
  t.same(
    res.columns.map((c) => c.name),
    ['n', 'service'],
  );
  t.same(res.rows, [
    [2, 'api'],
    [2, 'db'],
    [2, 'web'],
  ]);
  const bad = await f.call('elasticsearch_esql', { query: `FROM ${f.index} | KEEP nope` });
  t.match(bad.text, /ES_ERR_QUERY_INVALID[\s\S]*nope/);
  if (f.live) return;
  const old = await setup(t, { emulator: { version: '8.10.4' }, seed: false });
  const refused = await old.call('elasticsearch_esql', { query: 'FROM x' });
  t.match(refused.text, /ES_ERR_UNSUPPORTED_VERSION[\s\S]*8\.10\.4/);
  t.same(
    await old.callJson('elasticsearch_count', { index: '*' }),
    { index: '*', count: 0 },
    'older clusters still work',
  );
});
