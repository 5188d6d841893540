// The emulator driven by the official client: what a real cluster would answer, headers and errors included.
import t, { type Test } from 'tap';
import { Client, errors, type estypes } from '@elastic/elasticsearch';
import { startElasticsearchEmulator, type ElasticsearchEmulator } from '../dist/src/testing.js';

const BASE = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

async function seeded(
  t: Test,
  opts: Parameters<typeof startElasticsearchEmulator>[0] = {},
): Promise<{ es: ElasticsearchEmulator; client: Client }> {
  const es = await startElasticsearchEmulator(opts);
  t.teardown(() => es.close());
  const client = new Client({
    node: es.url,
    auth: opts.auth?.apiKey ? { apiKey: opts.auth.apiKey } : undefined,
    maxRetries: 0,
  });
  t.teardown(() => client.close());
  return { es, client };
}

const operations = Array.from({ length: 6 }, (_, i) => [
  { index: { _index: 'logs-app', _id: `d${i}` } },
  {
    '@timestamp': new Date(BASE + i * HOUR).toISOString(),
    service: ['api', 'web', 'db'][i % 3],
    level: i % 2 ? 'info' : 'error',
    latency_ms: (i + 1) * 10,
    message: `request ${i} done`,
  },
]).flat();

t.test('info, product header and compatibility media type', async (t) => {
  const { es, client } = await seeded(t);
  const info = await client.info();
  t.equal(info.version.number, '9.1.0');
  t.equal(info.tagline, 'You Know, for Search');
  const res = await fetch(`${es.url}/`, {
    headers: { accept: 'application/vnd.elasticsearch+json; compatible-with=9' },
  });
  t.equal(res.headers.get('x-elastic-product'), 'Elasticsearch');
  t.equal(res.headers.get('content-type'), 'application/vnd.elasticsearch+json;compatible-with=9');
  const recorded = es.requests.find((r) => r.path === '/');
  t.match(String(recorded?.headers.accept), /compatible-with=9/);
  const bad = await fetch(`${es.url}/`, {
    headers: { accept: 'application/vnd.elasticsearch+json; compatible-with=7' },
  });
  t.equal(bad.status, 400);
  t.equal(((await bad.json()) as { error: { type: string } }).error.type, 'media_type_header_exception');
});

t.test('bulk NDJSON, documents, search with aggregations, count', async (t) => {
  const { client } = await seeded(t);
  const bulk = await client.bulk({ operations, refresh: true });
  t.equal(bulk.errors, false);
  t.equal(bulk.items.length, 6);
  t.equal(bulk.items[0]?.index?.status, 201);
  const conflict = await client.bulk({ operations: [{ create: { _index: 'logs-app', _id: 'd0' } }, { a: 1 }] });
  t.equal(conflict.errors, true);
  t.equal(conflict.items[0]?.create?.error?.type, 'version_conflict_engine_exception');
  const doc = await client.get<{ service: string }>({ index: 'logs-app', id: 'd1' });
  t.equal(doc._source?.service, 'web');
  const res = await client.search({
    index: 'logs-*',
    query: {
      bool: {
        filter: [
          {
            range: { '@timestamp': { gte: new Date(BASE).toISOString(), lt: new Date(BASE + 4 * HOUR).toISOString() } },
          },
        ],
        must: [{ match: { level: 'error' } }],
      },
    },
    aggs: {
      svc: { terms: { field: 'service.keyword' } },
      hist: { date_histogram: { field: '@timestamp', fixed_interval: '1h' } },
      lat: { avg: { field: 'latency_ms' } },
    },
    sort: [{ '@timestamp': 'desc' }],
    _source: ['service'],
    track_total_hits: true,
  });
  t.same(
    res.hits.hits.map((h) => h._id),
    ['d2', 'd0'],
  );
  t.same(res.hits.hits[0]?._source, { service: 'db' });
  t.same(res.hits.total, { value: 2, relation: 'eq' });
  const aggs = res.aggregations as Record<
    string,
    { buckets?: Array<{ key: unknown; doc_count: number }>; value?: number }
  >;
  t.same(
    aggs.svc?.buckets?.map((b) => b.key),
    ['api', 'db'],
  );
  t.equal(aggs.hist?.buckets?.length, 3);
  t.equal(aggs.lat?.value, 20);
  t.equal((await client.count({ index: 'logs-app', q: 'service:api' })).count, 2);
  await t.rejects(client.search({ index: 'missing' }), {
    meta: { statusCode: 404, body: { error: { type: 'index_not_found_exception' } } },
  });
  await t.rejects(client.search({ index: 'logs-app', query: { bogus: {} } as never }), {
    meta: { statusCode: 400, body: { error: { type: 'parsing_exception' } } },
  });
});

