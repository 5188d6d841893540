// The collector's own metrics (Prometheus text from :8888/metrics) read under every naming scheme
// collectors have used: ≤ v0.118 plain names, v0.120–v0.152 `_total` counters and unit suffixes,
// v0.153+ `_total` and some unit suffixes dropped again.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;

/** Samples of a Prometheus / OpenMetrics text exposition (comments and malformed lines are skipped). */
export function parseExposition(text: string): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL))
      labels[l[1]] = l[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
    const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3]);
    out.push({ name: m[1], labels, value });
  }
  return out;
}

const UNIT_RENAMES: Record<string, string> = {
  otelcol_process_memory_rss_bytes: 'otelcol_process_memory_rss',
  otelcol_process_uptime_seconds: 'otelcol_process_uptime',
  otelcol_process_cpu_seconds: 'otelcol_process_cpu_seconds',
  otelcol_process_runtime_heap_alloc_bytes: 'otelcol_process_runtime_heap_alloc',
  otelcol_process_runtime_total_alloc_bytes: 'otelcol_process_runtime_total_alloc',
  otelcol_process_runtime_total_sys_memory_bytes: 'otelcol_process_runtime_total_sys_memory',
};

/** One name per metric whatever the collector version: no `_total`, no renamed unit suffix. */
export function canonicalName(name: string): string {
  const base = name.endsWith('_total') ? name.slice(0, -'_total'.length) : name;
  return UNIT_RENAMES[base] ?? base;
}

export type NamingScheme = 'legacy (<= v0.118)' | '_total (v0.120-v0.152)' | 'current (>= v0.153)' | 'unknown';

export function namingScheme(samples: Sample[]): NamingScheme {
  const names = new Set(samples.map((s) => s.name));
  const any = (re: RegExp) => [...names].some((n) => re.test(n));
  if (any(/^otelcol_.*_total$/)) return '_total (v0.120-v0.152)';
  if (!any(/^otelcol_/)) return 'unknown';
  return samples.some((s) => s.name.startsWith('otelcol_') && 'otel_scope_name' in s.labels)
    ? 'current (>= v0.153)'
    : 'legacy (<= v0.118)';
}

const ITEMS = ['spans', 'metric_points', 'log_records'] as const;
type Item = (typeof ITEMS)[number];
type ByItem = Record<Item, number>;
const zero = (): ByItem => ({ spans: 0, metric_points: 0, log_records: 0 });

export interface ReceiverStats {
  receiver: string;
  transport?: string;
  accepted: ByItem;
  refused: ByItem;
}

export interface ExporterStats {
  exporter: string;
  sent: ByItem;
  send_failed: ByItem;
  enqueue_failed: ByItem;
  queue_size?: number;
  queue_capacity?: number;
}

export interface CollectorStats {
  naming_scheme: NamingScheme;
  receivers: ReceiverStats[];
  exporters: ExporterStats[];
  process: { uptime_seconds?: number; memory_rss_bytes?: number };
  findings: string[];
}

/** Receiver, exporter, queue and process figures, summed over label sets other than the component. */
export function collectorStats(samples: Sample[]): CollectorStats {
  const receivers = new Map<string, ReceiverStats>();
  const exporters = new Map<string, ExporterStats>();
  const process: CollectorStats['process'] = {};
  for (const s of samples) {
    const name = canonicalName(s.name);
    let m = /^otelcol_receiver_(accepted|refused)_(spans|metric_points|log_records)$/.exec(name);
    if (m && s.labels.receiver) {
      const key = `${s.labels.receiver}\u0000${s.labels.transport ?? ''}`;
      const r = receivers.get(key) ?? {
        receiver: s.labels.receiver,
        ...(s.labels.transport ? { transport: s.labels.transport } : {}),
        accepted: zero(),
        refused: zero(),
      };
      r[m[1] as 'accepted' | 'refused'][m[2] as Item] += s.value;
      receivers.set(key, r);
      continue;
    }
    const exporter = s.labels.exporter;
    const e = exporter
      ? (exporters.get(exporter) ?? { exporter, sent: zero(), send_failed: zero(), enqueue_failed: zero() })
      : undefined;
    m = /^otelcol_exporter_(sent|send_failed|enqueue_failed)_(spans|metric_points|log_records)$/.exec(name);
    if (m && e) {
      e[m[1] as 'sent' | 'send_failed' | 'enqueue_failed'][m[2] as Item] += s.value;
      exporters.set(exporter!, e);
      continue;
    }
    if ((name === 'otelcol_exporter_queue_size' || name === 'otelcol_exporter_queue_capacity') && e) {
      const field = name.endsWith('size') ? 'queue_size' : 'queue_capacity';
      e[field] = (e[field] ?? 0) + s.value;
      exporters.set(exporter!, e);
      continue;
    }
    if (name === 'otelcol_process_uptime') process.uptime_seconds = s.value;
    if (name === 'otelcol_process_memory_rss') process.memory_rss_bytes = s.value;
  }
  const stats: CollectorStats = {
    naming_scheme: namingScheme(samples),
    receivers: [...receivers.values()],
    exporters: [...exporters.values()],
    process,
    findings: [],
  };
  stats.findings = findings(stats);
  return stats;
}

function findings(stats: CollectorStats): string[] {
  const out: string[] = [];
  for (const r of stats.receivers)
    for (const item of ITEMS)
      if (r.refused[item] > 0)
        out.push(
          `receiver ${r.receiver} refused ${r.refused[item]} ${item} (memory_limiter pressure or a failing pipeline)`,
        );
  for (const e of stats.exporters) {
    for (const item of ITEMS) {
      if (e.send_failed[item] > 0) out.push(`exporter ${e.exporter} failed to send ${e.send_failed[item]} ${item}`);
      if (e.enqueue_failed[item] > 0)
        out.push(`exporter ${e.exporter} dropped ${e.enqueue_failed[item]} ${item}: queue full`);
    }
    if (e.queue_capacity && e.queue_size !== undefined && e.queue_size / e.queue_capacity >= 0.8)
      out.push(`exporter ${e.exporter} queue is ${Math.round((100 * e.queue_size) / e.queue_capacity)}% full`);
  }
  if (stats.naming_scheme === 'unknown')
    out.push('no otelcol_* metrics found: is this the collector telemetry endpoint (:8888/metrics)?');
  return out;
}
