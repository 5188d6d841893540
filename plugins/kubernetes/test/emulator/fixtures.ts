// The default cluster: objects generated offline with the real `kubectl create … --dry-run=client -o json`
// (the JSON files beside this module), completed with the status blocks a running cluster would report.
import configmap from './fixtures/configmap.json' with { type: 'json' };
import cronjob from './fixtures/cronjob.json' with { type: 'json' };
import deployment from './fixtures/deployment.json' with { type: 'json' };
import ingress from './fixtures/ingress.json' with { type: 'json' };
import job from './fixtures/job.json' with { type: 'json' };
import namespace from './fixtures/namespace.json' with { type: 'json' };
import pdb from './fixtures/pdb.json' with { type: 'json' };
import secret from './fixtures/secret.json' with { type: 'json' };
import service from './fixtures/service.json' with { type: 'json' };
import serviceaccount from './fixtures/serviceaccount.json' with { type: 'json' };

type Obj = Record<string, any>;

const clone = <T>(o: T): Obj => structuredClone(o) as Obj;
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ref = (kind: string, apiVersion: string, name: string, uid: string) => ({
  apiVersion,
  kind,
  name,
  uid,
  controller: true,
  blockOwnerDeletion: true,
});

export const UIDS = {
  web: '5b1c0a52-0f3e-4c52-9d1c-3b7f7b0f2a11',
  webRs: '8e6f0f5c-7d8a-4b0e-a6a5-9c1f8d3e2b22',
  api: '1f3d2c4b-5a69-4788-9a0b-c1d2e3f4a533',
  apiRs: '2a4b6c8d-0e1f-4a2b-8c3d-4e5f6a7b8c44',
  db: '3c5d7e9f-1a2b-4c3d-9e4f-5a6b7c8d9e55',
  ds: '4d6e8f0a-2b3c-4d4e-8f5a-6b7c8d9e0f66',
  job: '5e7f9a1b-3c4d-4e5f-9a6b-7c8d9e0f1a77',
};

export interface PodSpecOptions {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  node?: string;
  owner?: Obj;
  containers?: Array<{ name: string; image: string }>;
  phase?: 'Running' | 'Pending' | 'Failed' | 'Succeeded';
  ready?: boolean;
  restarts?: number;
  waiting?: { reason: string; message?: string };
  annotations?: Record<string, string>;
  ageSeconds?: number;
  ip?: string;
}

export function makePod(o: PodSpecOptions): Obj {
  const containers = o.containers ?? [{ name: 'app', image: 'nginx:1.27' }];
  const phase = o.phase ?? 'Running';
  const ready = o.ready ?? (phase === 'Running' && !o.waiting);
  const started = ago(o.ageSeconds ?? 86_400);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      namespace: o.namespace,
      labels: o.labels,
      creationTimestamp: started,
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.owner ? { ownerReferences: [o.owner] } : {}),
    },
    spec: {
      containers: containers.map((c) => ({
        name: c.name,
        image: c.image,
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: { requests: { cpu: '50m', memory: '64Mi' } },
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'IfNotPresent',
      })),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      schedulerName: 'default-scheduler',
      ...(o.node ? { nodeName: o.node } : {}),
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status:
      phase === 'Pending' && !o.node
        ? {
            phase: 'Pending',
            qosClass: 'Burstable',
            conditions: [
              {
                type: 'PodScheduled',
                status: 'False',
                lastProbeTime: null,
                lastTransitionTime: started,
                reason: 'Unschedulable',
                message:
                  '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
              },
            ],
          }
        : {
            phase,
            hostIP: '10.0.0.11',
            podIP: o.ip ?? '10.244.1.23',
            podIPs: [{ ip: o.ip ?? '10.244.1.23' }],
            startTime: started,
            qosClass: 'Burstable',
            conditions: [
              { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: started },
              { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: started },
              {
                type: 'Ready',
                status: ready ? 'True' : 'False',
                lastProbeTime: null,
                lastTransitionTime: started,
                ...(ready
                  ? {}
                  : {
                      reason: 'ContainersNotReady',
                      message: `containers with unready status: [${containers[0].name}]`,
                    }),
              },
              {
                type: 'ContainersReady',
                status: ready ? 'True' : 'False',
                lastProbeTime: null,
                lastTransitionTime: started,
              },
              { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: started },
            ],
            containerStatuses: containers.map((c) => ({
              name: c.name,
              image: c.image,
              imageID: `docker.io/library/${c.image}@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31`,
              containerID: 'containerd://6a1f0c0b6f6e4b1d9b7a3c2e1f0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d',
              ready,
              restartCount: o.restarts ?? 0,
              started: ready,
              state: o.waiting
                ? { waiting: o.waiting }
                : phase === 'Running'
                  ? { running: { startedAt: started } }
                  : {
                      terminated: {
                        exitCode: phase === 'Failed' ? 1 : 0,
                        reason: phase === 'Failed' ? 'Error' : 'Completed',
                        startedAt: started,
                        finishedAt: started,
                      },
                    },
              ...(o.restarts
                ? {
                    lastState: {
                      terminated: {
                        exitCode: 1,
                        reason: 'Error',
                        startedAt: ago(120),
                        finishedAt: ago(90),
                        containerID: 'containerd://9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0',
                      },
                    },
                  }
                : {}),
            })),
          },
  };
}

