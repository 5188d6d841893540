// Pure dashboard logic: summaries walk rows, property paths read parts, diffs match panels by id, secrets are
// dropped, and the query cost guard picks or coarsens steps.
import t from 'tap';
import { collectPanels, summariseDashboard, findPanel } from '../../src/dashboard.js';
import { diffDashboards } from '../../src/diff.js';
import { normalisePath, readProperty } from '../../src/property.js';
import { decideStep } from '../../src/query-cost.js';
import { stripDatasourceSecrets } from '../../src/secrets.js';

const dashboard = {
  uid: 'd1',
  title: 'D',
  version: 3,
  tags: ['a'],
  templating: {
    list: [
      {
        name: 'job',
        type: 'query',
        query: { query: 'label_values(up, job)' },
        datasource: { uid: 'p', type: 'prometheus' },
      },
    ],
  },
  panels: [
    {
      id: 1,
      type: 'timeseries',
      title: 'CPU',
      datasource: { uid: 'p', type: 'prometheus' },
      targets: [{ refId: 'A', expr: 'rate(x[5m])' }],
    },
    {
      id: 2,
      type: 'row',
      title: 'Collapsed',
      collapsed: true,
      panels: [
        { id: 3, type: 'logs', title: 'Logs', datasource: 'Loki', targets: [{ refId: 'A', expr: '{app="a"}' }] },
      ],
    },
    { id: 4, type: 'row', title: 'Open', panels: [] },
    {
      id: 5,
      type: 'table',
      title: 'SQL',
      targets: [{ refId: 'A', rawSql: 'select 1', hide: true, datasource: { uid: 'm', type: 'mysql' } }],
    },
  ],
};

t.test('panels inside collapsed and expanded rows carry their row and queries', async (t) => {
  const panels = collectPanels(dashboard);
  t.same(
    panels.map((p) => [p.id, p.row ?? null]),
    [
      [1, null],
      [3, 'Collapsed'],
      [5, 'Open'],
    ],
  );
  t.same(panels[2].queries, [{ refId: 'A', query: 'select 1', datasource: 'm (mysql)', hidden: true }]);
  t.equal(findPanel(dashboard, 3)?.title, 'Logs');
  t.equal(findPanel(dashboard, 99), undefined);
});

t.test('old schema dashboards keep panels under rows', async (t) => {
  const panels = collectPanels({
    rows: [{ title: 'R', panels: [{ id: 7, type: 'graph', title: 'G', targets: [{ refId: 'A', target: 'a.b.c' }] }] }],
  });
  t.same(panels, [{ id: 7, type: 'graph', title: 'G', row: 'R', queries: [{ refId: 'A', query: 'a.b.c' }] }]);
});

t.test('summary lists variables, rows, types and datasources', async (t) => {
  const s = summariseDashboard(dashboard, { folderTitle: 'F' });
  t.equal(s.panel_count, 3);
  t.same(s.rows, ['Collapsed', 'Open']);
  t.same(s.datasources, ['Loki', 'm (mysql)', 'p (prometheus)']);
  t.same(s.variables, [{ name: 'job', type: 'query', query: 'label_values(up, job)', datasource: 'p (prometheus)' }]);
  t.equal(s.folder, 'F');
});

t.test('property paths in several spellings', async (t) => {
  t.equal(normalisePath('panels.0.title'), '$.panels[0].title');
  t.equal(normalisePath('.title'), '$.title');
  t.equal((await readProperty(dashboard, 'panels[0].title')).value, 'CPU');
  t.same((await readProperty(dashboard, '$.panels[?(@.type=="row")].title')).value, ['Collapsed', 'Open']);
  t.same(await readProperty(dashboard, 'nope.x'), { path: '$.nope.x', found: false, matches: 0 });
  await t.rejects(readProperty(dashboard, '$.panels[?(@.type==)]'), { code: 'GRAFANA_ERR_PROPERTY_PATH_INVALID' });
});

t.test('diff matches panels by id, not position', async (t) => {
  const after = structuredClone(dashboard) as typeof dashboard;
  after.version = 4;
  after.panels.unshift({ id: 9, type: 'stat', title: 'New', targets: [] } as never);
  after.panels[1].title = 'CPU usage';
  const d = diffDashboards(dashboard, after);
  t.same(d.panels.added, ['New (id 9)']);
  t.same(d.panels.changed, ['CPU usage (id 1)']);
  t.same(
    d.changes.find((c) => c.path === 'panels[id=1].title'),
    { op: 'changed', path: 'panels[id=1].title', from: 'CPU', to: 'CPU usage' },
  );
  t.equal(d.total_changes, 2, 'version is not a change');
});

t.test('datasource secrets are dropped, field names kept', async (t) => {
  const out = stripDatasourceSecrets({
    uid: 'x',
    password: 'p',
    basicAuthPassword: 'b',
    secureJsonData: { k: 'v' },
    secureJsonFields: { k: true },
  });
  t.same(out, { uid: 'x', secureJsonFields: { k: true } });
});

t.test('cost guard: automatic step, kept step, coarsened step, refusal', async (t) => {
  const limits = { maxPointsPerSeries: 1000, autoStepPoints: 250 };
  t.equal(decideStep(3_600_000, undefined, limits).stepMs, 15_000);
  t.same(decideStep(3_600_000, 60_000, limits), { stepMs: 60_000, maxDataPoints: 61 });
  const coarse = decideStep(86_400_000, 1_000, limits);
  t.equal(coarse.stepMs, 120_000);
  t.match(coarse.step_adjusted, /86401 points per series/);
  t.throws(() => decideStep(86_400_000, 1_000, limits, false), { code: 'GRAFANA_ERR_QUERY_TOO_EXPENSIVE' });
});
