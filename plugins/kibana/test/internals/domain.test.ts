// Pure domain logic: NDJSON encode/decode, import-file normalisation, data view matching, summaries.
import t from 'tap';
import { decodeNdjson, encodeNdjson, toImportNdjson } from '../../src/ndjson.js';
import { looksLikeIndexPattern, matchDataView } from '../../src/data-views.js';
import { dashboardPanels, dashboardSummary, parseJsonAttribute, visualizationSummary } from '../../src/summaries.js';
import { readHits } from '../../src/tools/discover.js';

const dash = {
  type: 'dashboard',
  id: 'd1',
  attributes: { title: 'Ops', panelsJSON: '[{"panelIndex":"1","panelRefName":"panel_0"}]' },
  references: [{ type: 'visualization', id: 'v1', name: 'panel_0' }],
};

t.test('NDJSON: round trip, export details, errors naming the line', async (t) => {
  const details = { exportedCount: 1, missingRefCount: 0, missingReferences: [] };
  const text = encodeNdjson([dash, details]);
  const decoded = decodeNdjson(text);
  t.same(decoded.objects, [dash]);
  t.same(decoded.details, details);
  t.throws(() => decodeNdjson('{"type":"x","id":"1","attributes":{}}\n{oops'), { message: /line 2 is not JSON/ });
  t.throws(() => decodeNdjson('{"id":"1"}'), { message: /line 1 is not a saved object/ });
  t.throws(() => decodeNdjson('[1]'), { message: /line 1 is not a JSON object/ });
});

t.test('import files: NDJSON text, a JSON array, one object', async (t) => {
  t.equal(toImportNdjson(encodeNdjson([dash, { exportedCount: 1 }])).count, 1, 'export details are dropped');
  t.equal(toImportNdjson(JSON.stringify([dash, dash])).count, 2);
  t.equal(toImportNdjson(dash).count, 1);
  t.throws(() => toImportNdjson('[{"broken"'), { message: /JSON array but does not parse/ });
});

t.test('data view matching: ID, then name, then title, case-insensitive; ambiguity reported', async (t) => {
  const views = [
    { id: 'a', title: 'logs-*', name: 'Logs' },
    { id: 'b', title: 'metrics-*', name: 'Metrics' },
    { id: 'c', title: 'logs-*', name: 'Logs copy' },
  ];
  t.same(matchDataView(views, 'b'), { view: views[1] });
  t.same(matchDataView(views, 'Logs'), { view: views[0] });
  t.same(matchDataView(views, 'metrics'), { view: views[1] });
  t.same(matchDataView(views, 'logs-*'), { ambiguous: [views[0], views[2]] });
  t.same(matchDataView(views, 'nothing'), { none: true });
  t.ok(looksLikeIndexPattern('logs-*,metrics-*'));
  t.notOk(looksLikeIndexPattern('My data view'));
});

t.test('summaries decode JSON-string attributes and resolve panel references', async (t) => {
  t.same(dashboardPanels(dash), [{ panel: '1', type: 'visualization', object: { type: 'visualization', id: 'v1' } }]);
  t.match(dashboardSummary(dash), { id: 'd1', title: 'Ops', panels: 1 });
  t.match(
    visualizationSummary({
      type: 'visualization',
      id: 'v',
      attributes: { title: 'V', visState: '{"type":"pie"}' },
      references: [],
    }),
    { vis_type: 'pie' },
  );
  t.same(parseJsonAttribute('{bad', []), []);
});

t.test('search answers: summary or raw response shapes', async (t) => {
  t.same(readHits({ total: 2, hits: [{ _id: '1' }], took: 3 }), { total: 2, hits: [{ _id: '1' }], rest: { took: 3 } });
  t.same(readHits({ hits: { total: { value: 5 }, hits: [{ _id: '1' }] } }), {
    total: 5,
    hits: [{ _id: '1' }],
    rest: {},
  });
});
