/** The steps of a trace investigation, from summaries down to single spans. */
export function investigationPrompt(args: { service?: string; time_range?: string; notes?: string }): string {
  const window = args.time_range || '1h';
  const service = args.service || '<service>';
  return [
    `Investigate ${args.service ? `service ${args.service}` : 'the affected service'} with Jaeger traces over the last ${window}.`,
    args.notes ? `Already known: ${args.notes}` : '',
    '',
    'Steps:',
    args.service ? '' : '0. jaeger_get_services_summary — pick the service closest to the symptom.',
    `1. jaeger_get_traces_summary service=${service} start_time=-${window} — error share, p50/p95/max, busiest root operations.`,
    `2. jaeger_get_traces service=${service} errors_only=true (or min_duration= the p95) — pick 1–3 representative traces.`,
    '3. jaeger_get_trace trace_id=<id> — read the critical path (where the time goes) and the error spans.',
    '4. jaeger_get_trace trace_id=<id> view=span span_id=<id> — attributes and events (exception.message) of the culprit span.',
    `5. jaeger_search_traces service=${service} tags={"http.response.status_code":"500"} — how widespread the pattern is.`,
    '6. jaeger_get_dependencies — which callers and callees are affected.',
    'Report: the failing or slow operation, the span that causes it (service, operation, share of the critical path), evidence (trace IDs), and the next check.',
  ]
    .filter((line, i) => line !== '' || i === 2)
    .join('\n');
}
