// Kubeconfig contexts shared by every plugin that talks to Kubernetes: the kubeconfig is found and merged the
// way kubectl does it (an explicit file, else every file of KUBECONFIG, else ~/.kube/config, else the pod's
// service account), an allow-list narrows the contexts, and a default context is chosen. Errors are built by
// the caller so each plugin keeps its own error codes. The contexts are read without the Kubernetes client; a
// KubeConfig (credentials) is built, and the client loaded, on the first call that needs one.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { loadKubernetesClient } from './client-node.js';
import {
  findNamed,
  inClusterKubeconfig,
  mergeKubeconfig,
  readKubeconfigFile,
  type KubeconfigData,
} from './kubeconfig-data.js';

/** The config keys every Kubernetes-backed plugin shares (same meaning, same defaults). */
export interface KubeContextSettings {
  /** Path of the kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config, then in-cluster. */
  kubeconfig?: string;
  /** Use the pod's service account (true) or never (false). Default: only when no kubeconfig is found. */
  inCluster?: boolean;
  /** Allow-list of contexts (empty or absent: every context). */
  contexts?: string[];
  /** Context used when a call names none. Default: the kubeconfig's current-context. */
  defaultContext?: string;
}

export type KubeContextFailure = 'not-configured' | 'kubeconfig-invalid' | 'context-unknown';

export interface KubeContextsOptions<E extends Error> {
  /** Config section that holds the settings, named in messages (e.g. `kubernetes` → `kubernetes.kubeconfig`). */
  configKey: string;
  /** Builds the plugin's own error for a failure. */
  error: (failure: KubeContextFailure, message: string) => E;
  /** Environment read for KUBECONFIG and KUBERNETES_SERVICE_HOST (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Home directory holding .kube/config (default: the user's home). */
  home?: string;
}

export interface ContextInfo {
  name: string;
  cluster: string;
  server: string;
  user: string;
  namespace?: string;
  current: boolean;
}

/** One context with its cluster and user, as the kubeconfig names them (null when it names none that exists). */
export interface ContextParts {
  name: string;
  context: Context;
  cluster: Cluster | null;
  user: User | null;
}

interface Loaded<E> {
  kc?: KubeconfigData;
  source?: string;
  inCluster?: boolean;
  error?: E;
}

/** Every usable context (allow-list applied); the kubeconfig is loaded lazily, once. */
export class KubeContexts<E extends Error = Error> {
  private loaded?: Loaded<E>;
  private readonly singles = new Map<string, Promise<KubeConfig>>();

  constructor(
    private readonly contextSettings: KubeContextSettings,
    private readonly options: KubeContextsOptions<E>,
  ) {}

  private load(): Loaded<E> {
    if (this.loaded) return this.loaded;
    const s = this.contextSettings;
    const env = this.options.env ?? process.env;
    const key = this.options.configKey;
    const candidates: Array<[string, string]> = [];
    if (s.kubeconfig) candidates.push([s.kubeconfig, `${key}.kubeconfig`]);
    else if (env.KUBECONFIG)
      for (const p of env.KUBECONFIG.split(delimiter).filter(Boolean)) candidates.push([p, 'KUBECONFIG']);
    else candidates.push([join(this.options.home ?? homedir(), '.kube', 'config'), '~/.kube/config']);
    const useInCluster =
      s.inCluster === true ||
      (s.inCluster === undefined &&
        !s.kubeconfig &&
        !env.KUBECONFIG &&
        !existsSync(candidates[0][0]) &&
        !!env.KUBERNETES_SERVICE_HOST);
    try {
      if (useInCluster) {
        const kc = inClusterKubeconfig(env);
        this.loaded = { kc, source: 'in-cluster service account', inCluster: true };
      } else {
        const found = candidates.filter(([p]) => existsSync(p));
        if (!found.length) {
          this.loaded = {
            error: this.options.error(
              'not-configured',
              s.kubeconfig
                ? `the kubeconfig file named by ${key}.kubeconfig does not exist`
                : `no kubeconfig found: ${key}.kubeconfig is not set, KUBECONFIG is not set and ~/.kube/config does not exist, and this is not a pod with a service account`,
            ),
          };
          return this.loaded;
        }
        // several KUBECONFIG files are merged like kubectl does (the first file's current-context wins)
        const kc = readKubeconfigFile(found[0][0]);
        for (const [p] of found.slice(1)) mergeKubeconfig(kc, readKubeconfigFile(p));
        this.loaded = { kc, source: found.length > 1 ? `${found[0][1]} (${found.length} files merged)` : found[0][1] };
      }
    } catch (err) {
      this.loaded = {
        error: this.options.error(
          'kubeconfig-invalid',
          `the kubeconfig from ${candidates[0][1]} cannot be loaded: ${(err as Error).message}`,
        ),
      };
    }
    return this.loaded;
  }