t.test('search_after with a point in time', async (t) => {
  const { client } = await seeded(t);
  await client.bulk({ operations });
  const pit = await client.openPointInTime({ index: 'logs-app', keep_alive: '1m' });
  const seen: string[] = [];
  let after: estypes.SortResults | undefined;
  for (let page = 0; page < 4; page++) {
    const res = await client.search({
      pit: { id: pit.id, keep_alive: '1m' },
      size: 4,
      sort: [{ latency_ms: 'asc' }],
      search_after: after,
    });
    if (!res.hits.hits.length) break;
    seen.push(...res.hits.hits.map((h) => h._id!));
    after = res.hits.hits.at(-1)?.sort;
  }
  t.same(seen, ['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
  t.equal((await client.closePointInTime({ id: pit.id })).num_freed, 1);
  await t.rejects(client.openPointInTime({ index: 'logs-app' } as never), { meta: { statusCode: 400 } });
});

t.test('cluster views: health, cat, nodes, mappings, field caps, stats', async (t) => {
  const { client } = await seeded(t, { nodes: 2 });
  await client.bulk({ operations });
  await client.indices.create({ index: 'stuck', settings: { 'index.routing.allocation.require._name': 'nowhere' } });
  const health = await client.cluster.health({ level: 'indices' });
  t.equal(health.status, 'red');
  t.equal(health.indices?.['logs-app']?.status, 'green');
  t.equal(health.unassigned_primary_shards, 1);
  const cat = await client.cat.indices({ format: 'json', bytes: 'b' });
  const row = cat.find((r) => r.index === 'logs-app');
  t.equal(row?.['docs.count'], '6');
  t.equal(row?.health, 'green');
  const nodes = await client.nodes.stats({ metric: 'jvm,os' });
  t.equal(Object.keys(nodes.nodes).length, 2);
  const catNodes = await client.cat.nodes({ format: 'json' });
  t.equal(catNodes.filter((n) => n.master === '*').length, 1);
  const mapping = await client.indices.getMapping({ index: 'logs-app' });
  t.equal(mapping['logs-app']?.mappings.properties?.latency_ms?.type, 'long');
  const caps = await client.fieldCaps({ index: 'logs-app', fields: 'service*' });
  t.same(Object.keys(caps.fields).sort(), ['service', 'service.keyword']);
  t.equal(caps.fields['service.keyword']?.keyword?.aggregatable, true);
  const stats = await client.indices.stats({ index: 'logs-app' });
  t.equal(stats._all.primaries?.docs?.count, 6);
  const settings = await client.indices.getSettings({ index: 'logs-app' });
  t.equal(settings['logs-app']?.settings?.index?.number_of_shards, '1');
  const shards = await client.cat.shards({ index: 'stuck', format: 'json' });
  t.equal(shards[0]?.state, 'UNASSIGNED');
  const text = await client.cat.health({ v: true });
  t.match(String(text), /^epoch/);
  await t.rejects(client.indices.getMapping({ index: 'nope' }), { meta: { statusCode: 404 } });
  await t.rejects(client.cluster.health({ index: 'nope', timeout: '1ms' }), { meta: { statusCode: 408 } });
});

t.test('ES|QL where the version has it; older versions have no such endpoint', async (t) => {
  const { client } = await seeded(t);
  await client.bulk({ operations });
  const res = await client.esql.query({
    query:
      'FROM logs-app | WHERE latency_ms > 20 AND level == "error" | STATS n = COUNT(*), avg = AVG(latency_ms) BY service | SORT service',
  });
  t.same(
    res.columns.map((c) => c.name),
    ['n', 'avg', 'service'],
  );
  t.same(res.values, [
    [1, 30, 'db'],
    [1, 50, 'web'],
  ]);
  const kept = await client.esql.query({
    query: 'FROM logs-app | KEEP service, latency_ms | SORT latency_ms DESC | LIMIT 2',
  });
  t.same(kept.values, [
    ['db', 60],
    ['web', 50],
  ]);
  await t.rejects(client.esql.query({ query: 'FROM logs-app | KEEP nope' }), {
    meta: { statusCode: 400, body: { error: { type: 'verification_exception' } } },
  });

  const old = await startElasticsearchEmulator({ version: '8.10.4' });
  t.teardown(() => old.close());
  const compat9 = new Client({ node: old.url, maxRetries: 0 });
  await t.rejects(
    compat9.info(),
    { meta: { statusCode: 400, body: { error: { type: 'media_type_header_exception' } } } },
    '8.x refuses compatible-with=9',
  );
  const plain = new Client({
    node: old.url,
    maxRetries: 0,
    headers: { accept: 'application/json', 'content-type': 'application/json' },
  });
  t.teardown(() => Promise.all([plain.close(), compat9.close()]));
  t.equal((await plain.info()).version.number, '8.10.4');
  // Like a real 8.10 node: `/_query` only matches the `/{index}` routes, so POST is the wrong method.
  await t.rejects(plain.esql.query({ query: 'FROM x' }), {
    meta: {
      statusCode: 405,
      body: {
        error: /Incorrect HTTP method for uri \[\/_query\] and method \[POST\], allowed: \[HEAD, PUT, DELETE, GET\]/,
      },
    },
  });
});

t.test('authentication: API key, basic and bearer; 401 bodies otherwise', async (t) => {
  const { es, client } = await seeded(t, {
    auth: { apiKey: 'a2V5OnNlY3JldA==', username: 'elastic', password: 'pw', bearer: 'tok' },
  });
  t.equal((await client.info()).cluster_name, 'emulator-cluster');
  const basic = new Client({ node: es.url, auth: { username: 'elastic', password: 'pw' }, maxRetries: 0 });
  const bearer = new Client({ node: es.url, auth: { bearer: 'tok' }, maxRetries: 0 });
  const wrong = new Client({ node: es.url, auth: { username: 'elastic', password: 'nope' }, maxRetries: 0 });
  const none = new Client({ node: es.url, maxRetries: 0 });
  t.teardown(() => Promise.all([basic, bearer, wrong, none].map((c) => c.close())));
  t.ok(await basic.ping());
  t.equal((await bearer.info()).tagline, 'You Know, for Search');
  await t.rejects(wrong.info(), {
    meta: {
      statusCode: 401,
      body: { error: { type: 'security_exception', reason: /unable to authenticate user \[elastic\]/ } },
    },
  });
  await t.rejects(none.info(), errors.ResponseError);
});

t.test('several nodes: the client fails over to a live one', async (t) => {
  const a = await startElasticsearchEmulator();
  const b = await startElasticsearchEmulator({ store: a.store });
  t.teardown(() => b.close());
  a.store.index('one', { x: 1 }, '1');
  await a.close();
  const client = new Client({ nodes: [a.url, b.url], maxRetries: 2 });
  t.teardown(() => client.close());
  t.equal((await client.count({ index: 'one' })).count, 1);
});
