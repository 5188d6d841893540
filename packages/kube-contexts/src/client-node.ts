// @kubernetes/client-node is loaded on the first call that needs it (credentials, API clients, exec), never at
// start-up: it is hundreds of modules, most of a Kubernetes plugin's start-up time.
import type * as ClientNode from '@kubernetes/client-node';

export type KubernetesClientModule = typeof ClientNode;

let loading: Promise<KubernetesClientModule> | undefined;

/** The official Kubernetes client, imported once; a failed import names the package and is retried next time. */
export function loadKubernetesClient(): Promise<KubernetesClientModule> {
  loading ??= import('@kubernetes/client-node').catch((err: unknown) => {
    loading = undefined;
    throw new Error(`cannot load @kubernetes/client-node: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  });
  return loading;
}
