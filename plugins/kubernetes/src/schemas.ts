// Tool inputs: the reference's parameter names, plus `context` (which cluster) and `apiVersion` (which group).
import { Type } from '@cnmcp/core';

const S = (description: string) => Type.String({ description });
const OS = (description: string) => Type.Optional(Type.String({ description }));
const OB = (description: string) => Type.Optional(Type.Boolean({ description }));
const ON = (description: string, opts: Record<string, unknown> = {}) =>
  Type.Optional(Type.Number({ description, ...opts }));

const common = {
  context: OS(
    'Kubeconfig context (cluster) to use; default: the configured default. kubernetes_list_contexts lists them.',
  ),
  debug: OS('Accepted for compatibility; ignored.'),
};
const kindArgs = {
  kind: S('Kind, plural or short name (Pod, deployments, deploy, deployments.apps, Widget).'),
  apiVersion: OS(
    'apiVersion to pick the group/version (e.g. apps/v1, example.com/v1); needed when a kind exists in several groups.',
  ),
};
const ns = OS("Namespace (default: the context's namespace for namespaced kinds; ignored for cluster-scoped kinds).");
const nsList = OS('Namespace; omit to list across all namespaces.');
const limit = (def: number, max: number) =>
  ON(`Items per page (default ${def}, max ${max}).`, { minimum: 1, maximum: max });
const continueToken = OS("Cursor from a previous reply's continueToken, to get the next page.");

export const AnalyzeIssueInput = Type.Object({
  issueType: Type.Union(
    [
      Type.Literal('pod_crash'),
      Type.Literal('pod_pending'),
      Type.Literal('deployment_unavailable'),
      Type.Literal('job_failed'),
    ],
    { description: 'What to analyse.' },
  ),
  resourceKind: S('Kind of the object (Pod, Deployment, Job).'),
  resourceName: S('Name of the object.'),
  namespace: ns,
  ...common,
});

export const CheckPermissionsInput = Type.Object({
  verb: S('Verb: get, list, watch, create, update, patch, delete, deletecollection, or * .'),
  resourceGroup: Type.String({
    description: 'API group ("" or core for the core group, apps, batch, …).',
    default: '',
  }),
  resourceResource: S('Resource (plural), e.g. pods, deployments.'),
  subresource: OS('Subresource, e.g. log, scale, exec.'),
  resourceName: OS('A specific object name.'),
  namespace: OS('Namespace (omit for cluster-wide).'),
  ...common,
});

export const NodeNameInput = Type.Object({ name: S('Node name.'), ...common });

export const CreateResourceInput = Type.Object({
  ...kindArgs,
  apiVersion: S('apiVersion of the object, e.g. v1, apps/v1.'),
  metadata: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Object metadata: name (or generateName), namespace, labels, annotations.',
  }),
  spec: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Object spec.' })),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'data (ConfigMap, Secret).' })),
  stringData: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'stringData (Secret).' })),
  body: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description: 'Other top-level fields (type, rules, subjects, roleRef, …).',
    }),
  ),
  dryRun: OB('Validate on the server without saving.'),
  ...common,
});

export const DeleteResourceInput = Type.Object({
  ...kindArgs,
  name: S('Object name.'),
  namespace: ns,
  gracePeriodSeconds: ON('Grace period (seconds).', { minimum: 0 }),
  propagationPolicy: Type.Optional(
    Type.Union([Type.Literal('Foreground'), Type.Literal('Background'), Type.Literal('Orphan')]),
  ),
  dryRun: OB('Validate on the server without deleting.'),
  ...common,
});

export const ObjectInput = Type.Object({ ...kindArgs, name: S('Object name.'), namespace: ns, ...common });

export const DrainNodeInput = Type.Object({
  name: S('Node name.'),
  deleteEmptyDir: Type.Boolean({
    default: false,
    description: 'Also evict pods using emptyDir volumes (their data is lost).',
  }),
  ignoreDaemonsets: Type.Boolean({
    default: true,
    description: 'Skip DaemonSet pods (they would be recreated at once); false refuses to drain when there are some.',
  }),
  force: Type.Boolean({
    default: false,
    description: 'Also evict pods without a controller (they are not recreated).',
  }),
  gracePeriodSeconds: ON("Grace period given to each pod (default: the pod's own).", { minimum: 0 }),
  timeoutSeconds: Type.Number({
    default: 120,
    minimum: 1,
    maximum: 1800,
    description: 'How long to keep retrying evictions blocked by PodDisruptionBudgets and wait for pods to go.',
  }),
  dryRun: OB('Only report what would be evicted.'),
  ...common,
});

