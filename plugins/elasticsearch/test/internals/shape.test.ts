// Units: hit and aggregation compaction, budget fitting, the index list helpers, node and health summaries.
import t from 'tap';
import { compactAggs, compactHit, fitItems, jsonBytes } from '../../dist/src/shape.js';
import { decodeContinueToken, filterRows, page, sortRows, summarize, toRow } from '../../dist/src/indices.js';
import { healthSummary } from '../../dist/src/nodes.js';
import { esReason } from '../../dist/src/errors.js';
import { clusterDiagnosisPrompt } from '../../dist/src/prompts.js';

t.test('hits and aggregations are compacted', async (t) => {
  const long = 'x'.repeat(5000);
  const hit = compactHit({ _index: 'i', _id: '1', _score: 1.23456, _source: { msg: long } });
  t.equal(hit._score, 1.235);
  t.match((hit.source as { msg: string }).msg, /… \(5000 chars\)$/);
  const buckets = Array.from({ length: 60 }, (_, i) => ({
    key: i,
    key_as_string: `k${i}`,
    doc_count: 1,
    avg: { value: i },
  }));
  const aggs = compactAggs({
    t: { buckets, sum_other_doc_count: 7 },
    m: { value: 3 },
    d: { value: 1, value_as_string: '2026-01-01' },
  }) as Record<string, any>;
  t.equal(aggs.t.buckets.length, 50);
  t.equal(aggs.t.buckets_omitted, 10);
  t.equal(aggs.t.other_doc_count, 7);
  t.same(aggs.t.buckets[2], { key: 'k2', doc_count: 1, avg: 2 });
  t.equal(aggs.m, 3);
  t.equal(aggs.d, '2026-01-01');
});

t.test('fitItems keeps the leading items that fit the budget', async (t) => {
  const items = Array.from({ length: 100 }, (_, i) => ({ i, pad: 'y'.repeat(100) }));
  const frame = (kept: unknown[]) => ({ items: kept });
  const n = fitItems(items, 2000, frame);
  t.ok(n > 0 && n < 100);
  t.ok(jsonBytes(frame(items.slice(0, n))) <= 2000);
  t.ok(jsonBytes(frame(items.slice(0, n + 1))) > 2000);
  t.equal(fitItems(items, 1_000_000, frame), 100);
});

t.test('index rows: typed, filtered, sorted, paged, summarised', async (t) => {
  const rows = [
    toRow({
      index: 'b',
      health: 'green',
      status: 'open',
      'docs.count': '10',
      'store.size': '2048',
      pri: '1',
      rep: '0',
    }),
    toRow({ index: 'a', health: 'red', status: 'open', 'docs.count': '5', 'store.size': '100', pri: '1', rep: '1' }),
    toRow({ index: 'c', health: 'yellow', status: 'open', 'docs.count': '0', 'store.size': '0', pri: '1', rep: '1' }),
  ];
  t.same(
    sortRows(rows, 'health').map((r) => r.index),
    ['a', 'c', 'b'],
  );
  t.same(
    sortRows(rows, 'docs', 'desc').map((r) => r.index),
    ['b', 'a', 'c'],
  );
  t.same(
    filterRows(rows, { minDocCount: 1, healthStatus: 'green' }).map((r) => r.index),
    ['b'],
  );
  t.same(page(rows, 1, 1), { total: 3, returned: 1, items: [rows[1]], continueToken: 'offset:2' });
  t.equal(decodeContinueToken('offset:7'), 7);
  t.throws(() => decodeContinueToken('7'), { code: 'CNMCP_ERR_TOOL_INPUT_INVALID' });
  const s = summarize(rows) as { by_health: Record<string, number>; docs: number; size: string };
  t.same(s.by_health, { green: 1, red: 1, yellow: 1 });
  t.equal(s.docs, 15);
  t.equal(s.size, '2.1kb');
});

t.test('health summary names the problem', async (t) => {
  const h = healthSummary({
    cluster_name: 'c',
    status: 'yellow',
    timed_out: false,
    number_of_nodes: 1,
    number_of_data_nodes: 1,
    active_primary_shards: 3,
    active_shards: 3,
    relocating_shards: 0,
    initializing_shards: 0,
    unassigned_shards: 3,
    unassigned_primary_shards: 0,
    delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: 50,
  });
  t.match(h.problems, [/3 replica shard\(s\) unassigned \(a single data node cannot hold replicas/]);
});

t.test('backend error text and the diagnosis prompt', async (t) => {
  t.same(
    esReason({
      error: {
        type: 'search_phase_execution_exception',
        reason: 'all shards failed',
        root_cause: [{ type: 'query_shard_exception', reason: 'No mapping found for [x]' }],
      },
    }),
    {
      type: 'query_shard_exception',
      text: 'search_phase_execution_exception: all shards failed (query_shard_exception: No mapping found for [x])',
    },
  );
  t.same(esReason({ error: 'Incorrect HTTP method' }), { text: 'Incorrect HTTP method' });
  const p = clusterDiagnosisPrompt({ index: 'logs-*', time_range: 'now-6h', notes: 'slow searches' });
  t.match(p, /focusing on logs-\*/);
  t.match(p, /now-6h/);
  t.match(p, /slow searches/);
  t.match(clusterDiagnosisPrompt({}), /elasticsearch_indices_summary/);
});