function makeNode(name: string, ready: boolean, extra: Obj = {}): Obj {
  const t = ago(30 * 86_400);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      creationTimestamp: t,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'e2-standard-4',
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: '10.244.1.0/24',
      podCIDRs: ['10.244.1.0/24'],
      providerID: `gce://shop-prod/europe-west1-b/${name}`,
      ...extra,
    },
    status: {
      capacity: { cpu: '4', memory: '16374532Ki', pods: '110', 'ephemeral-storage': '98831908Ki' },
      allocatable: { cpu: '3920m', memory: '13149956Ki', pods: '110', 'ephemeral-storage': '47060071478' },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          lastHeartbeatTime: ago(20),
          lastTransitionTime: t,
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
        {
          type: 'DiskPressure',
          status: 'False',
          lastHeartbeatTime: ago(20),
          lastTransitionTime: t,
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
        },
        {
          type: 'PIDPressure',
          status: 'False',
          lastHeartbeatTime: ago(20),
          lastTransitionTime: t,
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
        },
        ready
          ? {
              type: 'Ready',
              status: 'True',
              lastHeartbeatTime: ago(20),
              lastTransitionTime: t,
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
            }
          : {
              type: 'Ready',
              status: 'Unknown',
              lastHeartbeatTime: ago(900),
              lastTransitionTime: ago(600),
              reason: 'NodeStatusUnknown',
              message: 'Kubelet stopped posting node status.',
            },
      ],
      addresses: [
        { type: 'InternalIP', address: '10.0.0.11' },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.31.4',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.1.0-28-cloud-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

function event(
  ns: string,
  involved: Obj,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  count: number,
  secondsAgo: number,
  component = 'kubelet',
): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${involved.name}.${Math.abs(hash(reason + involved.name))
        .toString(16)
        .padStart(16, '0')
        .slice(0, 16)}`,
      namespace: ns,
      creationTimestamp: ago(secondsAgo + 600),
    },
    involvedObject: { ...involved, namespace: ns },
    reason,
    message,
    type,
    count,
    source: { component },
    firstTimestamp: ago(secondsAgo + 600),
    lastTimestamp: ago(secondsAgo),
    reportingComponent: component,
    reportingInstance: '',
  };
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h * 2654435761;
}

function crd(group: string, plural: string, kind: string): Obj {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: {
        plural,
        singular: kind.toLowerCase(),
        kind,
        listKind: `${kind}List`,
        shortNames: group === 'example.com' ? ['wd'] : [],
      },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          subresources: { status: {} },
        },
      ],
    },
  };
}

export function defaultObjects(): Obj[] {
  const ns = (name: string) => ({
    ...clone(namespace),
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });

  const web = clone(deployment);
  web.metadata = {
    ...web.metadata,
    uid: UIDS.web,
    creationTimestamp: ago(7 * 86_400),
    annotations: { 'deployment.kubernetes.io/revision': '2' },
    generation: 2,
  };
  web.spec.template.spec.containers[0].resources = { requests: { cpu: '50m', memory: '64Mi' } };
  web.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
  web.status = {
    observedGeneration: 2,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        lastUpdateTime: ago(86_400),
        lastTransitionTime: ago(86_400),
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
      },
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: ago(86_400),
        lastTransitionTime: ago(7 * 86_400),
        reason: 'NewReplicaSetAvailable',
        message: 'ReplicaSet "web-7d4b9c8f5d" has successfully progressed.',
      },
    ],
  };
  const api = clone(deployment);
  api.metadata = {
    name: 'api',
    namespace: 'shop',
    uid: UIDS.api,
    labels: { app: 'api' },
    creationTimestamp: ago(3 * 86_400),
    generation: 1,
    annotations: { 'deployment.kubernetes.io/revision': '1' },
  };
  api.spec.replicas = 2;
  api.spec.selector.matchLabels = { app: 'api' };
  api.spec.template.metadata.labels = { app: 'api', tier: 'backend' };
  api.spec.template.spec.containers = [
    { name: 'api', image: 'ghcr.io/example/api:2.4.1', ports: [{ containerPort: 8080 }], resources: {} },
  ];
  api.status = {
    observedGeneration: 1,
    replicas: 2,
    updatedReplicas: 2,
    readyReplicas: 1,
    availableReplicas: 1,
    unavailableReplicas: 1,
    conditions: [
      {
        type: 'Available',
        status: 'False',
        lastUpdateTime: ago(3600),
        lastTransitionTime: ago(3600),
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
      },
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: ago(3600),
        lastTransitionTime: ago(3 * 86_400),
        reason: 'ReplicaSetUpdated',
        message: 'ReplicaSet "api-6f9d8c7b5" is progressing.',
      },
    ],
  };
  const rs = (
    name: string,
    uid: string,
    owner: Obj,
    labels: Record<string, string>,
    replicas: number,
    ready: number,
  ) => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'shop',
      uid,
      labels,
      creationTimestamp: ago(86_400),
      ownerReferences: [owner],
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/revision': '2',
      },
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
    },
    status: {
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: 1,
    },
  });
  const webRsOwner = ref('ReplicaSet', 'apps/v1', 'web-7d4b9c8f5d', UIDS.webRs);
  const apiRsOwner = ref('ReplicaSet', 'apps/v1', 'api-6f9d8c7b5', UIDS.apiRs);

  const db = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: 'db',
      namespace: 'shop',
      uid: UIDS.db,
      labels: { app: 'db' },
      creationTimestamp: ago(20 * 86_400),
      generation: 1,
    },
    spec: {
      replicas: 1,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ name: 'postgres', image: 'postgres:16.4' }] },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      podManagementPolicy: 'OrderedReady',
    },
    status: {
      observedGeneration: 1,
      replicas: 1,
      readyReplicas: 1,
      currentReplicas: 1,
      updatedReplicas: 1,
      availableReplicas: 1,
      currentRevision: 'db-5d8f7c6b4',
      updateRevision: 'db-5d8f7c6b4',
      collisionCount: 0,
    },
  };
  const ds = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'node-agent',
      namespace: 'kube-system',
      uid: UIDS.ds,
      labels: { app: 'node-agent' },
      creationTimestamp: ago(30 * 86_400),
      generation: 1,
    },
    spec: {
      selector: { matchLabels: { app: 'node-agent' } },
      template: {
        metadata: { labels: { app: 'node-agent' } },
        spec: { containers: [{ name: 'agent', image: 'fluent/fluent-bit:3.1' }] },
      },
      updateStrategy: { type: 'RollingUpdate' },
    },
    status: {
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 2,
      numberUnavailable: 1,
    },
  };
  const migrate = clone(job);
  migrate.metadata = {
    ...migrate.metadata,
    uid: UIDS.job,
    creationTimestamp: ago(7200),
    labels: { 'job-name': 'migrate' },
  };
  migrate.spec.backoffLimit = 2;
  migrate.status = {
    startTime: ago(7200),
    failed: 3,
    terminating: 0,
    ready: 0,
    conditions: [
      {
        type: 'FailureTarget',
        status: 'True',
        lastProbeTime: ago(7000),
        lastTransitionTime: ago(7000),
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
      },
      {
        type: 'Failed',
        status: 'True',
        lastProbeTime: ago(7000),
        lastTransitionTime: ago(7000),
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
      },
    ],
  };
  const nightly = clone(cronjob);
  nightly.metadata.creationTimestamp = ago(10 * 86_400);
  nightly.status = { lastScheduleTime: ago(50_000), lastSuccessfulTime: ago(49_900) };

  const webPods = ['web-7d4b9c8f5d-2xkqp', 'web-7d4b9c8f5d-8hjtn', 'web-7d4b9c8f5d-vq5rz'].map((name, i) =>
    makePod({
      name,
      namespace: 'shop',
      labels: { app: 'web', 'pod-template-hash': '7d4b9c8f5d' },
      node: ['node-a', 'node-b', 'node-b'][i],
      owner: webRsOwner,
      ip: `10.244.1.${20 + i}`,
    }),
  );
  const apiPods = [
    makePod({
      name: 'api-6f9d8c7b5-k7w2m',
      namespace: 'shop',
      labels: { app: 'api', tier: 'backend', 'pod-template-hash': '6f9d8c7b5' },
      node: 'node-a',
      owner: apiRsOwner,
      containers: [{ name: 'api', image: 'ghcr.io/example/api:2.4.1' }],
    }),
    makePod({
      name: 'api-6f9d8c7b5-x9p4d',
      namespace: 'shop',
      labels: { app: 'api', tier: 'backend', 'pod-template-hash': '6f9d8c7b5' },
      node: 'node-b',
      owner: apiRsOwner,
      containers: [{ name: 'api', image: 'ghcr.io/example/api:2.4.1' }],
      restarts: 7,
      waiting: {
        reason: 'CrashLoopBackOff',
        message:
          'back-off 5m0s restarting failed container=api pod=api-6f9d8c7b5-x9p4d_shop(0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d)',
      },
    }),
  ];
  const pending = makePod({
    name: 'report-5c7d9f-qq2lm',
    namespace: 'shop',
    labels: { app: 'report' },
    phase: 'Pending',
    containers: [{ name: 'report', image: 'ghcr.io/example/report:0.9' }],
  });
  const dbPod = makePod({
    name: 'db-0',
    namespace: 'shop',
    labels: { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-0' },
    node: 'node-b',
    owner: ref('StatefulSet', 'apps/v1', 'db', UIDS.db),
    containers: [
      { name: 'postgres', image: 'postgres:16.4' },
      { name: 'exporter', image: 'prometheuscommunity/postgres-exporter:v0.15.0' },
    ],
  });
  const dsPods = ['node-a', 'node-b', 'node-c'].map((node, i) =>
    makePod({
      name: `node-agent-${['4kx8z', 'm2c7q', 'tt9vn'][i]}`,
      namespace: 'kube-system',
      labels: { app: 'node-agent' },
      node,
      owner: ref('DaemonSet', 'apps/v1', 'node-agent', UIDS.ds),
      containers: [{ name: 'agent', image: 'fluent/fluent-bit:3.1' }],
      ready: node !== 'node-c',
    }),
  );
  const mirror = makePod({
    name: 'kube-proxy-node-a',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-proxy' },
    node: 'node-a',
    owner: {
      apiVersion: 'v1',
      kind: 'Node',
      name: 'node-a',
      uid: 'b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e',
      controller: true,
    },
    annotations: {
      'kubernetes.io/config.mirror': '2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c',
      'kubernetes.io/config.source': 'file',
    },
    containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.4' }],
  });
  const jobPod = makePod({
    name: 'migrate-7xq2v',
    namespace: 'shop',
    labels: { 'job-name': 'migrate', 'batch.kubernetes.io/job-name': 'migrate' },
    node: 'node-a',
    phase: 'Failed',
    owner: ref('Job', 'batch/v1', 'migrate', UIDS.job),
    containers: [{ name: 'migrate', image: 'ghcr.io/example/migrate:1.0' }],
  });
  const bare = makePod({
    name: 'debug-shell',
    namespace: 'default',
    labels: { run: 'debug-shell' },
    node: 'node-a',
    containers: [{ name: 'debug-shell', image: 'busybox:1.36' }],
  });

  const sec = clone(secret);
  sec.metadata.creationTimestamp = ago(5 * 86_400);
  sec.type = 'Opaque';
  const saToken = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/service-account-token',
    metadata: {
      name: 'api-token',
      namespace: 'shop',
      annotations: {
        'kubernetes.io/service-account.name': 'api',
        'kubernetes.io/service-account.uid': '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
      },
      creationTimestamp: ago(5 * 86_400),
    },
    data: {
      token: Buffer.from(
        'eyJhbGciOiJSUzI1NiIsImtpZCI6IkVtdUtleSJ9.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50In0.c2lnbmF0dXJlLW9mLXRoZS1lbXVsYXRvcg',
      ).toString('base64'),
      'ca.crt': Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n').toString('base64'),
      namespace: Buffer.from('shop').toString('base64'),
    },
  };
  const cm = clone(configmap);
  cm.metadata.creationTimestamp = ago(5 * 86_400);
  const svc = clone(service);
  svc.metadata.creationTimestamp = ago(7 * 86_400);
  svc.spec.clusterIP = '10.96.14.2';
  svc.spec.clusterIPs = ['10.96.14.2'];
  const ing = clone(ingress);
  ing.metadata.creationTimestamp = ago(7 * 86_400);
  ing.status = { loadBalancer: { ingress: [{ ip: '34.120.1.10' }] } };
  const sa = clone(serviceaccount);
  sa.metadata.creationTimestamp = ago(5 * 86_400);
  const webPdb = clone(pdb);
  webPdb.spec = { minAvailable: 2, selector: { matchLabels: { app: 'web' } } };
  webPdb.metadata.creationTimestamp = ago(7 * 86_400);
  webPdb.status = {
    observedGeneration: 1,
    disruptionsAllowed: 1,
    currentHealthy: 3,
    desiredHealthy: 2,
    expectedPods: 3,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status: 'True',
        reason: 'SufficientPods',
        message: '',
        lastTransitionTime: ago(86_400),
        observedGeneration: 1,
      },
    ],
  };

  const widget = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'blue', namespace: 'shop', creationTimestamp: ago(3600) },
    spec: { color: 'blue', size: 3 },
    status: { ready: true },
  };

  return [
    ns('default'),
    ns('kube-system'),
    ns('shop'),
    makeNode('node-a', true),
    makeNode('node-b', true),
    makeNode('node-c', false, {
      taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: ago(600) }],
    }),
    web,
    api,
    rs(
      'web-7d4b9c8f5d',
      UIDS.webRs,
      ref('Deployment', 'apps/v1', 'web', UIDS.web),
      { app: 'web', 'pod-template-hash': '7d4b9c8f5d' },
      3,
      3,
    ),
    rs(
      'api-6f9d8c7b5',
      UIDS.apiRs,
      ref('Deployment', 'apps/v1', 'api', UIDS.api),
      { app: 'api', tier: 'backend', 'pod-template-hash': '6f9d8c7b5' },
      2,
      1,
    ),
    db,
    ds,
    migrate,
    nightly,
    ...webPods,
    ...apiPods,
    pending,
    dbPod,
    ...dsPods,
    mirror,
    jobPod,
    bare,
    sec,
    saToken,
    cm,
    svc,
    ing,
    sa,
    webPdb,
    event(
      'shop',
      {
        kind: 'Pod',
        name: 'api-6f9d8c7b5-x9p4d',
        apiVersion: 'v1',
        uid: 'c0ffee00-0000-4000-8000-000000000001',
        fieldPath: 'spec.containers{api}',
      },
      'Warning',
      'BackOff',
      'Back-off restarting failed container api in pod api-6f9d8c7b5-x9p4d_shop(c0ffee00-0000-4000-8000-000000000001)',
      31,
      40,
    ),
    event(
      'shop',
      { kind: 'Pod', name: 'report-5c7d9f-qq2lm', apiVersion: 'v1', uid: 'c0ffee00-0000-4000-8000-000000000002' },
      'Warning',
      'FailedScheduling',
      '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      12,
      60,
      'default-scheduler',
    ),
    event(
      'shop',
      { kind: 'Job', name: 'migrate', apiVersion: 'batch/v1', uid: UIDS.job },
      'Warning',
      'BackoffLimitExceeded',
      'Job has reached the specified backoff limit',
      1,
      7000,
      'job-controller',
    ),
    event(
      'shop',
      { kind: 'Pod', name: 'web-7d4b9c8f5d-2xkqp', apiVersion: 'v1', uid: 'c0ffee00-0000-4000-8000-000000000003' },
      'Normal',
      'Pulled',
      'Container image "nginx:1.27" already present on machine',
      1,
      86_000,
    ),
    event(
      'shop',
      { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1', uid: UIDS.web },
      'Normal',
      'ScalingReplicaSet',
      'Scaled up replica set web-7d4b9c8f5d to 3',
      1,
      86_000,
      'deployment-controller',
    ),
    event(
      'kube-system',
      { kind: 'Node', name: 'node-c', apiVersion: 'v1', uid: 'node-c' },
      'Normal',
      'NodeNotReady',
      'Node node-c status is now: NodeNotReady',
      1,
      600,
      'node-controller',
    ),
    crd('example.com', 'widgets', 'Widget'),
    crd('other.io', 'widgets', 'Widget'),
    widget,
  ];
}

export function defaultLogs(): Record<string, string[]> {
  const t = (s: number) => ago(s);
  const web = Array.from(
    { length: 300 },
    (_, i) => `${t(3000 - i * 10)} 10.244.0.1 - - "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31" req=${i}`,
  );
  return {
    'shop/web-7d4b9c8f5d-2xkqp/app': web,
    'shop/api-6f9d8c7b5-x9p4d/api': [`${t(30)} starting api 2.4.1`, `${t(29)} connecting to db at db.shop.svc:5432`],
    'shop/api-6f9d8c7b5-x9p4d/api/previous': [
      `${t(100)} starting api 2.4.1`,
      `${t(99)} connecting to db at db.shop.svc:5432`,
      `${t(95)} FATAL: password authentication failed for user "shop"`,
      `${t(95)} exit status 1`,
    ],
    'shop/db-0/postgres': [`${t(500)} LOG:  database system is ready to accept connections`],
    'shop/db-0/exporter': [`${t(500)} level=info msg="Listening on address" address=:9187`],
  };
}
