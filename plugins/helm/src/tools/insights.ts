// Toolset helm/insights: what needs attention — overview counts, broken and recently failed releases,
// releases by chart or by label, a validation of one release against the live cluster, and a health check.
import { loadKubernetesClient } from '@cnmcp/kube-contexts';
import { annotations, countBy, inject, Tool, ToolGroup, type Static, type ToolContext } from '@cnmcp/core';
import { HelmCommands } from '../commands.js';
import { HelmContexts, type HelmTarget } from '../contexts.js';
import { liveStatus } from '../live-status.js';
import { parseManifest } from '../manifest.js';
import { labelMatcher, latestReleases, releaseLine } from '../reads.js';
import { FAILED_STATES, PENDING_STATES, userLabels } from '../release.js';
import { cacheStats, cachedCharts, readRepositories } from '../repos.js';
import { apiError } from '../store.js';
import {
  BrokenInput,
  ByChartInput,
  ByLabelsInput,
  FailuresInput,
  HealthInput,
  OverviewInput,
  ReleaseRef,
} from '../schemas.js';

type Ctx = ToolContext<HelmTarget>;

@ToolGroup({
  name: 'insights',
  title: 'Release insights',
  description: 'Overview, broken and failed releases, search by chart or label, release validation, health check.',
  defaults: { annotations: annotations.read },
})
export class InsightTools {
  constructor(
    @inject(HelmContexts) private readonly contexts: HelmContexts,
    @inject(HelmCommands) private readonly helm: HelmCommands,
  ) {}

  private get store() {
    return this.contexts.store;
  }

  @Tool({
    name: 'helm_cluster_overview',
    title: 'Cluster overview',
    description: 'Release counts by status, namespace and chart; optionally node and PVC counts.',
    input: OverviewInput,
  })
  async overview(input: Static<typeof OverviewInput>, ctx: Ctx) {
    const found = await latestReleases(this.store, ctx, { all: true });
    const out: Record<string, unknown> = {
      context: ctx.backend.context,
      releases: found.length,
      byStatus: countBy(found, (x) => x.release.info.status),
      byNamespace: countBy(found, (x) => x.release.namespace),
      byChart: countBy(found, (x) => x.release.chart?.metadata?.name ?? '(unknown)'),
      needsAttention: found
        .filter((x) => FAILED_STATES.has(x.release.info.status) || PENDING_STATES.has(x.release.info.status))
        .slice(0, 20)
        .map((x) => `${x.release.namespace}/${x.release.name} (${x.release.info.status})`),
    };
    const { CoreV1Api } = await loadKubernetesClient();
    const api = (await ctx.backend.kubeConfig()).makeApiClient(CoreV1Api);
    if (input.includeNodes) {
      try {
        const nodes = (await api.listNode()).items;
        const ready = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
        out.nodes = { total: nodes.length, ready: ready.length };
      } catch (err) {
        out.nodes = { error: apiError(err, 'listing nodes').message };
      }
    }
    if (input.includeStorage) {
      const namespaces = [...new Set(found.map((x) => x.release.namespace))];
      try {
        const claims = (
          await Promise.all(namespaces.map((namespace) => api.listNamespacedPersistentVolumeClaim({ namespace })))
        ).flatMap((l) => l.items);
        out.storage = {
          persistentVolumeClaims: claims.length,
          byPhase: countBy(claims, (c) => c.status?.phase ?? 'Unknown'),
        };
      } catch (err) {
        out.storage = { error: apiError(err, 'listing PVCs').message };
      }
    }
    return out;
  }

  @Tool({
    name: 'helm_find_broken_releases',
    title: 'Broken releases',
    description: 'Releases whose latest revision is failed, pending-* or uninstalling.',
    input: BrokenInput,
  })
  async broken(input: Static<typeof BrokenInput>, ctx: Ctx) {
    const found = await latestReleases(this.store, ctx, { namespace: input.namespace || undefined, all: true });
    const broken = found.filter(
      (x) => FAILED_STATES.has(x.release.info.status) || PENDING_STATES.has(x.release.info.status),
    );
    return {
      total: broken.length,
      releases: broken
        .slice(0, 100)
        .map((x) => ({ ...releaseLine(x.release), description: x.release.info.description ?? '' })),
    };
  }

  @Tool({
    name: 'helm_get_recent_failures',
    title: 'Recent failures',
    description: 'Failed (and pending) releases, most recently changed first.',
    input: FailuresInput,
  })
  async failures(input: Static<typeof FailuresInput>, ctx: Ctx) {
    const found = await latestReleases(this.store, ctx, { namespace: input.namespace || undefined, all: true });
    const hits = found
      .filter(
        (x) =>
          FAILED_STATES.has(x.release.info.status) ||
          (input.includePending !== false && PENDING_STATES.has(x.release.info.status)),
      )
      .sort((a, b) =>
        String(b.release.info.last_deployed ?? '').localeCompare(String(a.release.info.last_deployed ?? '')),
      );
    const limit = input.limit ?? 20;
    return {
      total: hits.length,
      returned: Math.min(limit, hits.length),
      releases: hits
        .slice(0, limit)
        .map((x) => ({ ...releaseLine(x.release), description: x.release.info.description ?? '' })),
    };
  }

