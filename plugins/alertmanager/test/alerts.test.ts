// Alert, group, receiver and status tools through a real MCP client against a real Alertmanager holding known alerts.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { AlertmanagerPlugin } from '../src/index.js';
import { alertmanagerBackend } from './helpers/backends.js';

const backend = await alertmanagerBackend();
if ('skip' in backend) {
  t.plan(0, backend.skip);
} else {
  t.teardown(() => backend.stop());
  const fixture = !backend.live;
  const live = !fixture && 'live mode: fixture alerts unknown';
  const mcp = await startTestServer({
    plugins: [AlertmanagerPlugin],
    config: { alertmanager: { targets: { main: { url: backend.url } } } },
  });
  t.teardown(() => mcp.close());

  t.test('get_alerts with a filters object: state flags, receiver and label keys', { skip: live }, async (t) => {
    const all = await mcp.callJson<{
      total: number;
      alerts: Array<{ labels: Record<string, string>; fingerprint: string }>;
    }>('alertmanager_get_alerts', {});
    t.equal(all.total, 4);
    const disk = await mcp.callJson<{
      total: number;
      applied: Record<string, unknown>;
      alerts: Array<{ labels: Record<string, string> }>;
    }>('alertmanager_get_alerts', { filters: { alertname: 'DiskFull', active: true } });
    t.equal(disk.total, 2);
    t.same(disk.applied, { active: true, filter: ['alertname="DiskFull"'] });
    const viaMatcher = await mcp.callJson<{ total: number }>('alertmanager_get_alerts', {
      filters: '{"filter": "severity=~\\"crit.*|info\\""}',
    });
    t.equal(viaMatcher.total, 2, 'filters given as JSON text, with a regex matcher');
    const pager = await mcp.callJson<{ total: number; alerts: Array<{ labels: Record<string, string> }> }>(
      'alertmanager_get_alerts',
      { filters: { receiver: 'team-pager' } },
    );
    t.same(
      pager.alerts.map((a) => a.labels.alertname),
      ['HighLatency'],
    );
    const bad = await mcp.call('alertmanager_get_alerts', { filters: { silenced: 'maybe' } });
    t.ok(bad.isError);
    t.match(bad.text, /^ALERTMANAGER_ERR_FILTER_INVALID: filters\.silenced: expected true or false \(got "maybe"\)/);
  });

  t.test('query_alerts: matchers, flags and sorting (camelCase reference names)', { skip: live }, async (t) => {
    const out = await mcp.callJson<{
      total: number;
      alerts: Array<{ alertname: string; severity: string; labels: Record<string, string> }>;
    }>('alertmanager_query_alerts', { filter: 'alertname=~"Disk.*|High.*"', sortBy: 'severity', sortOrder: 'asc' });
    t.same(
      out.alerts.map((a) => a.alertname),
      ['HighLatency', 'DiskFull', 'DiskFull'],
    );
    const snake = await mcp.callJson<{ alerts: Array<{ alertname: string }> }>('alertmanager_query_alerts', {
      sort_by: 'startsAt',
      sort_order: 'desc',
    });
    t.same(
      snake.alerts.map((a) => a.alertname),
      ['Heartbeat', 'HighLatency', 'DiskFull', 'DiskFull'],
      'snake_case spellings map to sortBy/sortOrder',
    );
    const none = await mcp.callJson<{ total: number }>('alertmanager_query_alerts', { active: false });
    t.equal(none.total, 0);
    const bad = await mcp.call('alertmanager_query_alerts', { filter: 'alertname=' });
    t.notOk(bad.isError, 'an empty value is a valid matcher (label absent)');
    const broken = await mcp.call('alertmanager_query_alerts', { filter: 'alertname "X"' });
    t.ok(broken.isError);
    t.match(
      broken.text,
      /^ALERTMANAGER_ERR_MATCHER_INVALID: filter: cannot read "alertname \\"X\\"": expected an operator/,
    );
    t.match(broken.text, /Hint: Write filter like alertname="HighLatency",severity=~"crit\.\*"/);
  });

  t.test('query_alerts_advanced: time_range, paging, include_labels', { skip: live }, async (t) => {
    const page1 = await mcp.callJson<{
      total: number;
      total_pages: number;
      has_more: boolean;
      alerts: Array<{ alertname: string; labels?: object }>;
    }>('alertmanager_query_alerts_advanced', { page: 1, per_page: 3 });
    t.equal(page1.total, 4);
    t.equal(page1.total_pages, 2);
    t.equal(page1.has_more, true);
    t.same(
      page1.alerts.map((a) => a.alertname),
      ['Heartbeat', 'HighLatency', 'DiskFull'],
      'newest first by default',
    );
    t.notOk(page1.alerts[0].labels);
    const page2 = await mcp.callJson<{ alerts: Array<{ alertname: string; labels: Record<string, string> }> }>(
      'alertmanager_query_alerts_advanced',
      { page: 2, perPage: 3, includeLabels: true },
    );
    t.same(
      page2.alerts.map((a) => a.labels.instance),
      ['db2'],
    );
    const recent = await mcp.callJson<{ total: number; since: string }>('alertmanager_query_alerts_advanced', {
      time_range: '1h',
    });
    t.equal(recent.total, 3, 'the alert that started 3h ago is left out');
    const badRange = await mcp.call('alertmanager_query_alerts_advanced', { time_range: 'recently' });
    t.match(badRange.text, /^CNMCP_ERR_TOOL_INPUT_INVALID: time_range: cannot read "recently" as a time/);
  });

  t.test('alerts_summary is compact and counts everything', { skip: live }, async (t) => {
    const r = await mcp.call('alertmanager_alerts_summary', { limit: 2 });
    const s = JSON.parse(r.text) as {
      total: number;
      by_state: object;
      by_severity: object;
      by_alertname: object;
      alerts: unknown[];
      truncated: string;
    };
    t.equal(s.total, 4);
    t.same(s.by_state, { active: 4 });
    t.same(s.by_severity, { critical: 1, warning: 2, info: 1 });
    t.same(s.by_alertname, { HighLatency: 1, DiskFull: 2, Heartbeat: 1 });
    t.equal(s.alerts.length, 2);
    t.match(s.truncated, /listing 2 of 4/);
    t.ok(Buffer.byteLength(r.text) < 1_500, `compact (${Buffer.byteLength(r.text)} bytes)`);
    const crit = await mcp.callJson<{ total: number }>('alertmanager_alerts_summary', {
      filter: 'severity="critical"',
      active_only: true,
    });
    t.equal(crit.total, 1);
  });

  t.test('alert groups, plain and paged', { skip: live }, async (t) => {
    const groups = await mcp.callJson<{
      total: number;
      groups: Array<{ labels: { alertname: string }; receiver: string; alerts_count: number }>;
    }>('alertmanager_get_alert_groups', {});
    const byName = Object.fromEntries(groups.groups.map((g) => [g.labels.alertname, [g.receiver, g.alerts_count]]));
    t.same(byName, { DiskFull: ['default', 2], Heartbeat: ['default', 1], HighLatency: ['team-pager', 1] });
    const paged = await mcp.callJson<{
      total: number;
      groups: Array<{ labels: { alertname: string }; alerts_count: number }>;
    }>('alertmanager_alert_groups_paginated', { page: 1, per_page: 1, sort_by: 'count' });
    t.equal(paged.total, 3);
    t.same(
      paged.groups.map((g) => [g.labels.alertname, g.alerts_count]),
      [['DiskFull', 2]],
    );
    const pager = await mcp.callJson<{ total: number }>('alertmanager_alert_groups_paginated', {
      receiver: 'team-pager',
      active_only: true,
    });
    t.equal(pager.total, 1);
  });

  t.test('receivers and their summary (integrations from the running config)', async (t) => {
    const r = await mcp.callJson<{ receivers: string[] }>('alertmanager_get_receivers', {});
    t.ok(r.receivers.length >= 1);
    if (fixture) t.same(r.receivers.sort(), ['default', 'team-pager']);
    const s = await mcp.callJson<{
      receivers: Array<{ name: string; integrations: string[]; current_alerts: number }>;
      test_info?: string;
    }>('alertmanager_receivers_summary', { test_info: true });
    t.match(s.test_info, /no receiver-test API/);
    if (fixture) {
      const byName = Object.fromEntries(s.receivers.map((x) => [x.name, [x.integrations, x.current_alerts]]));
      t.same(byName, { default: [[], 3], 'team-pager': [['webhook'], 1] });
    }
  });

  t.test('test_receiver says Alertmanager cannot do that, and what can be done', async (t) => {
    const name = fixture
      ? 'team-pager'
      : (await mcp.callJson<{ receivers: string[] }>('alertmanager_get_receivers', {})).receivers[0];
    const r = await mcp.call('alertmanager_test_receiver', {
      receiver: { name },
      alerts: [{ labels: { alertname: 'Test' } }],
    });
    t.ok(r.isError);
    t.match(
      r.text,
      new RegExp(
        `^ALERTMANAGER_ERR_RECEIVER_TEST_UNSUPPORTED: Alertmanager has no API to test a receiver, so nothing was sent \\(1 alert\\(s\\) given\\)\\. Receiver '${name}' is configured\\.`,
      ),
    );
    t.match(r.text, /Hint: To exercise '.*', post a synthetic alert .*amtool config routes test/);
    const unknown = await mcp.call('alertmanager_test_receiver', { receiver: 'nobody' });
    t.match(unknown.text, /Receiver 'nobody' is not configured \(known: /);
    if (fixture)
      t.equal(backend.webhook.filter((n) => JSON.stringify(n).includes('"Test"')).length, 0, 'nothing was sent');
  });

  t.test('status, health summary and backends', async (t) => {
    const status = await mcp.callJson<{
      cluster: { status: string };
      config: { original: string };
      versionInfo: { version: string };
    }>('alertmanager_get_status', {});
    t.match(status.config.original, /receivers:/);
    if (fixture) t.equal(status.cluster.status, 'disabled');
    const basic = await mcp.callJson<Record<string, unknown>>('alertmanager_health_summary', {});
    t.equal(basic.version, status.versionInfo.version);
    t.type(basic.uptime_seconds, 'number');
    t.ok(basic.cluster);
    t.notOk(basic.receivers);
    const detailed = await mcp.callJson<Record<string, unknown>>('alertmanager_health_summary', {
      level: 'detailed',
      include_cluster: false,
    });
    t.notOk(detailed.cluster);
    if (fixture) {
      t.same((detailed.receivers as string[]).sort(), ['default', 'team-pager']);
      t.equal(detailed.route_receiver, 'default');
      t.same(basic.alerts, { total: 4, by_state: { active: 4 } });
    }
    const backends = await mcp.callJson<{ targets: unknown[] }>('alertmanager_list_backends', {});
    t.same(backends.targets, [{ name: 'main', url: backend.url, default: true, auth: 'none' }]);
  });
}
