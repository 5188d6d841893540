// Every Jaeger tool against spans a real OTLP exporter sent, through an MCP client.
import { startTestServer, waitFor } from '@cnmcp/core/testing';
import t from 'tap';
import { JaegerPlugin } from '../dist/src/index.js';
import { startJaeger, uniqueService } from './helpers/backend.js';
import { exportSampleTrace } from './helpers/export.js';

type Page<T> = { total: number; returned: number; items: T[]; next_cursor?: string };
type Summary = {
  trace_id: string;
  root_service: string;
  root_operation: string;
  span_count: number;
  error_count: number;
};

t.test('the Jaeger tools over spans a real exporter sent', async (t) => {
  const jaeger = await startJaeger();
  t.teardown(() => jaeger.close());
  const front = uniqueService('frontend');
  const back = uniqueService('backend');
  const a = await exportSampleTrace(jaeger.otlpUrl, 'json', 'a', [front, back]);
  const b = await exportSampleTrace(jaeger.otlpUrl, 'protobuf', 'b', [front, back]);
  const srv = await startTestServer({
    plugins: [JaegerPlugin],
    config: { jaeger: { targets: { main: { url: jaeger.url } } } },
  });
  t.teardown(() => srv.close());

  // A real Jaeger stores spans a moment after its OTLP receiver took them.
  await waitFor('both sample traces in Jaeger', 20_000, async () => {
    const found = await srv.callJson<Page<Summary>>('jaeger_get_traces', { service: front });
    return found.total >= 2 || undefined;
  });
  const services = await srv.callJson<Page<string> & { api: string }>('jaeger_get_services', {});
  t.ok(services.items.includes(front) && services.items.includes(back));
  t.equal(services.api, 'v3');
  const summary = await srv.callJson<{ total: number; services: string[] }>('jaeger_get_services_summary', {});
  t.ok(summary.total >= 2 && summary.services.includes(front));

  const ops = await srv.callJson<Page<{ name: string; span_kind?: string }>>('jaeger_get_service_ops', {
    service: back,
  });
  t.same(
    ops.items.map((o) => o.name),
    ['POST /charge', 'SELECT payments'],
  );
  const clientOps = await srv.callJson<Page<{ name: string }>>('jaeger_get_service_ops', {
    service: back,
    span_kind: 'client',
  });
  t.same(
    clientOps.items.map((o) => o.name),
    ['SELECT payments'],
  );

  const traces = await srv.callJson<Page<Summary>>('jaeger_get_traces', { service: front, start_time: 'now-15m' });
  t.same(traces.items.map((s) => s.trace_id).sort(), [a.traceId, b.traceId].sort());
  t.match(traces.items[0], { root_service: front, root_operation: 'GET /checkout', span_count: 3, error_count: 1 });
  const paged = await srv.callJson<Page<Summary>>('jaeger_get_traces', { service: front, limit: 1 });
  t.equal(paged.returned, 1);

  const agg = await srv.callJson<{ traces: number; error_traces: number; root_operations: unknown[] }>(
    'jaeger_get_traces_summary',
    { service: front },
  );
  t.match(agg, { traces: 2, error_traces: 2 });

  const tagged = await srv.callJson<Page<Summary> & { tags: unknown }>('jaeger_search_traces', {
    service: front,
    tags: { 'test.tag': 'b' },
  });
  t.same(
    tagged.items.map((s) => s.trace_id),
    [b.traceId],
  );
  t.same(tagged.tags, { 'test.tag': 'b' });
  const slow = await srv.callJson<Page<Summary>>('jaeger_search_traces', { service: front, min_duration: '1h' });
  t.equal(slow.total, 0, 'a search that matches nothing is an empty result');

  const overview = await srv.callJson<{
    summary: Summary;
    topology: { calls: Array<{ from: string; to: string }> };
    critical_path: { segments: Array<{ span_id: string; operation: string }> };
    errors: Array<{ span_id: string; message?: string }>;
  }>('jaeger_get_trace', { trace_id: a.traceId });
  t.equal(overview.summary.span_count, 3);
  t.same(
    overview.topology.calls.map((c) => [c.from, c.to]),
    [[front, back]],
  );
  t.match(overview.errors, [{ message: 'connection reset' }]);
  const spans = await srv.callJson<Page<{ span_id: string; operation: string }>>('jaeger_get_trace', {
    trace_id: a.traceId,
    view: 'spans',
  });
  t.equal(spans.total, 3);
  const detail = await srv.callJson<{ attributes: Record<string, unknown>; events: Array<{ name: string }> }>(
    'jaeger_get_trace',
    { trace_id: a.traceId, view: 'span', span_id: overview.errors[0].span_id },
  );
  t.equal(detail.attributes['db.system'], 'postgresql');
  t.equal(detail.events[0].name, 'exception');

  const deps = await srv.callJson<Page<{ parent: string; child: string; call_count: number }>>(
    'jaeger_get_dependencies',
    {
      start_time: 'now-1h',
    },
  );
  t.match(
    deps.items.find((d) => d.parent === front),
    { child: back, call_count: 2 },
  );
  if (jaeger.emulator) {
    const sent = jaeger.emulator.requests.find((r) => r.path === '/api/dependencies');
    t.ok(sent?.query.get('endTs') && sent.query.get('lookback'), 'dependencies use endTs + lookback');
    const search = jaeger.emulator.requests.find((r) => r.query.has('query.attributes'));
    t.equal(search?.query.get('query.attributes'), '{"test.tag":"b"}', 'tags go out as the JSON attributes filter');
  }
});