export const ApiResourcesInput = Type.Object({
  apiGroup: OS('Only this API group ("" or core for the core group).'),
  namespaced: OB('Only namespaced (true) or cluster-scoped (false) resources.'),
  ...common,
});
export const ContextOnlyInput = Type.Object({ ...common });

export const EventsInput = Type.Object({
  namespace: nsList,
  fieldSelector: OS('Field selector, e.g. involvedObject.name=web,type=Warning.'),
  limit: limit(30, 80),
  continueToken,
  ...common,
});
export const EventsDetailInput = Type.Object({
  namespace: nsList,
  fieldSelector: OS('Field selector.'),
  limit: limit(50, 200),
  continueToken,
  includeNormalEvents: Type.Boolean({ default: false, description: 'Include type=Normal events.' }),
  ...common,
});
export const RecentEventsInput = Type.Object({
  namespace: nsList,
  fieldSelector: OS('Field selector (default type!=Normal).'),
  limit: limit(20, 100),
  ...common,
});

export const NodeConditionsInput = Type.Object({ nodeName: S('Node name.'), ...common });

export const PodLogsInput = Type.Object({
  name: S('Pod name.'),
  namespace: S('Namespace.'),
  container: OS('Container (required when the pod has several).'),
  tailLines: ON('Lines from the end (default 100, max 5000).', { minimum: 0, maximum: 5000 }),
  previous: OB('Logs of the previous (crashed) container instance.'),
  sinceSeconds: ON('Only lines newer than this many seconds.', { minimum: 1 }),
  timestamps: OB('Prefix lines with timestamps.'),
  grep: OS('Keep only lines matching this regular expression (case-insensitive), applied after tailLines.'),
  ...common,
});

export const GetResourceInput = Type.Object({
  ...kindArgs,
  name: S('Object name.'),
  namespace: ns,
  jsonpath: OS('Return only this field, e.g. {.status.phase} or spec.replicas.'),
  ...common,
});

export const DetailAdvancedInput = Type.Object({
  ...kindArgs,
  name: S('Object name.'),
  namespace: ns,
  includeEvents: Type.Boolean({ default: true }),
  includeRelationships: Type.Boolean({ default: true }),
  includeDiagnostics: Type.Boolean({ default: true }),
  includeConfiguration: Type.Boolean({ default: false, description: 'Include spec.' }),
  outputFormat: Type.Union([Type.Literal('compact'), Type.Literal('structured'), Type.Literal('verbose')], {
    default: 'structured',
  }),
  ...common,
});

export const SummaryInput = Type.Object({
  ...kindArgs,
  name: S('Object name.'),
  namespace: ns,
  includeLabels: Type.Optional(Type.Union([Type.Boolean(), Type.String()], { description: 'Include labels.' })),
  ...common,
});

export const UsageInput = Type.Object({
  resourceType: Type.Union([Type.Literal('nodes'), Type.Literal('pods'), Type.Literal('node'), Type.Literal('pod')], {
    description: 'nodes or pods.',
  }),
  name: OS('One node or pod.'),
  namespace: OS('Namespace of pods (omit: all).'),
  limit: limit(100, 500),
  continueToken,
  ...common,
});

export const ResourcesDetailInput = Type.Object({
  ...kindArgs,
  names: Type.Array(Type.String(), { minItems: 1, maxItems: 50, description: 'Object names.' }),
  namespace: ns,
  includeEvents: Type.Boolean({ default: false }),
  includeStatus: Type.Boolean({ default: true }),
  ...common,
});

export const RolloutStatusInput = Type.Object({
  kind: S('Deployment, StatefulSet or DaemonSet.'),
  name: S('Name.'),
  namespace: S('Namespace.'),
  timeoutSeconds: Type.Number({
    default: 60,
    minimum: 0,
    maximum: 1800,
    description: 'Wait up to this long for the rollout to finish (0: report at once).',
  }),
  ...common,
});

export const UnhealthyInput = Type.Object({
  namespace: nsList,
  resourceTypes: Type.Optional(
    Type.Array(Type.String(), {
      description: 'Kinds to check (default Pod, Deployment, StatefulSet, DaemonSet, Job, Node).',
    }),
  ),
  limit: limit(50, 500),
  continueToken,
  ...common,
});

export const ListInput = Type.Object({
  ...kindArgs,
  namespace: nsList,
  labelSelector: OS('Label selector, e.g. app=web,tier in (a,b).'),
  fieldSelector: OS('Field selector, e.g. status.phase=Running.'),
  limit: limit(100, 500),
  continueToken,
  jsonpath: OS('Return this one field per item instead of a table.'),
  jsonpaths: Type.Optional(Type.Array(Type.String(), { description: 'Return these fields per item (columns).' })),
  output: Type.Optional(
    Type.Union([Type.Literal('table'), Type.Literal('json')], { description: 'table (default) or json summaries.' }),
  ),
  ...common,
});

