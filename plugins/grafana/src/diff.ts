// What changed between two saved versions of a dashboard: panels matched by id (not by array position, so one
// inserted panel does not show as every later panel changed), queries matched by refId, values abbreviated.
import diff from 'microdiff';
import type { Json } from './dashboard.js';

export interface Change {
  op: 'added' | 'removed' | 'changed';
  path: string;
  from?: unknown;
  to?: unknown;
}

export interface DashboardDiff {
  total_changes: number;
  counts: { added: number; removed: number; changed: number };
  panels: { added: string[]; removed: string[]; changed: string[] };
  changes: Change[];
  truncated?: string;
}

// Saved with every version; they differ every time and say nothing.
const VOLATILE = new Set(['version', 'id', 'iteration']);

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function keyed(list: unknown[], key: (item: Json, i: number) => string): Json {
  const out: Json = {};
  list.forEach((item, i) => {
    out[isObject(item) ? key(item, i) : `#${i}`] = isObject(item) ? item : { value: item };
  });
  return out;
}

const panelKey = (p: Json, i: number) => (typeof p.id === 'number' ? `id=${p.id}` : `#${i}`);
const targetKey = (t: Json, i: number) => (typeof t.refId === 'string' ? `refId=${t.refId}` : `#${i}`);

function normalisePanel(p: Json): Json {
  const out: Json = { ...p };
  if (Array.isArray(p.targets)) out.targets = keyed(p.targets, targetKey);
  if (Array.isArray(p.panels)) out.panels = keyed(p.panels.filter(isObject).map(normalisePanel), panelKey);
  return out;
}

function normalise(dashboard: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(dashboard)) if (!VOLATILE.has(k)) out[k] = v;
  if (Array.isArray(dashboard.panels))
    out.panels = keyed(dashboard.panels.filter(isObject).map(normalisePanel), panelKey);
  return out;
}

function pathText(path: Array<string | number>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^(id|refId)=/.test(seg) || seg.startsWith('#')) out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** Short form of a value for the change list: long strings cut, objects and arrays summarised. */
export function abbreviate(value: unknown, max = 200): unknown {
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max)}… (${value.length} chars)` : value;
  const text = JSON.stringify(value);
  if (text === undefined || text.length <= max) return value;
  if (Array.isArray(value)) return `[array of ${value.length}]`;
  if (isObject(value)) {
    const title = typeof value.title === 'string' ? ` "${value.title}"` : '';
    return `{object${title} with keys ${Object.keys(value).slice(0, 8).join(', ')}}`;
  }
  return text.slice(0, max);
}

function panelTitle(p: unknown): string {
  return isObject(p) ? `${String(p.title ?? '')} (id ${String(p.id ?? '?')})` : String(p);
}

export function diffDashboards(before: Json, after: Json, maxChanges = 100): DashboardDiff {
  const a = normalise(before);
  const b = normalise(after);
  const raw = diff(a, b);
  const counts = { added: 0, removed: 0, changed: 0 };
  const panels = { added: [] as string[], removed: [] as string[], changed: new Set<string>() };
  const changes: Change[] = [];
  for (const d of raw) {
    const op = d.type === 'CREATE' ? 'added' : d.type === 'REMOVE' ? 'removed' : 'changed';
    const newValue = d.type === 'REMOVE' ? undefined : d.value;
    const oldValue = d.type === 'CREATE' ? undefined : d.oldValue;
    counts[op] += 1;
    const inPanels = d.path[0] === 'panels';
    // A whole panel added or removed (top level, or inside a row).
    const wholePanel = inPanels && (d.path.length === 2 || (d.path.length === 4 && d.path[2] === 'panels'));
    if (wholePanel && op === 'added') panels.added.push(panelTitle(newValue));
    else if (wholePanel && op === 'removed') panels.removed.push(panelTitle(oldValue));
    else if (inPanels && d.path.length > 1) {
      const panel =
        (b.panels as Json | undefined)?.[d.path[1] as string] ?? (a.panels as Json | undefined)?.[d.path[1] as string];
      panels.changed.add(panelTitle(panel));
    }
    if (changes.length < maxChanges) {
      const entry: Change = { op, path: pathText(d.path) };
      if (op !== 'added') entry.from = abbreviate(oldValue);
      if (op !== 'removed') entry.to = abbreviate(newValue);
      changes.push(entry);
    }
  }
  return {
    total_changes: raw.length,
    counts,
    panels: { added: panels.added, removed: panels.removed, changed: [...panels.changed] },
    changes,
    ...(raw.length > maxChanges
      ? {
          truncated: `showing ${maxChanges} of ${raw.length} changes; read one part with grafana_get_dashboard_property on the version's data`,
        }
      : {}),
  };
}
