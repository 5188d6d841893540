// Release records read from the cluster with @kubernetes/client-node, in the contexts shared with the
// Kubernetes plugin: Secrets (Helm's default driver) and ConfigMaps (HELM_DRIVER=configmap), labelled owner=helm.
import type { KubeConfig } from '@kubernetes/client-node';
import type { CnmcpError } from '@cnmcp/core';
import { loadKubernetesClient, type KubeContexts } from '@cnmcp/kube-contexts';
import { HelmErrors } from './errors.js';
import { decodeReleasePayload, toRecord, type HelmRelease, type Obj, type ReleaseRecord } from './release.js';

export interface ReadScope {
  context?: string;
  /** One namespace, or every namespace when absent. */
  namespace?: string;
  /** One release name. */
  name?: string;
  signal?: AbortSignal;
}

const PAGE = 500;

export class ReleaseStore {
  constructor(
    private readonly contexts: KubeContexts<CnmcpError>,
    private readonly timeoutMs: number,
  ) {}

  kubeConfig(context?: string): Promise<KubeConfig> {
    return this.contexts.kubeConfigFor(context);
  }

  contextName(context?: string): string {
    return this.contexts.resolveContext(context);
  }

  /** Every record (all revisions) in scope, from both drivers. */
  async records(scope: ReadScope): Promise<ReleaseRecord[]> {
    const kc = await this.kubeConfig(scope.context);
    const { CoreV1Api } = await loadKubernetesClient();
    const api = kc.makeApiClient(CoreV1Api);
    const labelSelector = scope.name ? `owner=helm,name=${scope.name}` : 'owner=helm';
    const where = `${scope.namespace ? `namespace ${scope.namespace}` : 'all namespaces'} of context ${kc.getCurrentContext()}`;
    const secrets = await this.listAll(
      (cont) =>
        scope.namespace
          ? api.listNamespacedSecret({ namespace: scope.namespace, labelSelector, limit: PAGE, _continue: cont })
          : api.listSecretForAllNamespaces({ labelSelector, limit: PAGE, _continue: cont }),
      `listing Helm release Secrets in ${where}`,
      scope.signal,
    );
    let configMaps: Obj[] = [];
    try {
      configMaps = await this.listAll(
        (cont) =>
          scope.namespace
            ? api.listNamespacedConfigMap({ namespace: scope.namespace, labelSelector, limit: PAGE, _continue: cont })
            : api.listConfigMapForAllNamespaces({ labelSelector, limit: PAGE, _continue: cont }),
        `listing Helm release ConfigMaps in ${where}`,
        scope.signal,
      );
    } catch (err) {
      // The configmap driver is rare; a user allowed Secrets but not ConfigMaps still sees its releases.
      if ((err as CnmcpError).code !== 'HELM_ERR_FORBIDDEN') throw err;
    }
    return [...secrets.map((s) => toRecord(s, 'secret')), ...configMaps.map((c) => toRecord(c, 'configmap'))].filter(
      (r): r is ReleaseRecord => !!r,
    );
  }

  /** Every revision of one release, oldest first; HELM_ERR_RELEASE_NOT_FOUND when there is none. */
  async history(context: string | undefined, namespace: string, name: string, signal?: AbortSignal) {
    const records = (await this.records({ context, namespace, name, signal })).sort((a, b) => a.revision - b.revision);
    if (!records.length)
      throw HelmErrors.create(
        'HELM_ERR_RELEASE_NOT_FOUND',
        `release "${name}" was not found in namespace ${namespace} of context ${this.contextName(context)}`,
      );
    return records;
  }

  /** One revision decoded (the latest when revision is absent). */
  async release(
    context: string | undefined,
    namespace: string,
    name: string,
    revision?: number,
    signal?: AbortSignal,
  ): Promise<HelmRelease> {
    const records = await this.history(context, namespace, name, signal);
    if (revision === undefined) return this.decode(records[records.length - 1]);
    const found = records.find((r) => r.revision === revision);
    if (!found)
      throw HelmErrors.create(
        'HELM_ERR_REVISION_NOT_FOUND',
        `release "${name}" in namespace ${namespace} has no revision ${revision}; revisions: ${records.map((r) => r.revision).join(', ')}`,
      );
    return this.decode(found);
  }