t.test(
  'a Jaeger without API v3 is served through the internal /api, detected once',
  { skip: !!process.env.CNMCP_TEST_JAEGER_URL && 'emulator only' },
  async (t) => {
    const jaeger = await startJaeger({ v1Only: true });
    t.teardown(() => jaeger.close());
    const a = await exportSampleTrace(jaeger.otlpUrl, 'json', 'v1', ['web shop', 'payments']);
    const srv = await startTestServer({
      plugins: [JaegerPlugin],
      config: { jaeger: { targets: { main: { url: jaeger.url } } } },
    });
    t.teardown(() => srv.close());
    const services = await srv.callJson<Page<string> & { api: string }>('jaeger_get_services', {});
    t.equal(services.api, 'v1');
    const ops = await srv.callJson<Page<{ name: string }>>('jaeger_get_service_ops', { service: 'web shop' });
    t.same(
      ops.items.map((o) => o.name),
      ['GET /checkout'],
    );
    t.ok(
      jaeger.emulator!.requests.some((r) => r.path === '/api/services/web%20shop/operations'),
      'service name URL-encoded',
    );
    const traces = await srv.callJson<Page<Summary>>('jaeger_search_traces', {
      service: 'web shop',
      tags: { 'test.tag': 'v1' },
    });
    t.same(
      traces.items.map((s) => s.trace_id),
      [a.traceId],
    );
    t.equal(jaeger.emulator!.requests.find((r) => r.path === '/api/traces')?.query.get('tags'), '{"test.tag":"v1"}');
    const trace = await srv.callJson<{ summary: Summary }>('jaeger_get_trace', { trace_id: a.traceId });
    t.match(trace.summary, { root_service: 'web shop', span_count: 3, error_count: 1 });
    t.equal(jaeger.emulator!.requests.filter((r) => r.path === '/api/v3/services').length, 1, 'v3 probed once');
  },
);

t.test(
  'bearer and basic auth reach Jaeger behind a proxy',
  { skip: !!process.env.CNMCP_TEST_JAEGER_URL && 'emulator only' },
  async (t) => {
    const { startJaegerEmulator } = await import('../src/testing.js');
    for (const [auth, emu] of [
      [{ type: 'bearer', token: 's3cret' }, { bearer: 's3cret' }],
      [
        { type: 'basic', username: 'jo', password: 'pw' },
        { username: 'jo', password: 'pw' },
      ],
    ] as const) {
      const jaeger = await startJaegerEmulator({ auth: emu });
      t.teardown(() => jaeger.close());
      await exportSampleTrace(jaeger.otlpUrl, 'json', 'auth');
      const srv = await startTestServer({
        plugins: [JaegerPlugin],
        config: { jaeger: { targets: { main: { url: jaeger.url, auth } } } },
      });
      t.teardown(() => srv.close());
      const services = await srv.callJson<Page<string>>('jaeger_get_services', {});
      t.same(services.items, ['backend', 'frontend'], `${auth.type} auth`);
    }
  },
);
