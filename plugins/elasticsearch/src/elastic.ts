// The official client (@elastic/elasticsearch with its transport, undici and OpenTelemetry: about 200 modules)
// is loaded on the first call to a cluster, not when the server starts.
import type * as Elastic from '@elastic/elasticsearch';

export type ElasticModule = typeof Elastic;

let loaded: ElasticModule | undefined;
let loading: Promise<ElasticModule> | undefined;

/** The client module, imported once; a failed import names the package and is retried next time. */
export function loadElastic(): Promise<ElasticModule> {
  loading ??= import('@elastic/elasticsearch').then(
    (mod) => (loaded = mod),
    (err: unknown) => {
      loading = undefined;
      throw new Error(`cannot load @elastic/elasticsearch: ${(err as Error)?.message ?? String(err)}`, {
        cause: err,
      });
    },
  );
  return loading;
}

/** The client's error classes once the client is loaded (an error from a cluster call implies it is). */
export function elasticErrors(): ElasticModule['errors'] | undefined {
  return loaded?.errors;
}
