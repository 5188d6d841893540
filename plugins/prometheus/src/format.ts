// Result budgeting and compact summaries: what an agent reads first, with totals and a truncation note.
import { countBy } from '@cnmcp/core';

export interface QueryData {
  resultType: 'vector' | 'matrix' | 'scalar' | 'string';
  result: unknown;
}

type Labels = Record<string, string>;
interface VectorSample {
  metric: Labels;
  value: [number, string];
}
interface MatrixSeries {
  metric: Labels;
  values: Array<[number, string]>;
}

export interface BudgetedResult {
  resultType: string;
  result: unknown;
  series_total?: number;
  series_shown?: number;
  samples_total?: number;
  samples_shown?: number;
  truncated?: string;
}

/** Caps vectors and matrices at `maxSeries` series; scalars and strings pass as they are. */
export function budgetQueryResult(data: QueryData, maxSeries: number): BudgetedResult {
  if (data.resultType === 'vector') {
    const all = (data.result as VectorSample[]) ?? [];
    const shown = all.slice(0, maxSeries);
    return {
      resultType: 'vector',
      result: shown,
      series_total: all.length,
      series_shown: shown.length,
      ...(shown.length < all.length
        ? {
            truncated: `showing ${shown.length} of ${all.length} series; narrow the selector, aggregate (sum by, topk) or raise limit`,
          }
        : {}),
    };
  }
  if (data.resultType === 'matrix') {
    const all = (data.result as MatrixSeries[]) ?? [];
    const shown = all.slice(0, maxSeries);
    const samplesTotal = all.reduce((n, s) => n + (s.values?.length ?? 0), 0);
    const samplesShown = shown.reduce((n, s) => n + (s.values?.length ?? 0), 0);
    return {
      resultType: 'matrix',
      result: shown,
      series_total: all.length,
      series_shown: shown.length,
      samples_total: samplesTotal,
      samples_shown: samplesShown,
      ...(shown.length < all.length
        ? {
            truncated: `showing ${shown.length} of ${all.length} series (${samplesShown} of ${samplesTotal} samples); narrow the selector, aggregate (sum by, topk) or raise limit`,
          }
        : {}),
    };
  }
  return { resultType: data.resultType, result: data.result };
}

/** Counts the points of a matrix result. */
export function countPoints(data: QueryData): { series: number; points: number } {
  if (data.resultType !== 'matrix') return { series: Array.isArray(data.result) ? data.result.length : 1, points: 1 };
  const all = (data.result as MatrixSeries[]) ?? [];
  return { series: all.length, points: all.reduce((n, s) => n + (s.values?.length ?? 0), 0) };
}

/** The first `max` items with the total, and a note when some were left out. */
export function capList<T>(
  items: T[],
  max: number,
  what: string,
): { total: number; shown: number; items: T[]; truncated?: string } {
  const shown = items.slice(0, max);
  return {
    total: items.length,
    shown: shown.length,
    items: shown,
    ...(shown.length < items.length
      ? { truncated: `showing ${shown.length} of ${items.length} ${what}; filter further or raise limit` }
      : {}),
  };
}

/** A capped list as a tool result: `{ total, <key>: items, truncated? }` (the same shape for every list tool). */
export function listResult<T>(
  key: string,
  list: { total: number; items: T[]; truncated?: string },
): Record<string, unknown> {
  return { total: list.total, [key]: list.items, ...(list.truncated ? { truncated: list.truncated } : {}) };
}

export interface PromAlert {
  labels: Labels;
  annotations?: Labels;
  state: string;
  activeAt?: string;
  value?: string;
}

export function summarizeAlerts(alerts: PromAlert[], max: number) {
  const byName = new Map<
    string,
    { alertname: string; states: Record<string, number>; severity?: string; since?: string }
  >();
  for (const a of alerts) {
    const name = a.labels.alertname ?? '(unnamed)';
    const entry = byName.get(name) ?? {
      alertname: name,
      states: {},
      ...(a.labels.severity ? { severity: a.labels.severity } : {}),
    };
    entry.states[a.state] = (entry.states[a.state] ?? 0) + 1;
    if (a.activeAt && (!entry.since || a.activeAt < entry.since)) entry.since = a.activeAt;
    byName.set(name, entry);
  }
  const list = capList(
    [...byName.values()].sort(
      (x, y) => (y.states.firing ?? 0) - (x.states.firing ?? 0) || x.alertname.localeCompare(y.alertname),
    ),
    max,
    'alert names',
  );
  return {
    total_alerts: alerts.length,
    by_state: countBy(alerts, (a) => a.state),
    alertnames: list.items,
    ...(list.truncated ? { truncated: list.truncated } : {}),
  };
}

