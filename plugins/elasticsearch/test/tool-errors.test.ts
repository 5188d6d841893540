// Every tool fails clearly, without a stack or a secret, when its cluster cannot be reached, refuses the
// credentials, or is not configured.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { ElasticsearchPlugin } from '../dist/src/index.js';
import { startElasticsearchEmulator } from '../dist/src/testing.js';

const ARGS: Record<string, Record<string, unknown>> = {
  elasticsearch_cluster_health_summary: {},
  elasticsearch_get_cluster_detail_advanced: {},
  elasticsearch_get_index_detail_advanced: { index: 'logs' },
  elasticsearch_health: {},
  elasticsearch_index_stats: { index: 'logs' },
  elasticsearch_indices_summary: {},
  elasticsearch_info: {},
  elasticsearch_list_indices: {},
  elasticsearch_list_indices_paginated: {},
  elasticsearch_nodes: {},
  elasticsearch_nodes_summary: {},
  elasticsearch_search_indices: {},
  elasticsearch_search: { index: 'logs' },
  elasticsearch_count: { index: 'logs' },
  elasticsearch_esql: { query: 'FROM logs' },
  elasticsearch_get_document: { index: 'logs', id: '1' },
  elasticsearch_get_mappings: { index: 'logs' },
  elasticsearch_get_field_caps: { index: 'logs' },
  elasticsearch_cat: { view: 'health' },
};

t.test('a dead cluster: CNMCP_ERR_BACKEND_UNREACHABLE from every tool', async (t) => {
  const es = await startElasticsearchEmulator();
  const url = es.url;
  await es.close();
  const server = await startTestServer({
    plugins: [ElasticsearchPlugin],
    config: { elasticsearch: { targets: { main: { url, retries: 0 } } } },
  });
  t.teardown(() => server.close());
  const names = (await server.toolNames()).filter(
    (n) => n.startsWith('elasticsearch_') && n !== 'elasticsearch_list_backends',
  );
  t.same(names.sort(), Object.keys(ARGS).sort(), 'every tool is covered');
  for (const [i, name] of names.entries()) {
    const res = await server.call(name, ARGS[name]);
    t.ok(res.isError, name);
    // The first failure marks the target degraded; the core then refuses calls to it for a while.
    t.match(
      res.text,
      i === 0
        ? /^CNMCP_ERR_BACKEND_UNREACHABLE: .*unreachable/
        : /^CNMCP_ERR_(BACKEND_UNREACHABLE|SERVICE_UNAVAILABLE)/,
      name,
    );
    t.notMatch(res.text, /\n\s+at /, `${name}: no stack`);
  }
});

t.test('wrong credentials: CNMCP_ERR_BACKEND_AUTH, and the key never appears', async (t) => {
  const es = await startElasticsearchEmulator({ auth: { apiKey: 'right-key' } });
  t.teardown(() => es.close());
  const server = await startTestServer({
    plugins: [ElasticsearchPlugin],
    config: {
      elasticsearch: { targets: { main: { url: es.url, auth: { type: 'apiKey', key: 'wrong-secret-key' } } } },
    },
  });
  t.teardown(() => server.close());
  const res = await server.call('elasticsearch_info', {});
  t.ok(res.isError);
  t.match(res.text, /CNMCP_ERR_BACKEND_AUTH[\s\S]*security_exception/);
  t.notMatch(res.text, /wrong-secret-key/);
});

t.test('no target configured: CNMCP_ERR_BACKEND_NOT_CONFIGURED naming the config key', async (t) => {
  const saved = process.env.ELASTICSEARCH_URL;
  delete process.env.ELASTICSEARCH_URL;
  t.teardown(() => {
    if (saved !== undefined) process.env.ELASTICSEARCH_URL = saved;
  });
  const server = await startTestServer({ plugins: [ElasticsearchPlugin], config: {} });
  t.teardown(() => server.close());
  const res = await server.call('elasticsearch_info', {});
  t.ok(res.isError);
  t.match(res.text, /CNMCP_ERR_BACKEND_NOT_CONFIGURED[\s\S]*elasticsearch\.targets/);
});

t.test('auth kinds and several nodes with failover', async (t) => {
  const live = await startElasticsearchEmulator({ auth: { username: 'elastic', password: 'pw', bearer: 'tok' } });
  const dead = await startElasticsearchEmulator({ store: live.store });
  const deadUrl = dead.url;
  await dead.close();
  t.teardown(() => live.close());
  live.store.index('logs', { message: 'hello' }, '1');
  const server = await startTestServer({
    plugins: [ElasticsearchPlugin],
    config: {
      elasticsearch: {
        targets: {
          basic: { url: deadUrl, nodes: [live.url], auth: { type: 'basic', username: 'elastic', password: 'pw' } },
          bearer: { url: live.url, auth: { type: 'bearer', token: 'tok' } },
        },
      },
    },
  });
  t.teardown(() => server.close());
  t.same(
    await server.callJson('elasticsearch_count', { index: 'logs', target: 'basic' }),
    { index: 'logs', count: 1 },
    'fails over to the live node',
  );
  t.same(await server.callJson('elasticsearch_count', { index: 'logs', target: 'bearer' }), {
    index: 'logs',
    count: 1,
  });
  const unknown = await server.call('elasticsearch_count', { index: 'logs', target: 'nope' });
  t.match(unknown.text, /CNMCP_ERR_BACKEND_TARGET_UNKNOWN/);
  const sent = live.requests
    .filter((r) => r.path === '/logs/_count')
    .map((r) => String(r.headers.authorization).split(' ')[0]);
  t.same(sent.sort(), ['Basic', 'Bearer']);
});
