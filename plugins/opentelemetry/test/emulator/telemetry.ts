// The collector's own metrics (service::telemetry, :8888/metrics) in the three naming schemes collectors
// have used: ≤ v0.118 plain names; v0.120–v0.152 `_total` counters and unit suffixes (otel_scope_name
// labels); v0.153+ `_total` and some unit suffixes dropped again.
import type { Signal } from './otlp-count.js';

export type MetricNaming = 'legacy' | 'total' | 'current';

const ITEM: Record<Signal, string> = { traces: 'spans', metrics: 'metric_points', logs: 'log_records' };

export interface ComponentCounters {
  receivers: Map<string, Record<'accepted' | 'refused', Record<Signal, number>>>;
  exporters: Map<string, Record<'sent' | 'send_failed' | 'enqueue_failed', Record<Signal, number>>>;
  queue: Map<string, { size: number; capacity: number; signal: Signal }>;
}

export function emptyBySignal(): Record<Signal, number> {
  return { traces: 0, metrics: 0, logs: 0 };
}

function labels(l: Record<string, string>): string {
  return `{${Object.entries(l)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',')}}`;
}

export function renderMetrics(
  counters: ComponentCounters,
  o: { naming: MetricNaming; version: string; instanceId: string; startedAt: number },
): string {
  const lines: string[] = [];
  const base = { service_instance_id: o.instanceId, service_name: 'otelcol-contrib', service_version: o.version };
  const scoped = (scope: string) => (o.naming === 'legacy' ? base : { ...base, otel_scope_name: scope });
  const counter = (name: string) => (o.naming === 'total' ? `${name}_total` : name);
  const family = (name: string, type: string, help: string, samples: Array<[Record<string, string>, number]>) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [l, v] of samples) lines.push(`${name}${labels(l)} ${v}`);
  };
  const receiverScope = 'go.opentelemetry.io/collector/receiver/receiverhelper';
  const exporterScope = 'go.opentelemetry.io/collector/exporter/exporterhelper';
  for (const outcome of ['accepted', 'refused'] as const)
    for (const signal of ['traces', 'metrics', 'logs'] as const) {
      const samples: Array<[Record<string, string>, number]> = [];
      for (const [receiver, c] of counters.receivers)
        samples.push([{ ...scoped(receiverScope), receiver, transport: 'http' }, c[outcome][signal]]);
      family(
        counter(`otelcol_receiver_${outcome}_${ITEM[signal]}`),
        'counter',
        `Number of ${ITEM[signal].replace('_', ' ')} successfully pushed into the pipeline.`,
        samples,
      );
    }
  for (const outcome of ['sent', 'send_failed', 'enqueue_failed'] as const)
    for (const signal of ['traces', 'metrics', 'logs'] as const) {
      const samples: Array<[Record<string, string>, number]> = [];
      for (const [exporter, c] of counters.exporters)
        samples.push([{ ...scoped(exporterScope), exporter }, c[outcome][signal]]);
      family(
        counter(`otelcol_exporter_${outcome}_${ITEM[signal]}`),
        'counter',
        `Number of ${ITEM[signal].replace('_', ' ')} the exporter ${outcome.replace('_', ' ')}.`,
        samples,
      );
    }
  for (const which of ['size', 'capacity'] as const)
    family(
      `otelcol_exporter_queue_${which}`,
      'gauge',
      `Current ${which} of the retry queue (in batches).`,
      [...counters.queue].map(([exporter, q]) => [
        { ...scoped(exporterScope), data_type: q.signal, exporter },
        q[which],
      ]),
    );
  const uptime = (Date.now() - o.startedAt) / 1000;
  const serviceScope = 'go.opentelemetry.io/collector/service';
  if (o.naming === 'total') {
    family('otelcol_process_uptime_seconds_total', 'counter', 'Uptime of the process.', [
      [scoped(serviceScope), uptime],
    ]);
    family('otelcol_process_memory_rss_bytes', 'gauge', 'Total physical memory (resident set size).', [
      [scoped(serviceScope), process.memoryUsage().rss],
    ]);
  } else {
    family('otelcol_process_uptime', 'counter', 'Uptime of the process.', [[scoped(serviceScope), uptime]]);
    family('otelcol_process_memory_rss', 'gauge', 'Total physical memory (resident set size).', [
      [scoped(serviceScope), process.memoryUsage().rss],
    ]);
  }
  return `${lines.join('\n')}\n`;
}
