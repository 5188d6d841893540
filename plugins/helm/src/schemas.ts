// Tool arguments: the reference's names (name, namespace, revision1, labelSelector, continueToken, values_file, …),
// each described in a few words. The `context` argument (the Kubernetes context) is added by the core.
import { Type } from '@cnmcp/core';

const Name = Type.String({ minLength: 1, maxLength: 53, description: 'Release name.' });
const Namespace = Type.String({ minLength: 1, maxLength: 63, description: 'Namespace of the release.' });
const OptNamespace = Type.Optional(
  Type.String({ maxLength: 63, description: 'Namespace (default: every namespace).' }),
);
const Revision = (description: string) => Type.Integer({ minimum: 1, description });
const Limit = (def: number, max = 500) =>
  Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: def, description: 'Items per page.' }));
const Cursor = Type.Optional(Type.String({ description: 'next_cursor of the previous page.' }));
const ContinueToken = Type.Optional(Type.String({ description: 'continueToken of the previous page.' }));

export const Empty = Type.Object({});

export const ReleaseRef = Type.Object({ name: Name, namespace: Namespace });
export const ReleaseAtRevision = Type.Object({
  name: Name,
  namespace: Namespace,
  revision: Type.Optional(Revision('Revision (default: the latest).')),
});

export const ListReleasesInput = Type.Object({
  namespace: OptNamespace,
  all_namespaces: Type.Optional(Type.Boolean({ description: 'Every namespace (default when namespace is absent).' })),
  all: Type.Optional(
    Type.Boolean({ default: false, description: 'Every state, like helm list -a (default: deployed and failed).' }),
  ),
  status: Type.Optional(
    Type.String({ description: 'Only this status: deployed, failed, pending-install, superseded, uninstalled, …' }),
  ),
  limit: Limit(100),
  cursor: Cursor,
});
export const NamespaceInput = Type.Object({ namespace: Namespace });
export const PaginatedListInput = Type.Object({
  namespace: OptNamespace,
  status: Type.Optional(Type.String({ description: 'Only this status (deployed, failed, pending-install, …).' })),
  limit: Limit(20),
  continueToken: ContinueToken,
  includeLabels: Type.Optional(Type.Boolean({ default: false, description: 'Add the release labels.' })),
});
export const SummaryListInput = Type.Object({
  namespace: OptNamespace,
  limit: Limit(50),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Releases to skip.' })),
});
export const ValuesInput = Type.Object({
  name: Name,
  namespace: Namespace,
  all: Type.Optional(
    Type.Boolean({ default: false, description: 'Computed values (chart defaults merged), not only user-supplied.' }),
  ),
  revision: Type.Optional(Revision('Revision (default: the latest).')),
});
export const HistoryInput = Type.Object({
  name: Name,
  namespace: Namespace,
  max: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 256, default: 256, description: 'Newest revisions to show.' }),
  ),
});
export const HistoryPageInput = Type.Object({
  name: Name,
  namespace: Namespace,
  limit: Limit(20),
  continueToken: ContinueToken,
  includeStatus: Type.Optional(Type.Boolean({ default: true, description: 'Include status and description.' })),
});
export const CompareInput = Type.Object({
  name: Name,
  namespace: Namespace,
  revision1: Revision('Older revision.'),
  revision2: Revision('Newer revision.'),
});
export const ResourcesInput = Type.Object({
  name: Name,
  namespace: Namespace,
  includeStatus: Type.Optional(
    Type.Boolean({ default: false, description: 'Read each object live from the cluster.' }),
  ),
  limit: Limit(100),
  cursor: Cursor,
});
export const OverviewInput = Type.Object({
  includeNodes: Type.Optional(Type.Boolean({ default: false, description: 'Add node counts (ready / total).' })),
  includeStorage: Type.Optional(Type.Boolean({ default: false, description: 'Add PVC counts of release namespaces.' })),
});
export const BrokenInput = Type.Object({ namespace: OptNamespace });
export const FailuresInput = Type.Object({
  namespace: OptNamespace,
  limit: Limit(20, 200),
  includePending: Type.Optional(Type.Boolean({ default: true, description: 'Also pending-* and uninstalling.' })),
});
export const ByChartInput = Type.Object({
  chart_name: Type.String({ minLength: 1, description: 'Chart name.' }),
  chart_version: Type.Optional(Type.String({ description: 'Exact chart version.' })),
});
export const ByLabelsInput = Type.Object({
  labelSelector: Type.String({ minLength: 1, description: 'k=v,k2!=v2 on the release labels (helm --labels).' }),
  namespace: OptNamespace,
  limit: Limit(50),
});
export const HealthInput = Type.Object({
  checkClient: Type.Optional(Type.Boolean({ default: true, description: 'Check the helm binary.' })),
  checkKubernetes: Type.Optional(Type.Boolean({ default: true, description: 'Check the cluster.' })),
  checkRepositories: Type.Optional(Type.Boolean({ default: true, description: 'Check repository indexes.' })),
  checkCache: Type.Optional(Type.Boolean({ default: true, description: 'Check the repository cache.' })),
});

