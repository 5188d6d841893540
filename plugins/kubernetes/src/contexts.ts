// Kubernetes contexts as the core's backend targets: the kubeconfig is found and merged through
// @cnmcp/kube-contexts, each allowed context gets its own client, and a call picks one with `context`.
import { coreError, inject, tokens, type BackendProvider, type CnmcpError, type HealthReport } from '@cnmcp/core';
import { KubeContexts, type KubeContextFailure } from '@cnmcp/kube-contexts';
import { ClusterClient, type Obj } from './client.js';
import type { KubernetesConfig } from './config.js';
import { KubeErrors } from './errors.js';

const SETUP_HINT =
  'Set kubernetes.kubeconfig in the config, or the KUBECONFIG environment variable, or run in a pod with a service account (kubernetes.inCluster: true).';

function contextError(failure: KubeContextFailure, message: string): CnmcpError {
  if (failure === 'kubeconfig-invalid') return KubeErrors.create('KUBERNETES_ERR_KUBECONFIG_INVALID', message);
  if (failure === 'context-unknown')
    return coreError('CNMCP_ERR_BACKEND_TARGET_UNKNOWN', message, {
      hint: 'Call kubernetes_list_contexts for the names you can use.',
    });
  return coreError('CNMCP_ERR_BACKEND_NOT_CONFIGURED', message, { hint: SETUP_HINT });
}

/** Every usable context, each with its own client; handlers get the chosen one as ctx.backend. */
export class KubeClusters extends KubeContexts<CnmcpError> implements BackendProvider<ClusterClient> {
  private readonly clients = new Map<string, ClusterClient>();

  constructor(@inject(tokens.config) private readonly settings: KubernetesConfig) {
    super(settings, { configKey: 'kubernetes', error: contextError });
  }

  names(): string[] {
    return this.configured() ? this.contexts().map((c) => c.name) : [];
  }
  defaultName(): string | undefined {
    return this.configured() ? this.defaultContextName() : undefined;
  }
  isConfigured(): boolean {
    return this.configured();
  }
  /** Why no context can be used (what was looked for), then what to set. */
  configHint(): string {
    const why = this.notConfiguredError()?.message;
    return why ? `${why}. ${SETUP_HINT}` : SETUP_HINT;
  }
  resolve(name?: string): ClusterClient {
    return this.client(name);
  }
  describe(): Array<Record<string, unknown>> {
    return this.contexts().map(({ name, cluster, server, namespace, current }) => ({
      name,
      cluster,
      server,
      namespace,
      default: current,
    }));
  }

  client(context?: string): ClusterClient {
    const name = this.resolveContext(context);
    let c = this.clients.get(name);
    if (!c) {
      c = new ClusterClient(name, this.contextParts(name), () => this.kubeConfigFor(name), this.settings);
      this.clients.set(name, c);
    }
    return c;
  }

  /**
   * Probes every allowed context (at most 10, in parallel). Degraded only when none answers: one cluster being
   * down must not block the others, and a call to the down one gets the API server's own failure.
   */
  async health(): Promise<HealthReport> {
    if (!this.configured()) return { status: 'not_configured', detail: this.notConfiguredError()?.message };
    const names = this.names().slice(0, 10);
    const results = await Promise.all(
      names.map(async (name) => {
        try {
          const v = await this.client(name).request<Obj>({ path: '/version', timeoutMs: 4_000 });
          return { ok: true, detail: `${name}: ${v.gitVersion}` };
        } catch (err) {
          return { ok: false, detail: `${name}: ${(err as Error).message}` };
        }
      }),
    );
    const detail = results.map((r) => r.detail).join('; ');
    return { status: results.some((r) => r.ok) ? 'ok' : 'degraded', detail };
  }
}
