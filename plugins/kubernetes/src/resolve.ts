// Kind → group/version/resource through discovery: kinds, plurals, singulars, short names and
// <plural>.<group>, narrowed by apiVersion; a clear error with the closest matches otherwise.
import type { ApiResource, ClusterClient, Obj } from './client.js';
import { KubeErrors } from './errors.js';

function distance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  return dp[a.length][b.length];
}

const label = (r: ApiResource) => `${r.kind} (${r.name}${r.group ? '.' + r.group : ''}, apiVersion ${r.apiVersion})`;

export async function resolveKind(
  client: ClusterClient,
  kind: string,
  apiVersion?: string,
  signal?: AbortSignal,
): Promise<ApiResource> {
  if (!kind || !kind.trim())
    throw KubeErrors.create(
      'KUBERNETES_ERR_BAD_INPUT',
      'kind is required (e.g. Pod, Deployment, deployments.apps, Widget with apiVersion example.com/v1)',
    );
  const d = await client.discover(signal);
  let q = kind.trim();
  let groupHint: string | undefined;
  let versionHint: string | undefined;
  if (apiVersion) {
    const parts = apiVersion.split('/');
    if (parts.length === 2) {
      groupHint = parts[0];
      versionHint = parts[1];
    } else if (/^v\d/.test(parts[0])) {
      groupHint = '';
      versionHint = parts[0];
    } else groupHint = parts[0];
  }
  if (q.includes('.') && !apiVersion) {
    const [head, ...rest] = q.split('.');
    const maybeGroup = rest.join('.');
    if (d.resources.some((r) => r.group === maybeGroup || (r.group === '' && maybeGroup === 'core'))) {
      q = head;
      groupHint = maybeGroup === 'core' ? '' : maybeGroup;
    }
  }
  const lq = q.toLowerCase();
  const matches = (r: ApiResource) =>
    r.kind.toLowerCase() === lq || r.name === lq || r.singularName === lq || r.shortNames.includes(lq);
  let found = d.resources.filter(matches);
  if (groupHint !== undefined) found = found.filter((r) => r.group === groupHint);
  if (versionHint) found = found.filter((r) => r.version === versionHint);
  else {
    // one version per group: the preferred one when it has the kind
    const byGroup = new Map<string, ApiResource>();
    for (const r of found) {
      const cur = byGroup.get(r.group);
      if (!cur || (!cur.preferred && r.preferred)) byGroup.set(r.group, r);
    }
    found = [...byGroup.values()];
  }
  // the metrics API re-uses the names nodes/pods; never pick it for a plain kind
  if (found.length > 1) found = found.filter((r) => r.group !== 'metrics.k8s.io');
  if (found.length === 1) return found[0];
  if (found.length > 1) {
    const core = found.filter((r) => r.group === '');
    if (core.length === 1 && !apiVersion) return core[0]; // kubectl's priority: the core group wins
    throw KubeErrors.create(
      'KUBERNETES_ERR_AMBIGUOUS_KIND',
      `kind "${kind}" matches ${found.length} resources: ${found.map(label).join('; ')}`,
      { data: { candidates: found.map((r) => ({ kind: r.kind, apiVersion: r.apiVersion, resource: r.name })) } },
    );
  }
  const scored = d.resources
    .map((r) => ({
      r,
      score: Math.min(distance(lq, r.kind.toLowerCase()), distance(lq, r.name), distance(lq, r.singularName || r.name)),
    }))
    .sort((a, b) => a.score - b.score);
  const seen = new Set<string>();
  const closest = scored
    .filter(({ r }) => {
      const k = `${r.kind}/${r.group}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .slice(0, 5)
    .map(({ r }) => label(r));
  const scope = apiVersion ? ` in apiVersion ${apiVersion}` : '';
  throw KubeErrors.create(
    'KUBERNETES_ERR_UNKNOWN_KIND',
    `the cluster serves no resource "${kind}"${scope}; closest matches: ${closest.join('; ')}`,
    { data: { closest } },
  );
}

/** The URL path of a resource collection or object. */
export function resourcePath(r: ApiResource, namespace?: string, name?: string, sub?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${r.name}${name ? '/' + encodeURIComponent(name) : ''}${sub ? '/' + sub : ''}`;
}

/** Lists put no kind/apiVersion on items; add them back so summaries and masking see the kind. */
export function withKind(r: ApiResource, items: Obj[]): Obj[] {
  return items.map((o) => ({ apiVersion: r.apiVersion, kind: r.kind, ...o }));
}
