// The OpenTelemetry Collector plugin: the collector's own surfaces as the backend (internal metrics URL,
// plus health_check and zpages URLs per target), config analysis, and signal queries answered by the
// Jaeger, Prometheus and Elasticsearch plugins.
import { Prompt, Service } from '@cnmcp/core';
import { CollectorEndpoints } from './collector.js';
import { OtelConfigSchema, OtelTargetExtras } from './config.js';
import { collectorDiagnosis, observabilityCorrelation } from './prompts.js';
import { CollectorTools } from './tools/collector.js';
import { ConfigTools } from './tools/config.js';
import { SignalTools } from './tools/signals.js';

@Service({
  name: 'opentelemetry',
  title: 'OpenTelemetry Collector',
  description:
    'Collector health, pipelines, internal metrics and config analysis; signal queries via Jaeger, Prometheus, Elasticsearch.',
  core: '^0.1.0',
  config: OtelConfigSchema,
  backend: { urlEnv: 'OTELCOL_URL', health: { path: '/metrics' }, targetSchema: OtelTargetExtras },
  tools: [CollectorTools, ConfigTools, SignalTools],
  providers: [CollectorEndpoints],
})
export class OpenTelemetryPlugin {
  @Prompt({
    name: 'opentelemetry_collector_diagnosis',
    title: 'Diagnose the collector',
    description: 'Find where telemetry is refused, dropped or misrouted in an OpenTelemetry Collector.',
    arguments: [
      { name: 'pipeline', description: 'Pipeline ID to focus on, e.g. traces.' },
      { name: 'time_range', description: 'How far back, e.g. 1h.' },
      { name: 'notes', description: 'What the user observed.' },
    ],
  })
  diagnosis(args: { pipeline?: string; time_range?: string; notes?: string }) {
    return collectorDiagnosis(args);
  }

  @Prompt({
    name: 'cloud_native_observability_correlation',
    title: 'Correlate metrics, traces and logs',
    description: 'One timeline from Kubernetes, Prometheus, Jaeger and Elasticsearch/Kibana logs for a workload.',
    arguments: [
      { name: 'namespace', description: 'Kubernetes namespace.' },
      { name: 'workload', description: 'Deployment/StatefulSet name.' },
      { name: 'service', description: 'Service name in traces and metrics.' },
      { name: 'time_range', description: 'How far back, e.g. 1h.' },
      { name: 'notes', description: 'What the user observed.' },
    ],
  })
  correlation(args: { namespace?: string; workload?: string; service?: string; time_range?: string; notes?: string }) {
    return observabilityCorrelation(args);
  }
}
