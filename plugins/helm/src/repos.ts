// Chart repositories as helm keeps them under HELM_CONFIG_HOME / HELM_CACHE_HOME: repositories.yaml and the
// cached <name>-index.yaml files, read directly for listing and searching (no network); the URL guard for
// repositories added from a request.
import { lookup } from 'node:dns/promises';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type SemverApi from 'semver';
import { AddressGuard } from '@cnmcp/core';
import { HelmErrors } from './errors.js';
import type { Obj } from './release.js';
import { yaml } from './yaml.js';

export interface RepositoryEntry {
  name: string;
  url: string;
}

export function repositoriesFile(configHome: string): string {
  return join(configHome, 'repositories.yaml');
}

export function repositoryCache(cacheHome: string): string {
  return join(cacheHome, 'repository');
}

/** The configured repositories (name and URL only: credentials are never returned). */
export function readRepositories(configHome: string): RepositoryEntry[] {
  const file = repositoriesFile(configHome);
  if (!existsSync(file)) return [];
  const doc = (yaml().parse(readFileSync(file, 'utf8')) ?? {}) as Obj;
  return ((doc.repositories ?? []) as Obj[])
    .filter((r) => r?.name)
    .map((r) => ({ name: String(r.name), url: String(r.url ?? '') }));
}

export interface ChartVersion {
  repo: string;
  name: string;
  version: string;
  app_version: string;
  description: string;
  deprecated?: boolean;
  urls?: string[];
}

/** Parses one cached index (entries: chart name → versions). */
export function readIndex(path: string, repo: string): ChartVersion[] {
  const doc = (yaml().parse(readFileSync(path, 'utf8')) ?? {}) as Obj;
  const out: ChartVersion[] = [];
  for (const [name, versions] of Object.entries((doc.entries ?? {}) as Obj)) {
    for (const v of (versions ?? []) as Obj[]) {
      out.push({
        repo,
        name: String(v.name ?? name),
        version: String(v.version ?? ''),
        app_version: String(v.appVersion ?? ''),
        description: String(v.description ?? ''),
        ...(v.deprecated ? { deprecated: true } : {}),
        ...(Array.isArray(v.urls) ? { urls: v.urls.map(String) } : {}),
        ...(Array.isArray(v.keywords) ? { keywords: v.keywords.map(String) } : {}),
      } as ChartVersion);
    }
  }
  return out;
}

/** Every chart version of every configured repository whose index is cached. */
export function cachedCharts(configHome: string, cacheHome: string): { charts: ChartVersion[]; missing: string[] } {
  const cache = repositoryCache(cacheHome);
  const charts: ChartVersion[] = [];
  const missing: string[] = [];
  for (const repo of readRepositories(configHome)) {
    const path = join(cache, `${repo.name}-index.yaml`);
    if (!existsSync(path)) missing.push(repo.name);
    else charts.push(...readIndex(path, repo.name));
  }
  return { charts, missing };
}

/**
 * `helm search repo`: the newest version of each chart whose name, description or keywords contain the
 * keyword (every chart without one); prereleases only with devel. semver (about 50 modules) is loaded here, on
 * the first search, not at start-up.
 */
export async function searchCharts(
  charts: ChartVersion[],
  keyword: string | undefined,
  devel: boolean,
): Promise<ChartVersion[]> {
  const { default: semver } = await import('semver');
  const needle = (keyword ?? '').toLowerCase();
  const best = new Map<string, ChartVersion>();
  for (const c of charts) {
    const parsed = semver.valid(c.version, { loose: true });
    if (!devel && parsed && semver.prerelease(parsed)) continue;
    const hay = `${c.repo}/${c.name} ${c.description} ${((c as Obj).keywords ?? []).join(' ')}`.toLowerCase();
    if (needle && !hay.includes(needle)) continue;
    const key = `${c.repo}/${c.name}`;
    const seen = best.get(key);
    if (!seen || compareVersions(semver, c.version, seen.version) > 0) best.set(key, c);
  }
  return [...best.values()].sort((a, b) => `${a.repo}/${a.name}`.localeCompare(`${b.repo}/${b.name}`));
}

function compareVersions(semver: typeof SemverApi, a: string, b: string): number {
  const va = semver.valid(a, { loose: true });
  const vb = semver.valid(b, { loose: true });
  if (va && vb) return semver.compare(va, vb, { loose: true });
  return a.localeCompare(b);
}

/** Size and files of the repository cache. */
export function cacheStats(cacheHome: string): { path: string; indexFiles: number; chartFiles: number; bytes: number } {
  const dir = repositoryCache(cacheHome);
  let indexFiles = 0;
  let chartFiles = 0;
  let bytes = 0;
  if (existsSync(dir)) {
    for (const f of readdirSync(dir)) {
      const st = statSync(join(dir, f));
      if (!st.isFile()) continue;
      bytes += st.size;
      if (f.endsWith('-index.yaml')) indexFiles++;
      else if (f.endsWith('.tgz')) chartFiles++;
    }
  }
  return { path: dir, indexFiles, chartFiles, bytes };
}

export interface RepositoryPolicy {
  allow: string[];
  allowCidrs: string[];
}

/** Whether a host matches one of helm.repositories.allow's globs (picomatch is loaded when a list is set). */
async function hostAllowed(host: string, globs: readonly string[]): Promise<boolean> {
  const { default: picomatch } = await import('picomatch');
  return globs.some((glob) => picomatch.isMatch(host, glob, { nocase: true }));
}

/**
 * Refuses a repository URL that is not public http(s) (loopback, private, link-local, metadata; names that
 * resolve there) unless helm.repositories.allowCidrs permits it, and hosts outside helm.repositories.allow.
 */
export async function checkRepositoryUrl(raw: string, policy: RepositoryPolicy): Promise<URL> {
  const guard = new AddressGuard({
    allowCidrs: policy.allowCidrs,
    error: (kind, message) =>
      HelmErrors.create(kind === 'invalid' ? 'HELM_ERR_BAD_INPUT' : 'HELM_ERR_REPOSITORY_FORBIDDEN', message),
  });
  const url = guard.checkUrl(raw, 'url');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (policy.allow.length && !(await hostAllowed(host, policy.allow)))
    throw HelmErrors.create(
      'HELM_ERR_REPOSITORY_FORBIDDEN',
      `host ${host} is not in helm.repositories.allow (${policy.allow.join(', ')})`,
    );
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(host, { all: true });
  } catch (err) {
    throw HelmErrors.create(
      'HELM_ERR_BAD_INPUT',
      `host ${host} of the repository URL does not resolve: ${(err as Error).message}`,
    );
  }
  const bad = addresses.find((a) => !guard.isAllowed(a.address));
  if (bad)
    throw HelmErrors.create(
      'HELM_ERR_REPOSITORY_FORBIDDEN',
      `${host} resolves to ${bad.address}, a loopback, private, link-local or metadata address`,
      { hint: 'Add the range to helm.repositories.allowCidrs if the operator trusts this repository.' },
    );
  return url;
}
