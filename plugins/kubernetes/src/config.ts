import { Type, type Static } from '@cnmcp/core';

export const KubernetesConfigSchema = Type.Object(
  {
    kubeconfig: Type.Optional(
      Type.String({
        description:
          'Path of the kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config, then the in-cluster service account.',
      }),
    ),
    inCluster: Type.Optional(
      Type.Boolean({
        description:
          "Use the pod's service account (true) or never (false). Default: only when no kubeconfig is found and KUBERNETES_SERVICE_HOST is set.",
      }),
    ),
    contexts: Type.Array(Type.String(), {
      default: [],
      description: 'Allow-list of kubeconfig contexts that tools may target. Empty: every context in the file.',
    }),
    defaultContext: Type.Optional(
      Type.String({ description: "Context used when a call names none. Default: the kubeconfig's current-context." }),
    ),
    namespaces: Type.Object(
      {
        allow: Type.Array(Type.String(), {
          default: [],
          description: 'Only these namespaces are reachable (empty: all).',
        }),
        deny: Type.Array(Type.String(), { default: [], description: 'These namespaces are never reachable.' }),
      },
      { additionalProperties: false, default: {} },
    ),
    qps: Type.Number({
      default: 20,
      minimum: 0.1,
      description: 'Requests per second to one API server (token bucket).',
    }),
    burst: Type.Integer({ default: 40, minimum: 1, description: 'Burst size of the rate limiter.' }),
    timeoutSec: Type.Number({ default: 30, minimum: 1, description: 'Time limit of one API request.' }),
    showSecretValues: Type.Boolean({
      default: false,
      description: 'Return Secret data values in clear (service-account tokens stay masked).',
    }),
    maxLogBytes: Type.Integer({
      default: 32_000,
      minimum: 1_000,
      description:
        'Pod log bytes returned at most (the newest are kept; never more than server.maxResultBytes allows).',
    }),
    fieldManager: Type.String({
      default: 'cnmcp',
      description: 'Field manager name for server-side apply and writes.',
    }),
    discoveryTtlSec: Type.Integer({
      default: 300,
      minimum: 0,
      description: 'How long API discovery results are cached per context.',
    }),
    maxScanItems: Type.Integer({
      default: 5_000,
      minimum: 100,
      description: 'Objects read at most per kind by search and health scans.',
    }),
  },
  { additionalProperties: false, default: {} },
);

export type KubernetesConfig = Static<typeof KubernetesConfigSchema>;
