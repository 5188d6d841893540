// What changed between two revisions of a release: chart and status, user values (path by path) and the
// rendered manifest object by object (added, removed, changed with the changed field paths).
import diff from 'microdiff';
import { maskValues } from './mask.js';
import { objectKey, parseManifest } from './manifest.js';
import { chartLabel, type HelmRelease, type Obj } from './release.js';

export interface ValueChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  from?: unknown;
  to?: unknown;
}

export interface ObjectChange {
  object: string;
  change: 'added' | 'removed' | 'changed';
  source?: string;
  /** Field paths that differ, with both sides (masked), capped. */
  fields?: ValueChange[];
  fieldsTotal?: number;
}

const KIND = { CREATE: 'added', REMOVE: 'removed', CHANGE: 'changed' } as const;

function pathText(path: Array<string | number>): string {
  return path
    .map((p, i) =>
      typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? (i ? '.' : '') + p : `[${JSON.stringify(p)}]`,
    )
    .join('');
}

/** Short text of a value for a change line (long values are cut). */
function brief(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.length <= 200) return value;
  return `${text.slice(0, 200)}… (${text.length} chars)`;
}

/** Path-by-path differences of two values trees (secret-looking values masked on both sides). */
export function diffValues(before: unknown, after: unknown, show = false): ValueChange[] {
  const a = maskValues(before ?? {}, show) as Obj;
  const b = maskValues(after ?? {}, show) as Obj;
  return diff(a, b).map((d) => ({
    path: pathText(d.path),
    change: KIND[d.type],
    ...(d.type !== 'CREATE' ? { from: brief((d as { oldValue?: unknown }).oldValue) } : {}),
    ...(d.type !== 'REMOVE' ? { to: brief((d as { value?: unknown }).value) } : {}),
  }));
}

/** Object-by-object differences of two manifests. */
export function diffManifests(
  before: HelmRelease,
  after: HelmRelease,
  opts: { maxFieldsPerObject?: number; show?: boolean } = {},
): { changes: ObjectChange[]; unchanged: number; errors: string[] } {
  const max = opts.maxFieldsPerObject ?? 20;
  const a = parseManifest(before.manifest, before.namespace);
  const b = parseManifest(after.manifest, after.namespace);
  const left = new Map(a.objects.map((o) => [objectKey(o), o]));
  const right = new Map(b.objects.map((o) => [objectKey(o), o]));
  const changes: ObjectChange[] = [];
  let unchanged = 0;
  for (const [key, o] of left) {
    const other = right.get(key);
    if (!other) {
      changes.push({ object: key, change: 'removed', ...(o.source ? { source: o.source } : {}) });
      continue;
    }
    const fields = diffValues(o.object, other.object, opts.show);
    if (!fields.length) unchanged++;
    else
      changes.push({
        object: key,
        change: 'changed',
        ...(other.source ? { source: other.source } : {}),
        fields: fields.slice(0, max),
        ...(fields.length > max ? { fieldsTotal: fields.length } : {}),
      });
  }
  for (const [key, o] of right)
    if (!left.has(key)) changes.push({ object: key, change: 'added', ...(o.source ? { source: o.source } : {}) });
  return { changes, unchanged, errors: [...a.errors, ...b.errors] };
}

/** The whole comparison of two revisions, summary first. */
export function compareReleases(before: HelmRelease, after: HelmRelease, show = false): Obj {
  const values = diffValues(before.config, after.config, show);
  const manifest = diffManifests(before, after, { show });
  const count = (c: string) => manifest.changes.filter((x) => x.change === c).length;
  return {
    name: after.name,
    namespace: after.namespace,
    revision1: summaryOf(before),
    revision2: summaryOf(after),
    summary: {
      chartChanged: chartLabel(before) !== chartLabel(after),
      appVersionChanged: before.chart?.metadata?.appVersion !== after.chart?.metadata?.appVersion,
      valuesChanged: values.length,
      objectsAdded: count('added'),
      objectsRemoved: count('removed'),
      objectsChanged: count('changed'),
      objectsUnchanged: manifest.unchanged,
    },
    values,
    manifest: manifest.changes,
    ...(manifest.errors.length ? { manifestErrors: manifest.errors } : {}),
  };
}

function summaryOf(r: HelmRelease): Obj {
  return {
    revision: r.version,
    status: r.info.status,
    chart: chartLabel(r),
    app_version: r.chart?.metadata?.appVersion ?? '',
    updated: r.info.last_deployed ?? '',
    description: r.info.description ?? '',
  };
}
