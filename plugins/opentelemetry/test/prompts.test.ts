// The collector diagnosis and the cross-service correlation prompts name tools that exist.
import { startTestServer } from '@cnmcp/core/testing';
import t from 'tap';
import { OpenTelemetryPlugin } from '../dist/src/index.js';

t.test('opentelemetry prompts', async (t) => {
  const srv = await startTestServer({
    plugins: [OpenTelemetryPlugin],
    config: { opentelemetry: { targets: { main: { url: 'http://127.0.0.1:9' } } } },
  });
  t.teardown(() => srv.close());
  const text = async (name: string, args: Record<string, string>) =>
    (await srv.client.getPrompt({ name, arguments: args })).messages
      .map((m) => (m.content.type === 'text' ? m.content.text : ''))
      .join('\n');
  const diagnosis = await text('opentelemetry_collector_diagnosis', {
    pipeline: 'traces/jaeger',
    notes: 'spans missing',
  });
  t.match(diagnosis, /opentelemetry_analyze_pipeline_status pipeline=traces\/jaeger/);
  t.match(diagnosis, /Already known: spans missing/);
  const tools = new Set(await srv.toolNames());
  for (const name of diagnosis.match(/opentelemetry_[a-z_]+/g) ?? []) t.ok(tools.has(name), `${name} exists`);
  const correlation = await text('cloud_native_observability_correlation', {
    namespace: 'shop',
    workload: 'checkout',
    service: 'checkout',
  });
  for (const tool of [
    'kubernetes_get_events',
    'prometheus_query',
    'jaeger_get_traces_summary',
    'kibana_query_logs',
    'elasticsearch_search',
  ])
    t.match(correlation, tool);
  t.match(correlation, /namespace shop/);
  t.notMatch(correlation, /loki/i, 'logs come from Elasticsearch/Kibana');
});
