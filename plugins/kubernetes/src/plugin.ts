import { Writable } from 'node:stream';
import { Exec } from '@kubernetes/client-node';
import {
  Service,
  Tool,
  inject,
  tokens,
  isCnmcpError,
  type Static,
  type ToolContext,
  type PluginLifecycle,
  type HealthReport,
} from '@cnmcp/core';
import { Clusters, type ApiResource, type ClusterClient, type Obj } from './client.js';
import { KubernetesConfigSchema, type KubernetesConfig } from './config.js';
import { KubeErrors } from './errors.js';
import {
  age,
  capString,
  decodeCursor,
  encodeCursor,
  fitCount,
  jsonPath,
  maskSecrets,
  podStatus,
  scrub,
  strip,
  summarize,
  table,
  type Cursor,
} from './format.js';
import { resolveKind, resourcePath, withKind } from './resolve.js';
import * as S from './schemas.js';

const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true } as const;
const WRITE = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true } as const;
const WRITE_IDEMPOTENT = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
} as const;
const DESTRUCTIVE = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true } as const;

const sleep = (ms: number, signal?: AbortSignal) =>
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
const bool = (v: unknown) => v === true || v === 'true';

interface Page {
  items: Obj[];
  next?: string;
  remaining?: number;
  resourceVersion?: string;
}

@Service({
  name: 'kubernetes',
  title: 'Kubernetes',
  description:
    'Kubernetes clusters (every kubeconfig context, or the in-cluster service account): read, search, describe, diagnose, and change objects; Secrets are masked.',
  core: '^0.1.0',
  config: KubernetesConfigSchema,
})
export class KubernetesPlugin implements PluginLifecycle {
  private readonly clusters: Clusters;

  constructor(@inject(tokens.config) private readonly config: KubernetesConfig) {
    this.clusters = new Clusters(config);
  }

  /**
   * Probes every allowed context (at most 10, in parallel). The plugin is degraded only when none answers:
   * the core refuses calls to a degraded plugin, and one cluster being down must not block the others.
   */
  async healthCheck(): Promise<HealthReport> {
    if (!this.clusters.configured())
      return { status: 'not_configured', detail: this.clusters.notConfiguredError()?.message } as HealthReport;
    const names = this.clusters
      .contexts()
      .map((c) => c.name)
      .slice(0, 10);
    const results = await Promise.all(
      names.map(async (name) => {
        try {
          const v = await this.clusters.client(name).request<Obj>({ path: '/version', timeoutMs: 4_000 });
          return { name, ok: true, detail: `${name}: ${v.gitVersion}` };
        } catch (err) {
          return { name, ok: false, detail: `${name}: ${(err as Error).message}` };
        }
      }),
    );
    const detail = results.map((r) => r.detail).join('; ');
    return { status: results.some((r) => r.ok) ? 'ok' : 'degraded', detail } as HealthReport;
  }

  // ------------------------------------------------------------------------------------------------
  // helpers

  private cli(input: { context?: string }): ClusterClient {
    return this.clusters.client(input.context);
  }

  private checkNamespace(namespace: string | undefined): void {
    if (!namespace) return;
    const { allow, deny } = this.config.namespaces;
    if (deny.includes(namespace) || (allow.length && !allow.includes(namespace))) {
      throw KubeErrors.create(
        'KUBERNETES_ERR_NAMESPACE_DENIED',
        `namespace "${namespace}" is not reachable through this server (allowed: ${allow.length ? allow.join(', ') : 'all'}; denied: ${deny.join(', ') || 'none'})`,
      );
    }
  }

  private nsVisible(namespace: string | undefined): boolean {
    if (!namespace) return true;
    const { allow, deny } = this.config.namespaces;
    return !deny.includes(namespace) && (!allow.length || allow.includes(namespace));
  }

  /** Namespace for one object: the given one, else the context's; checked against allow/deny. */
  private objNs(c: ClusterClient, r: ApiResource, namespace?: string): string | undefined {
    if (!r.namespaced) return undefined;
    const ns = namespace || c.defaultNamespace;
    this.checkNamespace(ns);
    return ns;
  }

  /** Namespace for a list: the given one, or all (allowed) namespaces. */
  private listNs(r: ApiResource, namespace?: string): string | undefined {
    if (!r.namespaced || !namespace) {
      if (r.namespaced && this.config.namespaces.allow.length === 1) return this.config.namespaces.allow[0];
      return undefined;
    }
    this.checkNamespace(namespace);
    return namespace;
  }

  /** Masks Secrets, strips noise, scrubs credentials, renders JSON within the budget. */
  private out(value: unknown, c?: ClusterClient): string {
    const masked = maskSecrets(value, { showSecretValues: this.config.showSecretValues });
    let text =
      typeof masked === 'string'
        ? masked
        : (() => {
            const compact = JSON.stringify(masked);
            return compact.length <= 4_000 ? JSON.stringify(masked, null, 2) : compact;
          })();
    text = scrub(text, [...(c?.secrets ?? []), ...this.clusters.allSecrets()]);
    const cap = capString(text, this.config.maxOutputBytes);
    if (!cap.truncated) return text;
    return `${cap.text}\n…[truncated: showed ${Buffer.byteLength(cap.text)} of ${cap.totalBytes} bytes; use jsonpath, a summary tool, selectors or a smaller limit to ask for less]`;
  }

  /** Secrets are masked as soon as they are read, so no later step can leak them. */
  private mask(o: Obj): Obj {
    return maskSecrets(o, { showSecretValues: this.config.showSecretValues }) as Obj;
  }

  private async getObj(
    c: ClusterClient,
    r: ApiResource,
    name: string,
    ns: string | undefined,
    signal: AbortSignal,
  ): Promise<Obj> {
    if (!r.verbs.includes('get'))
      throw KubeErrors.create('KUBERNETES_ERR_UNSUPPORTED', `${r.name}.${r.group || 'core'} does not support get`);
    const o = await c.request<Obj>({ path: resourcePath(r, ns, name), signal });
    return this.mask({ apiVersion: r.apiVersion, kind: r.kind, ...o });
  }

