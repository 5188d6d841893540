// The fixture dashboards: a service overview in two saved versions (rows, collapsed and expanded, Prometheus and
// Loki panels, a legacy datasource name) and a small alerting overview.

const prom = { type: 'prometheus', uid: 'prometheus' };
const loki = { type: 'loki', uid: 'loki' };

export function serviceOverview(version: 1 | 2): Record<string, unknown> {
  const panels: Array<Record<string, unknown>> = [
    {
      id: 1,
      type: 'timeseries',
      title: version === 1 ? 'Gauge' : 'Test gauge',
      gridPos: { h: 8, w: 12, x: 0, y: 0 },
      datasource: prom,
      targets: [{ refId: 'A', expr: 'cnmcp_test_gauge', datasource: prom, legendFormat: '{{kind}}' }],
      fieldConfig: { defaults: { unit: 'short' }, overrides: [] },
    },
    {
      id: 2,
      type: 'stat',
      title: 'Targets up',
      gridPos: { h: 8, w: 12, x: 12, y: 0 },
      datasource: prom,
      targets: [{ refId: 'A', expr: 'sum(up)' }],
    },
    {
      id: 3,
      type: 'row',
      title: 'Logs',
      collapsed: true,
      gridPos: { h: 1, w: 24, x: 0, y: 8 },
      panels: [
        {
          id: 4,
          type: 'logs',
          title: 'Error logs',
          datasource: loki,
          targets: [{ refId: 'A', expr: '{app="api"} |= "error"' }],
        },
      ],
    },
  ];
  if (version === 2) {
    panels.push(
      { id: 5, type: 'row', title: 'Details', collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: 9 }, panels: [] },
      {
        id: 6,
        type: 'table',
        title: 'Scrape durations',
        gridPos: { h: 8, w: 24, x: 0, y: 10 },
        datasource: 'Prometheus',
        targets: [
          { refId: 'A', expr: 'scrape_duration_seconds' },
          { refId: 'B', expr: 'up', hide: true },
        ],
      },
    );
  }
  return {
    uid: 'svc-overview',
    title: 'Service Overview',
    tags: ['prod', 'services'],
    timezone: 'utc',
    schemaVersion: 39,
    refresh: version === 1 ? '' : '30s',
    time: { from: 'now-1h', to: 'now' },
    templating: {
      list: [
        { name: 'job', type: 'query', datasource: prom, query: 'label_values(up, job)', current: { text: 'All' } },
      ],
    },
    panels,
  };
}

export function alertingOverview(): Record<string, unknown> {
  return {
    uid: 'alerting-overview',
    title: 'Alerting Overview',
    tags: ['alerts'],
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    panels: [{ id: 1, type: 'alertlist', title: 'Firing alerts', gridPos: { h: 8, w: 24, x: 0, y: 0 } }],
  };
}
