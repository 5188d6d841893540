// Every Prometheus tool besides the queries, through a real MCP client against a real Prometheus
// (scraping itself and a test exporter, with one firing alert, one pending alert and one recording rule).
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { PrometheusPlugin } from '../src/index.js';
import { MANY_SERIES, prometheusBackend } from './helpers/backends.js';

const backend = await prometheusBackend();
if ('skip' in backend) {
  t.plan(0, backend.skip);
} else {
  t.teardown(() => backend.stop());
  const fixture = !backend.live;
  const live = !fixture && 'live mode: fixture values unknown';
  const mcp = await startTestServer({
    plugins: [PrometheusPlugin],
    config: { prometheus: { targets: { main: { url: backend.url } } } },
  });
  t.teardown(() => mcp.close());

  t.test('label names and values, with the reference window parameters', async (t) => {
    const names = await mcp.callJson<{ total: number; labels: string[] }>('prometheus_get_label_names', {
      start: 'now-1h',
      end: 'now',
    });
    t.ok(names.labels.includes('__name__') && names.labels.includes('job'));
    const jobs = await mcp.callJson<{ label: string; values: string[] }>('prometheus_get_label_values', {
      label: 'job',
    });
    t.equal(jobs.label, 'job');
    t.ok(jobs.values.includes('prometheus'));
    if (fixture) {
      t.same(jobs.values.sort(), ['exporter', 'prometheus']);
      const kinds = await mcp.callJson<{ values: string[] }>('prometheus_get_label_values', {
        label: 'kind',
        match: 'cnmcp_test_gauge{kind=~"a.*",job="exporter"}',
      });
      t.same(kinds.values, ['alpha'], 'a selector with a comma is one selector, not two');
      const capped = await mcp.callJson<{ total: number; values: string[]; truncated: string }>(
        'prometheus_get_label_values',
        { label: 'i', limit: 5 },
      );
      t.equal(capped.total, MANY_SERIES);
      t.equal(capped.values.length, 5);
      t.match(capped.truncated, /showing 5 of 150 values/);
      const scoped = await mcp.callJson<{ labels: string[] }>('prometheus_get_label_names', {
        match: ['cnmcp_test_gauge'],
      });
      t.same(scoped.labels.sort(), ['__name__', 'instance', 'job', 'kind']);
    }
  });

  t.test('series for match[] selectors (array, single string and JSON text)', async (t) => {
    const up = await mcp.callJson<{ total: number; series: Array<Record<string, string>> }>('prometheus_get_series', {
      match: ['up'],
      start: 'now-5m',
      end: 'now',
    });
    t.ok(up.series.every((s) => s.__name__ === 'up'));
    if (fixture) {
      t.equal(up.total, 2);
      const gauge = await mcp.callJson<{ total: number }>('prometheus_get_series', { match: 'cnmcp_test_gauge' });
      t.equal(gauge.total, 2);
      const both = await mcp.callJson<{ total: number }>('prometheus_get_series', {
        match: '["cnmcp_test_gauge", "up"]',
      });
      t.equal(both.total, 4);
    }
    const none = await mcp.call('prometheus_get_series', {});
    t.ok(none.isError);
    t.match(none.text, /CNMCP_ERR_TOOL_INPUT_INVALID.*match/s);
  });

  t.test('metric metadata and target metadata', { skip: live }, async (t) => {
    const meta = await mcp.callJson<{ total: number; metadata: Array<{ metric: string; type: string; help: string }> }>(
      'prometheus_get_metrics_metadata',
      { metric: 'cnmcp_test_gauge' },
    );
    t.same(meta.metadata, [
      { metric: 'cnmcp_test_gauge', type: 'gauge', help: 'A gauge with known values for tests.', unit: '' },
    ]);
    const all = await mcp.callJson<{ total: number; metadata: unknown[] }>('prometheus_get_metrics_metadata', {
      limit: 3,
    });
    t.ok(all.total > 3);
    t.equal(all.metadata.length, 3);
    const target = await mcp.callJson<{ metadata: Array<{ target: Record<string, string>; type: string }> }>(
      'prometheus_get_target_metadata',
      { metric: 'cnmcp_test_gauge' },
    );
    t.equal(target.metadata[0].target.job, 'exporter');
    t.equal(target.metadata[0].type, 'gauge');
    const matched = await mcp.callJson<{ total: number }>('prometheus_get_target_metadata', {
      metric: 'cnmcp_test_gauge',
      match_target: '{job="prometheus"}',
    });
    t.equal(matched.total, 0);
  });

  t.test('scrape targets and their summary', async (t) => {
    const targets = await mcp.callJson<{ active_total: number; active: Array<{ job: string; health: string }> }>(
      'prometheus_get_targets',
      { state: 'active' },
    );
    t.ok(targets.active.some((x) => x.job === 'prometheus'));
    const summary = await mcp.callJson<{
      active_targets: number;
      by_health: Record<string, number>;
      jobs: Array<{ job: string; up: number; down: number }>;
    }>('prometheus_targets_summary', {});
    t.equal(summary.active_targets, targets.active_total);
    if (fixture) {
      t.equal(summary.active_targets, 2);
      t.same(summary.by_health, { up: 2 });
      t.same(
        summary.jobs.map((j) => [j.job, j.up, j.down]),
        [
          ['exporter', 1, 0],
          ['prometheus', 1, 0],
        ],
      );
    }
    const bad = await mcp.call('prometheus_get_targets', { state: 'sleeping' });
    t.ok(bad.isError);
    t.match(bad.text, /CNMCP_ERR_TOOL_INPUT_INVALID.*state/s);
  });

  t.test('rules, alerts and their summaries', { skip: live }, async (t) => {
    const rules = await mcp.callJson<{ groups: Array<{ name: string; rules: Array<{ name: string; type: string }> }> }>(
      'prometheus_get_rules',
      {},
    );
    t.same(
      rules.groups[0].rules.map((r) => [r.name, r.type]),
      [
        ['AlwaysFiring', 'alerting'],
        ['GaugeHighPending', 'alerting'],
        ['cnmcp:test_gauge:sum', 'recording'],
      ],
    );
    const recording = await mcp.callJson<{ groups: Array<{ rules: Array<{ name: string }> }> }>(
      'prometheus_get_rules',
      { type: 'record' },
    );
    t.same(
      recording.groups[0].rules.map((r) => r.name),
      ['cnmcp:test_gauge:sum'],
    );
    const rs = await mcp.callJson<{
      total_rules: number;
      by_type: Record<string, number>;
      rules: Array<{ name: string; state?: string }>;
    }>('prometheus_rules_summary', {});
    t.equal(rs.total_rules, 3);
    t.same(rs.by_type, { alert: 2, record: 1 });
    t.equal(rs.rules.find((r) => r.name === 'AlwaysFiring')?.state, 'firing');
    t.equal(rs.rules.find((r) => r.name === 'GaugeHighPending')?.state, 'pending');

    const alerts = await mcp.callJson<{
      total: number;
      alerts: Array<{ labels: Record<string, string>; state: string }>;
    }>('prometheus_get_alerts', {});
    const states = Object.fromEntries(
      alerts.alerts.map((a) => [a.labels.alertname + (a.labels.kind ? `/${a.labels.kind}` : ''), a.state]),
    );
    t.same(states, { AlwaysFiring: 'firing', 'GaugeHighPending/alpha': 'pending' });
    const as = await mcp.callJson<{
      total_alerts: number;
      by_state: Record<string, number>;
      alertnames: Array<{ alertname: string; severity: string }>;
    }>('prometheus_alerts_summary', {});
    t.same(as.by_state, { firing: 1, pending: 1 });
    t.same(
      as.alertnames.map((a) => [a.alertname, a.severity]),
      [
        ['AlwaysFiring', 'critical'],
        ['GaugeHighPending', 'warning'],
      ],
    );
    t.ok(Buffer.byteLength(JSON.stringify(as)) < 1_000, 'the summary is compact');
  });

  t.test('server, runtime, TSDB and WAL status from the documented endpoints', async (t) => {
    const info = await mcp.callJson<{ build: { version: string }; config_yaml: string }>(
      'prometheus_get_server_info',
      {},
    );
    t.match(info.build.version, /^\d+\.\d+\.\d+/);
    t.match(info.config_yaml, /scrape_configs:/);
    if (fixture) t.match(info.config_yaml, /job_name: exporter/);
    const runtime = await mcp.callJson<{
      startTime: string;
      uptime: string;
      goroutineCount: number;
      storageRetention: string;
      version: string;
    }>('prometheus_get_runtime_info', {});
    t.ok(runtime.startTime && runtime.uptime, 'start time and uptime');
    t.type(runtime.goroutineCount, 'number', 'runtime info, not build info');
    t.equal(runtime.version, info.build.version);
    // The head keeps taking scrapes, so its series count is only comparable to reads made around the same moment.
    const headSeries = async () => {
      const res = await fetch(`${backend.url}/api/v1/status/tsdb`);
      return ((await res.json()) as { data: { headStats: { numSeries: number } } }).data.headStats.numSeries;
    };
    const before = await headSeries();
    const stats = await mcp.callJson<{
      headStats: { numSeries: number };
      seriesCountByMetricName: Array<{ name: string; value: number }>;
    }>('prometheus_get_tsdb_stats', { limit: 3 });
    t.ok(stats.headStats.numSeries > 0);
    t.ok(stats.seriesCountByMetricName.length <= 3);
    if (fixture) t.equal(stats.seriesCountByMetricName[0].name, 'cnmcp_test_many');
    const status = await mcp.callJson<{ head: { numSeries: number; span?: string }; top_metrics_by_series: unknown[] }>(
      'prometheus_get_tsdb_status',
      {},
    );
    const after = await headSeries();
    const low = Math.min(before, after);
    const high = Math.max(before, after);
    for (const [name, value] of [
      ['tsdb stats', stats.headStats.numSeries],
      ['tsdb status', status.head.numSeries],
    ] as const) {
      t.ok(value >= low && value <= high, `${name}: head series ${value} is the backend's own (${low}–${high})`);
    }
    t.ok(status.top_metrics_by_series.length <= 5);
    const wal = await mcp.callJson<{ min: number; max: number; current: number; done: boolean }>(
      'prometheus_get_wal_replay_status',
      {},
    );
    t.type(wal.current, 'number');
    t.equal(wal.done, true);
  });

  t.test('test connection and the configured backends', async (t) => {
    const conn = await mcp.callJson<{
      ok: boolean;
      target: string;
      version: string;
      scrape_targets: number;
      scrape_targets_up: number;
    }>('prometheus_test_connection', {});
    t.equal(conn.ok, true);
    t.equal(conn.target, 'main');
    if (fixture) t.same([conn.scrape_targets, conn.scrape_targets_up], [2, 2]);
    const backends = await mcp.callJson<{
      targets: Array<{ name: string; url: string; default: boolean; auth: string }>;
    }>('prometheus_list_backends', {});
    t.same(backends.targets, [{ name: 'main', url: backend.url, default: true, auth: 'none' }]);
  });

  t.test('create_snapshot calls the admin API', { skip: live }, async (t) => {
    const snap = await mcp.callJson<{ snapshot: string; location: string }>('prometheus_create_snapshot', {
      skipHead: true,
    });
    t.match(snap.snapshot, /^\d{8}T\d{6}Z-[0-9a-f]+$/);
    t.match(snap.location, /snapshots\//);
    const snake = await mcp.callJson<{ skipHead: boolean }>('prometheus_create_snapshot', { skip_head: false });
    t.equal(snake.skipHead, false, 'the snake_case alias is accepted');
  });

  t.test('a target name the config does not have', async (t) => {
    const r = await mcp.call('prometheus_query', { query: 'up', target: 'nope' });
    t.ok(r.isError);
    t.match(r.text, /^CNMCP_ERR_BACKEND_TARGET_UNKNOWN: prometheus has no target named 'nope'\nHint: Use one of: main/);
  });
}
