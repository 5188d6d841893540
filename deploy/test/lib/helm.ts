// The real helm binary (fetched by plugins/helm/scripts/fetch-helm.mjs, or on PATH), rendering, and validation of
// every rendered manifest against the Kubernetes schemas (kubernetes-models; no network).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { findBinary } from '@cnmcp/core/testing';
import { REPO } from './cluster.js';

const run = promisify(execFile);
export const CHART = join(REPO, 'deploy', 'helm', 'cnmcp');
const FETCHED_HELM = join(REPO, 'plugins', 'helm', '.cache', 'helm');
const HOW = 'run `node plugins/helm/scripts/fetch-helm.mjs` (or put helm 3 on PATH)';

/** The helm binary, or a skip reason; under CI=true a missing helm is an error. */
export function requireHelm(): { path?: string; skip?: string } {
  const path = existsSync(FETCHED_HELM) ? FETCHED_HELM : findBinary('helm');
  if (path) return { path };
  if (process.env.CI === 'true') throw new Error(`helm is missing (${HOW}); CI=true requires it`);
  return { skip: `helm is missing (${HOW})` };
}

export type Manifest = Record<string, any>;

export async function helm(bin: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(bin, args, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, out: stdout, err: stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, out: e.stdout ?? '', err: e.stderr ?? String(err) };
  }
}

/** `helm` arguments for a set of values: `key=value` pairs (--set) and values files (paths ending in .yaml). */
export const valueArgs = (set: string[]) =>
  set.flatMap((s) => (s.endsWith('.yaml') && !s.includes('=') ? ['-f', s] : ['--set', s]));

/** `helm template` with those values; the manifests, or throws with helm's message. */
export async function render(bin: string, set: string[] = [], namespace = 'cnmcp'): Promise<Manifest[]> {
  const args = ['template', 'cnmcp', CHART, '--namespace', namespace, ...valueArgs(set)];
  const { code, out, err } = await helm(bin, args);
  if (code !== 0) throw new Error(err.trim());
  return parseAllDocuments(out)
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => !!m);
}

/** The kubernetes-models module of a kind (built-in kinds, and the Prometheus Operator's ServiceMonitor). */
function modelModule(apiVersion: string, kind: string): string {
  if (apiVersion.startsWith('monitoring.coreos.com/'))
    return `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

/** Validates one manifest against its kind's schema; the problem, or undefined when valid. */
export async function schemaProblem(manifest: Manifest): Promise<string | undefined> {
  let Model: { new (data: unknown): { validate(): void } };
  try {
    const mod = (await import(modelModule(manifest.apiVersion, manifest.kind))) as Record<string, any>;
    Model = mod[manifest.kind];
  } catch {
    return `no schema for ${manifest.apiVersion} ${manifest.kind}`;
  }
  try {
    new Model(manifest).validate();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export const byKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);
