import { Type, type Static } from '@cnmcp/core';

export const HelmConfigSchema = Type.Object(
  {
    kubeconfig: Type.Optional(
      Type.String({
        description:
          'Path of the kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config, then the in-cluster service account (as kubernetes.kubeconfig).',
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
    binary: Type.Optional(
      Type.String({ description: 'Path of the helm binary for changes. Default: `helm` found on PATH.' }),
    ),
    home: Type.Optional(
      Type.String({
        description:
          'Directory holding HELM_CONFIG_HOME, HELM_CACHE_HOME and HELM_DATA_HOME (config/, cache/, data/). Default: <tmpdir>/cnmcp-helm-<uid>.',
      }),
    ),
    timeoutSec: Type.Integer({
      default: 300,
      minimum: 5,
      description: 'Time limit of one helm command (a call may ask for less).',
    }),
    readTimeoutSec: Type.Integer({ default: 30, minimum: 1, description: 'Time limit of one Kubernetes API read.' }),
    valuesDir: Type.Optional(
      Type.String({
        description:
          'Directory whose files values_file may name (relative paths resolve inside it). Unset: values_file is refused.',
      }),
    ),
    chartsDir: Type.Optional(
      Type.String({
        description: 'Directory of local charts (directories or .tgz) a chart argument may name. Unset: none.',
      }),
    ),
    repositories: Type.Object(
      {
        allow: Type.Array(Type.String(), {
          default: [],
          description: 'Host globs a repository URL must match (e.g. "*.example.com"). Empty: any public host.',
        }),
        allowCidrs: Type.Array(Type.String(), {
          default: [],
          description: 'Address ranges allowed although loopback, private or link-local (e.g. "10.0.0.0/8").',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    disableOpenApiValidation: Type.Boolean({
      default: false,
      description: 'Pass --disable-openapi-validation to install/upgrade (clusters whose OpenAPI document is broken).',
    }),
    showSecretValues: Type.Boolean({
      default: false,
      description: 'Return values and manifest Secret data in clear instead of masked.',
    }),
  },
  { additionalProperties: false, default: {} },
);

export type HelmConfig = Static<typeof HelmConfigSchema>;