  @Tool({
    name: 'helm_find_releases_by_chart',
    title: 'Releases by chart',
    description: 'Releases (every namespace) whose chart has this name, optionally this version.',
    input: ByChartInput,
  })
  async byChart(input: Static<typeof ByChartInput>, ctx: Ctx) {
    const found = await latestReleases(this.store, ctx, { all: true });
    const hits = found.filter(
      (x) =>
        x.release.chart?.metadata?.name === input.chart_name &&
        (!input.chart_version || x.release.chart?.metadata?.version === input.chart_version),
    );
    return {
      total: hits.length,
      byVersion: countBy(hits, (x) => x.release.chart?.metadata?.version ?? ''),
      releases: hits.slice(0, 200).map((x) => releaseLine(x.release)),
    };
  }

  @Tool({
    name: 'helm_find_releases_by_labels',
    title: 'Releases by labels',
    description: 'Releases whose labels (helm --labels) match k=v,k2!=v2.',
    input: ByLabelsInput,
  })
  async byLabels(input: Static<typeof ByLabelsInput>, ctx: Ctx) {
    const match = labelMatcher(input.labelSelector);
    const found = await latestReleases(this.store, ctx, { namespace: input.namespace || undefined, all: true });
    const hits = found.filter((x) => match(userLabels(x.record.labels)));
    const limit = input.limit ?? 50;
    return {
      total: hits.length,
      returned: Math.min(limit, hits.length),
      releases: hits.slice(0, limit).map((x) => releaseLine(x.release, x.record, true)),
    };
  }

  @Tool({
    name: 'helm_validate_release',
    title: 'Validate release',
    description:
      'Checks a release: status, manifest parses, every object exists and is ready in the cluster, chart not deprecated.',
    input: ReleaseRef,
  })
  async validate(input: Static<typeof ReleaseRef>, ctx: Ctx) {
    const r = await this.store.release(ctx.backend.context, input.namespace, input.name, undefined, ctx.signal);
    const parsed = parseManifest(r.manifest, r.namespace);
    const checks: Array<{ check: string; ok: boolean; detail?: string }> = [];
    checks.push({
      check: 'status',
      ok: r.info.status === 'deployed',
      detail: `${r.info.status}: ${r.info.description ?? ''}`,
    });
    checks.push({
      check: 'manifest',
      ok: !parsed.errors.length,
      detail: parsed.errors.length ? parsed.errors.slice(0, 5).join('; ') : `${parsed.objects.length} objects`,
    });
    checks.push({
      check: 'chart',
      ok: !r.chart?.metadata?.deprecated,
      detail: r.chart?.metadata?.deprecated ? 'the chart is deprecated' : undefined,
    });
    const objects = parsed.objects.slice(0, 100);
    const live = await Promise.all(objects.map((o) => liveStatus(this.store, ctx.backend.context, o, ctx.signal)));
    const problems = objects
      .map((o, i) => ({ object: `${o.kind}/${o.name}`, ...live[i] }))
      .filter((x) => x.live !== 'present' || x.ready === false);
    checks.push({
      check: 'objects',
      ok: !problems.length,
      detail: problems.length
        ? `${problems.length} of ${objects.length} missing or not ready`
        : `${objects.length} present and ready`,
    });
    return {
      name: r.name,
      namespace: r.namespace,
      revision: r.version,
      valid: checks.every((c) => c.ok),
      checks: checks.map((c) => (c.detail === undefined ? { check: c.check, ok: c.ok } : c)),
      ...(problems.length ? { problems: problems.slice(0, 30) } : {}),
    };
  }

  @Tool({
    name: 'helm_health_check',
    title: 'Health check',
    description: 'Checks the helm binary, the cluster (release records readable), repository indexes and the cache.',
    input: HealthInput,
  })
  async health(input: Static<typeof HealthInput>, ctx: Ctx) {
    const out: Record<string, unknown> = {};
    if (input.checkClient !== false) {
      const path = this.helm.cli.binaryPath();
      if (!path)
        out.client = { ok: false, detail: 'helm not found: install Helm 3 or set helm.binary (only changes need it)' };
      else {
        try {
          const { stdout } = await this.helm.run(ctx, ['version', '--short']);
          out.client = { ok: true, version: stdout.trim() };
        } catch (err) {
          out.client = { ok: false, detail: (err as Error).message };
        }
      }
    }
    if (input.checkKubernetes !== false) {
      try {
        const records = await this.store.records({ context: ctx.backend.context, signal: ctx.signal });
        out.kubernetes = {
          ok: true,
          context: ctx.backend.context,
          contexts: this.contexts.names().length,
          releaseRecords: records.length,
        };
      } catch (err) {
        out.kubernetes = { ok: false, context: ctx.backend.context, detail: (err as Error).message };
      }
    }
    const homes = this.helm.cli.homes();
    if (input.checkRepositories !== false) {
      const repos = readRepositories(homes.config);
      const { missing } = cachedCharts(homes.config, homes.cache);
      out.repositories = {
        ok: !missing.length,
        configured: repos.length,
        ...(missing.length ? { indexMissing: missing } : {}),
      };
    }
    if (input.checkCache !== false) {
      const s = cacheStats(homes.cache);
      out.cache = { ok: true, indexFiles: s.indexFiles, chartFiles: s.chartFiles, bytes: s.bytes };
    }
    return { healthy: Object.values(out).every((v) => (v as { ok: boolean }).ok), ...out };
  }
}
