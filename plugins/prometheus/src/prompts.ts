// The metrics diagnosis workflow: read first, summaries first, confirm before writing, verify after.
export interface DiagnosisArgs {
  query?: string;
  time_range?: string;
  notes?: string;
}

export function metricsDiagnosisPrompt(args: DiagnosisArgs): string {
  const window = args.time_range || '1h';
  const query = args.query || '<PromQL expression>';
  return [
    `Diagnose a metrics problem with Prometheus over the last ${window}${args.query ? ` starting from the query ${args.query}` : ''}.`,
    ...(args.notes ? [`Already known: ${args.notes}`] : []),
    '',
    'Read first, summaries before details:',
    '1. prometheus_test_connection — the target answers; its version and how many scrape targets are up.',
    '2. prometheus_targets_summary — down jobs and instances with their last scrape error (missing data starts here).',
    '3. prometheus_alerts_summary and prometheus_rules_summary — what is firing or pending, and rules whose evaluation fails.',
    `4. prometheus_get_label_names / prometheus_get_label_values / prometheus_get_series match=… — check that the metric and labels in ${query} exist before querying.`,
    `5. prometheus_query query=${query} — the current value (results are capped; aggregate with sum by (…) or topk if series are truncated).`,
    `6. prometheus_query_range query=${query} start=now-${window} end=now — the trend; leave step out for an automatic one.`,
    '7. Details only when a summary points at them: prometheus_get_targets, prometheus_get_rules, prometheus_get_alerts, prometheus_get_metrics_metadata, prometheus_get_tsdb_status (cardinality).',
    '',
    'Writes: prometheus_create_snapshot writes to the Prometheus host. Ask the user before calling it, then verify with prometheus_get_tsdb_status.',
    'Report: what is wrong (metric, labels, time), the evidence (queries and values), the likely cause, and the next check. Re-run the query that showed the problem to verify a fix.',
  ].join('\n');
}
