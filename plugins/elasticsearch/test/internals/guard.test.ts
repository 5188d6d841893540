// Units: the cost guard, query building, sort parsing and search cursors.
import t from 'tap';
import {
  buildQuery,
  buildSearch,
  checkCursor,
  decodeSearchCursor,
  encodeSearchCursor,
  findScript,
  parseSort,
} from '../../dist/src/guard.js';
import { CONFIG_DEFAULTS } from '../../dist/src/config.js';

const NOW = Date.UTC(2026, 0, 1, 12);

t.test('query building: query_string AND dsl AND time range', async (t) => {
  const { query, bounded } = buildQuery(
    { query: 'level:error', dsl: { term: { host: 'a' } }, from: 'now-1h', to: 'now' },
    CONFIG_DEFAULTS,
    NOW,
  );
  t.ok(bounded);
  t.same(query, {
    bool: {
      must: [{ query_string: { query: 'level:error', default_operator: 'AND' } }],
      filter: [
        { term: { host: 'a' } },
        { range: { '@timestamp': { format: 'epoch_millis', gte: NOW - 3_600_000, lte: NOW } } },
      ],
    },
  });
  t.same(buildQuery({}, CONFIG_DEFAULTS, NOW), { query: { match_all: {} }, bounded: false });
  t.ok(
    buildQuery({ dsl: { bool: { filter: [{ range: { ts: { gte: 1 } } }] } } }, CONFIG_DEFAULTS).bounded,
    'a range in dsl bounds it',
  );
  t.throws(() => buildQuery({ from: 'now', to: 'now-1h' }, CONFIG_DEFAULTS, NOW), {
    code: 'CNMCP_ERR_TOOL_INPUT_INVALID',
  });
});

t.test('cost guard: scripts, unbounded aggregations, hit caps, timeout and terminate_after', async (t) => {
  t.equal(findScript({ bool: { filter: [{ script: { script: 'x' } }] } }), 'bool.filter.0.script');
  t.equal(findScript({ terms: { field: 'a' } }), undefined);
  t.throws(
    () =>
      buildSearch({ index: 'x', aggs: { a: { avg: { script: 'doc.x' } } }, allow_unbounded: true }, CONFIG_DEFAULTS),
    { code: 'ES_ERR_SCRIPTS_DISABLED' },
  );
  t.doesNotThrow(() =>
    buildSearch({ index: 'x', dsl: { script: { script: 'x' } } }, { ...CONFIG_DEFAULTS, allowScripts: true }),
  );
  t.throws(() => buildSearch({ index: 'x', aggs: { a: { terms: { field: 'f' } } } }, CONFIG_DEFAULTS), {
    code: 'ES_ERR_UNBOUNDED_QUERY',
  });
  t.doesNotThrow(() =>
    buildSearch(
      { index: 'x', aggs: { a: { terms: { field: 'f' } } } },
      { ...CONFIG_DEFAULTS, requireTimeRange: false },
    ),
  );
  const { body } = buildSearch({ index: 'x', size: 5000, from: 'now-1h' }, CONFIG_DEFAULTS, NOW);
  t.equal(body.size, 100);
  t.equal(body.timeout, '30s');
  t.equal(body.terminate_after, 100_000);
  t.same(
    body.sort,
    [{ '@timestamp': { order: 'desc', unmapped_type: 'date' } }, '_doc'],
    'newest first with a time range',
  );
  t.same(buildSearch({ index: 'x' }, { ...CONFIG_DEFAULTS, terminateAfter: 0 }).body.terminate_after, undefined);
});

t.test('sort strings', async (t) => {
  t.same(parseSort('a:desc, b'), [{ a: { order: 'desc' } }, 'b']);
  t.same(parseSort([{ a: 'asc' }]), [{ a: 'asc' }]);
  t.throws(() => parseSort('a:sideways'), { code: 'CNMCP_ERR_TOOL_INPUT_INVALID' });
});

t.test('cursors carry the search they belong to and the time `now` meant', async (t) => {
  const a = buildSearch({ index: 'x', query: 'a', from: 'now-1h' }, CONFIG_DEFAULTS, NOW);
  const b = buildSearch({ index: 'x', query: 'b', from: 'now-1h' }, CONFIG_DEFAULTS, NOW);
  const later = buildSearch({ index: 'x', query: 'a', from: 'now-1h' }, CONFIG_DEFAULTS, NOW + 60_000);
  t.equal(a.fingerprint, later.fingerprint, 'relative times do not change the fingerprint');
  const cursor = encodeSearchCursor({ f: a.fingerprint, now: NOW, n: 10, after: [5, 'x'], pit: 'p1' });
  const state = decodeSearchCursor(cursor);
  t.same([state.now, state.n, state.after, state.pit], [NOW, 10, [5, 'x'], 'p1']);
  t.doesNotThrow(() => checkCursor(state, a.fingerprint));
  t.throws(() => checkCursor(state, b.fingerprint), { code: 'ES_ERR_CURSOR_INVALID' });
  t.throws(() => decodeSearchCursor('garbage!'), { code: 'ES_ERR_CURSOR_INVALID' });
});

t.test('a string sort on the time field tolerates indices without it', async (t) => {
  t.same(parseSort('ts:desc,host', 'ts'), [{ ts: { order: 'desc', unmapped_type: 'date' } }, 'host']);
  const { body } = buildSearch({ index: 'x', sort: '@timestamp:desc' }, CONFIG_DEFAULTS);
  t.same(body.sort, [{ '@timestamp': { order: 'desc', unmapped_type: 'date' } }, '_doc']);
});