  private async page(
    c: ClusterClient,
    r: ApiResource,
    q: { namespace?: string; labelSelector?: string; fieldSelector?: string; limit: number; continueToken?: string },
    signal: AbortSignal,
  ): Promise<Page & { cursor: Cursor }> {
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

  /** Cuts a page to the size budget and computes the cursor of the first item not shown. */
  private fit<T>(
    page: Page & { cursor: Cursor },
    render: (shown: Obj[]) => T,
    budget = this.config.maxOutputBytes - 600,
  ): { shown: Obj[]; value: T; continueToken?: string; truncatedBySize: boolean; remaining?: number } {
    const n = fitCount(page.items, budget, render);
    const shown = page.items.slice(0, n);
    let continueToken: string | undefined;
    if (n < page.items.length) continueToken = encodeCursor({ t: page.cursor.t, o: (page.cursor.o ?? 0) + n });
    else if (page.next) continueToken = encodeCursor({ t: page.next, o: 0 });
    const remaining =
      page.remaining !== undefined ? page.remaining + (page.items.length - n) : continueToken ? undefined : 0;
    return { shown, value: render(shown), continueToken, truncatedBySize: n < page.items.length, remaining };
  }

  /** Pagination over results computed here (search, health scans, metrics): an offset cursor, cut to the budget. */
  private offsetPage(
    all: Obj[],
    limit: number,
    continueToken: string | undefined,
  ): { shown: Obj[]; total: number; continueToken?: string; truncatedBySize: boolean } {
    const start = decodeCursor(continueToken).o ?? 0;
    const slice = all.slice(start, start + limit);
    const n = fitCount(slice, this.config.maxOutputBytes - 800, (x) => x);
    const end = start + n;
    return {
      shown: slice.slice(0, n),
      total: all.length,
      ...(end < all.length ? { continueToken: encodeCursor({ o: end }) } : {}),
      truncatedBySize: n < slice.length,
    };
  }

  /** Reads up to maxScanItems objects of a kind, page by page. */
  private async scan(
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

  private async events(c: ClusterClient, o: Obj, signal: AbortSignal, limit = 20): Promise<Obj[]> {
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
      if (isCnmcpError(err) && err.code === 'KUBERNETES_ERR_FORBIDDEN')
        return [{ note: 'events not readable with these credentials' }];
      throw err;
    }
  }

  private async owners(c: ClusterClient, o: Obj, signal: AbortSignal): Promise<Obj[]> {
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

  private async owned(c: ClusterClient, o: Obj, signal: AbortSignal): Promise<Obj[]> {
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
      const r = await resolveKind(c, k, undefined, signal);
      const resp = await c.request<Obj>({
        path: resourcePath(r, o.metadata.namespace),
        query: { labelSelector, limit: 500 },
        signal,
      });
      for (const item of withKind(r, resp.items ?? [])) {
        if ((item.metadata?.ownerReferences ?? []).some((ref: Obj) => ref.uid === o.metadata.uid))
          out.push(summarize(item));
      }
    }
    return out.slice(0, 50);
  }

  private conditions(o: Obj): Obj[] | undefined {
    const cs = o.status?.conditions;
    if (!Array.isArray(cs)) return undefined;
    return cs.map((x: Obj) => ({
      type: x.type,
      status: x.status,
      ...(x.reason ? { reason: x.reason } : {}),
      ...(x.message ? { message: String(x.message).slice(0, 300) } : {}),
      ...(x.lastTransitionTime ? { since: age(x.lastTransitionTime) } : {}),
    }));
  }

  private diagnose(o: Obj): string[] {
    const d: string[] = [];
    if (o.kind === 'Pod') {
      for (const cs of o.status?.containerStatuses ?? []) {
        if (cs.state?.waiting?.reason)
          d.push(
            `container ${cs.name} is waiting: ${cs.state.waiting.reason}${cs.state.waiting.message ? ' — ' + cs.state.waiting.message : ''}`,
          );
        if (cs.lastState?.terminated)
          d.push(
            `container ${cs.name} last terminated: ${cs.lastState.terminated.reason} (exit code ${cs.lastState.terminated.exitCode})`,
          );
        if ((cs.restartCount ?? 0) > 3) d.push(`container ${cs.name} restarted ${cs.restartCount} times`);
      }
      const sched = (o.status?.conditions ?? []).find((c: Obj) => c.type === 'PodScheduled' && c.status === 'False');
      if (sched) d.push(`not scheduled: ${sched.reason}: ${sched.message}`);
    }
    for (const c of o.status?.conditions ?? []) {
      if (['Available', 'Ready'].includes(c.type) && c.status === 'False')
        d.push(`${c.type}=False: ${c.reason ?? ''} ${c.message ?? ''}`.trim());
      if (c.type === 'Failed' && c.status === 'True') d.push(`Failed: ${c.reason ?? ''} ${c.message ?? ''}`.trim());
      if (c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded') d.push(`rollout stuck: ${c.message}`);
    }
    if (
      ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind) &&
      (o.status?.readyReplicas ?? 0) < (o.spec?.replicas ?? 0)
    )
      d.push(`${o.status?.readyReplicas ?? 0} of ${o.spec?.replicas} replicas ready`);
    if (o.kind === 'DaemonSet' && (o.status?.numberReady ?? 0) < (o.status?.desiredNumberScheduled ?? 0))
      d.push(`${o.status?.numberReady ?? 0} of ${o.status?.desiredNumberScheduled} daemon pods ready`);
    if (o.kind === 'Node' && o.spec?.unschedulable) d.push('node is cordoned (unschedulable)');
    return [...new Set(d)];
  }

  private rollout(o: Obj): { done: boolean; failed?: boolean; message: string } {
    const st = o.status ?? {},
      sp = o.spec ?? {},
      gen = o.metadata?.generation ?? 0;
    if ((st.observedGeneration ?? 0) < gen)
      return { done: false, message: `Waiting for ${o.kind.toLowerCase()} spec update to be observed...` };
    if (o.kind === 'Deployment') {
      const prog = (st.conditions ?? []).find((c: Obj) => c.type === 'Progressing');
      if (prog?.reason === 'ProgressDeadlineExceeded')
        return { done: false, failed: true, message: `deployment "${o.metadata.name}" exceeded its progress deadline` };
      const want = sp.replicas ?? 1;
      if ((st.updatedReplicas ?? 0) < want)
        return {
          done: false,
          message: `Waiting for deployment "${o.metadata.name}" rollout to finish: ${st.updatedReplicas ?? 0} out of ${want} new replicas have been updated...`,
        };
      if ((st.replicas ?? 0) > (st.updatedReplicas ?? 0))
        return {
          done: false,
          message: `Waiting for deployment "${o.metadata.name}" rollout to finish: ${(st.replicas ?? 0) - (st.updatedReplicas ?? 0)} old replicas are pending termination...`,
        };
      if ((st.availableReplicas ?? 0) < (st.updatedReplicas ?? 0))
        return {
          done: false,
          message: `Waiting for deployment "${o.metadata.name}" rollout to finish: ${st.availableReplicas ?? 0} of ${st.updatedReplicas} updated replicas are available...`,
        };
      return { done: true, message: `deployment "${o.metadata.name}" successfully rolled out` };
    }
    if (o.kind === 'StatefulSet') {
      const want = sp.replicas ?? 1;
      if ((st.readyReplicas ?? 0) < want)
        return { done: false, message: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...` };
      const partition = sp.updateStrategy?.rollingUpdate?.partition ?? 0;
      if ((st.updatedReplicas ?? 0) < want - partition)
        return {
          done: false,
          message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - partition} new pods have been updated...`,
        };
      if (st.updateRevision && st.currentRevision !== st.updateRevision)
        return {
          done: false,
          message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...`,
        };
      return {
        done: true,
        message: `statefulset rolling update complete ${st.currentReplicas ?? want} pods at revision ${st.currentRevision}...`,
      };
    }
    if (o.kind === 'DaemonSet') {
      const want = st.desiredNumberScheduled ?? 0;
      if ((st.updatedNumberScheduled ?? 0) < want)
        return {
          done: false,
          message: `Waiting for daemon set "${o.metadata.name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${want} new pods have been updated...`,
        };
      if ((st.numberAvailable ?? 0) < want)
        return {
          done: false,
          message: `Waiting for daemon set "${o.metadata.name}" rollout to finish: ${st.numberAvailable ?? 0} of ${want} updated pods are available...`,
        };
      return { done: true, message: `daemon set "${o.metadata.name}" successfully rolled out` };
    }
    throw KubeErrors.create(
      'KUBERNETES_ERR_UNSUPPORTED',
      `rollout status works for Deployment, StatefulSet and DaemonSet, not ${o.kind}`,
    );
  }

  private async waitRollout(
    c: ClusterClient,
    r: ApiResource,
    name: string,
    ns: string,
    timeoutSeconds: number,
    ctx: ToolContext,
  ): Promise<Obj> {
    const deadline = Date.now() + timeoutSeconds * 1000;
    let polls = 0;
    for (;;) {
      const o = await this.getObj(c, r, name, ns, ctx.signal);
      const st = this.rollout(o);
      const base = {
        kind: o.kind,
        name,
        namespace: ns,
        generation: o.metadata?.generation,
        observedGeneration: o.status?.observedGeneration,
        replicas: o.spec?.replicas,
        status: summarize(o),
      };
      if (st.done || st.failed)
        return {
          ...base,
          done: st.done,
          failed: !!st.failed,
          message: st.message,
          waitedSeconds: Math.round((timeoutSeconds * 1000 - (deadline - Date.now())) / 1000),
        };
      if (Date.now() >= deadline || ctx.signal.aborted)
        return {
          ...base,
          done: false,
          timedOut: timeoutSeconds > 0,
          message: st.message,
          hint:
            timeoutSeconds > 0
              ? `the rollout did not finish within ${timeoutSeconds}s; check kubernetes_describe_resource for events`
              : 'pass timeoutSeconds to wait',
        };
      await ctx.progress(++polls, undefined, st.message);
      await sleep(Math.min(2_000, Math.max(200, deadline - Date.now())), ctx.signal);
    }
  }

  private parseJsonArg(value: unknown, what: string): unknown {
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

  // ------------------------------------------------------------------------------------------------
  // clusters and discovery

  @Tool({
    redactOutput: false,
    name: 'kubernetes_list_contexts',
    title: 'List cluster contexts',
    description:
      'Kubeconfig contexts (clusters) this server can use, the default one, and the namespace allow/deny lists. Pass a name as `context` to any kubernetes tool.',
    input: S.ContextOnlyInput,
    annotations: { ...READ, openWorldHint: false },
  })
  listContexts() {
    const contexts = this.clusters
      .contexts()
      .map(({ name, cluster, server, namespace, current }) => ({ name, cluster, server, namespace, default: current }));
    return this.out({
      source: this.clusters.source(),
      default: this.clusters.defaultContextName(),
      contexts,
      namespaces: this.config.namespaces,
    });
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_api_versions',
    title: 'API versions',
    description: 'API group versions the cluster serves (kubectl api-versions).',
    input: S.ContextOnlyInput,
    annotations: READ,
    cacheTtl: 300,
  })
  async apiVersions(input: Static<typeof S.ContextOnlyInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const d = await c.discover(ctx.signal);
    return this.out({
      context: c.context,
      apiVersions: [...d.groupVersions].sort(),
      ...(d.failed.length ? { unavailable: d.failed } : {}),
    });
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_api_resources',
    title: 'API resources',
    description:
      'Resource types the cluster serves (kubectl api-resources): name, short names, apiVersion, namespaced, kind, verbs; filter by apiGroup and namespaced. Includes CRDs.',
    input: S.ApiResourcesInput,
    annotations: READ,
    cacheTtl: 300,
  })
  async apiResources(input: Static<typeof S.ApiResourcesInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const d = await c.discover(ctx.signal);
    const group = input.apiGroup === 'core' ? '' : input.apiGroup;
    const rows = d.resources
      .filter(
        (r) =>
          r.preferred &&
          (group === undefined || r.group === group) &&
          (input.namespaced === undefined || r.namespaced === bool(input.namespaced)),
      )
      .map((r) => ({
        name: r.name,
        shortNames: r.shortNames.join(','),
        apiVersion: r.apiVersion,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: r.verbs.join(','),
        subresources: r.subresources.join(','),
      }));
    return this.out(`context: ${c.context}, ${rows.length} resources\n${table(rows)}`);
  }

