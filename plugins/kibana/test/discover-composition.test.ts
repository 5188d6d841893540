// kibana_query_logs composes the two plugins: the data view is resolved through Kibana, the query runs
// through the Elasticsearch plugin's search tool, and both emulators serve ONE document store, so the
// documents bulk-loaded here are what Discover finds.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { ElasticsearchPlugin } from '@cnmcp/plugin-elasticsearch';
import { DocumentStore, startElasticsearchEmulator } from '@cnmcp/plugin-elasticsearch/testing';
import { KibanaPlugin } from '../src/index.js';
import { startKibanaEmulator } from '../src/testing.js';

const store = new DocumentStore();
const es = await startElasticsearchEmulator({ store, auth: { username: 'elastic', password: 'changeme' } });
const kbn = await startKibanaEmulator({ store });
t.teardown(async () => {
  await kbn.close();
  await es.close();
});

// Bulk-load through the Elasticsearch emulator's own _bulk API, as a shipper would.
const now = Date.now();
const lines: string[] = [];
for (let i = 0; i < 30; i++) {
  lines.push(JSON.stringify({ index: { _index: i % 2 ? 'logs-api-1' : 'logs-web-1' } }));
  lines.push(
    JSON.stringify({
      '@timestamp': new Date(now - i * 60_000).toISOString(),
      level: i % 5 === 0 ? 'error' : 'info',
      service: i % 2 ? 'api' : 'web',
      message: i % 5 === 0 ? `upstream timeout after ${i}s` : `request ${i} ok`,
      secret_token: 'hidden-by-data-view',
    }),
  );
}
lines.push(JSON.stringify({ index: { _index: 'logs-api-1' } }));
lines.push(
  JSON.stringify({
    '@timestamp': new Date(now - 3 * 86_400_000).toISOString(),
    level: 'error',
    service: 'api',
    message: 'old failure',
  }),
);
const bulk = await fetch(`${es.url}/_bulk?refresh=true`, {
  method: 'POST',
  headers: {
    'content-type': 'application/x-ndjson',
    authorization: `Basic ${Buffer.from('elastic:changeme').toString('base64')}`,
  },
  body: lines.join('\n') + '\n',
});
t.equal(bulk.status, 200, 'bulk load accepted');

const mcp = await startTestServer({
  plugins: [KibanaPlugin, ElasticsearchPlugin],
  config: {
    kibana: { targets: { main: { url: kbn.url, auth: { type: 'apiKey', key: kbn.apiKey } } } },
    elasticsearch: {
      targets: { main: { url: es.url, auth: { type: 'basic', username: 'elastic', password: 'changeme' } } },
    },
  },
});
t.teardown(() => mcp.close());

let viewId = '';
t.before(async () => {
  const created = await mcp.callJson<{ created: { id: string } }>('kibana_create_data_view', {
    title: 'logs-*',
    name: 'All logs',
    timeField: '@timestamp',
    sourceFilters: ['secret_token'],
  });
  viewId = created.created.id;
});

type Search = {
  data_view: { id: string; index_pattern: string; time_field: string };
  total: number;
  returned: number;
  hits: Array<Record<string, unknown>>;
};

t.test('finds the loaded documents through the data view, newest first, within the time range', async (t) => {
  const res = await mcp.callJson<Search>('kibana_query_logs', {
    indexPattern: 'All logs',
    query: 'level:error',
    from: 'now-1h',
  });
  t.same(res.data_view, { id: viewId, name: 'All logs', index_pattern: 'logs-*', time_field: '@timestamp' });
  t.equal(res.total, 6, 'six errors in the last hour; the 3-day-old one is outside the range');
  const text = JSON.stringify(res.hits);
  t.match(text, /upstream timeout after 0s/);
  t.notMatch(text, /old failure/);
  t.notMatch(text, /hidden-by-data-view/, "the data view's source filter hides the field");
  t.ok(
    es.requests.some((r) => r.path.includes('logs-*') && r.path.endsWith('_search')),
    'the query ran on Elasticsearch',
  );
  t.ok(
    kbn.requests.some((r) => r.path === `/api/data_views/data_view/${viewId}`),
    'the data view came from Kibana',
  );
});

t.test('the default data view is used when none is named; size and sort apply', async (t) => {
  await mcp.callJson('kibana_set_default_index_pattern', { index_pattern_id: viewId });
  const res = await mcp.callJson<Search>('kibana_query_logs', { query: 'service:api', size: 3, from: 'now-7d' });
  t.equal(res.data_view.id, viewId);
  t.equal(res.returned, 3);
  t.equal(res.total, 16);
  const next = await mcp.callJson<Search & { next_cursor?: string }>('kibana_query_logs', {
    query: 'service:api',
    size: 3,
    from: 'now-7d',
  });
  t.ok(next.next_cursor, 'a cursor to the next page');
  const page2 = await mcp.callJson<Search>('kibana_query_logs', {
    query: 'service:api',
    size: 3,
    from: 'now-7d',
    cursor: next.next_cursor,
  });
  t.equal(page2.returned, 3);
  t.notSame(
    page2.hits.map((h) => h._id),
    next.hits.map((h) => h._id),
    'the cursor moves on',
  );
  const asc = await mcp.callJson<Search>('kibana_query_logs', {
    query: 'service:api',
    size: 1,
    sortOrder: 'asc',
    from: 'now-7d',
  });
  t.match(JSON.stringify(asc.hits[0]), /old failure/);
});

t.test('an unknown data view and a missing Elasticsearch plugin are clear errors', async (t) => {
  const unknown = await mcp.call('kibana_query_logs', { indexPattern: 'No such view' });
  t.equal(unknown.isError, true);
  t.match(unknown.text, /KIBANA_ERR_DATA_VIEW_NOT_FOUND/);
  const alone = await startTestServer({
    plugins: [KibanaPlugin],
    config: { kibana: { targets: { main: { url: kbn.url, auth: { type: 'apiKey', key: kbn.apiKey } } } } },
  });
  t.teardown(() => alone.close());
  const res = await alone.call('kibana_query_logs', { indexPattern: viewId });
  t.equal(res.isError, true);
  t.match(res.text, /KIBANA_ERR_SEARCH_UNAVAILABLE/);
});
