// What every tool group shares: namespace guards, reads that mask Secrets as soon as they arrive, pages cut to
// the result budget with a cursor, capped scans, and an object's events, owners and owned objects.
import { inject, isCnmcpError, listPage, tokens, type CnmcpError } from '@cnmcp/core';
import type { ApiResource, ClusterClient, Obj } from './client.js';
import type { KubernetesConfig } from './config.js';
import { KubeClusters } from './contexts.js';
import { KubeErrors } from './errors.js';
import { decodeCursor, encodeCursor, fitCount, maskSecrets, scrub, summarize, type Cursor } from './format.js';
import { resolveKind, resourcePath, withKind } from './resolve.js';

export interface Page {
  items: Obj[];
  next?: string;
  remaining?: number;
  resourceVersion?: string;
  cursor: Cursor;
}

export interface Fitted<T> {
  shown: Obj[];
  value: T;
  continueToken?: string;
  truncatedBySize: boolean;
  remaining?: number;
}

/** Room kept in the result budget for the reply's header fields around the items. */
const HEADER_BYTES = 600;

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export const bool = (v: unknown) => v === true || v === 'true';

/**
 * A kind the cluster does not serve (no such API group, e.g. no batch/v1 on kcp or a virtual cluster), or may not
 * list with these credentials: a multi-kind scan notes it and goes on with the other kinds.
 */
export function skippableKindError(err: unknown): CnmcpError | undefined {
  if (!isCnmcpError(err)) return undefined;
  const skippable = [
    'KUBERNETES_ERR_UNKNOWN_KIND',
    'KUBERNETES_ERR_UNSUPPORTED',
    'CNMCP_ERR_BACKEND_AUTH',
    'CNMCP_ERR_BACKEND_NOT_FOUND',
  ];
  return skippable.includes(err.code) ? err : undefined;
}

/** A short note for a kind a scan skipped. */
export function skipNote(kind: string, err: CnmcpError): string {
  const why =
    err.code === 'KUBERNETES_ERR_UNKNOWN_KIND' || err.code === 'CNMCP_ERR_BACKEND_NOT_FOUND'
      ? 'not served by this cluster'
      : err.code === 'CNMCP_ERR_BACKEND_AUTH'
        ? 'forbidden'
        : 'not listable';
  return `${kind}: ${err.code} (${why}; not checked)`;
}

export class KubeReader {
  constructor(
    @inject(tokens.config) readonly config: KubernetesConfig,
    @inject(KubeClusters) readonly clusters: KubeClusters,
  ) {}

  checkNamespace(namespace: string | undefined): void {
    if (!namespace) return;
    const { allow, deny } = this.config.namespaces;
    if (deny.includes(namespace) || (allow.length && !allow.includes(namespace))) {
      throw KubeErrors.create(
        'KUBERNETES_ERR_NAMESPACE_DENIED',
        `namespace "${namespace}" is not reachable through this server (allowed: ${allow.length ? allow.join(', ') : 'all'}; denied: ${deny.join(', ') || 'none'})`,
      );
    }
  }

  nsVisible(namespace: string | undefined): boolean {
    if (!namespace) return true;
    const { allow, deny } = this.config.namespaces;
    return !deny.includes(namespace) && (!allow.length || allow.includes(namespace));
  }

  /** Namespace for one object: the given one, else the context's; checked against allow/deny. */
  objNs(c: ClusterClient, r: ApiResource, namespace?: string): string | undefined {
    if (!r.namespaced) return undefined;
    const ns = namespace || c.defaultNamespace;
    this.checkNamespace(ns);
    return ns;
  }

  /** Namespace for a list: the given one, or all (allowed) namespaces. */
  listNs(r: ApiResource, namespace?: string): string | undefined {
    if (!r.namespaced || !namespace) {
      if (r.namespaced && this.config.namespaces.allow.length === 1) return this.config.namespaces.allow[0];
      return undefined;
    }
    this.checkNamespace(namespace);
    return namespace;
  }

  /** Masks Secrets, scrubs credentials and renders JSON (pretty when small). Sizes are fitted by the callers. */
  out(value: unknown, c?: ClusterClient): string {
    const masked = this.maskAll(value);
    let text: string;
    if (typeof masked === 'string') text = masked;
    else {
      const compact = JSON.stringify(masked);
      text = compact.length <= 4_000 ? JSON.stringify(masked, null, 2) : compact;
    }
    return scrub(text, [...(c?.secrets ?? []), ...this.clusters.allSecrets()]);
  }

