// Helm release records as Helm itself stores them: one Secret (type helm.sh/release.v1) or ConfigMap per
// revision, labelled owner=helm, name=<release>, status=<status>, version=<revision>. The payload is Helm's
// base64 of a gzip stream of the release JSON; a Secret wraps that again in its own base64 `data` encoding.
import { gunzipSync } from 'node:zlib';

export type Obj = Record<string, any>;

export interface ChartMetadata {
  name?: string;
  version?: string;
  appVersion?: string;
  apiVersion?: string;
  description?: string;
  type?: string;
  kubeVersion?: string;
  home?: string;
  sources?: string[];
  keywords?: string[];
  dependencies?: Obj[];
  maintainers?: Obj[];
  deprecated?: boolean;
}

export interface HelmHook {
  name: string;
  kind: string;
  path: string;
  manifest?: string;
  events?: string[];
  last_run?: { started_at?: string; completed_at?: string; phase?: string };
  weight?: number;
  delete_policies?: string[];
}

/** The decoded release (Helm's release.Release JSON). */
export interface HelmRelease {
  name: string;
  namespace: string;
  version: number;
  info: {
    first_deployed?: string;
    last_deployed?: string;
    deleted?: string;
    description?: string;
    status: string;
    notes?: string;
  };
  chart?: { metadata?: ChartMetadata; values?: Obj; templates?: Array<{ name: string; data: string }> };
  config?: Obj | null;
  manifest?: string;
  hooks?: HelmHook[];
  labels?: Obj;
}

/** One stored revision: where it lives and its labels, decoded lazily. */
export interface ReleaseRecord {
  driver: 'secret' | 'configmap';
  objectName: string;
  namespace: string;
  name: string;
  revision: number;
  status: string;
  labels: Record<string, string>;
  /** Helm's payload: base64 of (usually gzip of) the release JSON. */
  payload: string;
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];
/** Labels Helm itself sets on every record; the others are the release's own labels (helm install --labels). */
export const SYSTEM_LABELS = new Set(['name', 'owner', 'status', 'version', 'createdAt', 'modifiedAt']);

/** Decodes Helm's payload (base64, then gunzip when gzip magic is present) into the release JSON. */
export function decodeReleasePayload(payload: string): HelmRelease {
  const bytes = Buffer.from(payload, 'base64');
  const raw = GZIP_MAGIC.every((b, i) => bytes[i] === b) ? gunzipSync(bytes) : bytes;
  const release = JSON.parse(raw.toString('utf8')) as HelmRelease;
  if (!release || typeof release !== 'object' || typeof release.name !== 'string')
    throw new Error('the payload is not a Helm release');
  return release;
}

/** The inverse of decodeReleasePayload, as Helm writes it (for tests and fixtures). */
export function encodeReleasePayload(release: HelmRelease, gzip: (b: Buffer) => Buffer): string {
  return gzip(Buffer.from(JSON.stringify(release))).toString('base64');
}

/** A Secret or ConfigMap read from the API server as a release record, or undefined when it is not one. */
export function toRecord(obj: Obj, driver: 'secret' | 'configmap'): ReleaseRecord | undefined {
  const md = obj?.metadata ?? {};
  const labels = (md.labels ?? {}) as Record<string, string>;
  if (labels.owner !== 'helm' || !labels.name) return undefined;
  if (driver === 'secret' && obj.type !== 'helm.sh/release.v1') return undefined;
  const stored = obj.data?.release;
  if (typeof stored !== 'string') return undefined;
  // A Secret's data values are base64 on the wire: Helm's own base64 text sits inside it.
  const payload = driver === 'secret' ? Buffer.from(stored, 'base64').toString('utf8') : stored;
  const revision = Number(labels.version ?? /\.v(\d+)$/.exec(md.name ?? '')?.[1]);
  return {
    driver,
    objectName: md.name,
    namespace: md.namespace,
    name: labels.name,
    revision: Number.isFinite(revision) ? revision : 0,
    status: labels.status ?? 'unknown',
    labels,
    payload,
  };
}

/** The release's own labels (those Helm does not set itself). */
export function userLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([k]) => !SYSTEM_LABELS.has(k)));
}

/** Highest revision per namespace/name (what `helm list` starts from). */
export function latestPerRelease(records: ReleaseRecord[]): ReleaseRecord[] {
  const latest = new Map<string, ReleaseRecord>();
  for (const r of records) {
    const key = `${r.namespace}/${r.name}`;
    const seen = latest.get(key);
    if (!seen || r.revision > seen.revision) latest.set(key, r);
  }
  return [...latest.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

export const FAILED_STATES = new Set(['failed']);
export const PENDING_STATES = new Set(['pending-install', 'pending-upgrade', 'pending-rollback', 'uninstalling']);
/** `helm list` without flags shows the latest revision when it is deployed or failed. */
export const DEFAULT_LIST_STATES = new Set(['deployed', 'failed']);

export function chartLabel(release: HelmRelease): string {
  const md = release.chart?.metadata;
  return md?.name ? `${md.name}-${md.version ?? ''}` : '';
}

/** The compact line `helm list -o json` prints for a release (same keys), plus its description. */
export function listEntry(release: HelmRelease): Obj {
  return {
    name: release.name,
    namespace: release.namespace,
    revision: release.version,
    updated: release.info.last_deployed ?? '',
    status: release.info.status,
    chart: chartLabel(release),
    app_version: release.chart?.metadata?.appVersion ?? '',
  };
}

/** The entry `helm history -o json` prints for a revision (same keys). */
export function historyEntry(release: HelmRelease): Obj {
  return {
    revision: release.version,
    updated: release.info.last_deployed ?? '',
    status: release.info.status,
    chart: chartLabel(release),
    app_version: release.chart?.metadata?.appVersion ?? '',
    description: release.info.description ?? '',
  };
}

function isMap(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Helm's value coalescing for `helm get values --all`: user values win over chart defaults, maps merge
 * deeply, and a user `null` deletes the chart's key.
 */
export function coalesceValues(chartValues: Obj | undefined, userValues: Obj | null | undefined): Obj {
  const out: Obj = {};
  const base = chartValues ?? {};
  const user = userValues ?? {};
  for (const [k, v] of Object.entries(base)) out[k] = v;
  for (const [k, v] of Object.entries(user)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = coalesceValues(out[k], v);
    else out[k] = v;
  }
  return out;
}
