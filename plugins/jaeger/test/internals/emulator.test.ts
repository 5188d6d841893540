// The emulator answers like Jaeger for spans that a real OTLP exporter sent.
import t from 'tap';
import { startJaegerEmulator } from '../../src/testing.js';
import { exportSampleTrace } from '../helpers/export.js';

const getJson = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
};

t.test('spans exported as JSON and protobuf are served through v3 and v1', async (t) => {
  const jaeger = await startJaegerEmulator();
  t.teardown(() => jaeger.close());
  const a = await exportSampleTrace(jaeger.otlpUrl, 'json', 'a');
  const b = await exportSampleTrace(jaeger.otlpUrl, 'protobuf', 'b');
  t.equal(jaeger.acceptedSpans, 6);

  const services = JSON.parse((await getJson(`${jaeger.url}/api/v3/services`)).body);
  t.same(services, { services: ['backend', 'frontend'] });

  const min = new Date(Date.now() - 60_000).toISOString();
  const max = new Date(Date.now() + 60_000).toISOString();
  const search = `${jaeger.url}/api/v3/traces?query.service_name=frontend&query.start_time_min=${min}&query.start_time_max=${max}`;
  const found = JSON.parse((await getJson(search)).body);
  const ids = new Set(
    found.result.resourceSpans.flatMap((rs: any) =>
      rs.scopeSpans.flatMap((ss: any) => ss.spans.map((s: any) => s.traceId)),
    ),
  );
  t.same([...ids].sort(), [a.traceId, b.traceId].sort());

  const filtered = JSON.parse(
    (await getJson(`${search}&query.attributes=${encodeURIComponent(JSON.stringify({ 'test.tag': 'b' }))}`)).body,
  );
  const spans = filtered.result.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans));
  t.equal(spans.length, 3);
  t.ok(spans.every((s: any) => s.traceId === b.traceId));
  t.ok(
    spans.some((s: any) => s.status.code === 2),
    'the failed span keeps its error status (protobuf decoded)',
  );

  const none = await getJson(`${search.replace('frontend', 'nobody')}`);
  t.equal(none.status, 404);
  t.match(none.type, /text\/plain/);
  t.same(JSON.parse(none.body), { error: { httpCode: 404, message: 'No traces found' } });

  const missing = await getJson(`${jaeger.url}/api/v3/traces?query.service_name=frontend`);
  t.equal(missing.status, 400);

  const v1 = JSON.parse((await getJson(`${jaeger.url}/api/traces/${a.traceId}`)).body);
  t.equal(v1.data[0].spans.length, 3);
  t.equal(Object.keys(v1.data[0].processes).length, 2);
  const tagged = JSON.parse(
    (await getJson(`${jaeger.url}/api/traces?service=frontend&tags=${encodeURIComponent('{"test.tag":"a"}')}`)).body,
  );
  t.same(
    tagged.data.map((tr: any) => tr.traceID),
    [a.traceId],
  );
  const deps = JSON.parse(
    (await getJson(`${jaeger.url}/api/dependencies?endTs=${Date.now() + 1000}&lookback=60000`)).body,
  );
  t.same(deps.data, [{ parent: 'frontend', child: 'backend', callCount: 2 }]);
  const notFound = await getJson(`${jaeger.url}/api/traces/${'f'.repeat(32)}`);
  t.equal(notFound.status, 404);
  t.same(JSON.parse(notFound.body).errors, [{ code: 404, msg: 'trace not found' }]);

  jaeger.setV1Only(true);
  t.equal((await getJson(`${jaeger.url}/api/v3/services`)).status, 404);
});
