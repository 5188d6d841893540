// Compact views, sorting and paging of alerts, groups and silences.
import type { AmAlert, AmSilence } from './client.js';
import { matcherText } from './matchers.js';

export function compactAlert(a: AmAlert, includeLabels = false) {
  const summary = a.annotations?.summary ?? a.annotations?.description;
  return {
    alertname: a.labels.alertname,
    ...(a.labels.severity ? { severity: a.labels.severity } : {}),
    state: a.status?.state,
    startsAt: a.startsAt,
    ...(a.endsAt ? { endsAt: a.endsAt } : {}),
    receivers: (a.receivers ?? []).map((r) => r.name),
    ...(summary ? { summary } : {}),
    fingerprint: a.fingerprint,
    ...(a.status?.silencedBy?.length ? { silencedBy: a.status.silencedBy } : {}),
    ...(a.status?.inhibitedBy?.length ? { inhibitedBy: a.status.inhibitedBy } : {}),
    ...(includeLabels ? { labels: a.labels, annotations: a.annotations ?? {} } : {}),
  };
}

export function compactSilence(s: AmSilence) {
  return {
    id: s.id,
    state: s.status?.state,
    matchers: s.matchers.map(matcherText).join(','),
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    createdBy: s.createdBy,
    comment: s.comment,
  };
}

const SEVERITY_RANK: Record<string, number> = {
  critical: 0,
  error: 1,
  high: 1,
  warning: 2,
  medium: 2,
  info: 3,
  low: 4,
  none: 5,
};

export function sortAlerts(alerts: AmAlert[], by: string | undefined, order: 'asc' | 'desc' | undefined): AmAlert[] {
  if (!by) return alerts;
  const key = (a: AmAlert): string | number => {
    switch (by) {
      case 'alertname':
        return a.labels.alertname ?? '';
      case 'severity':
        return SEVERITY_RANK[a.labels.severity ?? ''] ?? 9;
      case 'state':
        return a.status?.state ?? '';
      case 'endsAt':
        return a.endsAt ?? '';
      case 'updatedAt':
        return a.updatedAt ?? '';
      default:
        return a.startsAt ?? '';
    }
  };
  const dir = order === 'desc' ? -1 : 1;
  return [...alerts].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    return (a < b ? -1 : a > b ? 1 : 0) * dir;
  });
}

export function paginate<T>(items: T[], page: number, perPage: number) {
  const total = items.length;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return {
    page,
    per_page: perPage,
    total,
    total_pages: totalPages,
    has_more: page < totalPages,
    ...(page > totalPages ? { note: `page ${page} is past the last page (${totalPages})` } : {}),
    items: slice,
  };
}

/** Receiver names with the kinds of integrations configured for each, read from the status config YAML. */
export function receiverIntegrations(yaml: string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!yaml) return out;
  const lines = yaml.split('\n');
  const start = lines.findIndex((l) => /^receivers:\s*$/.test(l));
  if (start < 0) return out;
  let current: string | undefined;
  for (const line of lines.slice(start + 1)) {
    if (/^[A-Za-z_]/.test(line)) break; // next top-level key (list items of receivers start at column 0)
    const name = /^\s*-\s+name:\s*['"]?([^'"]+?)['"]?\s*$/.exec(line);
    if (name) {
      current = name[1];
      out[current] = [];
      continue;
    }
    const integration = /^\s+(\w+)_configs:/.exec(line);
    if (integration && current) out[current].push(integration[1]);
  }
  return out;
}

/** Silences in a state (`all`: every one); by default the ones still in force (active and pending). */
export function filterSilences(silences: AmSilence[], status: string | undefined): AmSilence[] {
  if (status === 'all') return silences;
  if (status) return silences.filter((s) => s.status?.state === status);
  return silences.filter((s) => s.status?.state !== 'expired');
}
