// Toolset kubernetes/details: full objects and tables, several objects at once, and every event.
import { Tool, ToolGroup, annotations, inject, isCnmcpError, type Static, type ToolContext } from '@cnmcp/core';
import type { ClusterClient, Obj } from '../client.js';
import { conditions, diagnose } from '../diagnose.js';
import { eventList } from '../events.js';
import { jsonPath, strip, summarize, table } from '../format.js';
import { KubeReader } from '../kube.js';
import { resolveKind } from '../resolve.js';
import * as S from '../schemas.js';

type Ctx = ToolContext<ClusterClient>;

@ToolGroup({
  name: 'details',
  title: 'Objects in detail',
  description: 'Tables with jsonpath columns, full objects, several objects at once, objects with context, all events.',
  defaults: { annotations: annotations.read, redactOutput: false },
})
export class DetailTools {
  constructor(@inject(KubeReader) private readonly kube: KubeReader) {}

  @Tool({
    name: 'kubernetes_list_resources',
    title: 'List objects (table)',
    description:
      'Lists objects of a kind as a compact table (or one/several jsonpath columns), with label/field selectors and limit + continueToken pagination. Replies stay within the size budget; follow continueToken for more.',
    input: S.ListInput,
  })
  async listResources(input: Static<typeof S.ListInput>, ctx: Ctx) {
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
        limit: input.limit ?? 100,
        continueToken: input.continueToken,
      },
      ctx.signal,
    );
    const paths = input.jsonpaths?.length ? input.jsonpaths : input.jsonpath ? [input.jsonpath] : undefined;
    const masked = (items: Obj[]) => this.kube.maskAll(items) as Obj[];
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
    const f = this.kube.fit(page, render, ctx.resultBudgetBytes);
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
      return this.kube.out(`${lines}\n\n${f.value || '(no objects)'}`, c);
    }
    return this.kube.out({ ...head, items: f.value }, c);
  }

  @Tool({
    name: 'kubernetes_list_resources_full',
    title: 'List full objects',
    description:
      'Full objects of a kind (managedFields stripped, Secret values masked); limit default 10, max 50; continueToken for more. Prefer the summary or table tools.',
    input: S.ListFullInput,
  })
  async listFull(input: Static<typeof S.ListFullInput>, ctx: Ctx) {
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
        limit: input.limit ?? 10,
        continueToken: input.continueToken,
      },
      ctx.signal,
    );
    const render = (shown: Obj[]) =>
      this.kube.maskAll(
        shown.map((o) => {
          const s = strip(o);
          if (!input.includeStatus) delete s.status;
          return s;
        }),
      );
    const f = this.kube.fit(page, render, ctx.resultBudgetBytes);
    return this.kube.out(
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
    name: 'kubernetes_get_resource_details',
    title: 'Object details',
    description:
      'The full object (same data as kubernetes_get_resource without jsonpath): spec, status, metadata; Secret values masked.',
    input: S.ObjectInput,
  })
  async getResourceDetails(input: Static<typeof S.ObjectInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const o = await this.kube.getObj(c, r, input.name, this.kube.objNs(c, r, input.namespace), ctx.signal);
    return this.kube.out(strip(o), c);
  }

  @Tool({
    name: 'kubernetes_get_resource_detail_advanced',
    title: 'Object with context',
    description:
      'An object with optional events, owner relationships, diagnostics and configuration (spec); outputFormat compact (summary only), structured (default) or verbose (full object).',
    input: S.DetailAdvancedInput,
  })
  async detailAdvanced(input: Static<typeof S.DetailAdvancedInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const o = await this.kube.getObj(c, r, input.name, this.kube.objNs(c, r, input.namespace), ctx.signal);
    const result: Obj = { summary: summarize(o, true), apiVersion: r.apiVersion };
    if (input.outputFormat !== 'compact') {
      const cs = conditions(o);
      if (cs) result.conditions = cs;
      if (input.includeDiagnostics) result.diagnostics = diagnose(o);
      if (input.includeEvents) result.events = await this.kube.events(c, o, ctx.signal);
      if (input.includeRelationships) {
        result.owners = await this.kube.owners(c, o, ctx.signal);
        result.owned = await this.kube.owned(c, o, ctx.signal);
      }
      if (input.includeConfiguration) result.spec = o.spec ?? null;
      if (input.outputFormat === 'verbose') result.object = strip(o);
    }
    return this.kube.out(result, c);
  }

  @Tool({
    name: 'kubernetes_get_resources_detail',
    title: 'Several objects',
    description:
      'Summaries (and optionally status and events) of several objects of one kind by name; missing ones are reported, not fatal.',
    input: S.ResourcesDetailInput,
  })
  async resourcesDetail(input: Static<typeof S.ResourcesDetailInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.kube.objNs(c, r, input.namespace);
    const items = await Promise.all(
      input.names.map(async (name) => {
        try {
          const o = await this.kube.getObj(c, r, name, ns, ctx.signal);
          return {
            ...summarize(o),
            ...(input.includeStatus ? { conditions: conditions(o), issues: diagnose(o) } : {}),
            ...(input.includeEvents ? { events: await this.kube.events(c, o, ctx.signal, 10) } : {}),
          };
        } catch (err) {
          if (isCnmcpError(err)) return { name, error: err.code, message: err.message };
          throw err;
        }
      }),
    );
    return this.kube.out({ kind: r.kind, namespace: ns, count: items.length, items }, c);
  }

  @Tool({
    name: 'kubernetes_get_events',
    title: 'Events',
    description:
      'Events of a namespace (or all) as compact rows, newest first; field selector (e.g. involvedObject.name=web); limit default 30, max 80.',
    input: S.EventsInput,
  })
  async getEvents(input: Static<typeof S.EventsInput>, ctx: Ctx) {
    const limit = Math.min(input.limit ?? 30, 80);
    return eventList(this.kube, input, ctx, { fieldSelector: input.fieldSelector, limit, full: false });
  }

  @Tool({
    name: 'kubernetes_get_events_detail',
    title: 'Events in detail',
    description:
      'Full event objects with continueToken paging (default 50, max 200); Normal events excluded unless includeNormalEvents.',
    input: S.EventsDetailInput,
  })
  async eventsDetail(input: Static<typeof S.EventsDetailInput>, ctx: Ctx) {
    const fs = [input.fieldSelector, input.includeNormalEvents ? undefined : 'type!=Normal'].filter(Boolean).join(',');
    const limit = Math.min(input.limit ?? 50, 200);
    return eventList(this.kube, input, ctx, { fieldSelector: fs || undefined, limit, full: true });
  }
}