export interface PromRuleGroup {
  name: string;
  file: string;
  rules: Array<{
    name: string;
    type: string;
    health?: string;
    state?: string;
    query?: string;
    lastError?: string;
    alerts?: unknown[];
    duration?: number;
    labels?: Labels;
  }>;
}

export function summarizeRules(groups: PromRuleGroup[], max: number) {
  const rules = groups.flatMap((g) =>
    g.rules.map((r) => ({
      name: r.name,
      type: r.type === 'alerting' ? 'alert' : r.type === 'recording' ? 'record' : r.type,
      group: g.name,
      health: r.health,
      ...(r.state ? { state: r.state } : {}),
      ...(r.alerts?.length ? { active_alerts: r.alerts.length } : {}),
      ...(r.lastError ? { last_error: r.lastError } : {}),
    })),
  );
  const list = capList(rules, max, 'rules');
  return {
    groups: groups.length,
    total_rules: rules.length,
    by_type: countBy(rules, (r) => r.type),
    by_health: countBy(rules, (r) => r.health ?? 'unknown'),
    rules: list.items,
    ...(list.truncated ? { truncated: list.truncated } : {}),
  };
}

export interface PromTarget {
  labels?: Labels;
  discoveredLabels?: Labels;
  scrapePool?: string;
  scrapeUrl?: string;
  health?: string;
  lastError?: string;
  lastScrape?: string;
  lastScrapeDuration?: number;
}

export function summarizeTargets(active: PromTarget[], dropped: unknown[], max: number) {
  const jobs = new Map<
    string,
    {
      job: string;
      up: number;
      down: number;
      unknown: number;
      down_instances: Array<{ instance: string; error?: string }>;
    }
  >();
  for (const t of active) {
    const job = t.labels?.job ?? t.scrapePool ?? '(none)';
    const entry = jobs.get(job) ?? { job, up: 0, down: 0, unknown: 0, down_instances: [] };
    const health = t.health === 'up' || t.health === 'down' ? t.health : 'unknown';
    entry[health] += 1;
    if (health === 'down')
      entry.down_instances.push({
        instance: t.labels?.instance ?? t.scrapeUrl ?? '?',
        ...(t.lastError ? { error: t.lastError } : {}),
      });
    jobs.set(job, entry);
  }
  const list = capList(
    [...jobs.values()].sort((a, b) => b.down - a.down || a.job.localeCompare(b.job)),
    max,
    'jobs',
  );
  return {
    active_targets: active.length,
    dropped_targets: dropped.length,
    by_health: countBy(active, (t) => t.health ?? 'unknown'),
    jobs: list.items,
    ...(list.truncated ? { truncated: list.truncated } : {}),
  };
}

/** Compact JSON size of a value, as the server sends large results. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null');
}

/**
 * Drops series from the end of a budgeted vector or matrix until `build(result)` fits `maxBytes`
 * (at least one series stays), updating the counts and the truncation note.
 */
export function fitSeriesToBytes<T extends object>(
  budget: BudgetedResult,
  maxBytes: number,
  build: (b: BudgetedResult) => T,
): T {
  let out = build(budget);
  let bytes = jsonBytes(out);
  if (bytes <= maxBytes || !Array.isArray(budget.result) || budget.result.length <= 1) return out;
  const all = budget.result as Array<MatrixSeries | VectorSample>;
  let keep = all.length;
  while (bytes > maxBytes && keep > 1) {
    keep = Math.max(1, Math.min(keep - 1, Math.floor(keep * (maxBytes / bytes) * 0.95)));
    const shown = all.slice(0, keep);
    const total = budget.series_total ?? all.length;
    const next: BudgetedResult = { ...budget, result: shown, series_shown: shown.length };
    let note = `showing ${shown.length} of ${total} series to stay within ${maxBytes} bytes (server.maxResultBytes)`;
    if (budget.resultType === 'matrix') {
      next.samples_shown = (shown as MatrixSeries[]).reduce((n, s) => n + (s.values?.length ?? 0), 0);
      note += `, ${next.samples_shown} of ${budget.samples_total} samples; use a coarser step, a shorter range, fewer series (label matchers, topk, sum by) or a smaller limit`;
    } else {
      note += '; narrow the selector, aggregate (sum by, topk) or ask for a smaller limit';
    }
    next.truncated = note;
    out = build(next);
    bytes = jsonBytes(out);
  }
  return out;
}
