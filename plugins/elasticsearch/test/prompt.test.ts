// The cluster diagnosis prompt through the MCP front door, and the default tool list it relies on.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { ElasticsearchPlugin } from '../dist/src/index.js';

t.test('elasticsearch_cluster_diagnosis walks health, shards, nodes and the index', async (t) => {
  const server = await startTestServer({
    plugins: [ElasticsearchPlugin],
    config: { elasticsearch: { targets: { main: { url: 'http://127.0.0.1:9' } } } },
  });
  t.teardown(() => server.close());
  const prompts = await server.client.listPrompts();
  t.ok(prompts.prompts.some((p) => p.name === 'elasticsearch_cluster_diagnosis'));
  const res = await server.client.getPrompt({
    name: 'elasticsearch_cluster_diagnosis',
    arguments: { index: 'logs-*', time_range: 'now-6h', notes: 'writes rejected' },
  });
  const text = res.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
  t.match(text, /focusing on logs-\*/);
  t.match(text, /elasticsearch_cluster_health_summary/);
  t.match(text, /now-6h/);
  t.match(text, /writes rejected/);
  await t.rejects(server.client.getPrompt({ name: 'elasticsearch_no_such_prompt', arguments: {} }));
});

t.test('the default tool list: the essentials and search toolsets, read-only and small', async (t) => {
  const config = { elasticsearch: { targets: { main: { url: 'http://127.0.0.1:9' } } } };
  const defaults = await startTestServer({ plugins: [ElasticsearchPlugin], config: { ...config, toolsets: {} } });
  t.teardown(() => defaults.close());
  const listed = await defaults.client.listTools();
  t.same(listed.tools.map((x) => x.name).sort(), [
    'elasticsearch_cluster_health_summary',
    'elasticsearch_count',
    'elasticsearch_get_mappings',
    'elasticsearch_info',
    'elasticsearch_list_backends',
    'elasticsearch_list_indices_paginated',
    'elasticsearch_search',
  ]);
  t.ok(JSON.stringify(listed.tools).length < 8000, 'the default list stays small');
  t.ok(
    listed.tools.every((x) => x.annotations?.readOnlyHint === true),
    'read-only',
  );
});
