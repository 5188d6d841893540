// Prompt texts: the collector diagnosis, and the cross-service correlation of metrics, traces and logs.

const lines = (parts: string[]): string => parts.filter((line, i) => line !== '' || i === 2).join('\n');

export function collectorDiagnosis(args: { pipeline?: string; time_range?: string; notes?: string }): string {
  const window = args.time_range || '1h';
  const p = args.pipeline ? ` pipeline=${args.pipeline}` : '';
  return lines([
    `Diagnose the OpenTelemetry Collector${args.pipeline ? `, pipeline ${args.pipeline}` : ''} (last ${window}).`,
    args.notes ? `Already known: ${args.notes}` : '',
    '',
    'Steps:',
    '1. opentelemetry_get_collector_summary — health, data accepted/refused/sent/failed per signal, running pipelines, config issue counts.',
    `2. opentelemetry_analyze_pipeline_status${p} — per pipeline: config vs running (zpages), data flow, missing memory_limiter/batch, undefined or unused components.`,
    '3. opentelemetry_get_status — exporter queues (size vs capacity), send failures, memory, uptime (restarts reset counters).',
    '4. opentelemetry_get_config_summary — exporters without retry_on_failure/sending_queue, telemetry level.',
    `5. If exporters fail: check the backend they export to — opentelemetry_query_metrics query=rate(otelcol_exporter_send_failed_spans_total[5m]) (or without _total on old/new collectors), and opentelemetry_get_traces for a service that should be arriving.`,
    'Report: is data lost (refused, send_failed, enqueue_failed) and where, the cause (config, backend, resources), and the change to make (YAML snippet).',
  ]);
}

export function observabilityCorrelation(args: {
  namespace?: string;
  workload?: string;
  service?: string;
  time_range?: string;
  notes?: string;
}): string {
  const window = args.time_range || '1h';
  const service = args.service || args.workload || '<service>';
  const ns = args.namespace || '<namespace>';
  return lines([
    `Correlate Kubernetes state, Prometheus metrics, Jaeger traces and Elasticsearch/Kibana logs for ${service} in namespace ${ns} over the last ${window}.`,
    args.notes ? `Already known: ${args.notes}` : '',
    '',
    'Steps:',
    `1. Kubernetes: kubernetes_get_unhealthy_resources / kubernetes_get_events namespace=${ns} — restarts, OOMKilled, failing probes, recent rollouts of ${args.workload || 'the workload'}.`,
    `2. Metrics: prometheus_query for error rate and latency of ${service}, e.g. sum(rate(http_server_request_duration_seconds_count{service_name="${service}",http_response_status_code=~"5.."}[5m])); note when it changed.`,
    `3. Traces: jaeger_get_traces_summary service=${service} start_time=-${window}, then jaeger_get_trace on an error or slow trace — the critical path names the failing dependency.`,
    `4. Logs: kibana_query_logs or elasticsearch_search (or opentelemetry_query_logs service=${service} level=ERROR) around the trace's timestamp; match trace_id when logs carry it.`,
    '5. Pipeline: opentelemetry_get_collector_summary — rule out lost telemetry (refused or failed data) before concluding that something did not happen.',
    'Report: one timeline (deploys, restarts, metric changes, first errors), the cause with evidence from at least two signals (IDs, timestamps, values), and the next action.',
  ]);
}
