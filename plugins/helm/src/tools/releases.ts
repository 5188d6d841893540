// Toolset helm/releases (default): releases read from their records in the cluster — list, details,
// status, values, manifest, history, a real revision diff and the parsed resources. No helm binary needed.
import { annotations, inject, listPage, Tool, ToolGroup, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { HelmConfig } from '../config.js';
import { HelmContexts, type HelmTarget } from '../contexts.js';
import { compareReleases } from '../diff.js';
import { HelmErrors } from '../errors.js';
import { parseManifest } from '../manifest.js';
import { maskManifest, maskValues } from '../mask.js';
import { capText, latestReleases, releaseDetail, releaseLine, statusView } from '../reads.js';
import { coalesceValues, historyEntry } from '../release.js';
import {
  CompareInput,
  HistoryInput,
  ListReleasesInput,
  ReleaseAtRevision,
  ResourcesInput,
  ValuesInput,
} from '../schemas.js';
import { liveStatus } from '../live-status.js';

type Ctx = ToolContext<HelmTarget>;

@ToolGroup({
  name: 'releases',
  title: 'Releases',
  description:
    'Helm releases read from the cluster: list, details, values, manifest, history, revision diff, resources.',
  default: true,
  defaults: { annotations: annotations.read },
})
export class ReleaseTools {
  constructor(
    @inject(tokens.config) private readonly config: HelmConfig,
    @inject(HelmContexts) private readonly contexts: HelmContexts,
  ) {}

  private get store() {
    return this.contexts.store;
  }

  @Tool({
    name: 'helm_list_releases',
    title: 'List releases',
    description:
      'Latest revision of each release (as helm list): name, namespace, revision, status, chart, app version.',
    input: ListReleasesInput,
  })
  async list(input: Static<typeof ListReleasesInput>, ctx: Ctx) {
    const namespace = input.all_namespaces ? undefined : input.namespace || undefined;
    const found = await latestReleases(this.store, ctx, { namespace, all: input.all, status: input.status });
    return {
      context: ctx.backend.context,
      ...listPage(
        found.map((x) => releaseLine(x.release)),
        { limit: input.limit, cursor: input.cursor, max: 500, what: 'releases' },
      ),
    };
  }

  @Tool({
    name: 'helm_get_release',
    title: 'Get release',
    description: 'One release: status, chart, dates, user values (secrets masked), object kinds, hooks and notes.',
    input: ReleaseAtRevision,
  })
  async get(input: Static<typeof ReleaseAtRevision>, ctx: Ctx) {
    const r = await this.store.release(ctx.backend.context, input.namespace, input.name, input.revision, ctx.signal);
    return releaseDetail(r, this.config.showSecretValues, ctx.resultBudgetBytes);
  }

  @Tool({
    name: 'helm_get_release_status',
    title: 'Release status',
    description: 'Status of a release revision (deployed, failed, pending-*), its description and dates.',
    input: ReleaseAtRevision,
  })
  async status(input: Static<typeof ReleaseAtRevision>, ctx: Ctx) {
    const r = await this.store.release(ctx.backend.context, input.namespace, input.name, input.revision, ctx.signal);
    return statusView(r);
  }

  @Tool({
    name: 'helm_get_release_values',
    title: 'Release values',
    description:
      'User-supplied values of a release (all=true: merged with chart defaults); secret-looking values masked.',
    input: ValuesInput,
  })
  async values(input: Static<typeof ValuesInput>, ctx: Ctx) {
    const r = await this.store.release(ctx.backend.context, input.namespace, input.name, input.revision, ctx.signal);
    const values = input.all ? coalesceValues(r.chart?.values, r.config) : (r.config ?? {});
    return {
      name: r.name,
      namespace: r.namespace,
      revision: r.version,
      computed: !!input.all,
      values: maskValues(values, this.config.showSecretValues),
    };
  }

  @Tool({
    name: 'helm_get_release_manifest',
    title: 'Release manifest',
    description: 'Rendered manifest of a release revision (Secret data masked), with its object list.',
    input: ReleaseAtRevision,
  })
  async manifest(input: Static<typeof ReleaseAtRevision>, ctx: Ctx) {
    const r = await this.store.release(ctx.backend.context, input.namespace, input.name, input.revision, ctx.signal);
    const parsed = parseManifest(r.manifest, r.namespace);
    const objects = parsed.objects.map((o) => `${o.kind}/${o.name}`);
    const text = maskManifest(r.manifest ?? '', this.config.showSecretValues);
    return {
      name: r.name,
      namespace: r.namespace,
      revision: r.version,
      objects,
      manifest: capText(text, Math.max(2_000, ctx.resultBudgetBytes - 2_000 - JSON.stringify(objects).length)),
    };
  }

  @Tool({
    name: 'helm_get_release_history',
    title: 'Release history',
    description: 'Revisions of a release, oldest first (as helm history): status, chart, app version, description.',
    input: HistoryInput,
  })
  async history(input: Static<typeof HistoryInput>, ctx: Ctx) {
    const records = await this.store.history(ctx.backend.context, input.namespace, input.name, ctx.signal);
    const shown = records.slice(-(input.max ?? 256));
    return {
      name: input.name,
      namespace: input.namespace,
      total: records.length,
      returned: shown.length,
      revisions: shown.map((rec) => historyEntry(this.store.decode(rec))),
    };
  }

  @Tool({
    name: 'helm_compare_revisions',
    title: 'Compare revisions',
    description:
      'Diff of two revisions: chart and status, values path by path, manifest object by object with changed fields.',
    input: CompareInput,
  })
  async compare(input: Static<typeof CompareInput>, ctx: Ctx) {
    if (input.revision1 === input.revision2)
      throw HelmErrors.create(
        'HELM_ERR_BAD_INPUT',
        `revision1 and revision2 are both ${input.revision1}; name two revisions`,
      );
    const records = await this.store.history(ctx.backend.context, input.namespace, input.name, ctx.signal);
    const pick = (n: number) => {
      const rec = records.find((r) => r.revision === n);
      if (!rec)
        throw HelmErrors.create(
          'HELM_ERR_REVISION_NOT_FOUND',
          `release "${input.name}" in namespace ${input.namespace} has no revision ${n}; revisions: ${records.map((r) => r.revision).join(', ')}`,
        );
      return this.store.decode(rec);
    };
    return compareReleases(pick(input.revision1), pick(input.revision2), this.config.showSecretValues);
  }

  @Tool({
    name: 'helm_get_resources_of_release',
    title: 'Release resources',
    description:
      'Objects the release manifest creates (kind, name, namespace, template); includeStatus reads each live.',
    input: ResourcesInput,
  })
  async resources(input: Static<typeof ResourcesInput>, ctx: Ctx) {
    const r = await this.store.release(ctx.backend.context, input.namespace, input.name, undefined, ctx.signal);
    const parsed = parseManifest(r.manifest, r.namespace);
    const rows = parsed.objects.map((o) => ({
      kind: o.kind,
      apiVersion: o.apiVersion,
      name: o.name,
      namespace: o.namespace,
      ...(o.source ? { source: o.source } : {}),
    }));
    const page = listPage(rows, { limit: input.limit, cursor: input.cursor, max: 500, what: 'objects' });
    if (input.includeStatus) {
      const objects = parsed.objects.filter((o) =>
        page.items.some((p) => p.kind === o.kind && p.name === o.name && p.namespace === o.namespace),
      );
      const live = await Promise.all(objects.map((o) => liveStatus(this.store, ctx.backend.context, o, ctx.signal)));
      page.items = page.items.map((row, i) => ({ ...row, ...live[i] }));
    }
    return {
      name: r.name,
      namespace: r.namespace,
      revision: r.version,
      ...page,
      ...(parsed.errors.length ? { manifestErrors: parsed.errors } : {}),
    };
  }
}