  decode(record: ReleaseRecord): HelmRelease {
    try {
      const release = decodeReleasePayload(record.payload);
      release.namespace ||= record.namespace;
      return release;
    } catch (err) {
      throw HelmErrors.create(
        'HELM_ERR_RELEASE_UNREADABLE',
        `the ${record.driver} ${record.namespace}/${record.objectName} cannot be decoded: ${(err as Error).message}`,
      );
    }
  }

  /** The live object of a manifest entry (undefined when it does not exist). */
  async readObject(context: string | undefined, obj: Obj, signal?: AbortSignal): Promise<Obj | undefined> {
    const kc = await this.kubeConfig(context);
    const { KubernetesObjectApi } = await loadKubernetesClient();
    const api = KubernetesObjectApi.makeApiClient(kc);
    try {
      return (await this.withTimeout(api.read(obj as never), 'reading ' + String(obj.kind), signal)) as Obj;
    } catch (err) {
      if ((err as CnmcpError).code === 'HELM_ERR_CLUSTER' && (err as CnmcpError).data?.status === 404) return undefined;
      throw err;
    }
  }

  /** Checks that the API server answers (GET /version through the client). */
  async ping(context: string | undefined, signal?: AbortSignal): Promise<void> {
    const kc = await this.kubeConfig(context);
    const { CoreV1Api } = await loadKubernetesClient();
    const api = kc.makeApiClient(CoreV1Api);
    await this.withTimeout(api.listNamespace({ limit: 1 }), 'listing namespaces', signal);
  }

  private async listAll(
    page: (cont: string | undefined) => Promise<{ items: unknown[]; metadata?: { _continue?: string } }>,
    what: string,
    signal?: AbortSignal,
  ): Promise<Obj[]> {
    const items: Obj[] = [];
    let cont: string | undefined;
    do {
      let list: { items: unknown[]; metadata?: { _continue?: string } };
      try {
        list = await this.withTimeout(page(cont), what, signal);
      } catch (err) {
        // A namespace that does not exist holds no releases (some API servers answer 404 instead of an empty list).
        if ((err as CnmcpError).code === 'HELM_ERR_CLUSTER' && (err as CnmcpError).data?.status === 404) return items;
        throw err;
      }
      items.push(...(list.items as Obj[]));
      cont = list.metadata?._continue || undefined;
    } while (cont);
    return items;
  }

  private withTimeout<T>(promise: Promise<T>, what: string, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(HelmErrors.create('HELM_ERR_CLUSTER_UNREACHABLE', `${what}: no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      const onAbort = () => reject(HelmErrors.create('HELM_ERR_CLUSTER_UNREACHABLE', `${what} was cancelled`));
      signal?.addEventListener('abort', onAbort, { once: true });
      promise
        .then(
          (v) => resolve(v),
          (e) => reject(apiError(e, what)),
        )
        .finally(() => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        });
    });
  }
}

/** A client-node failure as a Helm plugin error carrying the API server's own message. */
export function apiError(err: unknown, what: string): CnmcpError {
  const e = err as { code?: number | string; body?: unknown; message?: string; cause?: { code?: string } };
  if (typeof e?.code === 'number') {
    let body: Obj = {};
    try {
      body = typeof e.body === 'string' ? JSON.parse(e.body) : ((e.body as Obj) ?? {});
    } catch {
      body = {};
    }
    const message = `${what}: ${body.message ?? `HTTP ${e.code}`}`;
    const data = { status: e.code, ...(body.reason ? { reason: body.reason } : {}) };
    if (e.code === 401 || e.code === 403) return HelmErrors.create('HELM_ERR_FORBIDDEN', message, { data });
    return HelmErrors.create('HELM_ERR_CLUSTER', message, { data });
  }
  const code = e?.cause?.code ?? (typeof e?.code === 'string' ? e.code : undefined);
  return HelmErrors.create(
    'HELM_ERR_CLUSTER_UNREACHABLE',
    `${what}: cannot reach the API server${code ? ` (${code})` : ''}: ${String(e?.message ?? err).slice(0, 300)}`,
  );
}