  maskAll(value: unknown): unknown {
    return maskSecrets(value, { showSecretValues: this.config.showSecretValues });
  }

  /** Secrets are masked as soon as they are read, so no later step can leak them. */
  mask(o: Obj): Obj {
    return this.maskAll(o) as Obj;
  }

  async getObj(c: ClusterClient, r: ApiResource, name: string, ns: string | undefined, signal: AbortSignal) {
    if (!r.verbs.includes('get'))
      throw KubeErrors.create('KUBERNETES_ERR_UNSUPPORTED', `${r.name}.${r.group || 'core'} does not support get`);
    const o = await c.request<Obj>({ path: resourcePath(r, ns, name), signal });
    return this.mask({ apiVersion: r.apiVersion, kind: r.kind, ...o });
  }

  /** One page of a list: the API's limit/continue, resumed at an offset when a reply was cut to the budget. */
  async page(
    c: ClusterClient,
    r: ApiResource,
    q: { namespace?: string; labelSelector?: string; fieldSelector?: string; limit: number; continueToken?: string },
    signal: AbortSignal,
  ): Promise<Page> {
    if (!r.verbs.includes('list'))
      throw KubeErrors.create('KUBERNETES_ERR_UNSUPPORTED', `${r.name}.${r.group || 'core'} does not support list`);
    const cursor = decodeCursor(q.continueToken);
    const offset = cursor.o ?? 0;
    const resp = await c.request<Obj>({
      path: resourcePath(r, q.namespace),
      signal,
      query: {
        limit: q.limit + offset,
        continue: cursor.t,
        labelSelector: q.labelSelector,
        fieldSelector: q.fieldSelector,
      },
    });
    const items = withKind(r, (resp.items ?? []).slice(offset))
      .filter((o) => this.nsVisible(o.metadata?.namespace))
      .map((o) => this.mask(o));
    return {
      items,
      next: resp.metadata?.continue || undefined,
      remaining: resp.metadata?.remainingItemCount,
      resourceVersion: resp.metadata?.resourceVersion,
      cursor,
    };
  }

  /** Cuts a page to the result budget and computes the cursor of the first item not shown. */
  fit<T>(page: Page, render: (shown: Obj[]) => T, budgetBytes: number): Fitted<T> {
    const n = fitCount(page.items, budgetBytes - HEADER_BYTES, render);
    const shown = page.items.slice(0, n);
    let continueToken: string | undefined;
    if (n < page.items.length) continueToken = encodeCursor({ t: page.cursor.t, o: (page.cursor.o ?? 0) + n });
    else if (page.next) continueToken = encodeCursor({ t: page.next, o: 0 });
    const remaining =
      page.remaining !== undefined ? page.remaining + (page.items.length - n) : continueToken ? undefined : 0;
    return { shown, value: render(shown), continueToken, truncatedBySize: n < page.items.length, remaining };
  }

  /** A page of results computed here (search, health scans, metrics): the core's list paging, cut to the budget. */
  offsetPage(
    all: Obj[],
    opts: { limit: number; max: number; continueToken?: string; budgetBytes: number },
  ): { shown: Obj[]; total: number; continueToken?: string; truncatedBySize: boolean } {
    const first = listPage(all, { limit: opts.limit, max: opts.max, cursor: opts.continueToken });
    const n = fitCount(first.items, opts.budgetBytes - HEADER_BYTES - 200, (x) => x);
    const pg = n < first.items.length ? listPage(all, { limit: n, max: opts.max, cursor: opts.continueToken }) : first;
    return {
      shown: pg.items,
      total: pg.total,
      ...(pg.next_cursor ? { continueToken: pg.next_cursor } : {}),
      truncatedBySize: n < first.items.length,
    };
  }

  /** Reads up to maxScanItems objects of a kind, page by page. */
  async scan(
    c: ClusterClient,
    r: ApiResource,
    q: { namespace?: string; labelSelector?: string; fieldSelector?: string },
    signal: AbortSignal,
  ): Promise<{ items: Obj[]; complete: boolean }> {
    const items: Obj[] = [];
    let token: string | undefined;
    do {
      const resp = await c.request<Obj>({
        path: resourcePath(r, q.namespace),
        signal,
        query: { limit: 500, continue: token, labelSelector: q.labelSelector, fieldSelector: q.fieldSelector },
      });
      items.push(
        ...withKind(r, resp.items ?? [])
          .filter((o) => this.nsVisible(o.metadata?.namespace))
          .map((o) => this.mask(o)),
      );
      token = resp.metadata?.continue || undefined;
    } while (token && items.length < this.config.maxScanItems);
    return {
      items: items.slice(0, this.config.maxScanItems),
      complete: !token && items.length <= this.config.maxScanItems,
    };
  }

