// The plugin's targets are Kubernetes contexts, found exactly as the Kubernetes plugin finds them
// (@cnmcp/kube-contexts); a call chooses one with its `context` argument.
import { inject, tokens, type BackendProvider, type CnmcpError } from '@cnmcp/core';
import { KubeContexts, type ContextParts } from '@cnmcp/kube-contexts';
import type { KubeConfig } from '@kubernetes/client-node';
import type { HelmConfig } from './config.js';
import { HelmErrors } from './errors.js';
import { ReleaseStore } from './store.js';

const FAILURES = {
  'not-configured': 'HELM_ERR_NOT_CONFIGURED',
  'kubeconfig-invalid': 'HELM_ERR_KUBECONFIG_INVALID',
  'context-unknown': 'HELM_ERR_CONTEXT_UNKNOWN',
} as const;

/** What a handler gets as ctx.backend: the chosen context. */
export interface HelmTarget {
  context: string;
  /** The context, its cluster and user as the kubeconfig names them. */
  parts: ContextParts;
  /** The client's KubeConfig for this context (loads @kubernetes/client-node on first use). */
  kubeConfig(): Promise<KubeConfig>;
}

export class HelmContexts implements BackendProvider<HelmTarget> {
  readonly kube: KubeContexts<CnmcpError>;
  readonly store: ReleaseStore;

  constructor(@inject(tokens.config) config: HelmConfig) {
    this.kube = new KubeContexts<CnmcpError>(config, {
      configKey: 'helm',
      error: (failure, message) => HelmErrors.create(FAILURES[failure], message),
    });
    this.store = new ReleaseStore(this.kube, config.readTimeoutSec * 1000);
  }

  names(): string[] {
    return this.kube.configured() ? this.kube.contexts().map((c) => c.name) : [];
  }
  defaultName(): string | undefined {
    return this.kube.configured() ? this.kube.defaultContextName() : undefined;
  }
  isConfigured(): boolean {
    return this.kube.configured();
  }
  configHint(): string {
    return 'Set helm.kubeconfig, or KUBECONFIG, or ~/.kube/config, or run in a pod (helm.inCluster)';
  }
  resolve(name?: string): HelmTarget {
    const context = this.kube.resolveContext(name);
    return { context, parts: this.kube.contextParts(context), kubeConfig: () => this.kube.kubeConfigFor(context) };
  }
  async probe(name: string, signal: AbortSignal): Promise<void> {
    await this.store.ping(name, signal);
  }
  describe(): Array<Record<string, unknown>> {
    return this.kube.contexts().map((c) => ({
      name: c.name,
      server: c.server,
      cluster: c.cluster,
      ...(c.namespace ? { namespace: c.namespace } : {}),
      default: c.current,
      source: this.kube.source(),
    }));
  }
}
