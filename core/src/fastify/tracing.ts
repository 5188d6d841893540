// cnmcp-tracing: OpenTelemetry (sdk-node), off by default. One span per tool call (mcp.method.name,
// gen_ai.tool.name, error.type), parented on the caller's trace context (_meta.traceparent, else the
// HTTP traceparent header); backend HTTP calls made during the call become child spans. Exported with
// OTLP/HTTP to tracing.endpoint. The SDK and the API are imported only when tracing is enabled (most of start-up).
import type { Tracer } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { fastifyPlugin as fp } from '../vendor/fastify.js';
import type { TracingConfig } from '../config/schema.js';
import type { Logger } from '../logger.js';
import type { CallSpan, TracingMiddleware } from './types.js';

export interface TracingPluginOptions {
  config: TracingConfig;
  version: string;
  logger: Logger;
}

const NOOP_SPAN: CallSpan = { run: (fn) => fn(), end: () => undefined };

export async function createTracing(options: TracingPluginOptions): Promise<TracingMiddleware> {
  const { config } = options;
  if (!config.enabled) {
    return {
      enabled: false,
      startToolCall: () => NOOP_SPAN,
      observeBackend: () => undefined,
      close: async () => undefined,
    };
  }
  if (!/^https?:\/\//.test(config.endpoint))
    throw new Error(`tracing.endpoint must be an http(s) URL (got ${config.endpoint})`);
  const [
    { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace },
    { W3CTraceContextPropagator },
    { OTLPTraceExporter },
    { resourceFromAttributes },
    { NodeSDK },
    { BatchSpanProcessor },
  ] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/core'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/sdk-trace-base'),
  ]);
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': config.serviceName, 'service.version': options.version }),
    autoDetectResources: false,
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: config.endpoint }), {
        scheduledDelayMillis: config.exportIntervalMs,
      }),
    ],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
    textMapPropagator: new W3CTraceContextPropagator(),
  });
  sdk.start();
  const tracer: Tracer = trace.getTracer('cnmcp', options.version);
  return {
    enabled: true,
    startToolCall(tool, carrier) {
      const parent = carrier.traceparent ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
      const span = tracer.startSpan(
        `tools/call ${tool.name}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'mcp.method.name': 'tools/call',
            'gen_ai.tool.name': tool.name,
            'gen_ai.operation.name': 'execute_tool',
            'cnmcp.plugin': tool.plugin,
          },
        },
        parent,
      );
      const active = trace.setSpan(parent, span);
      return {
        traceId: span.spanContext().traceId,
        run: (fn) => context.with(active, fn),
        end({ errorType, cacheHit }) {
          if (cacheHit !== undefined) span.setAttribute('cnmcp.cache_hit', cacheHit);
          if (errorType) {
            span.setAttribute('error.type', errorType);
            span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
          }
          span.end();
        },
      };
    },
    observeBackend(o) {
      const parent = context.active();
      if (!trace.getSpan(parent)) return;
      const end = Date.now();
      const span = tracer.startSpan(
        `${o.method} ${o.pluginId}`,
        {
          kind: SpanKind.CLIENT,
          startTime: end - o.durationMs,
          attributes: {
            'http.request.method': o.method,
            'cnmcp.plugin': o.pluginId,
            'cnmcp.target': o.target,
            ...(typeof o.status === 'number' ? { 'http.response.status_code': o.status } : {}),
          },
        },
        parent,
      );
      if (o.status === 'error' || (typeof o.status === 'number' && o.status >= 500)) {
        span.setAttribute('error.type', o.status === 'error' ? 'connection_error' : String(o.status));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end(end);
    },
    async close() {
      try {
        await sdk.shutdown();
      } catch (err) {
        options.logger.warn({ err: (err as Error).message }, 'tracing shutdown failed');
      }
      // Let a later server in the same process register its own provider.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

export const tracingPlugin = fp(
  async (app: FastifyInstance, options: TracingPluginOptions) => {
    const tracing = await createTracing(options);
    app.decorate('cnmcpTracing', tracing);
    app.addHook('onClose', async () => tracing.close());
  },
  { name: 'cnmcp-tracing', fastify: '5.x' },
);
