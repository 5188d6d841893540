// The alert triage workflow: read first, summaries first, confirm before writing, verify after.
export interface TriageArgs {
  alert?: string;
  time_range?: string;
  notes?: string;
}

export function alertTriagePrompt(args: TriageArgs): string {
  const window = args.time_range || '1h';
  const filter = args.alert ? `alertname="${args.alert}"` : '<matchers>';
  return [
    `Triage ${args.alert ? `the alert ${args.alert}` : 'the current alerts'} in Alertmanager over the last ${window}.`,
    ...(args.notes ? [`Already known: ${args.notes}`] : []),
    '',
    'Read first, summaries before details:',
    '1. alertmanager_health_summary — Alertmanager is up, its cluster is settled, counts of alerts and silences.',
    `2. alertmanager_alerts_summary${args.alert ? ` filter=${filter}` : ''} — counts by state, severity and name; the newest alerts.`,
    '3. alertmanager_alert_groups_paginated — how the alerts are grouped and which receiver gets each group.',
    `4. alertmanager_query_alerts_advanced filter=${filter} time_range=${window} include_labels=true — labels, annotations (summary, runbook) and start times.`,
    '5. alertmanager_silences_summary — whether a silence already covers it; alertmanager_get_silence silenceId=… for one.',
    '6. alertmanager_receivers_summary — where the notifications go, and receivers without integrations.',
    '',
    `Writes: alertmanager_create_silence matchers=${filter} endsAt=2h comment=… createdBy=… mutes notifications; alertmanager_update_silence and alertmanager_expire_silence change or end one.`,
    'Ask the user before any write: show the matchers, the end time and how many alerts the silence would match.',
    'Verify after: alertmanager_get_silence with the returned ID, and alertmanager_alerts_summary (the alerts show as suppressed).',
    'Report: what fires and since when, its likely cause (from labels and annotations), who is notified, and what was silenced or should be.',
  ].join('\n');
}