const Values = Type.Optional(
  Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.String()], {
    description: 'Values as an object (or JSON/YAML text), like -f.',
  }),
);
const ValuesFile = Type.Optional(Type.String({ description: 'Values file under helm.valuesDir.' }));
const Chart = Type.String({
  minLength: 1,
  description: 'repo/chart, oci:// reference, https URL of a .tgz, or a chart under helm.chartsDir.',
});
const Version = Type.Optional(Type.String({ description: 'Chart version (default: latest).' }));
const Timeout = Type.Optional(Type.String({ description: 'Time limit, e.g. "5m" (default helm.timeoutSec).' }));
const DryRun = Type.Optional(Type.Boolean({ default: false, description: 'Simulate only (--dry-run=server).' }));
const Wait = Type.Optional(Type.Boolean({ default: false, description: 'Wait until resources are ready.' }));

export const InstallInput = Type.Object({
  name: Name,
  chart: Chart,
  namespace: Namespace,
  values: Values,
  values_file: ValuesFile,
  version: Version,
  create_namespace: Type.Optional(Type.Boolean({ default: true, description: 'Create the namespace if missing.' })),
  dry_run: DryRun,
  wait: Wait,
  atomic: Type.Optional(Type.Boolean({ default: false, description: 'Uninstall on failure.' })),
  timeout: Timeout,
});
export const UpgradeInput = Type.Object({
  name: Name,
  chart: Chart,
  namespace: Namespace,
  values: Values,
  values_file: ValuesFile,
  version: Version,
  reuse_values: Type.Optional(
    Type.Boolean({ default: false, description: 'Keep the last values and merge the new ones.' }),
  ),
  install: Type.Optional(Type.Boolean({ default: false, description: 'Install when the release does not exist.' })),
  dry_run: DryRun,
  wait: Wait,
  atomic: Type.Optional(Type.Boolean({ default: false, description: 'Roll back on failure.' })),
  timeout: Timeout,
});
export const RollbackInput = Type.Object({
  name: Name,
  namespace: Namespace,
  revision: Type.Optional(Revision('Revision to return to (default: the previous).')),
  dry_run: DryRun,
  wait: Wait,
  timeout: Timeout,
});
export const UninstallInput = Type.Object({
  name: Name,
  namespace: Namespace,
  keep_history: Type.Optional(Type.Boolean({ default: false, description: 'Keep the release records.' })),
  dry_run: DryRun,
  wait: Wait,
  timeout: Timeout,
});
export const TemplateInput = Type.Object({
  name: Name,
  chart: Chart,
  namespace: Namespace,
  values: Values,
  values_file: ValuesFile,
  version: Version,
});
export const ChartInfoInput = Type.Object({ chart: Chart, version: Version });

const RepoName = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$', description: 'Repository name.' });
export const AddRepoInput = Type.Object({
  name: RepoName,
  url: Type.String({ minLength: 1, maxLength: 2048, description: 'http(s) URL of the repository.' }),
});
export const RemoveRepoInput = Type.Object({ name: RepoName });
export const SearchInput = Type.Object({
  keyword: Type.Optional(Type.String({ description: 'Words in name, description or keywords.' })),
  query: Type.Optional(Type.String({ description: 'Same as keyword.' })),
  devel: Type.Optional(Type.Boolean({ default: false, description: 'Include prerelease versions.' })),
  limit: Limit(50, 100),
});
