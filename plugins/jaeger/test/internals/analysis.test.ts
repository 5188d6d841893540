// Both wire formats give the same trace model, summary, topology and critical path.
import t from 'tap';
import { criticalPath, summarizeTrace, traceTopology, spanBriefs } from '../../dist/src/analysis.js';
import { traceFromUi, tracesFromOtlp } from '../../dist/src/model.js';
import { startJaegerEmulator } from '../../src/testing.js';
import { exportSampleTrace } from '../helpers/export.js';

t.test('v3 OTLP JSON and v1 UI JSON agree', async (t) => {
  const jaeger = await startJaegerEmulator();
  t.teardown(() => jaeger.close());
  const sent = await exportSampleTrace(jaeger.otlpUrl, 'protobuf', 'x');
  const v3 = tracesFromOtlp(await (await fetch(`${jaeger.url}/api/v3/traces/${sent.traceId}`)).json());
  const v1 = traceFromUi(
    ((await (await fetch(`${jaeger.url}/api/traces/${sent.traceId}`)).json()) as { data: unknown[] }).data[0],
  );
  t.equal(v3.length, 1);
  const a = summarizeTrace(v3[0]);
  const b = summarizeTrace(v1);
  t.same(a, b);
  t.match(a, {
    trace_id: sent.traceId,
    root_service: 'frontend',
    root_operation: 'GET /checkout',
    span_count: 3,
    error_count: 1,
    services: ['backend', 'frontend'],
  });
  const topo = traceTopology(v3[0]);
  t.same(
    topo.calls.map((c) => [c.from, c.to, c.calls]),
    [['frontend', 'backend', 1]],
  );
  t.same(
    traceTopology(v1).calls.map((c) => [c.from, c.to, c.calls]),
    [['frontend', 'backend', 1]],
  );
  const cp = criticalPath(v3[0]);
  const selfSum = cp.segments.reduce((sum, s) => sum + s.self_ms, 0);
  t.ok(Math.abs(selfSum - cp.total_ms) <= 0.01 * cp.segments.length, 'self times add up to the root duration');
  t.ok(cp.segments.find((s) => s.operation === 'SELECT payments')?.error);
  const briefs = spanBriefs(v1);
  t.equal(briefs[0].operation, 'GET /checkout');
  t.equal(briefs[0].start_offset_ms, 0);
});

t.test('the critical path skips a child that ends after its parent and counts gaps as self time', async (t) => {
  const span = (id: string, parent: string | undefined, start: number, dur: number) => ({
    traceId: 't',
    spanId: id,
    parentSpanId: parent,
    service: 's',
    operation: id,
    startUs: start,
    durationUs: dur,
    error: false,
    attributes: {},
    events: [],
    resource: {},
  });
  const trace = {
    traceId: 't',
    spans: [span('root', undefined, 0, 100_000), span('a', 'root', 10_000, 30_000), span('b', 'root', 50_000, 40_000)],
  };
  const cp = criticalPath(trace);
  const self = Object.fromEntries(cp.segments.map((s) => [s.span_id, s.self_ms]));
  t.same(self, { root: 30, b: 40, a: 30 });
  t.equal(cp.total_ms, 100);
});

t.test('spans started in the same microsecond are listed parent first', async (t) => {
  const span = (spanId: string, parentSpanId?: string) => ({
    traceId: 't',
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    service: 'svc',
    operation: spanId,
    startUs: 1_000,
    durationUs: 10,
    error: false,
    attributes: {},
    events: [],
    resource: {},
  });
  const briefs = spanBriefs({
    traceId: 't',
    spans: [span('grandchild', 'child'), span('child', 'root'), span('root')],
  });
  t.same(
    briefs.map((b) => b.operation),
    ['root', 'child', 'grandchild'],
  );
});
