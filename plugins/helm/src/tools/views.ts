// Toolset helm/views: the reference's alternative list and history shapes (one namespace, paginated with a
// continue token, limit/offset, one-release summary, release counts).
import { annotations, countBy, inject, listPage, Tool, ToolGroup, type Static, type ToolContext } from '@cnmcp/core';
import { HelmContexts, type HelmTarget } from '../contexts.js';
import { latestReleases, releaseLine, statusView } from '../reads.js';
import { historyEntry } from '../release.js';
import {
  Empty,
  HistoryPageInput,
  NamespaceInput,
  PaginatedListInput,
  ReleaseRef,
  SummaryListInput,
} from '../schemas.js';
import { parseManifest } from '../manifest.js';

type Ctx = ToolContext<HelmTarget>;

@ToolGroup({
  name: 'views',
  title: 'Release views',
  description: 'Other shapes of the release reads: per namespace, paginated, summaries, counts.',
  defaults: { annotations: annotations.read },
})
export class ViewTools {
  constructor(@inject(HelmContexts) private readonly contexts: HelmContexts) {}

  private get store() {
    return this.contexts.store;
  }

  @Tool({
    name: 'helm_list_releases_in_namespace',
    title: 'Releases in a namespace',
    description: 'Releases of one namespace in compact form (every state).',
    input: NamespaceInput,
  })
  async inNamespace(input: Static<typeof NamespaceInput>, ctx: Ctx) {
    const found = await latestReleases(this.store, ctx, { namespace: input.namespace, all: true });
    return {
      namespace: input.namespace,
      total: found.length,
      releases: found.slice(0, 200).map(({ release: r }) => ({
        name: r.name,
        revision: r.version,
        status: r.info.status,
        chart: `${r.chart?.metadata?.name ?? ''}-${r.chart?.metadata?.version ?? ''}`,
      })),
      ...(found.length > 200 ? { truncated: 'showing 200; use helm_list_releases_paginated for the rest' } : {}),
    };
  }

  @Tool({
    name: 'helm_list_releases_paginated',
    title: 'Releases, paginated',
    description: 'Releases page by page (status filter, continueToken), optionally with their labels.',
    input: PaginatedListInput,
  })
  async paginated(input: Static<typeof PaginatedListInput>, ctx: Ctx) {
    const found = await latestReleases(this.store, ctx, {
      namespace: input.namespace || undefined,
      all: true,
      status: input.status,
    });
    const page = listPage(
      found.map((x) => releaseLine(x.release, x.record, input.includeLabels)),
      { limit: input.limit, cursor: input.continueToken, max: 200, what: 'releases' },
    );
    const { next_cursor, ...rest } = page;
    return { ...rest, ...(next_cursor ? { continueToken: next_cursor } : {}) };
  }

  @Tool({
    name: 'helm_list_releases_summary',
    title: 'Releases summary',
    description: 'Compact release list with limit/offset and counts by status.',
    input: SummaryListInput,
  })
  async summary(input: Static<typeof SummaryListInput>, ctx: Ctx) {
    const found = await latestReleases(this.store, ctx, { namespace: input.namespace || undefined, all: true });
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 50;
    return {
      total: found.length,
      offset,
      byStatus: countBy(found, (x) => x.release.info.status),
      releases: found.slice(offset, offset + limit).map(({ release: r }) => ({
        name: r.name,
        namespace: r.namespace,
        status: r.info.status,
        revision: r.version,
        chart: r.chart?.metadata?.name ?? '',
        version: r.chart?.metadata?.version ?? '',
      })),
      ...(offset + limit < found.length ? { nextOffset: offset + limit } : {}),
    };
  }

  @Tool({
    name: 'helm_get_release_summary',
    title: 'Release summary',
    description: 'Compact summary of one release: status, chart, revisions, object count.',
    input: ReleaseRef,
  })
  async releaseSummary(input: Static<typeof ReleaseRef>, ctx: Ctx) {
    const records = await this.store.history(ctx.backend.context, input.namespace, input.name, ctx.signal);
    const r = this.store.decode(records[records.length - 1]);
    return {
      ...statusView(r),
      revisions: records.length,
      objects: parseManifest(r.manifest, r.namespace).objects.length,
      userValues: Object.keys(r.config ?? {}).length,
    };
  }

  @Tool({
    name: 'helm_get_release_history_paginated',
    title: 'History, paginated',
    description: 'Revisions of a release, newest first, page by page with continueToken.',
    input: HistoryPageInput,
  })
  async historyPage(input: Static<typeof HistoryPageInput>, ctx: Ctx) {
    const records = await this.store.history(ctx.backend.context, input.namespace, input.name, ctx.signal);
    const newest = [...records].reverse();
    const page = listPage(newest, { limit: input.limit, cursor: input.continueToken, max: 256, what: 'revisions' });
    const { next_cursor, items, ...rest } = page;
    return {
      name: input.name,
      namespace: input.namespace,
      ...rest,
      revisions: items.map((rec) => {
        const e = historyEntry(this.store.decode(rec));
        return input.includeStatus === false
          ? { revision: e.revision, updated: e.updated, chart: e.chart, app_version: e.app_version }
          : e;
      }),
      ...(next_cursor ? { continueToken: next_cursor } : {}),
    };
  }

  @Tool({
    name: 'helm_quick_info',
    title: 'Quick info',
    description: 'Release counts across all namespaces: total, by status, namespaces.',
    input: Empty,
  })
  async quickInfo(_input: Static<typeof Empty>, ctx: Ctx) {
    const found = await latestReleases(this.store, ctx, { all: true });
    return {
      context: ctx.backend.context,
      releases: found.length,
      byStatus: countBy(found, (x) => x.release.info.status),
      namespaces: new Set(found.map((x) => x.release.namespace)).size,
    };
  }
}
