// Grafana data frames (the /api/ds/query answer) in a form an agent can read: per query its status or error, and
// per series the labels, the point count, last/min/max, and the last few points; tables and logs as column names
// with the first rows. Caps come with totals.

interface FrameField {
  name?: string;
  type?: string;
  labels?: Record<string, string>;
  config?: { displayNameFromDS?: string; displayName?: string };
}

interface Frame {
  schema?: { name?: string; refId?: string; meta?: { executedQueryString?: string }; fields?: FrameField[] };
  data?: { values?: unknown[][] };
}

export interface QueryResult {
  status?: number;
  error?: string;
  errorSource?: string;
  frames?: Frame[];
}

export interface SeriesSummary {
  name: string;
  labels?: Record<string, string>;
  points: number;
  last?: { time: string; value: unknown };
  min?: number;
  max?: number;
  values?: Array<[string, unknown]>;
}

export interface TableSummary {
  name: string;
  columns: string[];
  rows: number;
  first_rows: Array<Record<string, unknown>>;
}

export interface RefResult {
  refId: string;
  status: number;
  error?: string;
  executed?: string;
  series_total: number;
  series: SeriesSummary[];
  tables: TableSummary[];
  truncated?: string;
}

export interface FrameLimits {
  maxSeries: number;
  pointsPerSeries: number;
  tableRows: number;
}

const iso = (t: unknown) => (typeof t === 'number' ? new Date(t).toISOString() : String(t));

function seriesOf(frame: Frame, limits: FrameLimits): SeriesSummary[] {
  const fields = frame.schema?.fields ?? [];
  const values = frame.data?.values ?? [];
  const timeIndex = fields.findIndex((f) => f.type === 'time');
  const out: SeriesSummary[] = [];
  fields.forEach((field, i) => {
    if (i === timeIndex || field.type !== 'number') return;
    const times = (values[timeIndex] ?? []) as unknown[];
    const nums = (values[i] ?? []) as unknown[];
    const finite = nums.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const name = field.config?.displayNameFromDS ?? field.config?.displayName ?? frame.schema?.name ?? field.name ?? '';
    const n = nums.length;
    const shown = limits.pointsPerSeries > 0 ? Math.min(limits.pointsPerSeries, n) : 0;
    out.push({
      name,
      ...(field.labels && Object.keys(field.labels).length ? { labels: field.labels } : {}),
      points: n,
      ...(n ? { last: { time: iso(times[n - 1]), value: nums[n - 1] } } : {}),
      ...(finite.length ? { min: Math.min(...finite), max: Math.max(...finite) } : {}),
      ...(shown
        ? { values: nums.slice(n - shown).map((v, k) => [iso(times[n - shown + k]), v] as [string, unknown]) }
        : {}),
    });
  });
  return out;
}

function tableOf(frame: Frame, limits: FrameLimits): TableSummary {
  const fields = frame.schema?.fields ?? [];
  const values = frame.data?.values ?? [];
  const rows = values[0]?.length ?? 0;
  const first: Array<Record<string, unknown>> = [];
  for (let r = 0; r < Math.min(rows, limits.tableRows); r++) {
    const row: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      const v = values[i]?.[r];
      row[f.name ?? `col${i}`] = f.type === 'time' ? iso(v) : v;
    });
    first.push(row);
  }
  return { name: frame.schema?.name ?? '', columns: fields.map((f) => f.name ?? ''), rows, first_rows: first };
}

const isTimeSeries = (frame: Frame) => {
  const fields = frame.schema?.fields ?? [];
  return (
    fields.some((f) => f.type === 'time') &&
    fields.some((f) => f.type === 'number') &&
    fields.every((f) => f.type === 'time' || f.type === 'number')
  );
};

export function summariseResults(results: Record<string, QueryResult>, limits: FrameLimits): RefResult[] {
  return Object.entries(results).map(([refId, r]) => {
    const series: SeriesSummary[] = [];
    const tables: TableSummary[] = [];
    let executed: string | undefined;
    for (const frame of r.frames ?? []) {
      executed ??= frame.schema?.meta?.executedQueryString;
      if (isTimeSeries(frame)) series.push(...seriesOf(frame, limits));
      else tables.push(tableOf(frame, limits));
    }
    const shown = series.slice(0, limits.maxSeries);
    return {
      refId,
      status: r.status ?? (r.error ? 400 : 200),
      ...(r.error ? { error: r.error } : {}),
      ...(executed ? { executed } : {}),
      series_total: series.length,
      series: shown,
      tables: tables.slice(0, 5),
      ...(series.length > shown.length
        ? {
            truncated: `showing ${shown.length} of ${series.length} series; narrow the query (label matchers, topk, sum by) or raise limit`,
          }
        : {}),
    };
  });
}
