// The index list as an agent wants it: typed numbers instead of _cat strings, filters, sorting, pages with the
// reference's `offset:N` continue tokens, and a summary by health.
import type { estypes } from '@elastic/elasticsearch';
import { coreError } from '@cnmcp/core';

export interface IndexRow {
  index: string;
  health: string;
  status: string;
  docs: number;
  size_bytes: number;
  primaries: number;
  replicas: number;
}

export function toRow(r: estypes.CatIndicesIndicesRecord): IndexRow {
  return {
    index: r.index ?? '',
    health: r.health ?? 'unknown',
    status: r.status ?? 'unknown',
    docs: Number(r['docs.count'] ?? 0) || 0,
    size_bytes: Number(r['store.size'] ?? 0) || 0,
    primaries: Number(r.pri ?? 0) || 0,
    replicas: Number(r.rep ?? 0) || 0,
  };
}

export function humanBytes(bytes: number): string {
  const units = ['b', 'kb', 'mb', 'gb', 'tb'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)}${units[i]}`;
}

/** Parses `offset:N` (the reference's continueToken); empty means the start. */
export function decodeContinueToken(token: string | undefined): number {
  if (!token) return 0;
  const m = /^offset:(\d+)$/.exec(token);
  if (!m) {
    throw coreError(
      'CNMCP_ERR_TOOL_INPUT_INVALID',
      `continueToken ${JSON.stringify(token.slice(0, 40))} is not of the form offset:N`,
      {
        hint: 'Pass the continueToken of the previous page unchanged, or leave it out.',
      },
    );
  }
  return Number(m[1]);
}

export interface Page<T> {
  total: number;
  returned: number;
  items: T[];
  continueToken?: string;
}

export function page<T>(items: T[], offset: number, limit: number): Page<T> {
  const slice = items.slice(offset, offset + limit);
  const next = offset + slice.length;
  return {
    total: items.length,
    returned: slice.length,
    items: slice,
    ...(next < items.length ? { continueToken: `offset:${next}` } : {}),
  };
}

export interface IndexFilter {
  query?: string;
  healthStatus?: string;
  indexStatus?: string;
  minDocCount?: number;
  maxDocCount?: number;
}

export function filterRows(rows: IndexRow[], f: IndexFilter): IndexRow[] {
  const q = f.query?.toLowerCase();
  return rows.filter(
    (r) =>
      (!q || r.index.toLowerCase().includes(q)) &&
      (!f.healthStatus || r.health === f.healthStatus) &&
      (!f.indexStatus || r.status === f.indexStatus) &&
      (f.minDocCount === undefined || r.docs >= f.minDocCount) &&
      (f.maxDocCount === undefined || r.docs <= f.maxDocCount),
  );
}

const HEALTH_RANK: Record<string, number> = { red: 0, yellow: 1, green: 2 };

export function sortRows(
  rows: IndexRow[],
  by: 'name' | 'docs' | 'size' | 'health' = 'name',
  order: 'asc' | 'desc' = 'asc',
): IndexRow[] {
  const key = (r: IndexRow): number | string =>
    by === 'docs' ? r.docs : by === 'size' ? r.size_bytes : by === 'health' ? (HEALTH_RANK[r.health] ?? 3) : r.index;
  const sign = order === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sign * c || a.index.localeCompare(b.index);
  });
}

/** Per-row output: size as text for people, bytes for sorting. */
export function present(r: IndexRow, includeHealth = true): Record<string, unknown> {
  return {
    index: r.index,
    ...(includeHealth ? { health: r.health, status: r.status } : {}),
    docs: r.docs,
    size: humanBytes(r.size_bytes),
    primaries: r.primaries,
    replicas: r.replicas,
  };
}

export function summarize(rows: IndexRow[]): Record<string, unknown> {
  const byHealth: Record<string, number> = {};
  for (const r of rows) byHealth[r.health] = (byHealth[r.health] ?? 0) + 1;
  const docs = rows.reduce((s, r) => s + r.docs, 0);
  const bytes = rows.reduce((s, r) => s + r.size_bytes, 0);
  return {
    indices: rows.length,
    by_health: byHealth,
    docs,
    size: humanBytes(bytes),
    not_green: rows
      .filter((r) => r.health !== 'green')
      .slice(0, 20)
      .map((r) => ({ index: r.index, health: r.health })),
    largest: sortRows(rows, 'size', 'desc')
      .slice(0, 10)
      .map((r) => ({ index: r.index, docs: r.docs, size: humanBytes(r.size_bytes) })),
  };
}