  /** The object's newest events, summarised. */
  async events(c: ClusterClient, o: Obj, signal: AbortSignal, limit = 20): Promise<Obj[]> {
    const md = o.metadata ?? {};
    const evRes = await resolveKind(c, 'Event', 'v1', signal);
    const fs = [
      `involvedObject.name=${md.name}`,
      `involvedObject.kind=${o.kind}`,
      ...(md.namespace ? [`involvedObject.namespace=${md.namespace}`] : []),
    ].join(',');
    const ns = md.namespace && this.nsVisible(md.namespace) ? md.namespace : undefined;
    try {
      const resp = await c.request<Obj>({
        path: resourcePath(evRes, ns),
        query: { fieldSelector: fs, limit: 200 },
        signal,
      });
      return withKind(evRes, resp.items ?? [])
        .sort(
          (a, b) =>
            Date.parse(b.lastTimestamp ?? b.eventTime ?? b.metadata?.creationTimestamp ?? 0) -
            Date.parse(a.lastTimestamp ?? a.eventTime ?? a.metadata?.creationTimestamp ?? 0),
        )
        .slice(0, limit)
        .map((e) => summarize(e));
    } catch (err) {
      if (isCnmcpError(err) && err.code === 'CNMCP_ERR_BACKEND_AUTH')
        return [{ note: 'events not readable with these credentials' }];
      throw err;
    }
  }

  /** The objects named in ownerReferences, summarised (an unreadable one is named with its error code). */
  async owners(c: ClusterClient, o: Obj, signal: AbortSignal): Promise<Obj[]> {
    const out: Obj[] = [];
    for (const ref of o.metadata?.ownerReferences ?? []) {
      try {
        const r = await resolveKind(c, ref.kind, ref.apiVersion, signal);
        const owner = await this.getObj(c, r, ref.name, o.metadata.namespace, signal);
        out.push({ ...summarize(owner), controller: !!ref.controller });
      } catch (err) {
        out.push({ kind: ref.kind, name: ref.name, error: isCnmcpError(err) ? err.code : String(err) });
      }
    }
    return out;
  }

  /** ReplicaSets, Pods or Jobs this workload owns (a kind the cluster does not serve is skipped). */
  async owned(c: ClusterClient, o: Obj, signal: AbortSignal): Promise<Obj[]> {
    const childKinds: Record<string, string[]> = {
      Deployment: ['ReplicaSet'],
      ReplicaSet: ['Pod'],
      StatefulSet: ['Pod'],
      DaemonSet: ['Pod'],
      Job: ['Pod'],
      CronJob: ['Job'],
    };
    const kinds = childKinds[o.kind];
    if (!kinds || !o.metadata?.namespace) return [];
    const sel = o.spec?.selector?.matchLabels ?? o.spec?.jobTemplate?.spec?.selector?.matchLabels;
    const labelSelector = sel
      ? Object.entries(sel)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
      : undefined;
    const out: Obj[] = [];
    for (const k of kinds) {
      let items: Obj[];
      try {
        const r = await resolveKind(c, k, undefined, signal);
        const resp = await c.request<Obj>({
          path: resourcePath(r, o.metadata.namespace),
          query: { labelSelector, limit: 500 },
          signal,
        });
        items = withKind(r, resp.items ?? []);
      } catch (err) {
        if (isCnmcpError(err) && ['KUBERNETES_ERR_UNKNOWN_KIND', 'CNMCP_ERR_BACKEND_NOT_FOUND'].includes(err.code))
          continue; // the cluster does not serve that kind
        throw err;
      }
      for (const item of items) {
        if ((item.metadata?.ownerReferences ?? []).some((ref: Obj) => ref.uid === o.metadata.uid))
          out.push(summarize(item));
      }
    }
    return out.slice(0, 50);
  }

  parseJsonArg(value: unknown, what: string): unknown {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch (err) {
      throw KubeErrors.create(
        'KUBERNETES_ERR_BAD_INPUT',
        `${what} is a string but not valid JSON: ${(err as Error).message}`,
      );
    }
  }
}
