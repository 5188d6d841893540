// The API resources the emulator serves, shaped like the entries of a real APIResourceList.

export interface ResourceDef {
  group: string;
  version: string;
  /** Plural resource name, e.g. deployments. */
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: Array<{ name: string; kind: string; verbs: string[]; group?: string; version?: string }>;
  /** Served from the store (default) or computed (metrics, reviews). */
  virtual?: boolean;
}

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const R = ['get', 'list'];

function def(
  group: string,
  version: string,
  name: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceDef> = {},
): ResourceDef {
  return { group, version, name, singularName: kind.toLowerCase(), kind, namespaced, verbs: ALL, ...extra };
}

const scale = { name: 'scale', kind: 'Scale', verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1' };
const status = (kind: string) => ({ name: 'status', kind, verbs: ['get', 'patch', 'update'] });

export function builtinResources(): ResourceDef[] {
  return [
    def('', 'v1', 'namespaces', 'Namespace', false, {
      shortNames: ['ns'],
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      subresources: [status('Namespace')],
    }),
    def('', 'v1', 'pods', 'Pod', true, {
      shortNames: ['po'],
      categories: ['all'],
      subresources: [
        status('Pod'),
        { name: 'log', kind: 'Pod', verbs: ['get'] },
        { name: 'eviction', kind: 'Eviction', verbs: ['create'], group: 'policy', version: 'v1' },
        { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
        { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      ],
    }),
    def('', 'v1', 'services', 'Service', true, {
      shortNames: ['svc'],
      categories: ['all'],
      subresources: [status('Service')],
    }),
    def('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
    def('', 'v1', 'secrets', 'Secret', true),
    def('', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }),
    def('', 'v1', 'nodes', 'Node', false, { shortNames: ['no'], subresources: [status('Node')] }),
    def('', 'v1', 'serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
    def('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, {
      shortNames: ['pvc'],
      subresources: [status('PersistentVolumeClaim')],
    }),
    def('apps', 'v1', 'deployments', 'Deployment', true, {
      shortNames: ['deploy'],
      categories: ['all'],
      subresources: [status('Deployment'), scale],
    }),
    def('apps', 'v1', 'statefulsets', 'StatefulSet', true, {
      shortNames: ['sts'],
      categories: ['all'],
      subresources: [status('StatefulSet'), scale],
    }),
    def('apps', 'v1', 'daemonsets', 'DaemonSet', true, {
      shortNames: ['ds'],
      categories: ['all'],
      subresources: [status('DaemonSet')],
    }),
    def('apps', 'v1', 'replicasets', 'ReplicaSet', true, {
      shortNames: ['rs'],
      categories: ['all'],
      subresources: [status('ReplicaSet'), scale],
    }),
    def('batch', 'v1', 'jobs', 'Job', true, { categories: ['all'], subresources: [status('Job')] }),
    def('batch', 'v1', 'cronjobs', 'CronJob', true, {
      shortNames: ['cj'],
      categories: ['all'],
      subresources: [status('CronJob')],
    }),
    def('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, {
      shortNames: ['ing'],
      subresources: [status('Ingress')],
    }),
    def('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, {
      shortNames: ['pdb'],
      subresources: [status('PodDisruptionBudget')],
    }),
    def('events.k8s.io', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }),
    def('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, {
      verbs: ['create'],
      virtual: true,
    }),
    def('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, {
      shortNames: ['crd', 'crds'],
      subresources: [status('CustomResourceDefinition')],
    }),
    def('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false, { singularName: '', verbs: R, virtual: true }),
    def('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true, { singularName: '', verbs: R, virtual: true }),
  ];
}

/** The resources a CustomResourceDefinition object adds (one per served version). */
export function resourcesOfCrd(crd: Record<string, any>): ResourceDef[] {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  return (spec.versions ?? [])
    .filter((v: any) => v.served !== false)
    .map((v: any) => ({
      group: spec.group,
      version: v.name,
      name: names.plural,
      singularName: names.singular ?? String(names.kind).toLowerCase(),
      kind: names.kind,
      namespaced: spec.scope !== 'Cluster',
      verbs: ALL,
      shortNames: names.shortNames,
      categories: names.categories,
      subresources: [
        ...(v.subresources?.status ? [status(names.kind)] : []),
        ...(v.subresources?.scale ? [scale] : []),
      ],
    }));
}

export function toApiResource(r: ResourceDef): Array<Record<string, unknown>> {
  const main = {
    name: r.name,
    singularName: r.singularName,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: r.verbs,
    ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
    storageVersionHash: Buffer.from(`${r.group}/${r.name}`).toString('base64').slice(0, 11),
  };
  const subs = (r.subresources ?? []).map((s) => ({
    name: `${r.name}/${s.name}`,
    singularName: '',
    namespaced: r.namespaced,
    kind: s.kind,
    verbs: s.verbs,
    ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
  }));
  return [main, ...subs];
}
