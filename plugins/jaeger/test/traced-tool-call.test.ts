// A tool call that cnmcp itself traced (tracing on, OTLP/HTTP export to Jaeger) is found through the
// Jaeger tools, with its backend spans.
import { startTestServer, waitFor } from '@cnmcp/core/testing';
import t from 'tap';
import { JaegerPlugin } from '../dist/src/index.js';
import { startJaeger, uniqueService } from './helpers/backend.js';

type Summary = { trace_id: string; root_operation: string; span_count: number; services: string[] };

t.test('a traced tool call is found with its spans', async (t) => {
  const jaeger = await startJaeger();
  t.teardown(() => jaeger.close());
  const serviceName = uniqueService('cnmcp');
  const srv = await startTestServer({
    plugins: [JaegerPlugin],
    config: {
      tracing: { enabled: true, endpoint: jaeger.otlpUrl, serviceName, exportIntervalMs: 100 },
      jaeger: { targets: { main: { url: jaeger.url } } },
    },
  });
  t.teardown(() => srv.close());

  const services = await srv.call('jaeger_get_services', {});
  t.notOk(services.isError, services.text);

  const found = await waitFor(
    'the traced tool call in Jaeger',
    20_000,
    async () => {
      const res = await srv.callJson<{ items: Summary[] }>('jaeger_get_traces', {
        service: serviceName,
        start_time: 'now-5m',
      });
      return res.items.find((s) => s.root_operation === 'tools/call jaeger_get_services');
    },
    () => `spans received: ${jaeger.emulator?.acceptedSpans}; services: ${jaeger.emulator?.store.services()}`,
  );
  t.ok(found.span_count >= 2, 'the tool span and at least one backend span');
  t.same(found.services, [serviceName]);

  const spans = await srv.callJson<{
    items: Array<{ span_id: string; operation: string; kind?: string; parent_span_id?: string }>;
  }>('jaeger_get_trace', { trace_id: found.trace_id, view: 'spans' });
  const root = spans.items.find((s) => s.operation === 'tools/call jaeger_get_services');
  t.match(root, { kind: 'server' });
  const backend = spans.items.filter((s) => s.operation === 'GET jaeger');
  t.ok(backend.length >= 1, 'backend calls are child spans');
  t.ok(backend.every((s) => s.kind === 'client' && s.parent_span_id));
  const detail = await srv.callJson<{ attributes: Record<string, unknown> }>('jaeger_get_trace', {
    trace_id: found.trace_id,
    view: 'span',
    span_id: root!.span_id,
  });
  t.equal(detail.attributes['gen_ai.tool.name'], 'jaeger_get_services');
});
