// Reading a dashboard without pulling all of it: panels (rows walked, collapsed or not, old `rows` schema too),
// their queries and datasources, and the variables; sized for an agent, not for the Grafana UI.

export type Json = Record<string, unknown>;

export interface PanelQuery {
  refId: string;
  /** The query text: PromQL/LogQL `expr`, SQL `rawSql`, or the datasource's `query`. */
  query?: string;
  datasource?: string;
  hidden?: boolean;
}

export interface PanelSummary {
  id: number | null;
  type: string;
  title: string;
  /** Title of the row the panel sits in. */
  row?: string;
  datasource?: string;
  queries: PanelQuery[];
}

const QUERY_KEYS = ['expr', 'query', 'rawSql', 'rawQuery', 'queryText', 'target', 'metric'] as const;

const asObject = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A datasource reference as text: `uid` (type) for object refs, the name for the legacy string form. */
export function datasourceRef(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const ref = asObject(value);
  if (!ref) return undefined;
  const uid = typeof ref.uid === 'string' ? ref.uid : undefined;
  const type = typeof ref.type === 'string' ? ref.type : undefined;
  if (uid && type) return `${uid} (${type})`;
  return uid ?? type;
}

function queryText(target: Json): string | undefined {
  for (const key of QUERY_KEYS) {
    const v = target[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return undefined;
}

function panelQueries(panel: Json): PanelQuery[] {
  return asArray(panel.targets)
    .map(asObject)
    .filter((t): t is Json => !!t)
    .map((t) => ({
      refId: typeof t.refId === 'string' ? t.refId : '',
      ...(queryText(t) !== undefined ? { query: queryText(t) } : {}),
      ...(datasourceRef(t.datasource) ? { datasource: datasourceRef(t.datasource) } : {}),
      ...(t.hide === true ? { hidden: true } : {}),
    }));
}

function summarise(panel: Json, row?: string): PanelSummary {
  return {
    id: typeof panel.id === 'number' ? panel.id : null,
    type: typeof panel.type === 'string' ? panel.type : 'unknown',
    title: typeof panel.title === 'string' ? panel.title : '',
    ...(row !== undefined ? { row } : {}),
    ...(datasourceRef(panel.datasource) ? { datasource: datasourceRef(panel.datasource) } : {}),
    queries: panelQueries(panel),
  };
}

/**
 * Every panel that shows data, in layout order. Rows are not panels themselves: a collapsed row keeps its panels
 * in `row.panels`; an expanded row is followed by its panels at the top level, up to the next row.
 */
export function collectPanels(dashboard: Json): PanelSummary[] {
  const out: PanelSummary[] = [];
  let currentRow: string | undefined;
  for (const p of asArray(dashboard.panels).map(asObject)) {
    if (!p) continue;
    if (p.type === 'row') {
      currentRow = typeof p.title === 'string' ? p.title : '';
      for (const inner of asArray(p.panels).map(asObject)) if (inner) out.push(summarise(inner, currentRow));
      continue;
    }
    out.push(summarise(p, currentRow));
  }
  // Dashboards of schema version < 16 keep panels under `rows`.
  for (const r of asArray(dashboard.rows).map(asObject)) {
    if (!r) continue;
    const title = typeof r.title === 'string' ? r.title : '';
    for (const inner of asArray(r.panels).map(asObject)) if (inner) out.push(summarise(inner, title));
  }
  return out;
}

export interface DashboardSummary {
  uid: string;
  title: string;
  version?: number;
  tags: string[];
  folder?: string;
  time?: unknown;
  refresh?: unknown;
  variables: Array<{ name: string; type: string; query?: string; datasource?: string }>;
  rows: string[];
  panel_count: number;
  panel_types: Record<string, number>;
  datasources: string[];
  panels: Array<Omit<PanelSummary, 'queries'> & { queries: number }>;
}

function variableQuery(v: Json): string | undefined {
  if (typeof v.query === 'string') return v.query;
  const q = asObject(v.query);
  return typeof q?.query === 'string' ? q.query : undefined;
}

/** Title, tags, variables, rows and panels (with query counts) in a few KB instead of the whole JSON. */
export function summariseDashboard(dashboard: Json, meta: Json = {}): DashboardSummary {
  const panels = collectPanels(dashboard);
  const datasources = new Set<string>();
  const types: Record<string, number> = {};
  for (const p of panels) {
    types[p.type] = (types[p.type] ?? 0) + 1;
    if (p.datasource) datasources.add(p.datasource);
    for (const q of p.queries) if (q.datasource) datasources.add(q.datasource);
  }
  const variables = asArray(asObject(dashboard.templating)?.list)
    .map(asObject)
    .filter((v): v is Json => !!v)
    .map((v) => ({
      name: String(v.name ?? ''),
      type: String(v.type ?? ''),
      ...(variableQuery(v) !== undefined ? { query: variableQuery(v) } : {}),
      ...(datasourceRef(v.datasource) ? { datasource: datasourceRef(v.datasource) } : {}),
    }));
  const rows = asArray(dashboard.panels)
    .map(asObject)
    .filter((p) => p?.type === 'row')
    .map((p) => String(p!.title ?? ''));
  return {
    uid: String(dashboard.uid ?? ''),
    title: String(dashboard.title ?? ''),
    ...(typeof dashboard.version === 'number' ? { version: dashboard.version } : {}),
    tags: asArray(dashboard.tags).map(String),
    ...(typeof meta.folderTitle === 'string' ? { folder: meta.folderTitle } : {}),
    ...(dashboard.time !== undefined ? { time: dashboard.time } : {}),
    ...(dashboard.refresh ? { refresh: dashboard.refresh } : {}),
    variables,
    rows,
    panel_count: panels.length,
    panel_types: types,
    datasources: [...datasources].sort(),
    panels: panels.map(({ queries, ...p }) => ({ ...p, queries: queries.length })),
  };
}

/** Finds a panel by id anywhere in the dashboard (inside collapsed rows too). */
export function findPanel(dashboard: Json, id: number): Json | undefined {
  for (const p of asArray(dashboard.panels).map(asObject)) {
    if (!p) continue;
    if (p.id === id) return p;
    for (const inner of asArray(p.panels).map(asObject)) if (inner?.id === id) return inner;
  }
  for (const r of asArray(dashboard.rows).map(asObject))
    for (const inner of asArray(r?.panels).map(asObject)) if (inner?.id === id) return inner;
  return undefined;
}
