// Produces real spans with the OpenTelemetry SDK and exports them over OTLP/HTTP (JSON or protobuf).
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface ExportedTrace {
  traceId: string;
  rootSpanId: string;
  spanCount: number;
}

/**
 * Exports one trace of `frontend` → `backend` (3 spans; the backend's db call fails) to `url`.
 * `tag` is set as the attribute `test.tag` on the root span.
 */
export async function exportSampleTrace(
  url: string,
  encoding: 'json' | 'protobuf',
  tag = 'sample',
  services: [string, string] = ['frontend', 'backend'],
): Promise<ExportedTrace> {
  const Exporter = encoding === 'json' ? JsonExporter : ProtoExporter;
  const providers = services.map(
    (service) =>
      new BasicTracerProvider({
        resource: resourceFromAttributes({ 'service.name': service, 'host.name': 'test-host' }),
        spanProcessors: [new SimpleSpanProcessor(new Exporter({ url }))],
      }),
  );
  const [front, back] = providers.map((p) => p.getTracer('cnmcp-test', '1.0.0'));
  const root = front.startSpan('GET /checkout', {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': 'GET', 'test.tag': tag },
  });
  const rootCtx = trace.setSpan(context.active(), root);
  const call = back.startSpan('POST /charge', { kind: SpanKind.SERVER }, rootCtx);
  const db = back.startSpan(
    'SELECT payments',
    { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql' } },
    trace.setSpan(rootCtx, call),
  );
  await new Promise((r) => setTimeout(r, 5));
  db.setStatus({ code: SpanStatusCode.ERROR, message: 'connection reset' });
  db.addEvent('exception', { 'exception.message': 'connection reset' });
  db.end();
  call.end();
  root.end();
  for (const p of providers) {
    await p.forceFlush();
    await p.shutdown();
  }
  return { traceId: root.spanContext().traceId, rootSpanId: root.spanContext().spanId, spanCount: 3 };
}
