// Release reads shared by the tool groups: the latest revision of each release in scope (decoding only
// those), release views with masked values, and text capped to the result budget.
import type { ToolContext } from '@cnmcp/core';
import type { HelmTarget } from './contexts.js';
import { maskValues } from './mask.js';
import { parseManifest } from './manifest.js';
import {
  chartLabel,
  DEFAULT_LIST_STATES,
  latestPerRelease,
  listEntry,
  userLabels,
  type HelmRelease,
  type Obj,
  type ReleaseRecord,
} from './release.js';
import type { ReleaseStore } from './store.js';

export interface LatestOptions {
  namespace?: string;
  /** Every state (helm list -a); default: deployed and failed, as `helm list`. */
  all?: boolean;
  /** Only this status (deployed, failed, pending-install, …); implies every state. */
  status?: string;
}

export interface LatestRelease {
  release: HelmRelease;
  record: ReleaseRecord;
}

/** The latest revision of every release in scope, decoded, sorted by namespace and name. */
export async function latestReleases(
  store: ReleaseStore,
  ctx: ToolContext<HelmTarget>,
  opts: LatestOptions = {},
): Promise<LatestRelease[]> {
  const records = await store.records({ context: ctx.backend.context, namespace: opts.namespace, signal: ctx.signal });
  const wanted = (status: string) =>
    opts.status ? status === opts.status : opts.all ? true : DEFAULT_LIST_STATES.has(status);
  return latestPerRelease(records)
    .filter((r) => wanted(r.status))
    .map((record) => ({ record, release: store.decode(record) }))
    .filter((x) => wanted(x.release.info.status));
}

/** The compact line of a release, as `helm list -o json` plus chart name/version apart. */
export function releaseLine(r: HelmRelease, record?: ReleaseRecord, includeLabels = false): Obj {
  const labels = record ? userLabels(record.labels) : {};
  return {
    ...listEntry(r),
    chart_name: r.chart?.metadata?.name ?? '',
    chart_version: r.chart?.metadata?.version ?? '',
    ...(includeLabels && Object.keys(labels).length ? { labels } : {}),
  };
}

/** One release in detail: summary, info, masked user values, chart metadata, objects and hooks in brief. */
export function releaseDetail(r: HelmRelease, show: boolean, budget: number): Obj {
  const objects = parseManifest(r.manifest, r.namespace).objects;
  const md = r.chart?.metadata ?? {};
  return {
    name: r.name,
    namespace: r.namespace,
    revision: r.version,
    status: r.info.status,
    description: r.info.description ?? '',
    first_deployed: r.info.first_deployed ?? '',
    last_deployed: r.info.last_deployed ?? '',
    chart: {
      name: md.name,
      version: md.version,
      app_version: md.appVersion ?? '',
      ...(md.description ? { description: md.description } : {}),
      ...(md.deprecated ? { deprecated: true } : {}),
    },
    values: maskValues(r.config ?? {}, show),
    objects: { total: objects.length, kinds: countKinds(objects.map((o) => o.kind)) },
    hooks: (r.hooks ?? []).map((h) => ({
      name: h.name,
      kind: h.kind,
      events: h.events ?? [],
      ...(h.last_run?.phase ? { last_run: h.last_run.phase } : {}),
    })),
    notes: capText(r.info.notes ?? '', Math.max(500, Math.floor(budget / 8))),
  };
}

/** Objects per kind, as a list (a map keyed by kind would have a `Secret` key that output redaction masks). */
export function countKinds(kinds: string[]): Array<{ kind: string; count: number }> {
  const out = new Map<string, number>();
  for (const k of kinds) out.set(k, (out.get(k) ?? 0) + 1);
  return [...out].map(([kind, count]) => ({ kind, count }));
}

/** Text cut to `max` bytes with a note saying how much was left out. */
export function capText(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  const cut = Buffer.from(text)
    .subarray(0, max)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${cut}\n… (${Buffer.byteLength(text) - Buffer.byteLength(cut)} more bytes not shown)`;
}

export function statusView(r: HelmRelease): Obj {
  return {
    name: r.name,
    namespace: r.namespace,
    revision: r.version,
    status: r.info.status,
    description: r.info.description ?? '',
    chart: chartLabel(r),
    app_version: r.chart?.metadata?.appVersion ?? '',
    first_deployed: r.info.first_deployed ?? '',
    last_deployed: r.info.last_deployed ?? '',
    ...(r.info.deleted ? { deleted: r.info.deleted } : {}),
  };
}

/** Parses `k=v,k2=v2` (also `k==v`, `k!=v`) into checks on a label map. */
export function labelMatcher(selector: string): (labels: Record<string, string>) => boolean {
  const terms = selector
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => {
      const m = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(t);
      if (m) return { key: m[1], op: m[2] === '!=' ? 'ne' : 'eq', value: m[3].trim() };
      const neg = t.startsWith('!');
      return { key: neg ? t.slice(1) : t, op: neg ? 'absent' : 'present', value: '' };
    });
  return (labels) =>
    terms.every((t) =>
      t.op === 'eq'
        ? labels[t.key] === t.value
        : t.op === 'ne'
          ? labels[t.key] !== t.value
          : t.op === 'present'
            ? t.key in labels
            : !(t.key in labels),
    );
}
