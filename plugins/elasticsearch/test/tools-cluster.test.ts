// Cluster, index and mapping tools through the MCP front door, against the emulator (or a live cluster).
import t from 'tap';
import { setup } from './helpers.js';

type Json = Record<string, any>;

t.test('cluster health, info and nodes', async (t) => {
  const f = await setup(t, { emulator: { nodes: 2 } });
  if (!f.live)
    await f.client.indices.create({
      index: `${f.prefix}-stuck`,
      settings: { 'index.routing.allocation.require._name': 'gone' },
    });
  const summary = await f.callJson<Json>('elasticsearch_cluster_health_summary', { includeIndices: true });
  t.match(summary.status, /^(green|yellow|red)$/);
  t.ok(summary.index_list.total >= 1);
  if (!f.live) {
    t.equal(summary.status, 'red');
    t.match(summary.problems, [/1 primary shard\(s\) unassigned/]);
    t.same(
      summary.indices.not_green.map((i: Json) => i.index),
      [`${f.prefix}-stuck`],
    );
    t.equal(summary.index_list.items[0].index, `${f.prefix}-stuck`, 'unhealthy indices come first');
  }
  const health = await f.callJson<Json>('elasticsearch_health', { level: 'shards' });
  t.ok(health.shards.active >= 1);
  const info = await f.callJson<Json>('elasticsearch_info', {});
  t.match(info.version, /^\d+\.\d+\.\d+/);
  const nodes = await f.callJson<Json>('elasticsearch_nodes', {});
  t.equal(nodes.total, nodes.nodes.length);
  const ns = await f.callJson<Json>('elasticsearch_nodes_summary', { includeMetrics: true, role: 'data' });
  t.ok(ns.nodes.every((n: Json) => n.roles.includes('data') && typeof n.metrics.heap_used_percent === 'number'));
  if (!f.live) t.same(ns.by_role.data, 2);
  const detail = await f.callJson<Json>('elasticsearch_get_cluster_detail_advanced', {
    includeSettings: true,
    includeShards: true,
  });
  t.ok(detail.health && detail.nodes && detail.indices && detail.stats && detail.settings && detail.shards);
  if (!f.live) t.equal(detail.shards.not_started, 2, 'the primary and its replica');
});

t.test('index list tools: paged, filtered, summarised', async (t) => {
  const f = await setup(t);
  await f.client.indices.create({ index: `${f.prefix}-empty`, settings: { number_of_replicas: 0 } });
  const names = await f.callJson<Json>('elasticsearch_list_indices', {});
  t.ok(names.indices.includes(f.index));
  const p1 = await f.callJson<Json>('elasticsearch_list_indices_paginated', {
    indexPattern: `${f.prefix}-*`,
    limit: 1,
  });
  t.same([p1.total, p1.returned, p1.indices[0].index, p1.continueToken], [2, 1, `${f.prefix}-empty`, 'offset:1']);
  const p2 = await f.callJson<Json>('elasticsearch_list_indices_paginated', {
    indexPattern: `${f.prefix}-*`,
    limit: 1,
    continueToken: p1.continueToken,
    includeHealth: false,
  });
  t.same(p2.indices, [{ index: f.index, docs: 24, size: p2.indices[0].size, primaries: 1, replicas: 0 }]);
  t.notOk(p2.continueToken);
  const found = await f.callJson<Json>('elasticsearch_search_indices', {
    query: f.prefix,
    minDocCount: 1,
    sortBy: 'docs',
    sortOrder: 'desc',
  });
  t.same(
    found.indices.map((i: Json) => i.index),
    [f.index],
  );
  const summary = await f.callJson<Json>('elasticsearch_indices_summary', {});
  t.ok(summary.indices >= 2 && summary.docs >= 24);
  const stats = await f.callJson<Json>('elasticsearch_index_stats', { index: f.index });
  t.equal(stats.primaries.docs, 24);
  const detail = await f.callJson<Json>('elasticsearch_get_index_detail_advanced', {
    index: f.index,
    includeSegments: true,
  });
  t.equal(detail.mappings[f.index].fields['service.keyword'], 'keyword');
  t.equal(detail.settings[f.index]['index.number_of_replicas'], '0');
  t.equal(detail.stats.primaries.docs, 24);
  t.ok(detail.segments[f.index].segments >= 1);
});

t.test('mappings, field caps and _cat views', async (t) => {
  const f = await setup(t);
  const m = await f.callJson<Json>('elasticsearch_get_mappings', { index: f.index, field: 'http.*,latency_ms' });
  t.same(m.fields, [
    { field: 'http.status', type: 'long' },
    { field: 'latency_ms', type: 'long' },
  ]);
  const caps = await f.callJson<Json>('elasticsearch_get_field_caps', { index: f.index, fields: 'service*,message' });
  t.same(
    caps.fields.map((c: Json) => [c.field, c.aggregatable]),
    [
      ['message', false],
      ['service', false],
      ['service.keyword', true],
    ],
  );
  for (const view of ['indices', 'health', 'nodes', 'shards', 'aliases', 'allocation', 'count'] as const) {
    const res = await f.callJson<Json>('elasticsearch_cat', {
      view,
      index: view === 'shards' || view === 'count' ? f.index : undefined,
    });
    t.ok(Array.isArray(res.rows), `cat ${view}`);
  }
  const shards = await f.callJson<Json>('elasticsearch_cat', {
    view: 'shards',
    index: f.index,
    columns: 'index,prirep,state',
  });
  t.same(shards.rows, [{ index: f.index, prirep: 'p', state: 'STARTED' }]);
});

t.test('index tools report missing indices and bad tokens', async (t) => {
  const f = await setup(t, { seed: false });
  const missing = `${f.prefix}-missing`;
  for (const [tool, args] of [
    ['elasticsearch_index_stats', { index: missing }],
    ['elasticsearch_get_index_detail_advanced', { index: missing }],
    ['elasticsearch_get_mappings', { index: missing }],
    ['elasticsearch_get_field_caps', { index: missing }],
    ['elasticsearch_cat', { view: 'shards', index: missing }],
  ] as const) {
    const res = await f.call(tool, args);
    t.ok(res.isError, tool);
    t.match(res.text, /ES_ERR_INDEX_NOT_FOUND[\s\S]*Hint:/, tool);
  }
  for (const tool of ['elasticsearch_list_indices_paginated', 'elasticsearch_search_indices']) {
    const res = await f.call(tool, { continueToken: 'page-2' });
    t.match(res.text, /CNMCP_ERR_TOOL_INPUT_INVALID[\s\S]*offset:N/, tool);
  }
  const badView = await f.call('elasticsearch_cat', { view: 'plugins' });
  t.match(badView.text, /CNMCP_ERR_TOOL_INPUT_INVALID/);
  const badLevel = await f.call('elasticsearch_health', { level: 'everything' });
  t.match(badLevel.text, /CNMCP_ERR_TOOL_INPUT_INVALID/);
});