  private kubeConfig(): KubeconfigData {
    const { kc, error } = this.load();
    if (!kc) throw error!;
    return kc;
  }

  configured(): boolean {
    return !!this.load().kc;
  }
  notConfiguredError(): E | undefined {
    return this.load().error;
  }
  /** Where the contexts came from (e.g. `KUBECONFIG (2 files merged)`), for status tools. */
  source(): string | undefined {
    return this.load().source;
  }
  /** True when the credentials are the pod's service account. */
  inCluster(): boolean {
    return !!this.load().inCluster;
  }

  contexts(): ContextInfo[] {
    const kc = this.kubeConfig();
    const allow = this.contextSettings.contexts ?? [];
    const current = this.defaultContextName();
    return kc.contexts
      .filter((c) => !allow.length || allow.includes(c.name))
      .map((c) => ({
        name: c.name,
        cluster: c.cluster,
        server: findNamed(kc.clusters, c.cluster)?.server ?? '',
        user: c.user,
        namespace: c.namespace,
        current: c.name === current,
      }));
  }

  defaultContextName(): string {
    const kc = this.kubeConfig();
    const allow = this.contextSettings.contexts ?? [];
    const wanted = this.contextSettings.defaultContext ?? kc.currentContext;
    if (!allow.length || allow.includes(wanted)) return wanted;
    return allow[0];
  }

  /** The context a call targets: the one named (must be available) or the default. */
  resolveContext(context?: string): string {
    this.kubeConfig();
    const name = context || this.defaultContextName();
    const known = this.contexts().map((c) => c.name);
    if (!known.includes(name))
      throw this.options.error(
        'context-unknown',
        `context "${name}" is not available; available: ${known.join(', ') || '(none)'}`,
      );
    return name;
  }

  /** The named (or default) context with its cluster and user, read without loading the Kubernetes client. */
  contextParts(context?: string): ContextParts {
    const name = this.resolveContext(context);
    const kc = this.kubeConfig();
    const ctx = findNamed(kc.contexts, name)!;
    return { name, context: ctx, cluster: findNamed(kc.clusters, ctx.cluster), user: findNamed(kc.users, ctx.user) };
  }

  /**
   * A KubeConfig whose current-context is the named context (every cluster and user kept, as kubectl sees it).
   * The context is checked now (a CnmcpError of the caller's for an unknown one); the client is loaded on first use.
   */
  kubeConfigFor(context?: string): Promise<KubeConfig> {
    const name = this.resolveContext(context);
    let one = this.singles.get(name);
    if (!one) {
      const kc = this.kubeConfig();
      one = loadKubernetesClient().then(({ KubeConfig }) => {
        const built = new KubeConfig();
        built.loadFromOptions({
          clusters: kc.clusters,
          users: kc.users,
          contexts: kc.contexts,
          currentContext: name,
        });
        return built;
      });
      one.catch(() => this.singles.delete(name));
      this.singles.set(name, one);
    }
    return one;
  }

  /** Every credential string of every context, for output scrubbers. */
  allSecrets(): string[] {
    const { kc } = this.load();
    if (!kc) return [];
    return kc.users
      .flatMap((u) => [u.token, u.password, u.keyData, u.certData])
      .filter((s): s is string => !!s && s.length >= 8);
  }
}
