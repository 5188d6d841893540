// Toolset kubernetes/read (default): contexts, one object (summary first), lists of summaries, name search.
import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import type { ApiResource, ClusterClient, Obj } from '../client.js';
import { diagnose } from '../diagnose.js';
import { describeObject } from '../describe.js';
import { KubeErrors } from '../errors.js';
import { jsonPath, strip, summarize } from '../format.js';
import { bool, KubeReader, skipNote, skippableKindError } from '../kube.js';
import { resolveKind } from '../resolve.js';
import * as S from '../schemas.js';

type Ctx = ToolContext<ClusterClient>;

const SEARCH_KINDS = [
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

/** The name test of kubernetes_search_resources. */
function nameMatcher(q: string, mode: string, caseSensitive: boolean): (name: string) => boolean {
  const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());
  if (mode === 'regex') {
    let re: RegExp;
    try {
      re = new RegExp(q, caseSensitive ? '' : 'i');
    } catch (err) {
      throw KubeErrors.create(
        'KUBERNETES_ERR_BAD_INPUT',
        `query is not a valid regular expression: ${(err as Error).message}`,
      );
    }
    return (n) => re.test(n);
  }
  const nq = norm(q);
  return {
    contains: (n: string) => norm(n).includes(nq),
    startsWith: (n: string) => norm(n).startsWith(nq),
    endsWith: (n: string) => norm(n).endsWith(nq),
    exact: (n: string) => norm(n) === nq,
  }[mode as 'contains'];
}

@ToolGroup({
  name: 'read',
  title: 'Read objects',
  description: 'Contexts, one object (summary, full, described), object summaries of a kind, and name search.',
  default: true,
  defaults: { annotations: annotations.read, redactOutput: false },
})
export class ReadTools {
  constructor(@inject(KubeReader) private readonly kube: KubeReader) {}

  @Tool({
    name: 'kubernetes_list_contexts',
    title: 'List cluster contexts',
    description:
      'Kubeconfig contexts (clusters) this server can use, the default one, and the namespace allow/deny lists. Pass a name as `context` to any kubernetes tool.',
    input: S.ContextOnlyInput,
    annotations: annotations.local,
  })
  listContexts() {
    const clusters = this.kube.clusters;
    const contexts = clusters
      .contexts()
      .map(({ name, cluster, server, namespace, current }) => ({ name, cluster, server, namespace, default: current }));
    return this.kube.out({
      source: clusters.source(),
      default: clusters.defaultContextName(),
      contexts,
      namespaces: this.kube.config.namespaces,
    });
  }

  @Tool({
    name: 'kubernetes_get_resource_summary',
    title: 'Object summary',
    description:
      'Essential fields of one object (name, namespace, kind, status, readiness, age, optional labels). The cheapest first read.',
    input: S.SummaryInput,
    cacheTtl: 30,
  })
  async getResourceSummary(input: Static<typeof S.SummaryInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const o = await this.kube.getObj(c, r, input.name, this.kube.objNs(c, r, input.namespace), ctx.signal);
    const issues = diagnose(o);
    return this.kube.out(
      { ...summarize(o, bool(input.includeLabels)), apiVersion: r.apiVersion, ...(issues.length ? { issues } : {}) },
      c,
    );
  }

  @Tool({
    name: 'kubernetes_list_resources_summary',
    title: 'List object summaries',
    description:
      'Paginated compact summaries of a kind (status, readiness, age; labels on request). The recommended first listing; limit default 50, continueToken for more.',
    input: S.ListSummaryInput,
    cacheTtl: 15,
  })
  async listSummary(input: Static<typeof S.ListSummaryInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.kube.listNs(r, input.namespace);
    const page = await this.kube.page(
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
    const f = this.kube.fit(
      page,
      (shown) =>
        shown.map((o) => {
          const s = summarize(o, bool(input.includeLabels));
          delete s.kind;
          return s;
        }),
      ctx.resultBudgetBytes,
    );
    return this.kube.out(
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
    name: 'kubernetes_get_resource',
    title: 'Get an object',
    description:
      'One object as JSON (managedFields stripped, Secret values masked), or one field with jsonpath ({.status.phase} or status.phase).',
    input: S.GetResourceInput,
  })
  async getResource(input: Static<typeof S.GetResourceInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const o = strip(await this.kube.getObj(c, r, input.name, this.kube.objNs(c, r, input.namespace), ctx.signal));
    if (input.jsonpath) {
      const masked = this.kube.maskAll(o);
      return this.kube.out(
        { kind: r.kind, name: input.name, jsonpath: input.jsonpath, value: jsonPath(masked, input.jsonpath) ?? null },
        c,
      );
    }
    return this.kube.out(o, c);
  }

  @Tool({
    name: 'kubernetes_describe_resource',
    title: 'Describe an object',
    description:
      'Like kubectl describe: a summary of the object, its conditions and diagnostics, its recent events, its owners and the objects it owns (ReplicaSets, Pods, Jobs).',
    input: S.ObjectInput,
  })
  async describeResource(input: Static<typeof S.ObjectInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const o = await this.kube.getObj(c, r, input.name, this.kube.objNs(c, r, input.namespace), ctx.signal);
    const [events, owners, owned] = await Promise.all([
      this.kube.events(c, o, ctx.signal),
      this.kube.owners(c, o, ctx.signal),
      this.kube.owned(c, o, ctx.signal),
    ]);
    const result = describeObject(o, r.apiVersion, { events, owners, owned });
    if (o.kind === 'Secret')
      result.data = (this.kube.maskAll({ kind: 'Secret', type: o.type, data: o.data }) as Obj).data;
    return this.kube.out(result, c);
  }

  @Tool({
    name: 'kubernetes_search_resources',
    title: 'Search objects by name',
    description:
      'Finds objects whose names match (contains / startsWith / endsWith / exact / regex) across kinds and namespaces; returns summaries only (no Secret data).',
    input: S.SearchInput,
  })
  async search(input: Static<typeof S.SearchInput>, ctx: Ctx) {
    const c = ctx.backend;
    const q = input.query ?? input.name ?? '';
    const kinds = input.kind ? [input.kind] : input.resourceTypes?.length ? input.resourceTypes : SEARCH_KINDS;
    const test = nameMatcher(q, input.searchMode, input.caseSensitive);
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
        const { items, complete } = await this.kube.scan(
          c,
          r,
          { namespace: this.kube.listNs(r, input.namespace), labelSelector: input.labelSelector },
          ctx.signal,
        );
        if (!complete) notes.push(`${r.kind}: only the first ${this.kube.config.maxScanItems} objects were searched`);
        for (const o of items) if (test(o.metadata?.name ?? '')) matches.push(summarize(o));
      } catch (err) {
        const skipped = skippableKindError(err);
        if (!skipped) throw err;
        notes.push(skipNote(r.kind, skipped));
      }
    }
    const pg = this.kube.offsetPage(matches, {
      limit: input.limit ?? 50,
      max: 200,
      continueToken: input.continueToken,
      budgetBytes: ctx.resultBudgetBytes,
    });
    return this.kube.out(
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
}
