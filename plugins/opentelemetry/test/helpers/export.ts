// Real OTLP/HTTP traffic from the OpenTelemetry SDK exporters, for the collector emulator.
import { SpanKind, context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Exports one trace of `count` spans (a root and its children) and returns its trace ID. */
export async function exportSpans(url: string, count: number, encoding: 'json' | 'protobuf' = 'json'): Promise<string> {
  const Exporter = encoding === 'json' ? JsonExporter : ProtoExporter;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'collector-test' }),
    spanProcessors: [new SimpleSpanProcessor(new Exporter({ url }))],
  });
  const tracer = provider.getTracer('cnmcp-test');
  const root = tracer.startSpan('batch job', { kind: SpanKind.SERVER });
  const ctx = trace.setSpan(context.active(), root);
  for (let i = 1; i < count; i++) tracer.startSpan(`step ${i}`, {}, ctx).end();
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return root.spanContext().traceId;
}