  // ------------------------------------------------------------------------------------------------
  // reading

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_resource',
    title: 'Get an object',
    description:
      'One object as JSON (managedFields stripped, Secret values masked), or one field with jsonpath ({.status.phase} or status.phase).',
    input: S.GetResourceInput,
    annotations: READ,
  })
  async getResource(input: Static<typeof S.GetResourceInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const o = strip(await this.getObj(c, r, input.name, this.objNs(c, r, input.namespace), ctx.signal));
    if (input.jsonpath) {
      const masked = maskSecrets(o, { showSecretValues: this.config.showSecretValues });
      return this.out(
        { kind: r.kind, name: input.name, jsonpath: input.jsonpath, value: jsonPath(masked, input.jsonpath) ?? null },
        c,
      );
    }
    return this.out(o, c);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_resource_details',
    title: 'Object details',
    description:
      'The full object (same data as kubernetes_get_resource without jsonpath): spec, status, metadata; Secret values masked.',
    input: S.ObjectInput,
    annotations: READ,
  })
  async getResourceDetails(input: Static<typeof S.ObjectInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    return this.out(strip(await this.getObj(c, r, input.name, this.objNs(c, r, input.namespace), ctx.signal)), c);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_resource_summary',
    title: 'Object summary',
    description:
      'Essential fields of one object (name, namespace, kind, status, readiness, age, optional labels). The cheapest first read.',
    input: S.SummaryInput,
    annotations: READ,
    cacheTtl: 30,
  })
  async getResourceSummary(input: Static<typeof S.SummaryInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const o = await this.getObj(c, r, input.name, this.objNs(c, r, input.namespace), ctx.signal);
    return this.out(
      {
        ...summarize(o, bool(input.includeLabels)),
        apiVersion: r.apiVersion,
        ...(this.diagnose(o).length ? { issues: this.diagnose(o) } : {}),
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_describe_resource',
    title: 'Describe an object',
    description:
      'Like kubectl describe: a summary of the object, its conditions and diagnostics, its recent events, its owners and the objects it owns (ReplicaSets, Pods, Jobs).',
    input: S.ObjectInput,
    annotations: READ,
  })
  async describeResource(input: Static<typeof S.ObjectInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const o = await this.getObj(c, r, input.name, this.objNs(c, r, input.namespace), ctx.signal);
    const md = o.metadata ?? {};
    const [events, owners, owned] = await Promise.all([
      this.events(c, o, ctx.signal),
      this.owners(c, o, ctx.signal),
      this.owned(c, o, ctx.signal),
    ]);
    const result: Obj = {
      summary: summarize(o),
      apiVersion: r.apiVersion,
      uid: md.uid,
      created: md.creationTimestamp,
      labels: md.labels ?? {},
      annotations: Object.fromEntries(
        Object.entries(md.annotations ?? {}).map(([k, v]) => [
          k,
          String(v).length > 200 ? String(v).slice(0, 200) + '…' : v,
        ]),
      ),
      ...(this.conditions(o) ? { conditions: this.conditions(o) } : {}),
      ...(this.diagnose(o).length ? { issues: this.diagnose(o) } : {}),
      ...(o.kind === 'Pod'
        ? {
            containers: (o.spec?.containers ?? []).map((ct: Obj) => {
              const cs = (o.status?.containerStatuses ?? []).find((x: Obj) => x.name === ct.name) ?? {};
              return {
                name: ct.name,
                image: ct.image,
                ready: cs.ready,
                restartCount: cs.restartCount,
                state: cs.state,
                ...(cs.lastState && Object.keys(cs.lastState).length ? { lastState: cs.lastState } : {}),
                resources: ct.resources,
                ports: ct.ports,
              };
            }),
          }
        : {}),
      ...(o.kind === 'Secret' ? { type: o.type, data: o.data } : {}),
      ...(o.kind === 'ConfigMap' ? { dataKeys: Object.keys(o.data ?? {}) } : {}),
      ...(o.kind === 'Node'
        ? {
            capacity: o.status?.capacity,
            allocatable: o.status?.allocatable,
            taints: o.spec?.taints ?? [],
            unschedulable: !!o.spec?.unschedulable,
            nodeInfo: o.status?.nodeInfo,
          }
        : {}),
      ...(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(o.kind)
        ? {
            selector: o.spec?.selector,
            strategy: o.spec?.strategy ?? o.spec?.updateStrategy,
            template: {
              containers: (o.spec?.template?.spec?.containers ?? []).map((x: Obj) => ({
                name: x.name,
                image: x.image,
              })),
            },
          }
        : {}),
      ...(o.kind === 'Service'
        ? {
            spec: {
              type: o.spec?.type,
              clusterIP: o.spec?.clusterIP,
              ports: o.spec?.ports,
              selector: o.spec?.selector,
            },
          }
        : {}),
      owners,
      owned,
      events,
    };
    if (o.kind === 'Secret')
      result.data = (
        maskSecrets(
          { kind: 'Secret', type: o.type, data: o.data },
          { showSecretValues: this.config.showSecretValues },
        ) as Obj
      ).data;
    return this.out(result, c);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_resource_detail_advanced',
    title: 'Object with context',
    description:
      'An object with optional events, owner relationships, diagnostics and configuration (spec); outputFormat compact (summary only), structured (default) or verbose (full object).',
    input: S.DetailAdvancedInput,
    annotations: READ,
  })
  async detailAdvanced(input: Static<typeof S.DetailAdvancedInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const o = await this.getObj(c, r, input.name, this.objNs(c, r, input.namespace), ctx.signal);
    const result: Obj = { summary: summarize(o, true), apiVersion: r.apiVersion };
    if (input.outputFormat !== 'compact') {
      if (this.conditions(o)) result.conditions = this.conditions(o);
      if (input.includeDiagnostics) result.diagnostics = this.diagnose(o);
      if (input.includeEvents) result.events = await this.events(c, o, ctx.signal);
      if (input.includeRelationships) {
        result.owners = await this.owners(c, o, ctx.signal);
        result.owned = await this.owned(c, o, ctx.signal);
      }
      if (input.includeConfiguration) result.spec = o.spec ?? null;
      if (input.outputFormat === 'verbose') result.object = strip(o);
    }
    return this.out(result, c);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_resources_detail',
    title: 'Several objects',
    description:
      'Summaries (and optionally status and events) of several objects of one kind by name; missing ones are reported, not fatal.',
    input: S.ResourcesDetailInput,
    annotations: READ,
  })
  async resourcesDetail(input: Static<typeof S.ResourcesDetailInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.objNs(c, r, input.namespace);
    const items = await Promise.all(
      input.names.map(async (name) => {
        try {
          const o = await this.getObj(c, r, name, ns, ctx.signal);
          return {
            ...summarize(o),
            ...(input.includeStatus ? { conditions: this.conditions(o), issues: this.diagnose(o) } : {}),
            ...(input.includeEvents ? { events: await this.events(c, o, ctx.signal, 10) } : {}),
          };
        } catch (err) {
          if (isCnmcpError(err)) return { name, error: err.code, message: err.message };
          throw err;
        }
      }),
    );
    return this.out({ kind: r.kind, namespace: ns, count: items.length, items }, c);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_list_resources',
    title: 'List objects (table)',
    description:
      'Lists objects of a kind as a compact table (or one/several jsonpath columns), with label/field selectors and limit + continueToken pagination. Replies stay within the size budget; follow continueToken for more.',
    input: S.ListInput,
    annotations: READ,
  })
  async listResources(input: Static<typeof S.ListInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.listNs(r, input.namespace);
    const page = await this.page(
      c,
      r,
      {
        namespace: ns,
        labelSelector: input.labelSelector,
        fieldSelector: input.fieldSelector,
        limit: input.limit ?? 100,
        continueToken: input.continueToken,
      },
      ctx.signal,
    );
    const paths = input.jsonpaths?.length ? input.jsonpaths : input.jsonpath ? [input.jsonpath] : undefined;
    const masked = (items: Obj[]) => maskSecrets(items, { showSecretValues: this.config.showSecretValues }) as Obj[];
    const render: (shown: Obj[]) => unknown = paths
      ? (shown: Obj[]) =>
          masked(shown).map((o) => ({
            name: o.metadata?.name,
            ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}),
            ...Object.fromEntries(paths.map((p) => [p, jsonPath(o, p) ?? null])),
          }))
      : input.output === 'json'
        ? (shown: Obj[]) => shown.map((o) => summarize(o))
        : (shown: Obj[]) => table(shown.map((o) => summarize(o)));
    const f = this.fit(page, render);
    const head = {
      context: c.context,
      kind: r.kind,
      apiVersion: r.apiVersion,
      namespace: ns ?? (r.namespaced ? '(all)' : undefined),
      shown: f.shown.length,
      ...(f.remaining !== undefined ? { remaining: f.remaining } : { more: !!f.continueToken }),
      ...(f.continueToken ? { continueToken: f.continueToken } : {}),
      ...(f.truncatedBySize ? { truncated: 'cut to the size budget; pass continueToken for the rest' } : {}),
    };
    if (typeof f.value === 'string') {
      const lines = Object.entries(head)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n');
      return this.out(`${lines}\n\n${f.value || '(no objects)'}`, c);
    }
    return this.out({ ...head, items: f.value }, c);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_list_resources_summary',
    title: 'List object summaries',
    description:
      'Paginated compact summaries of a kind (status, readiness, age; labels on request). The recommended first listing; limit default 50, continueToken for more.',
    input: S.ListSummaryInput,
    annotations: READ,
    cacheTtl: 15,
  })
  async listSummary(input: Static<typeof S.ListSummaryInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.listNs(r, input.namespace);
    const page = await this.page(
      c,
      r,
      {
        namespace: ns,
        labelSelector: input.labelSelector,
        fieldSelector: input.fieldSelector,
        limit: Number(input.limit ?? 50),
        continueToken: input.continueToken,
      },
      ctx.signal,
    );
    const f = this.fit(page, (shown) =>
      shown.map((o) => {
        const s = summarize(o, bool(input.includeLabels));
        delete s.kind;
        return s;
      }),
    );
    return this.out(
      {
        context: c.context,
        kind: r.kind,
        namespace: ns ?? (r.namespaced ? '(all)' : undefined),
        count: f.shown.length,
        ...(f.remaining !== undefined ? { remaining: f.remaining } : {}),
        ...(f.continueToken ? { continueToken: f.continueToken } : {}),
        ...(f.truncatedBySize ? { truncated: true } : {}),
        items: f.value,
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_list_resources_full',
    title: 'List full objects',
    description:
      'Full objects of a kind (managedFields stripped, Secret values masked); limit default 10, max 50; continueToken for more. Prefer the summary or table tools.',
    input: S.ListFullInput,
    annotations: READ,
  })
  async listFull(input: Static<typeof S.ListFullInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.listNs(r, input.namespace);
    const page = await this.page(
      c,
      r,
      {
        namespace: ns,
        labelSelector: input.labelSelector,
        fieldSelector: input.fieldSelector,
        limit: input.limit ?? 10,
        continueToken: input.continueToken,
      },
      ctx.signal,
    );
    const f = this.fit(page, (shown) =>
      maskSecrets(
        shown.map((o) => {
          const s = strip(o);
          if (!input.includeStatus) delete s.status;
          return s;
        }),
        { showSecretValues: this.config.showSecretValues },
      ),
    );
    return this.out(
      {
        context: c.context,
        kind: r.kind,
        apiVersion: r.apiVersion,
        namespace: ns,
        count: f.shown.length,
        ...(f.remaining !== undefined ? { remaining: f.remaining } : {}),
        ...(f.continueToken ? { continueToken: f.continueToken } : {}),
        ...(f.truncatedBySize ? { truncated: true } : {}),
        items: f.value,
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_search_resources',
    title: 'Search objects by name',
    description:
      'Finds objects whose names match (contains / startsWith / endsWith / exact / regex) across kinds and namespaces; returns summaries only (no Secret data).',
    input: S.SearchInput,
    annotations: READ,
  })
  async search(input: Static<typeof S.SearchInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const q = input.query ?? input.name ?? '';
    const kinds = input.kind
      ? [input.kind]
      : input.resourceTypes?.length
        ? input.resourceTypes
        : [
            'Pod',
            'Deployment',
            'StatefulSet',
            'DaemonSet',
            'Service',
            'Job',
            'CronJob',
            'ConfigMap',
            'Secret',
            'Ingress',
          ];
    let test: (n: string) => boolean;
    const cs = input.caseSensitive;
    const norm = (s: string) => (cs ? s : s.toLowerCase());
    if (input.searchMode === 'regex') {
      let re: RegExp;
      try {
        re = new RegExp(q, cs ? '' : 'i');
      } catch (err) {
        throw KubeErrors.create(
          'KUBERNETES_ERR_BAD_INPUT',
          `query is not a valid regular expression: ${(err as Error).message}`,
        );
      }
      test = (n) => re.test(n);
    } else {
      const nq = norm(q);
      test = {
        contains: (n: string) => norm(n).includes(nq),
        startsWith: (n: string) => norm(n).startsWith(nq),
        endsWith: (n: string) => norm(n).endsWith(nq),
        exact: (n: string) => norm(n) === nq,
      }[input.searchMode as 'contains'];
    }
    const limitN = input.limit ?? 50;
    const matches: Obj[] = [];
    const notes: string[] = [];
    for (const k of kinds) {
      let r: ApiResource;
      try {
        r = await resolveKind(c, k, undefined, ctx.signal);
      } catch (err) {
        notes.push(`${k}: ${(err as Error).message}`);
        continue;
      }
      try {
        const { items, complete } = await this.scan(
          c,
          r,
          { namespace: this.listNs(r, input.namespace), labelSelector: input.labelSelector },
          ctx.signal,
        );
        if (!complete) notes.push(`${r.kind}: only the first ${this.config.maxScanItems} objects were searched`);
        for (const o of items) if (test(o.metadata?.name ?? '')) matches.push(summarize(o));
      } catch (err) {
        if (
          isCnmcpError(err) &&
          (err.code === 'KUBERNETES_ERR_FORBIDDEN' || err.code === 'KUBERNETES_ERR_UNSUPPORTED')
        ) {
          notes.push(`${r.kind}: ${err.code}`);
          continue;
        }
        throw err;
      }
    }
    const pg = this.offsetPage(matches, limitN, input.continueToken);
    return this.out(
      {
        context: c.context,
        query: q,
        searchMode: input.searchMode,
        total: pg.total,
        shown: pg.shown.length,
        ...(pg.continueToken ? { continueToken: pg.continueToken } : {}),
        ...(pg.truncatedBySize ? { truncated: 'cut to the size budget; pass continueToken for the rest' } : {}),
        items: pg.shown,
        ...(notes.length ? { notes } : {}),
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_events',
    title: 'Events',
    description:
      'Events of a namespace (or all) as compact rows, newest first; field selector (e.g. involvedObject.name=web); limit default 30, max 80.',
    input: S.EventsInput,
    annotations: READ,
  })
  async getEvents(input: Static<typeof S.EventsInput>, ctx: ToolContext) {
    return this.eventList(input, ctx, input.fieldSelector, Math.min(input.limit ?? 30, 80), false);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_recent_events',
    title: 'Recent warnings',
    description:
      'Recent warning/failure events only (default selector type!=Normal), compact, newest first; limit default 20, max 100.',
    input: S.RecentEventsInput,
    annotations: READ,
    cacheTtl: 30,
  })
  async recentEvents(input: Static<typeof S.RecentEventsInput>, ctx: ToolContext) {
    return this.eventList(input, ctx, input.fieldSelector ?? 'type!=Normal', Math.min(input.limit ?? 20, 100), false);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_events_detail',
    title: 'Events in detail',
    description:
      'Full event objects with continueToken paging (default 50, max 200); Normal events excluded unless includeNormalEvents.',
    input: S.EventsDetailInput,
    annotations: READ,
  })
  async eventsDetail(input: Static<typeof S.EventsDetailInput>, ctx: ToolContext) {
    const fs = [input.fieldSelector, input.includeNormalEvents ? undefined : 'type!=Normal'].filter(Boolean).join(',');
    return this.eventList(input, ctx, fs || undefined, Math.min(input.limit ?? 50, 200), true);
  }

  private async eventList(
    input: { namespace?: string; context?: string; continueToken?: string },
    ctx: ToolContext,
    fieldSelector: string | undefined,
    limit: number,
    full: boolean,
  ) {
    const c = this.cli(input);
    const r = await resolveKind(c, 'Event', 'v1', ctx.signal);
    const ns = this.listNs(r, input.namespace);
    const page = await this.page(
      c,
      r,
      { namespace: ns, fieldSelector, limit, continueToken: input.continueToken },
      ctx.signal,
    );
    const when = (e: Obj) => Date.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0);
    page.items.sort((a, b) => when(b) - when(a));
    const f = this.fit(page, (shown) => (full ? shown.map((e) => strip(e)) : shown.map((e) => summarize(e))));
    return this.out(
      {
        context: c.context,
        namespace: ns ?? '(all)',
        ...(fieldSelector ? { fieldSelector } : {}),
        count: f.shown.length,
        ...(f.continueToken ? { continueToken: f.continueToken } : {}),
        events: f.value,
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_node_conditions',
    title: 'Node conditions',
    description:
      'Conditions of a node (Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable), taints, cordon state and capacity.',
    input: S.NodeConditionsInput,
    annotations: READ,
  })
  async nodeConditions(input: Static<typeof S.NodeConditionsInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, 'Node', 'v1', ctx.signal);
    const n = await this.getObj(c, r, input.nodeName, undefined, ctx.signal);
    return this.out(
      {
        node: input.nodeName,
        summary: summarize(n),
        unschedulable: !!n.spec?.unschedulable,
        taints: n.spec?.taints ?? [],
        conditions: this.conditions(n),
        capacity: n.status?.capacity,
        allocatable: n.status?.allocatable,
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_pod_logs',
    title: 'Pod logs',
    description:
      'Container logs: container (needed for multi-container pods), previous (the crashed instance), sinceSeconds, tailLines (default 100, max 5000), timestamps, grep (regex line filter); capped to kubernetes.maxLogBytes, newest lines kept.',
    input: S.PodLogsInput,
    annotations: READ,
  })
  async podLogs(input: Static<typeof S.PodLogsInput>, ctx: ToolContext) {
    const c = this.cli(input);
    this.checkNamespace(input.namespace);
    const tail = input.tailLines ?? 100;
    const text = await c.request<string>({
      path: `/api/v1/namespaces/${encodeURIComponent(input.namespace)}/pods/${encodeURIComponent(input.name)}/log`,
      text: true,
      signal: ctx.signal,
      maxBytes: 16 * 1024 * 1024,
      query: {
        container: input.container,
        previous: input.previous ? 'true' : undefined,
        sinceSeconds: input.sinceSeconds,
        tailLines: tail,
        timestamps: input.timestamps ? 'true' : undefined,
      },
    });
    let body = text;
    let grepNote = '';
    if (input.grep) {
      let re: RegExp;
      try {
        re = new RegExp(input.grep, 'i');
      } catch (err) {
        throw KubeErrors.create(
          'KUBERNETES_ERR_BAD_INPUT',
          `grep is not a valid regular expression: ${(err as Error).message}`,
        );
      }
      const all = text.split('\n').filter((l, i, a) => l || i < a.length - 1);
      const kept = all.filter((l) => re.test(l));
      body = kept.length ? kept.join('\n') + '\n' : '';
      grepNote = `, grep: ${kept.length} of ${all.length} lines matched`;
    }
    const cap = capString(body, Math.min(this.config.maxLogBytes, this.config.maxOutputBytes - 1_000), 'tail');
    const lines = cap.text ? cap.text.replace(/\n$/, '').split('\n').length : 0;
    const header = `pod: ${input.namespace}/${input.name}${input.container ? `, container: ${input.container}` : ''}${input.previous ? ' (previous instance)' : ''}, lines: ${lines}${grepNote}${cap.truncated ? `, truncated: kept the last ${Buffer.byteLength(cap.text)} of ${cap.totalBytes} bytes (use tailLines/sinceSeconds for less)` : ''}`;
    return this.out(`${header}\n---\n${cap.text || '(no log lines)'}`, c);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_resource_usage',
    title: 'CPU and memory usage',
    description:
      'CPU/memory usage of nodes or pods from metrics.k8s.io (needs metrics-server), with node allocatable percentages.',
    input: S.UsageInput,
    annotations: READ,
  })
  async usage(input: Static<typeof S.UsageInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const nodes = input.resourceType.startsWith('node');
    const path = nodes
      ? `/apis/metrics.k8s.io/v1beta1/nodes${input.name ? '/' + encodeURIComponent(input.name) : ''}`
      : `/apis/metrics.k8s.io/v1beta1${input.namespace ? `/namespaces/${encodeURIComponent(input.namespace)}` : ''}/pods${input.name ? '/' + encodeURIComponent(input.name) : ''}`;
    if (!nodes) this.checkNamespace(input.namespace);
    if (!nodes && input.name && !input.namespace)
      throw KubeErrors.create('KUBERNETES_ERR_BAD_INPUT', 'namespace is required with a pod name');
    let resp: Obj;
    try {
      resp = await c.request<Obj>({ path, signal: ctx.signal });
    } catch (err) {
      if (
        isCnmcpError(err) &&
        err.code === 'KUBERNETES_ERR_NOT_FOUND' &&
        !(await c.discover(ctx.signal)).groupVersions.includes('metrics.k8s.io/v1beta1')
      ) {
        throw KubeErrors.create(
          'KUBERNETES_ERR_METRICS_UNAVAILABLE',
          `the cluster of context ${c.context} does not serve metrics.k8s.io/v1beta1`,
        );
      }
      throw err;
    }
    const items: Obj[] = resp.items ?? [resp];
    const rows = items
      .filter((m) => this.nsVisible(m.metadata?.namespace))
      .map((m) =>
        nodes
          ? { name: m.metadata.name, cpu: m.usage?.cpu, memory: m.usage?.memory, window: m.window }
          : {
              namespace: m.metadata.namespace,
              name: m.metadata.name,
              containers: (m.containers ?? []).map((x: Obj) => ({
                name: x.name,
                cpu: x.usage?.cpu,
                memory: x.usage?.memory,
              })),
            },
      );
    const pg = this.offsetPage(rows, input.limit ?? 100, input.continueToken);
    return this.out(
      {
        context: c.context,
        resourceType: nodes ? 'nodes' : 'pods',
        total: pg.total,
        shown: pg.shown.length,
        ...(pg.continueToken ? { continueToken: pg.continueToken } : {}),
        items: pg.shown,
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_rollout_status',
    title: 'Rollout status',
    description:
      'Rollout progress of a Deployment/StatefulSet/DaemonSet (kubectl rollout status semantics); waits up to timeoutSeconds (default 60, 0 = report at once), sending progress.',
    input: S.RolloutStatusInput,
    annotations: READ,
    timeoutMs: 1_900_000,
  })
  async rolloutStatus(input: Static<typeof S.RolloutStatusInput>, ctx: ToolContext) {
    const c = this.cli(input);
    this.checkNamespace(input.namespace);
    const r = await resolveKind(c, input.kind, undefined, ctx.signal);
    if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(r.kind))
      throw KubeErrors.create(
        'KUBERNETES_ERR_UNSUPPORTED',
        `rollout status works for Deployment, StatefulSet and DaemonSet, not ${r.kind}`,
      );
    return this.out(await this.waitRollout(c, r, input.name, input.namespace, input.timeoutSeconds, ctx), c);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_get_unhealthy_resources',
    title: 'Unhealthy objects',
    description:
      'Finds crashing/pending/failed Pods, failed Jobs, under-replicated Deployments/StatefulSets/DaemonSets and NotReady Nodes (paged reads, capped at kubernetes.maxScanItems per kind).',
    input: S.UnhealthyInput,
    annotations: READ,
  })
  async unhealthy(input: Static<typeof S.UnhealthyInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const kinds = input.resourceTypes?.length
      ? input.resourceTypes
      : ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Node'];
    const found: Obj[] = [];
    const notes: string[] = [];
    for (const k of kinds) {
      const r = await resolveKind(c, k, undefined, ctx.signal);
      let scanned: { items: Obj[]; complete: boolean };
      try {
        scanned = await this.scan(c, r, { namespace: this.listNs(r, input.namespace) }, ctx.signal);
      } catch (err) {
        // one kind these credentials may not list must not hide what the other kinds show
        if (
          isCnmcpError(err) &&
          (err.code === 'KUBERNETES_ERR_FORBIDDEN' || err.code === 'KUBERNETES_ERR_UNSUPPORTED')
        ) {
          notes.push(`${r.kind}: ${err.code} (not checked)`);
          continue;
        }
        throw err;
      }
      let { items, complete } = scanned;
      if (!complete && r.kind === 'Pod') {
        // Beyond the cap, the API server still finds pending, failed and unknown pods for us (a field selector
        // on status.phase), so a crowded namespace does not hide a pending pod elsewhere.
        const seen = new Set(items.map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`));
        try {
          const off = await this.scan(
            c,
            r,
            {
              namespace: this.listNs(r, input.namespace),
              fieldSelector: 'status.phase!=Running,status.phase!=Succeeded',
            },
            ctx.signal,
          );
          items = [...items, ...off.items.filter((o) => !seen.has(`${o.metadata?.namespace}/${o.metadata?.name}`))];
          notes.push(
            `Pod: only the first ${this.config.maxScanItems} were checked in full; pods not Running or Succeeded were checked everywhere${off.complete ? '' : ' (also capped)'}`,
          );
        } catch (err) {
          if (!isCnmcpError(err)) throw err;
          notes.push(`Pod: only the first ${this.config.maxScanItems} were checked`);
        }
        complete = true;
      }
      if (!complete) notes.push(`${r.kind}: only the first ${this.config.maxScanItems} were checked`);
      for (const o of items) {
        let bad = false;
        if (r.kind === 'Pod') {
          const ps = podStatus(o);
          bad =
            !['Running', 'Completed', 'Succeeded'].includes(ps.status) ||
            (o.status?.phase === 'Running' && ps.ready.split('/')[0] !== ps.ready.split('/')[1]);
        } else if (r.kind === 'Job')
          bad = (o.status?.conditions ?? []).some((x: Obj) => x.type === 'Failed' && x.status === 'True');
        else if (r.kind === 'Node')
          bad = (o.status?.conditions ?? []).some((x: Obj) => x.type === 'Ready' && x.status !== 'True');
        else bad = this.diagnose(o).length > 0;
        if (bad) found.push({ ...summarize(o), issues: this.diagnose(o) });
      }
    }
    const pg = this.offsetPage(found, input.limit ?? 50, input.continueToken);
    return this.out(
      {
        context: c.context,
        namespace: input.namespace ?? '(all)',
        total: pg.total,
        shown: pg.shown.length,
        ...(pg.continueToken ? { continueToken: pg.continueToken } : {}),
        ...(pg.truncatedBySize ? { truncated: 'cut to the size budget; pass continueToken for the rest' } : {}),
        items: pg.shown,
        ...(notes.length ? { notes } : {}),
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_analyze_issue',
    title: 'Analyse an issue',
    description:
      "Rule-based analysis of pod_crash, pod_pending, deployment_unavailable or job_failed: findings from status, events and (for crashes) the previous container's last log lines, with recommendations.",
    input: S.AnalyzeIssueInput,
    annotations: READ,
  })
  async analyze(input: Static<typeof S.AnalyzeIssueInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.resourceKind, undefined, ctx.signal);
    const ns = this.objNs(c, r, input.namespace);
    const o = await this.getObj(c, r, input.resourceName, ns, ctx.signal);
    const findings = this.diagnose(o);
    const rec: string[] = [];
    const extra: Obj = {};
    const events = await this.events(c, o, ctx.signal, 10);
    const text = JSON.stringify([findings, events]);
    if (input.issueType === 'pod_crash') {
      if (r.kind !== 'Pod') throw KubeErrors.create('KUBERNETES_ERR_BAD_INPUT', 'pod_crash needs resourceKind Pod');
      for (const cs of o.status?.containerStatuses ?? []) {
        if ((cs.restartCount ?? 0) > 0 || cs.state?.waiting) {
          try {
            const logs = await c.request<string>({
              path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(o.metadata.name)}/log`,
              text: true,
              query: { container: cs.name, previous: 'true', tailLines: 20 },
              signal: ctx.signal,
            });
            extra[`previousLogs_${cs.name}`] = capString(logs, 4000, 'tail').text.split('\n').filter(Boolean);
          } catch {
            /* no previous instance */
          }
        }
      }
      if (/OOMKilled/.test(text))
        rec.push(
          'The container was killed for exceeding its memory limit: raise resources.limits.memory or fix the leak.',
        );
      if (/ImagePull|ErrImage/.test(text))
        rec.push('The image cannot be pulled: check the image name/tag and imagePullSecrets.');
      if (/CreateContainerConfigError/.test(text))
        rec.push('A referenced ConfigMap/Secret key is missing: check envFrom/valueFrom references.');
      if (/CrashLoopBackOff|BackOff|Error/.test(text))
        rec.push(
          'The process exits on start: read previousLogs, check its configuration, environment and dependencies (database, credentials).',
        );
    } else if (input.issueType === 'pod_pending') {
      if (/Insufficient (cpu|memory)/.test(text))
        rec.push("No node has enough free resources: lower the pod's requests, free capacity, or add nodes.");
      if (/taint/i.test(text))
        rec.push('Nodes have taints the pod does not tolerate: add tolerations or use other nodes.');
      if (/persistentvolumeclaim|unbound/i.test(text))
        rec.push('A PersistentVolumeClaim is not bound: check the StorageClass and provisioner.');
      if (/node\(s\) didn't match|affinity|selector/i.test(text))
        rec.push('nodeSelector/affinity rules match no node: relax them or label nodes.');
    } else if (input.issueType === 'deployment_unavailable') {
      const owned = await this.owned(c, o, ctx.signal);
      extra.replicaSets = owned;
      const sel = o.spec?.selector?.matchLabels;
      if (sel) {
        const podRes = await resolveKind(c, 'Pod', 'v1', ctx.signal);
        const pods = await c.request<Obj>({
          path: resourcePath(podRes, ns),
          query: {
            labelSelector: Object.entries(sel)
              .map(([k, v]) => `${k}=${v}`)
              .join(','),
            limit: 100,
          },
          signal: ctx.signal,
        });
        extra.notReadyPods = withKind(podRes, pods.items ?? [])
          .map((p): Obj => ({ ...summarize(p), issues: this.diagnose(p) }))
          .filter((p) => p.issues.length || p.status !== 'Running');
        if ((extra.notReadyPods as Obj[]).length)
          rec.push('Some pods are not ready: analyse them with issueType pod_crash or pod_pending.');
      }
      if (/ProgressDeadlineExceeded/.test(text))
        rec.push(
          'The rollout exceeded its progress deadline: roll back (kubectl rollout undo) or fix the new template.',
        );
    } else if (input.issueType === 'job_failed') {
      extra.pods = await this.owned(c, o, ctx.signal);
      if (/BackoffLimitExceeded/.test(text))
        rec.push(
          'Every retry failed (backoffLimit reached): read the logs of the failed pods and fix the cause before re-running.',
        );
      if (/DeadlineExceeded/.test(text)) rec.push('The job ran longer than activeDeadlineSeconds.');
    }
    if (!rec.length)
      rec.push(findings.length ? 'Look at the findings and events above.' : 'No problem found in status and events.');
    return this.out(
      { issueType: input.issueType, object: summarize(o), findings, events, ...extra, recommendations: rec },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_check_permissions',
    title: 'Can I …?',
    description:
      "Whether this server's credentials may do something (kubectl auth can-i) via a SelfSubjectAccessReview.",
    input: S.CheckPermissionsInput,
    annotations: READ,
    cacheTtl: 60,
  })
  async checkPermissions(input: Static<typeof S.CheckPermissionsInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const group = input.resourceGroup === 'core' ? '' : (input.resourceGroup ?? '');
    const review = await c.request<Obj>({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      signal: ctx.signal,
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            verb: input.verb,
            group,
            resource: input.resourceResource,
            subresource: input.subresource,
            name: input.resourceName,
            namespace: input.namespace,
          },
        },
      },
    });
    return this.out(
      {
        context: c.context,
        allowed: !!review.status?.allowed,
        ...(review.status?.denied ? { denied: true } : {}),
        ...(review.status?.reason ? { reason: review.status.reason } : {}),
        ...(review.status?.evaluationError ? { evaluationError: review.status.evaluationError } : {}),
        request: {
          verb: input.verb,
          group,
          resource: input.resourceResource,
          subresource: input.subresource,
          name: input.resourceName,
          namespace: input.namespace,
        },
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_wait_for_resource',
    title: 'Wait for a condition',
    description:
      'Polls an object until ready (default) / available / complete / exists / deleted, or timeoutSeconds (default 120) passes; progress each poll.',
    input: S.WaitInput,
    annotations: READ,
    timeoutMs: 1_900_000,
  })
  async waitFor(input: Static<typeof S.WaitInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.objNs(c, r, input.namespace);
    const started = Date.now();
    const deadline = started + input.timeoutSeconds * 1000;
    let polls = 0;
    let last = '';
    for (;;) {
      let o: Obj | undefined;
      try {
        o = await this.getObj(c, r, input.name, ns, ctx.signal);
      } catch (err) {
        if (!(isCnmcpError(err) && err.code === 'KUBERNETES_ERR_NOT_FOUND')) throw err;
      }
      const met = this.conditionMet(o, input.condition);
      last = met.message;
      if (met.failed)
        throw KubeErrors.create(
          'KUBERNETES_ERR_BAD_INPUT',
          `${r.kind} ${input.name} can no longer reach "${input.condition}": ${met.message}`,
          { hint: 'Describe the object to see why.' },
        );
      if (met.ok)
        return this.out(
          {
            kind: r.kind,
            name: input.name,
            namespace: ns,
            condition: input.condition,
            met: true,
            message: met.message,
            waitedSeconds: Math.round((Date.now() - started) / 1000),
            ...(o ? { status: summarize(o) } : {}),
          },
          c,
        );
      if (Date.now() >= deadline || ctx.signal.aborted) break;
      await ctx.progress(++polls, undefined, met.message);
      await sleep(Math.min(input.pollIntervalSeconds * 1000, Math.max(0, deadline - Date.now())), ctx.signal);
    }
    return this.out(
      {
        kind: r.kind,
        name: input.name,
        namespace: ns,
        condition: input.condition,
        met: false,
        timedOut: true,
        message: `not ${input.condition} after ${input.timeoutSeconds}s: ${last}`,
      },
      c,
    );
  }

  private conditionMet(o: Obj | undefined, condition: string): { ok: boolean; failed?: boolean; message: string } {
    if (condition === 'deleted') return { ok: !o, message: o ? 'still exists' : 'deleted' };
    if (!o) return { ok: false, message: 'does not exist yet' };
    if (condition === 'exists') return { ok: true, message: 'exists' };
    const cnd = (t: string) => (o.status?.conditions ?? []).find((x: Obj) => x.type === t);
    if (condition === 'complete') {
      if (o.kind === 'Job') {
        if (cnd('Failed')?.status === 'True')
          return { ok: false, failed: true, message: `job failed: ${cnd('Failed').reason}` };
        return { ok: cnd('Complete')?.status === 'True', message: `succeeded ${o.status?.succeeded ?? 0}` };
      }
      if (o.kind === 'Pod') {
        if (o.status?.phase === 'Failed') return { ok: false, failed: true, message: 'pod failed' };
        return { ok: o.status?.phase === 'Succeeded', message: `phase ${o.status?.phase}` };
      }
    }
    if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind)) {
      if (condition === 'available' && o.kind === 'Deployment')
        return {
          ok: cnd('Available')?.status === 'True',
          message: `Available=${cnd('Available')?.status ?? 'Unknown'}`,
        };
      const st = this.rollout(o);
      return { ok: st.done, failed: st.failed, message: st.message };
    }
    if (o.kind === 'Pod' && o.status?.phase === 'Failed') return { ok: false, failed: true, message: 'pod failed' };
    const ready = cnd(condition === 'available' ? 'Available' : 'Ready') ?? cnd('Ready');
    if (ready)
      return {
        ok: ready.status === 'True',
        message: `${ready.type}=${ready.status}${ready.reason ? ' (' + ready.reason + ')' : ''}`,
      };
    const phase = o.status?.phase;
    if (phase) return { ok: ['Running', 'Active', 'Bound', 'Succeeded'].includes(phase), message: `phase ${phase}` };
    return { ok: true, message: 'exists (no readiness signal)' };
  }

  // ------------------------------------------------------------------------------------------------
  // writing

  @Tool({
    redactOutput: false,
    name: 'kubernetes_create_resource',
    title: 'Create an object',
    description:
      'Creates an object from apiVersion + kind + metadata (+ spec, data, stringData, or other top-level fields in body); dryRun validates on the server only.',
    input: S.CreateResourceInput,
    annotations: WRITE,
  })
  async create(input: Static<typeof S.CreateResourceInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const metadata = this.parseJsonArg(input.metadata, 'metadata') as Obj;
    const ns = this.objNs(c, r, metadata.namespace as string | undefined);
    const obj: Obj = {
      ...(input.body ? (this.parseJsonArg(input.body, 'body') as Obj) : {}),
      apiVersion: r.apiVersion,
      kind: r.kind,
      metadata: { ...metadata, ...(ns ? { namespace: ns } : {}) },
      ...(input.spec ? { spec: this.parseJsonArg(input.spec, 'spec') } : {}),
      ...(input.data ? { data: this.parseJsonArg(input.data, 'data') } : {}),
      ...(input.stringData ? { stringData: this.parseJsonArg(input.stringData, 'stringData') } : {}),
    };
    const created = await c.request<Obj>({
      method: 'POST',
      path: resourcePath(r, ns),
      body: obj,
      signal: ctx.signal,
      query: { fieldManager: this.config.fieldManager, dryRun: input.dryRun ? 'All' : undefined },
    });
    return this.out(
      {
        created: !input.dryRun,
        dryRun: !!input.dryRun,
        ...summarize({ kind: r.kind, ...created }),
        apiVersion: r.apiVersion,
        uid: created.metadata?.uid,
        resourceVersion: created.metadata?.resourceVersion,
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_delete_resource',
    title: 'Delete an object',
    description: 'Deletes one object (optional gracePeriodSeconds, propagationPolicy, dryRun).',
    input: S.DeleteResourceInput,
    annotations: DESTRUCTIVE,
  })
  async delete(input: Static<typeof S.DeleteResourceInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.objNs(c, r, input.namespace);
    const body = {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      ...(input.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: input.gracePeriodSeconds } : {}),
      ...(input.propagationPolicy ? { propagationPolicy: input.propagationPolicy } : {}),
      ...(input.dryRun ? { dryRun: ['All'] } : {}),
    };
    await c.request<Obj>({
      method: 'DELETE',
      path: resourcePath(r, ns, input.name),
      body,
      signal: ctx.signal,
      query: { dryRun: input.dryRun ? 'All' : undefined },
    });
    return this.out(
      {
        deleted: !input.dryRun,
        dryRun: !!input.dryRun,
        kind: r.kind,
        name: input.name,
        ...(ns ? { namespace: ns } : {}),
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_patch_resource',
    title: 'Patch an object',
    description:
      'Patches an object: merge (RFC 7386, default), strategic (built-in kinds), json (RFC 6902 operations) or apply (server-side apply with fieldManager, creates when absent; force takes over conflicting fields).',
    input: S.PatchInput,
    annotations: DESTRUCTIVE,
  })
  async patch(input: Static<typeof S.PatchInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.objNs(c, r, input.namespace);
    let patch = this.parseJsonArg(input.patch, 'patch');
    const type = input.patchType ?? 'merge';
    if (type === 'json' && !Array.isArray(patch))
      throw KubeErrors.create(
        'KUBERNETES_ERR_BAD_INPUT',
        'a json patch must be an array of operations like [{"op":"replace","path":"/spec/replicas","value":3}]',
      );
    if (type !== 'json' && (!patch || typeof patch !== 'object' || Array.isArray(patch)))
      throw KubeErrors.create('KUBERNETES_ERR_BAD_INPUT', `a ${type} patch must be a JSON object`);
    if (type === 'apply')
      patch = {
        apiVersion: r.apiVersion,
        kind: r.kind,
        ...(patch as Obj),
        metadata: { ...((patch as Obj).metadata ?? {}), name: input.name, ...(ns ? { namespace: ns } : {}) },
      };
    const contentType = {
      merge: 'application/merge-patch+json',
      strategic: 'application/strategic-merge-patch+json',
      json: 'application/json-patch+json',
      apply: 'application/apply-patch+yaml',
    }[type];
    const fieldManager = input.fieldManager ?? this.config.fieldManager;
    const result = await c.request<Obj>({
      method: 'PATCH',
      path: resourcePath(r, ns, input.name),
      body: patch,
      contentType,
      signal: ctx.signal,
      query: {
        fieldManager,
        force: type === 'apply' && input.force ? 'true' : undefined,
        dryRun: input.dryRun ? 'All' : undefined,
      },
    });
    return this.out(
      {
        patched: !input.dryRun,
        dryRun: !!input.dryRun,
        patchType: type,
        fieldManager,
        ...summarize({ kind: r.kind, ...result }),
        resourceVersion: result.metadata?.resourceVersion,
        generation: result.metadata?.generation,
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_scale_resource',
    title: 'Scale a workload',
    description:
      'Sets replicas through the scale subresource (Deployment, StatefulSet, ReplicaSet, or a CRD with a scale subresource).',
    input: S.ScaleInput,
    annotations: WRITE_IDEMPOTENT,
  })
  async scale(input: Static<typeof S.ScaleInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    this.checkNamespace(input.namespace);
    if (!r.subresources.includes('scale'))
      throw KubeErrors.create(
        'KUBERNETES_ERR_UNSUPPORTED',
        `${r.kind} (${r.apiVersion}) has no scale subresource; scalable kinds: Deployment, StatefulSet, ReplicaSet and CRDs declaring one`,
      );
    const before = await c.request<Obj>({
      path: resourcePath(r, input.namespace, input.name, 'scale'),
      signal: ctx.signal,
    });
    const after = await c.request<Obj>({
      method: 'PATCH',
      path: resourcePath(r, input.namespace, input.name, 'scale'),
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: input.replicas } },
      signal: ctx.signal,
      query: { fieldManager: this.config.fieldManager },
    });
    return this.out(
      {
        kind: r.kind,
        name: input.name,
        namespace: input.namespace,
        previousReplicas: before.spec?.replicas ?? 0,
        replicas: after.spec?.replicas,
        currentReplicas: after.status?.replicas,
        selector: after.status?.selector,
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_restart_workload',
    title: 'Rollout restart',
    description:
      'Restarts a Deployment/StatefulSet/DaemonSet like kubectl rollout restart (template annotation kubectl.kubernetes.io/restartedAt); optionally waits for the rollout.',
    input: S.RestartInput,
    annotations: WRITE,
    timeoutMs: 1_900_000,
  })
  async restart(input: Static<typeof S.RestartInput>, ctx: ToolContext) {
    const c = this.cli(input);
    this.checkNamespace(input.namespace);
    const r = await resolveKind(c, input.kind, undefined, ctx.signal);
    if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(r.kind))
      throw KubeErrors.create(
        'KUBERNETES_ERR_UNSUPPORTED',
        `restart works for Deployment, StatefulSet and DaemonSet, not ${r.kind}`,
      );
    const at = new Date().toISOString();
    const res = await c.request<Obj>({
      method: 'PATCH',
      path: resourcePath(r, input.namespace, input.name),
      contentType: 'application/strategic-merge-patch+json',
      body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } },
      signal: ctx.signal,
      query: { fieldManager: this.config.fieldManager },
    });
    const out: Obj = {
      kind: r.kind,
      name: input.name,
      namespace: input.namespace,
      restartedAt: at,
      generation: res.metadata?.generation,
    };
    if (input.waitForReady)
      out.rollout = await this.waitRollout(c, r, input.name, input.namespace, input.timeoutSeconds, ctx);
    return this.out(out, c);
  }

  private async setUnschedulable(input: { name: string; context?: string }, value: boolean, ctx: ToolContext) {
    const c = this.cli(input);
    const r = await resolveKind(c, 'Node', 'v1', ctx.signal);
    const before = await this.getObj(c, r, input.name, undefined, ctx.signal);
    const was = !!before.spec?.unschedulable;
    if (was !== value) {
      await c.request<Obj>({
        method: 'PATCH',
        path: resourcePath(r, undefined, input.name),
        contentType: 'application/strategic-merge-patch+json',
        body: { spec: { unschedulable: value ? true : null } },
        signal: ctx.signal,
        query: { fieldManager: this.config.fieldManager },
      });
    }
    return { c, result: { node: input.name, unschedulable: value, changed: was !== value } };
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_cordon_node',
    title: 'Cordon a node',
    description: 'Marks a node unschedulable (kubectl cordon).',
    input: S.NodeNameInput,
    annotations: WRITE_IDEMPOTENT,
  })
  async cordon(input: Static<typeof S.NodeNameInput>, ctx: ToolContext) {
    const { c, result } = await this.setUnschedulable(input, true, ctx);
    return this.out(result, c);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_uncordon_node',
    title: 'Uncordon a node',
    description: 'Marks a node schedulable again (kubectl uncordon).',
    input: S.NodeNameInput,
    annotations: WRITE_IDEMPOTENT,
  })
  async uncordon(input: Static<typeof S.NodeNameInput>, ctx: ToolContext) {
    const { c, result } = await this.setUnschedulable(input, false, ctx);
    return this.out(result, c);
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_drain_node',
    title: 'Drain a node',
    description:
      'Cordons a node and evicts its pods through the Eviction API, honouring PodDisruptionBudgets (retries until timeoutSeconds), skipping mirror and (with ignoreDaemonsets) DaemonSet pods; refuses emptyDir pods without deleteEmptyDir and unmanaged pods without force. Progress per evicted pod.',
    input: S.DrainNodeInput,
    annotations: DESTRUCTIVE,
    timeoutMs: 1_900_000,
  })
  async drain(input: Static<typeof S.DrainNodeInput>, ctx: ToolContext) {
    const c = this.cli(input);
    const podRes = await resolveKind(c, 'Pod', 'v1', ctx.signal);
    const nodeRes = await resolveKind(c, 'Node', 'v1', ctx.signal);
    await this.getObj(c, nodeRes, input.name, undefined, ctx.signal);
    const { items: pods } = await this.scan(c, podRes, { fieldSelector: `spec.nodeName=${input.name}` }, ctx.signal);
    const skipped: Obj[] = [];
    const refused: Obj[] = [];
    const toEvict: Obj[] = [];
    for (const p of pods) {
      const id = `${p.metadata.namespace}/${p.metadata.name}`;
      const ctrl = (p.metadata.ownerReferences ?? []).find((o: Obj) => o.controller);
      if (p.metadata.annotations?.['kubernetes.io/config.mirror']) {
        skipped.push({ pod: id, reason: 'mirror (static) pod' });
        continue;
      }
      if (['Succeeded', 'Failed'].includes(p.status?.phase)) {
        toEvict.push(p);
        continue;
      }
      if (ctrl?.kind === 'DaemonSet') {
        if (input.ignoreDaemonsets) skipped.push({ pod: id, reason: 'DaemonSet-managed' });
        else refused.push({ pod: id, reason: 'DaemonSet-managed (pass ignoreDaemonsets: true)' });
        continue;
      }
      if (!this.nsVisible(p.metadata.namespace)) {
        refused.push({ pod: id, reason: 'namespace not reachable through this server' });
        continue;
      }
      if (!ctrl && !input.force) {
        refused.push({ pod: id, reason: 'not managed by a controller (pass force: true; it will not be recreated)' });
        continue;
      }
      if ((p.spec?.volumes ?? []).some((v: Obj) => v.emptyDir) && !input.deleteEmptyDir) {
        refused.push({ pod: id, reason: 'uses emptyDir (pass deleteEmptyDir: true; its data is lost)' });
        continue;
      }
      toEvict.push(p);
    }
    if (refused.length) {
      const shown = refused
        .slice(0, 10)
        .map((x) => `${x.pod}: ${x.reason}`)
        .join('; ');
      const more = refused.length > 10 ? `; … and ${refused.length - 10} more of ${refused.length} refused pods` : '';
      throw KubeErrors.create(
        'KUBERNETES_ERR_DRAIN_BLOCKED',
        `cannot drain node ${input.name}: ${shown}${more}. The node was not cordoned.`,
        { data: { refused: refused.slice(0, 100), refusedTotal: refused.length } },
      );
    }
    // Lists of pods are capped (with their totals) so a node with thousands of pods still gets whole JSON.
    const capped = <T>(key: string, list: T[], max = 100): Obj => ({
      [key]: list.slice(0, max),
      ...(list.length > max
        ? { [`${key}Total`]: list.length, [`${key}Note`]: `showing ${max} of ${list.length}` }
        : {}),
    });
    if (input.dryRun)
      return this.out(
        {
          node: input.name,
          dryRun: true,
          wouldEvictCount: toEvict.length,
          ...capped(
            'wouldEvict',
            toEvict.map((p) => `${p.metadata.namespace}/${p.metadata.name}`),
          ),
          ...capped('skipped', skipped, 50),
        },
        c,
      );
    await this.setUnschedulable({ name: input.name, context: input.context }, true, ctx);
    const deadline = Date.now() + input.timeoutSeconds * 1000;
    const evicted: string[] = [];
    const blocked = new Map<string, string>();
    let pending = [...toEvict];
    const total = toEvict.length;
    while (pending.length && Date.now() < deadline && !ctx.signal.aborted) {
      const still: Obj[] = [];
      for (const p of pending) {
        const id = `${p.metadata.namespace}/${p.metadata.name}`;
        try {
          await c.request<Obj>({
            method: 'POST',
            path: resourcePath(podRes, p.metadata.namespace, p.metadata.name, 'eviction'),
            signal: ctx.signal,
            body: {
              apiVersion: 'policy/v1',
              kind: 'Eviction',
              metadata: { name: p.metadata.name, namespace: p.metadata.namespace },
              ...(input.gracePeriodSeconds !== undefined
                ? { deleteOptions: { gracePeriodSeconds: input.gracePeriodSeconds } }
                : {}),
            },
          });
          evicted.push(id);
          blocked.delete(id);
          await ctx.progress(evicted.length, total, `evicted ${id}`);
        } catch (err) {
          if (isCnmcpError(err) && err.code === 'KUBERNETES_ERR_NOT_FOUND') {
            evicted.push(id);
            continue;
          }
          if (isCnmcpError(err) && err.code === 'KUBERNETES_ERR_TOO_MANY_REQUESTS') {
            blocked.set(id, err.message);
            still.push(p);
            continue;
          }
          throw err;
        }
      }
      pending = still;
      if (pending.length) await sleep(Math.min(5_000, Math.max(0, deadline - Date.now())), ctx.signal);
    }
    // wait for evicted pods to be gone
    const gone: string[] = [];
    const lingering: string[] = [];
    for (const id of evicted) {
      const [ns, name] = id.split('/');
      for (;;) {
        try {
          await c.request<Obj>({ path: resourcePath(podRes, ns, name), signal: ctx.signal });
        } catch (err) {
          if (isCnmcpError(err) && err.code === 'KUBERNETES_ERR_NOT_FOUND') {
            gone.push(id);
            break;
          }
          throw err;
        }
        if (Date.now() >= deadline || ctx.signal.aborted) {
          lingering.push(id);
          break;
        }
        await sleep(1_000, ctx.signal);
      }
    }
    const complete = pending.length === 0 && lingering.length === 0;
    return this.out(
      {
        node: input.name,
        cordoned: true,
        complete,
        evictedCount: evicted.length,
        ...capped('evicted', evicted),
        ...capped('skipped', skipped, 50),
        ...(pending.length
          ? capped(
              'blockedByDisruptionBudget',
              pending.map((p) => ({
                pod: `${p.metadata.namespace}/${p.metadata.name}`,
                message: blocked.get(`${p.metadata.namespace}/${p.metadata.name}`),
              })),
              50,
            )
          : {}),
        ...(lingering.length ? capped('stillTerminating', lingering, 50) : {}),
        ...(!complete
          ? {
              hint: `not every pod left within ${input.timeoutSeconds}s; the node stays cordoned. Retry later or raise timeoutSeconds.`,
            }
          : {}),
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_pod_exec',
    title: 'Run a command in a container',
    description:
      'Runs a command (no stdin, no TTY) in a container and returns stdout, stderr and the exit code (output capped). command: array, or a string split on whitespace.',
    input: S.ExecInput,
    annotations: DESTRUCTIVE,
    timeoutMs: 330_000,
  })
  async exec(input: Static<typeof S.ExecInput>, ctx: ToolContext) {
    const c = this.cli(input);
    this.checkNamespace(input.namespace);
    let command = input.command;
    if (typeof command === 'string') {
      const t = command.trim();
      command = t.startsWith('[') ? (this.parseJsonArg(t, 'command') as string[]) : t.split(/\s+/).filter(Boolean);
    }
    if (!Array.isArray(command) || !command.length)
      throw KubeErrors.create('KUBERNETES_ERR_BAD_INPUT', 'command must be a non-empty array or string');
    const podRes = await resolveKind(c, 'Pod', 'v1', ctx.signal);
    const pod = await this.getObj(c, podRes, input.podName, input.namespace, ctx.signal);
    const containers: string[] = (pod.spec?.containers ?? []).map((x: Obj) => x.name);
    const container = input.containerName ?? containers[0];
    if (!containers.includes(container))
      throw KubeErrors.create(
        'KUBERNETES_ERR_BAD_INPUT',
        `container "${container}" is not in pod ${input.podName}; containers: ${containers.join(', ')}`,
      );
    const cap = this.config.maxOutputBytes / 2;
    const sink = () => {
      const chunks: Buffer[] = [];
      let n = 0;
      return {
        chunks,
        w: new Writable({
          write(chunk: Buffer, _e, cb) {
            if (n < cap * 2) {
              chunks.push(chunk);
              n += chunk.length;
            }
            cb();
          },
        }),
      };
    };
    const out = sink(),
      err = sink();
    const exec = new Exec(c.kubeConfig);
    const status = await new Promise<Obj>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            KubeErrors.create('KUBERNETES_ERR_TIMEOUT', `the command did not finish within ${input.timeoutSeconds}s`),
          ),
        input.timeoutSeconds * 1000,
      );
      exec
        .exec(input.namespace, input.podName, container, command as string[], out.w, err.w, null, false, (s) => {
          clearTimeout(timer);
          resolve(s as Obj);
        })
        .then((ws) => {
          ws.on('close', () => {
            clearTimeout(timer);
            setTimeout(() => resolve({ status: 'Unknown', message: 'the stream closed without a status' }), 50);
          });
          ctx.signal.addEventListener('abort', () => ws.close(), { once: true });
        })
        .catch((e: Error) => {
          clearTimeout(timer);
          reject(
            KubeErrors.create(
              'KUBERNETES_ERR_EXEC_FAILED',
              `exec in ${input.namespace}/${input.podName} (${container}) failed: ${e.message}`,
            ),
          );
        });
    });
    const exitCause = (status.details?.causes ?? []).find((x: Obj) => x.reason === 'ExitCode');
    const exitCode = status.status === 'Success' ? 0 : exitCause ? Number(exitCause.message) : undefined;
    const stdout = capString(Buffer.concat(out.chunks).toString('utf8'), cap);
    const stderr = capString(Buffer.concat(err.chunks).toString('utf8'), cap / 2);
    return this.out(
      {
        pod: `${input.namespace}/${input.podName}`,
        container,
        command,
        exitCode,
        status: status.status,
        ...(status.status !== 'Success' && status.message ? { message: status.message } : {}),
        stdout: stdout.text,
        stderr: stderr.text,
        ...(stdout.truncated || stderr.truncated ? { truncated: true } : {}),
      },
      c,
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_port_forward',
    title: 'Port forward (not offered)',
    description:
      'Not offered by this server: a port-forward would open a listener on the server host that no tool can stop safely. The reply explains how to run kubectl port-forward yourself.',
    input: S.PortForwardInput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  })
  portForward(input: Static<typeof S.PortForwardInput>) {
    throw KubeErrors.create(
      'KUBERNETES_ERR_PORT_FORWARD_UNSUPPORTED',
      'this server does not open port-forward listeners: a listener on the server host would be unbounded (it outlives the call, holds a port and a cluster stream open) and no tool could stop it safely, and it would expose the pod to whoever can reach the server host',
      {
        hint: `Run on your own machine: kubectl port-forward -n ${input.namespace} pod/${input.podName} ${input.localPort}:${input.podPort}${input.context ? ` --context ${input.context}` : ''}`,
      },
    );
  }

  @Tool({
    redactOutput: false,
    name: 'kubernetes_test_tool',
    title: 'Confirmation check',
    description: 'Confirmation-workflow check: succeeds only when confirmed is true; touches no cluster.',
    input: S.TestToolInput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  })
  testTool(input: Static<typeof S.TestToolInput>) {
    if (!bool(input.confirmed)) throw KubeErrors.create('KUBERNETES_ERR_NOT_CONFIRMED', 'confirmed must be true');
    return {
      ok: true,
      message: 'confirmed',
      ...(this.clusters.configured() ? { contexts: this.clusters.contexts().length } : { configured: false }),
    };
  }

  dispose(): void {
    /* clients hold no background work */
  }
}