export const ListFullInput = Type.Object({
  ...kindArgs,
  namespace: nsList,
  labelSelector: OS('Label selector.'),
  fieldSelector: OS('Field selector.'),
  limit: limit(10, 50),
  continueToken,
  includeStatus: Type.Boolean({ default: true }),
  ...common,
});

export const ListSummaryInput = Type.Object({
  ...kindArgs,
  namespace: nsList,
  labelSelector: OS('Label selector.'),
  fieldSelector: OS('Field selector.'),
  includeLabels: Type.Optional(Type.Union([Type.Boolean(), Type.String()], { description: 'Include labels.' })),
  limit: limit(50, 500),
  continueToken,
  ...common,
});

export const PatchInput = Type.Object({
  ...kindArgs,
  name: S('Object name.'),
  namespace: ns,
  patch: Type.Unknown({
    description:
      'The patch: an object (merge, strategic, apply) or an array of RFC 6902 operations (json); a JSON string is accepted.',
  }),
  patchType: Type.Union(
    [Type.Literal('merge'), Type.Literal('strategic'), Type.Literal('json'), Type.Literal('apply')],
    {
      default: 'merge',
      description: 'merge (RFC 7386), strategic (built-in kinds), json (RFC 6902) or apply (server-side apply).',
    },
  ),
  fieldManager: OS('Field manager (default from config, "cnmcp").'),
  force: OB('apply: take ownership of fields managed by others.'),
  dryRun: OB('Validate on the server without saving.'),
  ...common,
});

export const ExecInput = Type.Object({
  podName: S('Pod name.'),
  namespace: S('Namespace.'),
  containerName: OS('Container (default: the first).'),
  command: Type.Union([Type.Array(Type.String()), Type.String()], {
    description: 'Command as an array, or a string split on whitespace.',
  }),
  timeoutSeconds: Type.Number({ default: 30, minimum: 1, maximum: 300 }),
  ...common,
});

export const PortForwardInput = Type.Object({
  podName: S('Pod name.'),
  namespace: S('Namespace.'),
  localPort: Type.Number(),
  podPort: Type.Number(),
  address: OS('Bind address.'),
  ...common,
});

export const RestartInput = Type.Object({
  kind: S('Deployment, StatefulSet or DaemonSet.'),
  name: S('Name.'),
  namespace: S('Namespace.'),
  waitForReady: Type.Boolean({ default: false }),
  timeoutSeconds: Type.Number({ default: 300, minimum: 1, maximum: 1800 }),
  ...common,
});

export const ScaleInput = Type.Object({
  ...kindArgs,
  name: S('Name.'),
  namespace: S('Namespace.'),
  replicas: Type.Integer({ minimum: 0, description: 'Desired replicas.' }),
  ...common,
});

export const SearchInput = Type.Object({
  kind: OS('One kind to search.'),
  resourceTypes: Type.Optional(
    Type.Array(Type.String(), {
      description:
        'Kinds to search (default Pod, Deployment, StatefulSet, DaemonSet, Service, Job, CronJob, ConfigMap, Secret, Ingress).',
    }),
  ),
  query: OS('Text to match in names.'),
  name: OS('Alias of query.'),
  namespace: nsList,
  searchMode: Type.Union(
    [
      Type.Literal('contains'),
      Type.Literal('startsWith'),
      Type.Literal('endsWith'),
      Type.Literal('exact'),
      Type.Literal('regex'),
    ],
    { default: 'contains' },
  ),
  caseSensitive: Type.Boolean({ default: false }),
  limit: limit(50, 200),
  continueToken,
  labelSelector: OS('Label selector.'),
  ...common,
});

export const TestToolInput = Type.Object({ confirmed: Type.Boolean({ description: 'Must be true.' }), ...common });

export const WaitInput = Type.Object({
  ...kindArgs,
  name: S('Name.'),
  namespace: ns,
  condition: Type.Union(
    [
      Type.Literal('ready'),
      Type.Literal('available'),
      Type.Literal('complete'),
      Type.Literal('exists'),
      Type.Literal('deleted'),
    ],
    { default: 'ready' },
  ),
  timeoutSeconds: Type.Number({ default: 120, minimum: 1, maximum: 1800 }),
  pollIntervalSeconds: Type.Number({ default: 5, minimum: 0.2, maximum: 60 }),
  ...common,
});
