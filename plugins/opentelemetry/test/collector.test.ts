// The collector and config tools against a collector whose counters move with real OTLP traffic.
import { startTestServer } from '@cnmcp/core/testing';
import t from 'tap';
import { OpenTelemetryPlugin } from '../dist/src/index.js';
import { startCollector } from './helpers/backend.js';
import { exportSpans } from './helpers/export.js';

type Stats = {
  naming_scheme: string;
  receivers: Array<{ receiver: string; accepted: { spans: number }; refused: { spans: number } }>;
  exporters: Array<{ exporter: string; sent: { spans: number } }>;
  findings: string[];
};
const accepted = (s: Stats) => s.receivers.reduce((n, r) => n + r.accepted.spans, 0);

for (const naming of ['legacy', 'total', 'current'] as const) {
  t.test(`accepted spans move by what the test sent (${naming} metric names)`, async (t) => {
    if (naming !== 'total' && process.env.CNMCP_TEST_OTELCOL_URL)
      return t.skip('one live collector, one naming scheme');
    const col = await startCollector({ metricNaming: naming });
    t.teardown(() => col.close());
    const srv = await startTestServer({
      plugins: [OpenTelemetryPlugin],
      config: { opentelemetry: { targets: { main: col.target } } },
    });
    t.teardown(() => srv.close());
    const before = await srv.callJson<Stats>('opentelemetry_get_status', {});
    await exportSpans(`${col.otlpUrl}/v1/traces`, 5, 'json');
    await exportSpans(`${col.otlpUrl}/v1/traces`, 2, 'protobuf');
    const after = await srv.callJson<Stats>('opentelemetry_get_status', {});
    t.equal(accepted(after) - accepted(before), 7, 'exactly the 7 spans sent');
    if (!col.live) t.match(after.naming_scheme, { legacy: /legacy/, total: /_total/, current: /current/ }[naming]);
  });
}

t.test('health, summary, pipelines and config', async (t) => {
  const col = await startCollector();
  t.teardown(() => col.close());
  const srv = await startTestServer({
    plugins: [OpenTelemetryPlugin],
    config: { opentelemetry: { targets: { main: col.target } } },
  });
  t.teardown(() => srv.close());

  const health = await srv.callJson<{ healthy: boolean; status: string }>('opentelemetry_get_health', {});
  t.match(health, { healthy: true, status: 'Server available' });
  await exportSpans(`${col.otlpUrl}/v1/traces`, 3);

  const summary = await srv.callJson<{
    health: { healthy: boolean };
    data: { spans: { accepted: number } };
    pipelines: string[];
  }>('opentelemetry_get_collector_summary', {});
  t.equal(summary.health.healthy, true);
  t.ok(summary.data.spans.accepted >= 3);
  if (!col.live) t.ok(summary.pipelines.some((p) => p.startsWith('traces: otlp → memory_limiter,batch →')));

  const pipes = await srv.callJson<{
    sources: Record<string, unknown>;
    pipelines: Array<{ name: string; seen_in: string[]; flow: { accepted: number }; issues: unknown[] }>;
  }>('opentelemetry_analyze_pipeline_status', { signal: 'traces' });
  t.ok(
    pipes.pipelines.every((p) => p.name.split('/')[0] === 'traces'),
    'only traces pipelines',
  );
  if (!col.live) {
    t.same(pipes.pipelines[0].seen_in, ['config', 'zpages']);
    t.ok(pipes.pipelines[0].flow.accepted >= 3);
  }
  const gaps = await srv.callJson<{ issue_counts: { error: number }; other_issues: Array<{ message: string }> }>(
    'opentelemetry_analyze_pipeline_status',
    {
      config:
        'receivers: {otlp: {}}\nexporters: {debug: {}}\nservice:\n  pipelines:\n    traces: {receivers: [otlp, jaeger], exporters: [debug]}\n',
    },
  );
  t.ok(gaps.issue_counts.error >= 1);

  if (!col.live) {
    const config = await srv.callJson<{
      source: string;
      config: { exporters: Record<string, { headers: Record<string, string> }> };
    }>('opentelemetry_get_config', {});
    t.match(config.source, /configFile of target 'main'/);
    t.ok(config.config.exporters['otlphttp/jaeger'].headers.authorization, 'the header is listed');
    t.notMatch(JSON.stringify(config), /not-for-your-eyes/, 'but its value is not shown');
    const cs = await srv.callJson<{
      signals: Record<string, { exporters: string[] }>;
      issue_counts: { error: number };
    }>('opentelemetry_get_config_summary', {});
    t.same(cs.signals.traces.exporters, ['otlphttp/jaeger']);
    t.equal(cs.issue_counts.error, 0);
  }
  const inline = await srv.callJson<{ source: string; pipelines: unknown[] }>('opentelemetry_get_config_summary', {
    config:
      'receivers: {otlp: {}}\nexporters: {debug: {}}\nservice: {pipelines: {logs: {receivers: [otlp], exporters: [debug]}}}\n',
  });
  t.equal(inline.source, 'inline');
  t.equal(inline.pipelines.length, 1);

  const status = await srv.callJson<Stats & { build: Record<string, string> }>('opentelemetry_get_status', {});
  if (!col.live) t.match(status.build, { Version: '0.120.0' });
});

t.test(
  'an unhealthy, refusing collector is reported as such',
  { skip: !!process.env.CNMCP_TEST_OTELCOL_URL && 'emulator only' },
  async (t) => {
    const col = await startCollector();
    t.teardown(() => col.close());
    const srv = await startTestServer({
      plugins: [OpenTelemetryPlugin],
      config: { opentelemetry: { targets: { main: col.target } } },
    });
    t.teardown(() => srv.close());
    col.emulator!.setHealthy(false);
    col.emulator!.setRefusing(true);
    const span = {
      traceId: 'b'.repeat(32),
      spanId: 'c'.repeat(16),
      name: 'x',
      startTimeUnixNano: '1',
      endTimeUnixNano: '2',
    };
    await fetch(`${col.otlpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] }),
    });
    t.match(await srv.callJson('opentelemetry_get_health', {}), {
      healthy: false,
      http_status: 503,
      status: 'Server not available',
    });
    const pipes = await srv.callJson<{
      pipelines: Array<{ name: string; issues: Array<{ severity: string; message: string }> }>;
    }>('opentelemetry_analyze_pipeline_status', { pipeline: 'traces' });
    t.ok(pipes.pipelines[0].issues.some((i) => i.severity === 'error' && i.message === 'receivers refused 1 spans'));
  },
);
