// Signal queries answered by the backends the collector exports to: traces the collector forwarded to
// Jaeger come back through the Jaeger plugin; the collector's own counters through a real Prometheus
// that scrapes it; logs through the Elasticsearch plugin.
import { requireBinary, startTestServer, waitFor } from '@cnmcp/core/testing';
import { ElasticsearchPlugin } from '@cnmcp/plugin-elasticsearch';
import { DocumentStore, startElasticsearchEmulator } from '@cnmcp/plugin-elasticsearch/testing';
import { JaegerPlugin } from '@cnmcp/plugin-jaeger';
import { startJaegerEmulator } from '@cnmcp/plugin-jaeger/testing';
import { PrometheusPlugin } from '@cnmcp/plugin-prometheus';
import t from 'tap';
import { OpenTelemetryPlugin } from '../dist/src/index.js';
import { startCollector } from './helpers/backend.js';
import { exportSpans } from './helpers/export.js';
import { startPrometheus } from './helpers/prometheus.js';

const emulatorOnly = !!process.env.CNMCP_TEST_OTELCOL_URL && 'the collector must forward to a Jaeger the test reads';

t.test(
  'traces the collector forwarded to Jaeger come back through the Jaeger plugin',
  { skip: emulatorOnly },
  async (t) => {
    const jaeger = await startJaegerEmulator();
    t.teardown(() => jaeger.close());
    const col = await startCollector({ forwardTracesTo: jaeger.otlpUrl });
    t.teardown(() => col.close());
    const traceId = await exportSpans(`${col.otlpUrl}/v1/traces`, 4, 'protobuf');
    const srv = await startTestServer({
      plugins: [JaegerPlugin, OpenTelemetryPlugin],
      config: { jaeger: { targets: { main: { url: jaeger.url } } }, opentelemetry: { targets: { main: col.target } } },
    });
    t.teardown(() => srv.close());

    const byId = await srv.callJson<{ source: string; trace: { summary: { trace_id: string; span_count: number } } }>(
      'opentelemetry_query_traces',
      { query: traceId },
    );
    t.equal(byId.source, 'jaeger');
    t.match(byId.trace.summary, { trace_id: traceId, span_count: 4 });
    const direct = await srv.callJson<{ summary: unknown }>('jaeger_get_trace', { trace_id: traceId });
    t.same(byId.trace.summary, direct.summary, 'the same trace as the Jaeger plugin gives');

    const byAttr = await srv.callJson<{ result: { items: Array<{ trace_id: string }> } }>(
      'opentelemetry_query_traces',
      {
        query: 'service.name=collector-test',
        service: 'collector-test',
      },
    );
    t.same(
      byAttr.result.items.map((i) => i.trace_id),
      [traceId],
    );
    const listed = await srv.callJson<{ result: { items: Array<{ trace_id: string }> } }>('opentelemetry_get_traces', {
      service: 'collector-test',
    });
    t.same(
      listed.result.items.map((i) => i.trace_id),
      [traceId],
    );
    const one = await srv.callJson<{ trace: { summary: { trace_id: string } } }>('opentelemetry_get_traces', {
      trace_id: traceId,
    });
    t.equal(one.trace.summary.trace_id, traceId);

    const status = await srv.callJson<{ exporters: Array<{ exporter: string; sent: { spans: number } }> }>(
      'opentelemetry_get_status',
      {},
    );
    t.equal(
      status.exporters.find((e) => e.exporter === 'otlphttp/jaeger')?.sent.spans,
      4,
      'the exporter sent the 4 spans',
    );
  },
);

t.test('collector metrics through a real Prometheus that scrapes it', { skip: emulatorOnly }, async (t) => {
  const bin = requireBinary('prometheus', 'apt-get install -y prometheus');
  if (!bin.path) return t.skip(bin.skip);
  const col = await startCollector();
  t.teardown(() => col.close());
  const prom = await startPrometheus(bin.path, col.emulator!.metricsUrl);
  t.teardown(() => prom.stop());
  await exportSpans(`${col.otlpUrl}/v1/traces`, 6, 'json');
  const srv = await startTestServer({
    plugins: [PrometheusPlugin, OpenTelemetryPlugin],
    config: { prometheus: { targets: { main: { url: prom.url } } }, opentelemetry: { targets: { main: col.target } } },
  });
  t.teardown(() => srv.close());
  const query = 'sum(otelcol_receiver_accepted_spans_total{receiver="otlp"})';
  const answer = await waitFor('Prometheus to scrape the 6 accepted spans', 30_000, async () => {
    const res = await srv.callJson<{ source: string; result: unknown }>('opentelemetry_query_metrics', { query });
    return JSON.stringify(res.result).includes('"6"') ? res : undefined;
  });
  t.equal(answer.source, 'prometheus');
  const instant = await srv.callJson<{ metric: string; result: unknown }>('opentelemetry_get_metrics', {
    metric_name: 'otelcol_receiver_accepted_spans_total',
  });
  t.match(JSON.stringify(instant.result), /otlp/);
  const range = await srv.callJson<{ result: unknown }>('opentelemetry_get_metrics', {
    metric_name: 'otelcol_receiver_accepted_spans_total',
    start_time: 'now-5m',
  });
  t.match(JSON.stringify(range.result), /otelcol_receiver_accepted_spans_total|otlp/);
});

t.test('logs through the Elasticsearch plugin', async (t) => {
  const store = new DocumentStore();
  const es = await startElasticsearchEmulator({ store });
  t.teardown(() => es.close());
  const now = Date.now();
  const lines: string[] = [];
  for (let i = 0; i < 6; i++) {
    lines.push(JSON.stringify({ index: { _index: 'logs-otel-1' } }));
    lines.push(
      JSON.stringify({
        '@timestamp': new Date(now - i * 60_000).toISOString(),
        service: { name: i % 2 ? 'checkout' : 'cart' },
        log: { level: i % 3 === 0 ? 'ERROR' : 'INFO' },
        message: i % 3 === 0 ? `payment timeout ${i}` : `ok ${i}`,
      }),
    );
  }
  const bulk = await fetch(`${es.url}/_bulk?refresh=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: lines.join('\n') + '\n',
  });
  t.equal(bulk.status, 200);
  const col = await startCollector();
  t.teardown(() => col.close());
  const srv = await startTestServer({
    plugins: [ElasticsearchPlugin, OpenTelemetryPlugin],
    config: { elasticsearch: { targets: { main: { url: es.url } } }, opentelemetry: { targets: { main: col.target } } },
  });
  t.teardown(() => srv.close());
  const errors = await srv.callJson<{ source: string; result: unknown }>('opentelemetry_get_logs', { level: 'ERROR' });
  t.equal(errors.source, 'elasticsearch');
  const text = JSON.stringify(errors.result);
  t.match(text, /payment timeout 0/);
  t.match(text, /payment timeout 3/);
  t.notMatch(text, /"ok \d"/);
  const cart = await srv.callJson<{ result: unknown }>('opentelemetry_query_logs', {
    query: 'timeout',
    service: 'checkout',
  });
  t.match(JSON.stringify(cart.result), /payment timeout 3/);
  t.notMatch(JSON.stringify(cart.result), /payment timeout 0/);
});
