// Toolset helm/repositories: chart repositories kept under helm.home. Adding or refreshing one fetches its
// index, so URLs pass the URL guard (public addresses only unless helm.repositories.allowCidrs) first.
import { rm } from 'node:fs/promises';
import { annotations, inject, Tool, ToolGroup, type Static } from '@cnmcp/core';
import { HelmCommands } from '../commands.js';
import { HelmErrors } from '../errors.js';
import {
  cachedCharts,
  cacheStats,
  checkRepositoryUrl,
  readRepositories,
  repositoryCache,
  searchCharts,
} from '../repos.js';
import { AddRepoInput, Empty, RemoveRepoInput, SearchInput } from '../schemas.js';
import type { ToolContext } from '@cnmcp/core';
import type { HelmTarget } from '../contexts.js';

type Ctx = ToolContext<HelmTarget>;

@ToolGroup({
  name: 'repositories',
  title: 'Chart repositories',
  description: 'Add, remove, list and refresh chart repositories; search their charts; the index cache.',
  defaults: { annotations: annotations.idempotentWrite },
})
export class RepositoryTools {
  constructor(@inject(HelmCommands) private readonly helm: HelmCommands) {}

  private homes() {
    return this.helm.cli.homes();
  }

  @Tool({
    name: 'helm_add_repository',
    title: 'Add repository',
    description: 'Add a chart repository by name and http(s) URL and fetch its index.',
    input: AddRepoInput,
  })
  async add(input: Static<typeof AddRepoInput>, ctx: Ctx) {
    const url = await checkRepositoryUrl(input.url, this.helm.config.repositories);
    await this.helm.run(ctx, ['repo', 'add', input.name, url.toString().replace(/\/$/, ''), '--force-update']);
    const charts = cachedCharts(this.homes().config, this.homes().cache).charts.filter((c) => c.repo === input.name);
    return { name: input.name, url: url.toString(), added: true, charts: new Set(charts.map((c) => c.name)).size };
  }

  @Tool({
    name: 'helm_remove_repository',
    title: 'Remove repository',
    description: 'Remove a configured chart repository and its cached index.',
    input: RemoveRepoInput,
  })
  async remove(input: Static<typeof RemoveRepoInput>, ctx: Ctx) {
    const repos = readRepositories(this.homes().config);
    if (!repos.some((r) => r.name === input.name))
      throw HelmErrors.create(
        'HELM_ERR_REPOSITORY_NOT_FOUND',
        `no repository named "${input.name}"; configured: ${repos.map((r) => r.name).join(', ') || '(none)'}`,
      );
    await this.helm.run(ctx, ['repo', 'remove', input.name]);
    return { name: input.name, removed: true };
  }

  @Tool({
    name: 'helm_list_repos',
    title: 'List repositories',
    description: 'Configured chart repositories (name, URL, whether the index is cached).',
    input: Empty,
    annotations: annotations.local,
  })
  async list(_input: Static<typeof Empty>) {
    const { config, cache } = this.homes();
    const missing = new Set(cachedCharts(config, cache).missing);
    const repos = readRepositories(config).map((r) => ({ ...r, indexCached: !missing.has(r.name) }));
    return { total: repos.length, repositories: repos };
  }

  @Tool({
    name: 'helm_update_repositories',
    title: 'Update repositories',
    description: 'Fetch the latest index of every configured repository.',
    input: Empty,
  })
  async update(_input: Static<typeof Empty>, ctx: Ctx) {
    const repos = readRepositories(this.homes().config);
    if (!repos.length)
      return { updated: 0, repositories: [], note: 'no repositories configured; add one with helm_add_repository' };
    for (const r of repos) await checkRepositoryUrl(r.url, this.helm.config.repositories);
    await this.helm.run(ctx, ['repo', 'update']);
    const { charts } = cachedCharts(this.homes().config, this.homes().cache);
    return {
      updated: repos.length,
      repositories: repos.map((r) => ({
        name: r.name,
        charts: new Set(charts.filter((c) => c.repo === r.name).map((c) => c.name)).size,
      })),
    };
  }

  @Tool({
    name: 'helm_search_charts',
    title: 'Search charts',
    description: 'Search the cached repository indexes (newest version per chart; devel for prereleases).',
    input: SearchInput,
    annotations: annotations.local,
  })
  async search(input: Static<typeof SearchInput>) {
    const { config, cache } = this.homes();
    const { charts, missing } = cachedCharts(config, cache);
    const hits = await searchCharts(charts, input.keyword || input.query, !!input.devel);
    const limit = input.limit ?? 50;
    return {
      total: hits.length,
      returned: Math.min(limit, hits.length),
      charts: hits.slice(0, limit).map((c) => ({
        name: `${c.repo}/${c.name}`,
        version: c.version,
        app_version: c.app_version,
        description: c.description.slice(0, 160),
        ...(c.deprecated ? { deprecated: true } : {}),
      })),
      ...(missing.length ? { notCached: missing, hint: 'run helm_update_repositories to fetch their indexes' } : {}),
      ...(readRepositories(config).length
        ? {}
        : { note: 'no repositories configured; add one with helm_add_repository' }),
    };
  }

  @Tool({
    name: 'helm_cache_stats',
    title: 'Cache stats',
    description: 'Repository cache: index files, chart archives and bytes.',
    input: Empty,
    annotations: annotations.local,
  })
  async stats(_input: Static<typeof Empty>) {
    const s = cacheStats(this.homes().cache);
    return {
      indexFiles: s.indexFiles,
      chartFiles: s.chartFiles,
      bytes: s.bytes,
      repositories: readRepositories(this.homes().config).length,
    };
  }

  @Tool({
    name: 'helm_clear_cache',
    title: 'Clear cache',
    description: 'Delete the cached repository indexes and charts (helm_update_repositories fetches them again).',
    input: Empty,
  })
  async clear(_input: Static<typeof Empty>) {
    const before = cacheStats(this.homes().cache);
    await rm(repositoryCache(this.homes().cache), { recursive: true, force: true });
    return { cleared: true, indexFiles: before.indexFiles, chartFiles: before.chartFiles, bytes: before.bytes };
  }
}
