// A wire-faithful Kubernetes API server emulator: HTTPS on 127.0.0.1 with a throwaway CA, bearer-token
// users with simple RBAC, discovery, CRUD with resourceVersion, selectors, limit/continue, patch flavours,
// server-side apply, Status errors, and the scale/status/log/eviction subresources, metrics.k8s.io and
// SelfSubjectAccessReview. It records every request so tests can check what a client really sent.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificates, type TestCertificates } from './certs.js';
import { builtinResources, resourcesOfCrd, toApiResource, type ResourceDef } from './resources.js';
import { decodeKubeProtobuf } from './protobuf.js';
import {
  jsonPatch,
  mergePatch,
  parseFieldSelector,
  parseLabelSelector,
  PatchError,
  type SelectorError,
} from './semantics.js';

type Obj = Record<string, any>;

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  contentType: string;
  body: string;
  /** The body as received (protobuf bodies are binary). */
  raw: Buffer;
  user?: string;
}

export interface Fault {
  method?: string;
  /** Matched against the path. */
  path: RegExp;
  status?: number;
  reason?: string;
  message?: string;
  delayMs?: number;
  /** Close the connection without an answer. */
  reset?: boolean;
  /** How many times it fires (default: always). */
  times?: number;
}

export interface UserRule {
  verbs: string[];
  /** API groups ('' for core) or '*'. */
  groups: string[];
  resources: string[];
  namespaces?: string[];
}

/** What a command run with pods/exec answers; exitCode 0 = Success. */
export interface ExecResult {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
}
export type ExecHandler = (pod: Obj, container: string, command: string[]) => ExecResult;

/** A tiny command set: echo, cat /etc/hostname, env, hostname, true, false, sh -c "exit N"; others are "not found". */
export const defaultExec: ExecHandler = (pod, container, command) => {
  const [cmd, ...args] = command;
  const spec = (pod.spec?.containers ?? []).find((c: Obj) => c.name === container) ?? {};
  switch (cmd) {
    case 'echo':
      return { stdout: args.join(' ') + '\n' };
    case 'hostname':
      return { stdout: pod.metadata.name + '\n' };
    case 'cat':
      return args[0] === '/etc/hostname'
        ? { stdout: pod.metadata.name + '\n' }
        : { stderr: `cat: ${args[0]}: No such file or directory\n`, exitCode: 1 };
    case 'env':
      return {
        stdout:
          [
            'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
            `HOSTNAME=${pod.metadata.name}`,
            ...(spec.env ?? []).map((e: Obj) => `${e.name}=${e.value ?? ''}`),
          ].join('\n') + '\n',
      };
    case 'true':
      return {};
    case 'false':
      return { exitCode: 1 };
    case 'sh': {
      const m = /exit (\d+)/.exec(args.join(' '));
      return { exitCode: m ? Number(m[1]) : 0 };
    }
    default:
      return { exitCode: -1, stderr: `exec: "${cmd}": executable file not found in $PATH` };
  }
};

export interface KubeEmulatorOptions {
  /** Answers pods/exec over WebSocket (v4/v5.channel.k8s.io); default: defaultExec. */
  exec?: ExecHandler;
  /** Tokens accepted, with the user and its rules (default: admin-token → admin with all rights, viewer-token → read only without secrets). */
  users?: Record<string, { name: string; rules: UserRule[] }>;
  /** Seed objects (default: the standard fixture set); pass [] for an empty cluster. */
  objects?: Obj[];
  /** Logs per "namespace/pod/container" (and ".../previous"). */
  logs?: Record<string, string[]>;
  /** Simulate controllers: after a spec change, workloads report ready after this many ms (default 150). false = never. */
  rolloutDelayMs?: number | false;
  /** Serve metrics.k8s.io (default true; false = a cluster without metrics-server). */
  metrics?: boolean;
  /**
   * Group versions the cluster does not serve (e.g. ['batch/v1'], like kcp or a virtual cluster): absent from
   * discovery, 404 on their paths; seed objects of those versions are left out.
   */
  unserved?: string[];
  gitVersion?: string;
}

export interface KubeEmulator {
  url: string;
  /** A kubeconfig file with one context per known token: `admin` (default) and `viewer`. */
  kubeconfigPath: string;
  kubeconfig: string;
  caPem: string;
  requests: RecordedRequest[];
  faults: Fault[];
  /** Direct access to stored objects (tests seed and inspect with these). */
  put(obj: Obj): Obj;
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Obj | undefined;
  list(apiVersion: string, kind: string, namespace?: string): Obj[];
  setLogs(key: string, lines: string[]): void;
  resources(): ResourceDef[];
  /** Writes a kubeconfig naming extra contexts (e.g. one pointing to a closed port). */
  writeKubeconfig(extra?: Array<{ name: string; server: string; token: string }>): string;
  close(): Promise<void>;
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function statusBody(code: number, reason: string, message: string, details?: Obj): Obj {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Obj,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

const DEFAULT_USERS: Record<string, { name: string; rules: UserRule[] }> = {
  'admin-token': { name: 'admin', rules: [{ verbs: ['*'], groups: ['*'], resources: ['*'] }] },
  'viewer-token': {
    name: 'viewer',
    rules: [
      { verbs: ['get', 'list', 'watch'], groups: ['*'], resources: ['*'] },
      { verbs: ['create'], groups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews'] },
    ],
  },
};

function allowed(rules: UserRule[], verb: string, group: string, resource: string, namespace?: string): boolean {
  for (const r of rules) {
    if (!(r.verbs.includes('*') || r.verbs.includes(verb))) continue;
    if (!(r.groups.includes('*') || r.groups.includes(group))) continue;
    const resOk =
      r.resources.includes('*') ||
      r.resources.includes(resource) ||
      r.resources.includes(resource.split('/')[0] + '/*');
    if (!resOk) continue;
    if (r.namespaces && namespace && !r.namespaces.includes(namespace)) continue;
    // the viewer reads everything except Secrets
    if (resource === 'secrets' && r.resources.includes('*') && !r.verbs.includes('*')) continue;
    return true;
  }
  return false;
}

export async function startKubeEmulator(options: KubeEmulatorOptions = {}): Promise<KubeEmulator> {
  const certs: TestCertificates = makeCertificates();
  const users = options.users ?? DEFAULT_USERS;
  const rolloutDelay = options.rolloutDelayMs ?? 150;
  let rv = 1000;
  const nextRv = () => String(++rv);
  const unserved = new Set(options.unserved ?? []);
  let resources = builtinResources().filter(
    (r) =>
      (options.metrics !== false || r.group !== 'metrics.k8s.io') &&
      !unserved.has(r.group ? `${r.group}/${r.version}` : r.version),
  );
  const store = new Map<string, Map<string, Obj>>(); // "group/resource" → "ns/name" → object
  const logs = new Map<string, string[]>(Object.entries(options.logs ?? {}));
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const watchers = new Set<{ key: string; ns?: string; res: ServerResponse; match: (o: Obj) => boolean }>();
  const timers = new Set<NodeJS.Timeout>();

  const bucket = (r: ResourceDef) => {
    const key = `${r.group}/${r.name}`;
    let b = store.get(key);
    if (!b) {
      b = new Map();
      store.set(key, b);
    }
    return b;
  };
  const apiVersionOf = (r: ResourceDef) => (r.group ? `${r.group}/${r.version}` : r.version);
  const findByKind = (apiVersion: string, kind: string) => {
    const [g, v] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return resources.find((r) => r.group === g && r.version === v && r.kind === kind);
  };

  const notify = (r: ResourceDef, type: string, obj: Obj) => {
    for (const w of watchers) {
      if (w.key !== `${r.group}/${r.name}`) continue;
      if (w.ns && obj.metadata?.namespace !== w.ns) continue;
      if (!w.match(obj)) continue;
      w.res.write(JSON.stringify({ type, object: obj }) + '\n');
    }
  };

  const managed = (manager: string, operation: string, r: ResourceDef) => ({
    manager,
    operation,
    apiVersion: apiVersionOf(r),
    time: now(),
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:metadata': {} },
  });

  function store_put(r: ResourceDef, obj: Obj, manager = 'kubectl-create'): Obj {
    const md = obj.metadata ?? (obj.metadata = {});
    md.uid ??= randomUUID();
    md.creationTimestamp = md.creationTimestamp ?? now();
    md.resourceVersion = nextRv();
    if (obj.spec !== undefined && r.name !== 'customresourcedefinitions') md.generation ??= 1;
    md.managedFields ??= [managed(manager, 'Update', r)];
    obj.apiVersion = apiVersionOf(r);
    obj.kind = r.kind;
    if (!r.namespaced) delete md.namespace;
    bucket(r).set(`${md.namespace ?? ''}/${md.name}`, obj);
    if (r.name === 'customresourcedefinitions') registerCrd(obj);
    return obj;
  }

  function registerCrd(crd: Obj) {
    for (const nr of resourcesOfCrd(crd)) {
      resources = resources.filter((x) => !(x.group === nr.group && x.version === nr.version && x.name === nr.name));
      resources.push(nr);
    }
    crd.status = {
      conditions: [
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
          lastTransitionTime: now(),
        },
      ],
      acceptedNames: crd.spec?.names ?? {},
      storedVersions: (crd.spec?.versions ?? []).filter((v: Obj) => v.storage).map((v: Obj) => v.name),
    };
  }

  // Controllers: a workload whose spec changed becomes ready after rolloutDelay.
  function settle(r: ResourceDef, obj: Obj) {
    if (rolloutDelay === false || !['deployments', 'statefulsets', 'replicasets', 'daemonsets'].includes(r.name))
      return;
    const key = `${obj.metadata.namespace}/${obj.metadata.name}`;
    const t = setTimeout(() => {
      timers.delete(t);
      const cur = bucket(r).get(key);
      if (!cur) return;
      const gen = cur.metadata.generation ?? 1;
      if (r.name === 'daemonsets') {
        const n = cur.status?.desiredNumberScheduled ?? 2;
        cur.status = {
          ...cur.status,
          observedGeneration: gen,
          desiredNumberScheduled: n,
          currentNumberScheduled: n,
          numberReady: n,
          updatedNumberScheduled: n,
          numberAvailable: n,
          numberMisscheduled: 0,
        };
      } else {
        const want = cur.spec?.replicas ?? 1;
        cur.status = {
          ...cur.status,
          observedGeneration: gen,
          replicas: want,
          readyReplicas: want,
          availableReplicas: want,
          updatedReplicas: want,
          ...(r.name === 'statefulsets' ? { currentReplicas: want, currentRevision: cur.status?.updateRevision } : {}),
        };
        if (r.name === 'deployments') {
          cur.status.conditions = [
            {
              type: 'Available',
              status: 'True',
              reason: 'MinimumReplicasAvailable',
              message: 'Deployment has minimum availability.',
              lastUpdateTime: now(),
              lastTransitionTime: now(),
            },
            {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
              message: `ReplicaSet "${cur.metadata.name}-7d4b9c8f5d" has successfully progressed.`,
              lastUpdateTime: now(),
              lastTransitionTime: now(),
            },
          ];
        }
      }
      cur.metadata.resourceVersion = nextRv();
      notify(r, 'MODIFIED', cur);
    }, rolloutDelay);
    timers.add(t);
  }

  for (const obj of options.objects ?? (await import('./fixtures.js')).defaultObjects()) {
    if (unserved.has(obj.apiVersion)) continue;
    const r = findByKind(obj.apiVersion, obj.kind);
    if (!r) throw new Error(`emulator fixture: no resource for ${obj.apiVersion} ${obj.kind}`);
    store_put(r, structuredClone(obj));
  }
  if (!options.logs) for (const [k, v] of Object.entries((await import('./fixtures.js')).defaultLogs())) logs.set(k, v);

  // ------------------------------------------------------------------------------------------------
  const discovery = (path: string): Obj | undefined => {
    if (path === '/version') {
      const gv = options.gitVersion ?? 'v1.31.4';
      const [major, minor] = gv.slice(1).split('.');
      return {
        major,
        minor,
        gitVersion: gv,
        gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
        gitTreeState: 'clean',
        buildDate: '2024-12-10T11:36:31Z',
        goVersion: 'go1.22.9',
        compiler: 'gc',
        platform: 'linux/amd64',
      };
    }
    if (path === '/api')
      return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
      };
    if (path === '/apis') {
      const groups = new Map<string, string[]>();
      for (const r of resources)
        if (r.group) {
          const v = groups.get(r.group) ?? [];
          if (!v.includes(r.version)) v.push(r.version);
          groups.set(r.group, v);
        }
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [...groups].map(([name, versions]) => ({
          name,
          versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
          preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
        })),
      };
    }
    const m = path.match(/^\/api\/(v1)$/) ?? path.match(/^\/apis\/([^/]+\/[^/]+)$/);
    if (m) {
      const gv = m[1];
      const list = resources.filter((r) => apiVersionOf(r) === gv);
      if (!list.length) return undefined;
      return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: list.flatMap(toApiResource) };
    }
    const g = path.match(/^\/apis\/([^/]+)$/);
    if (g) {
      const versions = [...new Set(resources.filter((r) => r.group === g[1]).map((r) => r.version))];
      if (!versions.length) return undefined;
      return {
        kind: 'APIGroup',
        apiVersion: 'v1',
        name: g[1],
        versions: versions.map((version) => ({ groupVersion: `${g[1]}/${version}`, version })),
        preferredVersion: { groupVersion: `${g[1]}/${versions[0]}`, version: versions[0] },
      };
    }
    return undefined;
  };

  interface Target {
    r: ResourceDef;
    ns?: string;
    name?: string;
    sub?: string;
  }
  const parse = (path: string): Target | undefined => {
    const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
    let group: string, version: string, rest: string[];
    if (segs[0] === 'api' && segs.length >= 3) {
      group = '';
      version = segs[1];
      rest = segs.slice(2);
    } else if (segs[0] === 'apis' && segs.length >= 4) {
      group = segs[1];
      version = segs[2];
      rest = segs.slice(3);
    } else return undefined;
    let ns: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      ns = rest[1];
      rest = rest.slice(2);
    }
    const r = resources.find((x) => x.group === group && x.version === version && x.name === rest[0]);
    if (!r) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource', {});
    if (rest.length > 3) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource', {});
    return { r, ns, name: rest[1], sub: rest[2] };
  };

  const notFound = (r: ResourceDef, name: string) =>
    new HttpError(404, 'NotFound', `${r.name}${r.group ? '.' + r.group : ''} "${name}" not found`, {
      name,
      group: r.group,
      kind: r.name,
    });
  const keyOf = (ns: string | undefined, name: string) => `${ns ?? ''}/${name}`;
  const stripForList = (o: Obj) => {
    const { apiVersion: _a, kind: _k, ...rest } = o;
    return rest;
  };

  function checkNamespace(r: ResourceDef, ns: string | undefined) {
    if (!r.namespaced || !ns) return;
    const nsRes = resources.find((x) => x.name === 'namespaces' && x.group === '')!;
    if (!bucket(nsRes).has(`/${ns}`))
      throw new HttpError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' });
  }

  function readBody(req: RecordedRequest): Obj {
    if (req.contentType.includes('protobuf')) {
      try {
        return decodeKubeProtobuf(req.raw);
      } catch (err) {
        throw new HttpError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (${(err as Error).message})`,
        );
      }
    }
    try {
      return JSON.parse(req.body || 'null');
    } catch (err) {
      throw new HttpError(
        400,
        'BadRequest',
        `the object provided is unrecognized or invalid JSON: ${(err as Error).message}`,
      );
    }
  }

  function listObjects(r: ResourceDef, ns: string | undefined, q: URLSearchParams): Obj[] {
    let labelPred, fieldPred;
    try {
      labelPred = parseLabelSelector(q.get('labelSelector'));
      fieldPred = parseFieldSelector(q.get('fieldSelector'), r.kind);
    } catch (err) {
      throw new HttpError(400, 'BadRequest', (err as SelectorError).message);
    }
    return [...bucket(r).values()]
      .filter((o) => !ns || o.metadata.namespace === ns)
      .filter((o) => labelPred(o.metadata.labels ?? {}) && fieldPred(o))
      .sort((a, b) =>
        keyOf(a.metadata.namespace, a.metadata.name).localeCompare(keyOf(b.metadata.namespace, b.metadata.name)),
      );
  }

  function virtual(t: Target, req: RecordedRequest, user: { name: string; rules: UserRule[] }): Obj {
    const { r } = t;
    if (r.name === 'selfsubjectaccessreviews') {
      const body = readBody(req);
      const a = body?.spec?.resourceAttributes ?? {};
      const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
      const ok = allowed(user.rules, a.verb, a.group ?? '', resource ?? '', a.namespace);
      return {
        ...body,
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: { creationTimestamp: null },
        status: {
          allowed: ok,
          ...(ok
            ? {
                reason: `RBAC: allowed by ClusterRoleBinding "${user.name}" of ClusterRole "${user.name}" to User "${user.name}"`,
              }
            : {}),
        },
      };
    }
    const ts = now();
    if (r.kind === 'NodeMetrics') {
      const nodes = listObjects(
        resources.find((x) => x.name === 'nodes' && x.group === '')!,
        undefined,
        new URLSearchParams(t.name ? { fieldSelector: `metadata.name=${t.name}` } : {}),
      );
      const items = nodes.map((n, i) => ({
        metadata: { name: n.metadata.name, creationTimestamp: ts, labels: n.metadata.labels },
        timestamp: ts,
        window: '20.05s',
        usage: { cpu: `${250 + i * 137}m`, memory: `${2_100_000 + i * 310_000}Ki` },
      }));
      if (t.name) {
        if (!items[0]) throw notFound(r, t.name);
        return { kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...items[0] };
      }
      return { kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items };
    }
    // PodMetrics
    const pods = listObjects(
      resources.find((x) => x.name === 'pods' && x.group === '')!,
      t.ns,
      new URLSearchParams({
        ...(t.name ? { fieldSelector: `metadata.name=${t.name}` } : {}),
        ...(req.query.get('labelSelector') ? { labelSelector: req.query.get('labelSelector')! } : {}),
      }),
    ).filter((p) => p.status?.phase === 'Running');
    const items = pods.map((p, i) => ({
      metadata: {
        name: p.metadata.name,
        namespace: p.metadata.namespace,
        creationTimestamp: ts,
        labels: p.metadata.labels,
      },
      timestamp: ts,
      window: '15.011s',
      containers: (p.spec?.containers ?? []).map((c: Obj, j: number) => ({
        name: c.name,
        usage: { cpu: `${((i * 7 + j * 3) % 40) + 2}m`, memory: `${((i * 13 + j * 5) % 90) + 20}Mi` },
      })),
    }));
    if (t.name) {
      if (!items[0]) throw notFound(r, t.name);
      return { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...items[0] };
    }
    return { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items };
  }

  function scaleOf(r: ResourceDef, o: Obj): Obj {
    const sel = o.spec?.selector?.matchLabels ?? {};
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp,
      },
      spec: { replicas: o.spec?.replicas ?? 0 },
      status: {
        replicas: o.status?.replicas ?? 0,
        selector: Object.entries(sel)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      },
    };
  }

  function podLog(pod: Obj, q: URLSearchParams): string {
    const containers: string[] = (pod.spec?.containers ?? []).map((c: Obj) => c.name);
    let container = q.get('container') ?? undefined;
    if (!container) {
      if (containers.length !== 1)
        throw new HttpError(
          400,
          'BadRequest',
          `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containers.join(' ')}]`,
        );
      container = containers[0];
    }
    if (!containers.includes(container))
      throw new HttpError(400, 'BadRequest', `container ${container} is not valid for pod ${pod.metadata.name}`);
    const previous = q.get('previous') === 'true';
    const key = `${pod.metadata.namespace}/${pod.metadata.name}/${container}${previous ? '/previous' : ''}`;
    let lines = logs.get(key);
    if (!lines) {
      if (previous)
        throw new HttpError(
          400,
          'BadRequest',
          `previous terminated container "${container}" in pod "${pod.metadata.name}" not found`,
        );
      lines = [];
    }
    // lines are "RFC3339 text"
    const since = q.get('sinceSeconds');
    if (since) {
      const cut = Date.now() - Number(since) * 1000;
      lines = lines.filter((l) => Date.parse(l.slice(0, l.indexOf(' '))) >= cut);
    }
    const tail = q.get('tailLines');
    if (tail) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    const ts = q.get('timestamps') === 'true';
    let text = lines.map((l) => (ts ? l : l.slice(l.indexOf(' ') + 1)) + '\n').join('');
    const limit = q.get('limitBytes');
    if (limit) text = text.slice(0, Number(limit));
    return text;
  }

  function evict(t: Target, pod: Obj) {
    const pdbRes = resources.find((x) => x.name === 'poddisruptionbudgets')!;
    for (const pdb of bucket(pdbRes).values()) {
      if (pdb.metadata.namespace !== pod.metadata.namespace) continue;
      const sel = pdb.spec?.selector?.matchLabels ?? {};
      const labels = pod.metadata.labels ?? {};
      if (!Object.entries(sel).every(([k, v]) => labels[k] === v)) continue;
      const allowedN = pdb.status?.disruptionsAllowed ?? 0;
      if (allowedN <= 0) {
        throw new HttpError(
          429,
          'TooManyRequests',
          "Cannot evict pod as it would violate the pod's disruption budget.",
          {
            causes: [
              {
                reason: 'DisruptionBudget',
                message: `The disruption budget ${pdb.metadata.name} needs ${pdb.status?.desiredHealthy ?? 0} healthy pods and has ${pdb.status?.currentHealthy ?? 0} currently`,
              },
            ],
          },
          { 'retry-after': '1' },
        );
      }
      pdb.status.disruptionsAllowed = allowedN - 1;
      pdb.metadata.resourceVersion = nextRv();
    }
    bucket(t.r).delete(keyOf(t.ns, t.name!));
    notify(t.r, 'DELETED', pod);
  }

  async function handle(
    req: RecordedRequest,
    res: ServerResponse,
    user: { name: string; rules: UserRule[] },
  ): Promise<{ status: number; body: Obj | string; headers?: Record<string, string> } | undefined> {
    if (req.method === 'GET') {
      const d = discovery(req.path);
      if (d) return { status: 200, body: d };
      if (req.path.startsWith('/openapi/'))
        throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
    }
    const t = parse(req.path);
    if (!t) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
    const { r, ns, name, sub } = t;
    const watch = req.query.get('watch') === 'true' || req.query.get('watch') === '1';
    const verb =
      req.method === 'GET'
        ? name
          ? 'get'
          : watch
            ? 'watch'
            : 'list'
        : req.method === 'POST'
          ? 'create'
          : req.method === 'PUT'
            ? 'update'
            : req.method === 'PATCH'
              ? 'patch'
              : req.method === 'DELETE'
                ? name
                  ? 'delete'
                  : 'deletecollection'
                : '';
    const resourceName = sub ? `${r.name}/${sub}` : r.name;
    if (!allowed(user.rules, verb, r.group, resourceName, ns)) {
      const what = `${resourceName}${r.group ? '.' + r.group : ''}`;
      throw new HttpError(
        403,
        'Forbidden',
        `${what}${name ? ` "${name}"` : ''} is forbidden: User "${user.name}" cannot ${verb} resource "${resourceName}" in API group "${r.group}"${ns ? ` in the namespace "${ns}"` : r.namespaced ? '' : ' at the cluster scope'}`,
        { ...(name ? { name } : {}), group: r.group, kind: r.name },
      );
    }
    const allowedVerbs = sub ? r.subresources?.find((s) => s.name === sub)?.verbs : r.verbs;
    if (sub && !allowedVerbs) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
    if (!allowedVerbs!.includes(verb === 'watch' ? 'watch' : verb))
      throw new HttpError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
    if (r.virtual) return { status: req.method === 'POST' ? 201 : 200, body: virtual(t, req, user) };
    const b = bucket(r);
    const dryRun = req.query.get('dryRun') === 'All';

    if (verb === 'watch') {
      let labelPred: (l: Record<string, string>) => boolean, fieldPred: (o: Obj) => boolean;
      try {
        labelPred = parseLabelSelector(req.query.get('labelSelector'));
        fieldPred = parseFieldSelector(req.query.get('fieldSelector'), r.kind);
      } catch (err) {
        throw new HttpError(400, 'BadRequest', (err as Error).message);
      }
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      res.flushHeaders();
      const w = {
        key: `${r.group}/${r.name}`,
        ns,
        res,
        match: (o: Obj) => labelPred(o.metadata?.labels ?? {}) && fieldPred(o),
      };
      watchers.add(w);
      const since = req.query.get('resourceVersion');
      if (!since || since === '0')
        for (const o of listObjects(r, ns, req.query)) res.write(JSON.stringify({ type: 'ADDED', object: o }) + '\n');
      const timeout = Math.min(Number(req.query.get('timeoutSeconds') ?? 30), 60) * 1000;
      const timer = setTimeout(() => {
        watchers.delete(w);
        res.end();
      }, timeout);
      res.on('close', () => {
        clearTimeout(timer);
        watchers.delete(w);
      });
      return undefined;
    }

    if (verb === 'list') {
      checkNamespace(r, ns);
      const all = listObjects(r, ns, req.query);
      const limit = Number(req.query.get('limit') ?? 0);
      let start = 0;
      const cont = req.query.get('continue');
      if (cont) {
        try {
          start = JSON.parse(Buffer.from(cont, 'base64url').toString()).start;
        } catch {
          throw new HttpError(400, 'BadRequest', 'continue key is not valid: illegal base64 data at input byte 0');
        }
      }
      const page = limit > 0 ? all.slice(start, start + limit) : all.slice(start);
      const more = limit > 0 && start + limit < all.length;
      const listKind = r.kind.endsWith('List') ? r.kind : `${r.kind}List`;
      return {
        status: 200,
        body: {
          kind: listKind,
          apiVersion: apiVersionOf(r),
          metadata: {
            resourceVersion: String(rv),
            ...(more
              ? {
                  continue: Buffer.from(JSON.stringify({ rv, start: start + limit })).toString('base64url'),
                  remainingItemCount: all.length - start - limit,
                }
              : {}),
          },
          items: page.map(stripForList),
        },
      };
    }

    if (verb === 'deletecollection') {
      const victims = listObjects(r, ns, req.query);
      if (!dryRun)
        for (const o of victims) {
          b.delete(keyOf(o.metadata.namespace, o.metadata.name));
          notify(r, 'DELETED', o);
        }
      return {
        status: 200,
        body: {
          kind: `${r.kind}List`,
          apiVersion: apiVersionOf(r),
          metadata: { resourceVersion: String(rv) },
          items: victims.map(stripForList),
        },
      };
    }

    if (verb === 'create' && !name) {
      checkNamespace(r, ns);
      const body = readBody(req);
      if (!body || typeof body !== 'object')
        throw new HttpError(400, 'BadRequest', 'the object provided is unrecognized');
      if (body.kind && body.kind !== r.kind)
        throw new HttpError(
          400,
          'BadRequest',
          `the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(r)})`,
        );
      const md = body.metadata ?? (body.metadata = {});
      if (!md.name && md.generateName) md.name = md.generateName + Math.random().toString(36).slice(2, 7);
      if (!md.name) {
        throw new HttpError(
          422,
          'Invalid',
          `${r.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
          {
            kind: r.kind,
            group: r.group,
            causes: [
              {
                reason: 'FieldValueRequired',
                message: 'Required value: name or generateName is required',
                field: 'metadata.name',
              },
            ],
          },
        );
      }
      if (r.namespaced) {
        if (md.namespace && ns && md.namespace !== ns)
          throw new HttpError(
            400,
            'BadRequest',
            'the namespace of the provided object does not match the namespace sent on the request',
          );
        md.namespace = ns ?? md.namespace ?? 'default';
      }
      if (b.has(keyOf(md.namespace, md.name))) {
        throw new HttpError(
          409,
          'AlreadyExists',
          `${r.name}${r.group ? '.' + r.group : ''} "${md.name}" already exists`,
          { name: md.name, group: r.group, kind: r.name },
        );
      }
      delete md.resourceVersion;
      delete md.uid;
      delete md.creationTimestamp;
      if (r.kind === 'Pod') body.status ??= { phase: 'Pending', qosClass: 'BestEffort' };
      if (dryRun) return { status: 201, body: { ...body, apiVersion: apiVersionOf(r), kind: r.kind } };
      const created = store_put(r, body, req.query.get('fieldManager') ?? 'unknown');
      notify(r, 'ADDED', created);
      settle(r, created);
      return { status: 201, body: created };
    }

    // single object
    if (!name)
      throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const k = keyOf(r.namespaced ? ns : undefined, name);
    const cur = b.get(k);

    if (sub === 'eviction' && verb === 'create') {
      if (!cur) throw notFound(r, name);
      readBody(req);
      if (!dryRun) evict(t, cur);
      return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
    }
    if (sub === 'log') {
      if (!cur) throw notFound(r, name);
      return { status: 200, body: podLog(cur, req.query), headers: { 'content-type': 'text/plain' } };
    }
    if (sub === 'exec' || sub === 'portforward') throw new HttpError(400, 'BadRequest', `Upgrade request required`);

    // apply creates when absent
    const isApply = req.method === 'PATCH' && req.contentType.startsWith('application/apply-patch');
    if (isApply && !req.query.get('fieldManager')) {
      throw new HttpError(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        {
          group: 'meta.k8s.io',
          kind: 'PatchOptions',
          causes: [
            {
              reason: 'FieldValueRequired',
              message: 'Required value: is required for apply patch',
              field: 'fieldManager',
            },
          ],
        },
      );
    }
    if (!cur) {
      if (isApply && !sub) {
        checkNamespace(r, ns);
        const body = readBody(req);
        body.metadata = { ...(body.metadata ?? {}), name, ...(r.namespaced ? { namespace: ns } : {}) };
        if (dryRun) return { status: 201, body };
        const created = store_put(r, body, req.query.get('fieldManager')!);
        created.metadata.managedFields = [managed(req.query.get('fieldManager')!, 'Apply', r)];
        notify(r, 'ADDED', created);
        settle(r, created);
        return { status: 201, body: created };
      }
      throw notFound(r, name);
    }

    if (verb === 'get') {
      if (sub === 'scale') return { status: 200, body: scaleOf(r, cur) };
      return { status: 200, body: cur };
    }

    if (verb === 'delete') {
      if (!dryRun) {
        b.delete(k);
        notify(r, 'DELETED', cur);
        if (r.name === 'namespaces')
          for (const other of store.values())
            for (const [kk, o] of other) if (o.metadata.namespace === name) other.delete(kk);
      }
      return {
        status: 200,
        body:
          r.name === 'pods' || r.name === 'namespaces'
            ? { ...cur, metadata: { ...cur.metadata, deletionTimestamp: now() } }
            : {
                kind: 'Status',
                apiVersion: 'v1',
                metadata: {},
                status: 'Success',
                details: { name, group: r.group, kind: r.name, uid: cur.metadata.uid },
              },
      };
    }

    // update / patch, on the object, its scale or its status
    let next: Obj;
    if (verb === 'update') {
      const body = readBody(req);
      const sentRv = body?.metadata?.resourceVersion;
      const want = sub === 'scale' ? body : body;
      if (sentRv && sentRv !== cur.metadata.resourceVersion) {
        throw new HttpError(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${r.name}${r.group ? '.' + r.group : ''} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
          { name, group: r.group, kind: r.name },
        );
      }
      if (sub === 'scale') next = { ...structuredClone(cur), spec: { ...cur.spec, replicas: want.spec?.replicas } };
      else if (sub === 'status') next = { ...structuredClone(cur), status: body.status };
      else
        next = {
          ...body,
          status: cur.status,
          metadata: {
            ...body.metadata,
            uid: cur.metadata.uid,
            creationTimestamp: cur.metadata.creationTimestamp,
            generation: cur.metadata.generation,
            managedFields: cur.metadata.managedFields,
          },
        };
    } else {
      const body = readBody(req);
      const base = sub === 'scale' ? scaleOf(r, cur) : structuredClone(cur);
      let patched: Obj;
      try {
        if (req.contentType.startsWith('application/json-patch+json')) patched = jsonPatch(base, body) as Obj;
        else if (req.contentType.startsWith('application/merge-patch+json')) patched = mergePatch(base, body) as Obj;
        else if (req.contentType.startsWith('application/strategic-merge-patch+json')) {
          if (
            !findByKind('v1', r.kind) &&
            !['apps', 'batch', 'networking.k8s.io', 'policy', 'autoscaling', ''].includes(r.group)
          ) {
            throw new HttpError(
              415,
              'UnsupportedMediaType',
              'strategic merge patch is not supported for custom resources',
            );
          }
          patched = mergePatch(base, body, true) as Obj;
        } else if (isApply) patched = mergePatch(base, body, true) as Obj;
        else
          throw new HttpError(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
          );
      } catch (err) {
        if (err instanceof PatchError)
          throw new HttpError(err.code, err.code === 422 ? 'Invalid' : 'BadRequest', err.message);
        throw err;
      }
      if (!patched || typeof patched !== 'object' || Array.isArray(patched))
        throw new HttpError(400, 'BadRequest', 'the patch produced a value that is not an object');
      if (patched.metadata?.resourceVersion && patched.metadata.resourceVersion !== cur.metadata.resourceVersion) {
        throw new HttpError(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${r.name}${r.group ? '.' + r.group : ''} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
          { name, group: r.group, kind: r.name },
        );
      }
      if (sub === 'scale') next = { ...structuredClone(cur), spec: { ...cur.spec, replicas: patched.spec?.replicas } };
      else if (sub === 'status') next = { ...structuredClone(cur), status: patched.status };
      else next = { ...patched, status: cur.status };
      if (isApply) {
        const mgr = req.query.get('fieldManager')!;
        next.metadata.managedFields = [
          ...(cur.metadata.managedFields ?? []).filter((m: Obj) => m.manager !== mgr),
          managed(mgr, 'Apply', r),
        ];
      }
    }
    if (next.metadata?.name && next.metadata.name !== name)
      throw new HttpError(
        400,
        'BadRequest',
        `the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`,
      );
    next.metadata = { ...next.metadata, name, ...(r.namespaced ? { namespace: ns } : {}) };
    if (JSON.stringify(next.spec) !== JSON.stringify(cur.spec))
      next.metadata.generation = (cur.metadata.generation ?? 1) + 1;
    if (dryRun) return { status: 200, body: next };
    next.metadata.resourceVersion = nextRv();
    next.apiVersion = apiVersionOf(r);
    next.kind = r.kind;
    b.set(k, next);
    notify(r, 'MODIFIED', next);
    if (next.metadata.generation !== cur.metadata.generation) settle(r, next);
    return { status: 200, body: sub === 'scale' ? scaleOf(r, next) : next };
  }

  // ------------------------------------------------------------------------------------------------
  /** Bearer tokens are keys of `users`; basic credentials are keys written "user:password". */
  const authenticate = (auth: string) => {
    if (auth.startsWith('Bearer ')) return users[auth.slice(7)];
    if (auth.startsWith('Basic ')) return users[Buffer.from(auth.slice(6), 'base64').toString('utf8')];
    return undefined;
  };
  const sockets = new Set<Socket>();
  const server: Server = createServer({ cert: certs.certPem, key: certs.keyPem }, async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'https://emulator');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      contentType: String(req.headers['content-type'] ?? ''),
      body: Buffer.concat(chunks).toString('utf8'),
      raw: Buffer.concat(chunks),
    };
    requests.push(record);
    const send = (status: number, body: Obj | string, headers: Record<string, string> = {}) => {
      if (res.headersSent || res.destroyed) return;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res
        .writeHead(status, {
          'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
          'audit-id': randomUUID(),
          ...headers,
        })
        .end(text);
    };
    const fault = faults.find(
      (f) =>
        (!f.method || f.method === record.method) && f.path.test(record.path) && (f.times === undefined || f.times > 0),
    );
    if (fault) {
      if (fault.times !== undefined) fault.times--;
      if (fault.delayMs)
        await new Promise((r) => {
          const t = setTimeout(r, fault.delayMs);
          timers.add(t);
        });
      if (fault.reset) {
        req.socket.destroy();
        return;
      }
      if (fault.status) {
        send(
          fault.status,
          statusBody(fault.status, fault.reason ?? 'InternalError', fault.message ?? 'injected fault'),
          fault.status === 429 ? { 'retry-after': '1' } : {},
        );
        return;
      }
    }
    const user = authenticate(String(req.headers.authorization ?? ''));
    if (!user) {
      send(401, statusBody(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    record.user = user.name;
    try {
      const out = await handle(record, res, user);
      if (out) send(out.status, out.body, out.headers);
    } catch (err) {
      if (err instanceof HttpError)
        send(err.code, statusBody(err.code, err.reason, err.message, err.details), err.headers);
      else send(500, statusBody(500, 'InternalError', `Internal error occurred: ${(err as Error).message}`));
    }
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // pods/exec over WebSocket, as the kubelet streams it: channel 1 stdout, 2 stderr, 3 a Status object.
  const { WebSocketServer } = (await import('ws' as string)) as { WebSocketServer: new (o: Obj) => Obj };
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (p: Set<string>) => (p.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : [...p][0]),
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'https://emulator');
    const record: RecordedRequest = {
      method: 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      contentType: '',
      body: '',
      raw: Buffer.alloc(0),
    };
    requests.push(record);
    const reject = (code: number, reason: string, message: string) => {
      socket.end(
        `HTTP/1.1 ${code} ${reason}\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n${JSON.stringify(statusBody(code, reason, message))}`,
      );
    };
    const user = authenticate(String(req.headers.authorization ?? ''));
    if (!user) return reject(401, 'Unauthorized', 'Unauthorized');
    record.user = user.name;
    const m = url.pathname.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/);
    if (!m) return reject(404, 'NotFound', 'the server could not find the requested resource');
    const [, ns, name] = m;
    if (!allowed(user.rules, 'create', '', 'pods/exec', ns))
      return reject(
        403,
        'Forbidden',
        `pods "${name}" is forbidden: User "${user.name}" cannot create resource "pods/exec" in API group "" in the namespace "${ns}"`,
      );
    const pod = bucket(resources.find((x) => x.name === 'pods' && x.group === '')!).get(`${ns}/${name}`);
    if (!pod) return reject(404, 'NotFound', `pods "${name}" not found`);
    const containers: string[] = (pod.spec?.containers ?? []).map((c: Obj) => c.name);
    const container = url.searchParams.get('container') || containers[0];
    if (!containers.includes(container))
      return reject(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
    const command = url.searchParams.getAll('command');
    wss.handleUpgrade(req, socket, head, (ws: Obj) => {
      const result = (options.exec ?? defaultExec)(pod, container, command);
      const send = (channel: number, data: string) =>
        ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
      if (result.stdout) send(1, result.stdout);
      if (result.stderr) send(2, result.stderr);
      const code = result.exitCode ?? 0;
      const status =
        code === 0
          ? { metadata: {}, status: 'Success' }
          : code < 0
            ? {
                metadata: {},
                status: 'Failure',
                message: `OCI runtime exec failed: exec failed: unable to start container process: ${result.stderr ?? 'not found'}: unknown`,
                reason: 'InternalError',
                details: { causes: [{ message: result.stderr ?? 'not found' }] },
                code: 500,
              }
            : {
                metadata: {},
                status: 'Failure',
                message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
                reason: 'NonZeroExitCode',
                details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
              };
      send(3, JSON.stringify(status));
      setTimeout(() => ws.close(1000), 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'kube-emu-cfg-'));
  const caData = Buffer.from(certs.caPem).toString('base64');

  const writeKubeconfig = (extra: Array<{ name: string; server: string; token: string }> = []): string => {
    const entries = [...Object.entries(users).map(([token, u]) => ({ name: u.name, server: url, token })), ...extra];
    const text = [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${entries[0].name}`,
      'preferences: {}',
      'clusters:',
      ...entries.map(
        (e) => `- name: ${e.name}\n  cluster:\n    server: ${e.server}\n    certificate-authority-data: ${caData}`,
      ),
      'contexts:',
      ...entries.map(
        (e) => `- name: ${e.name}\n  context:\n    cluster: ${e.name}\n    user: ${e.name}\n    namespace: default`,
      ),
      'users:',
      ...entries.map((e) => `- name: ${e.name}\n  user:\n    token: ${e.token}`),
      '',
    ].join('\n');
    const path = join(dir, `kubeconfig-${extra.length ? randomUUID().slice(0, 8) : 'main'}.yaml`);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };
  const kubeconfigPath = writeKubeconfig();

  return {
    url,
    kubeconfigPath,
    kubeconfig: (await import('node:fs')).readFileSync(kubeconfigPath, 'utf8'),
    caPem: certs.caPem,
    requests,
    faults,
    put(obj) {
      const r = findByKind(obj.apiVersion, obj.kind);
      if (!r) throw new Error(`no resource for ${obj.apiVersion} ${obj.kind}`);
      const o = store_put(r, structuredClone(obj));
      notify(r, 'ADDED', o);
      return o;
    },
    get(apiVersion, kind, namespace, name) {
      const r = findByKind(apiVersion, kind);
      return r ? bucket(r).get(keyOf(r.namespaced ? namespace : undefined, name)) : undefined;
    },
    list(apiVersion, kind, namespace) {
      const r = findByKind(apiVersion, kind);
      return r ? [...bucket(r).values()].filter((o) => !namespace || o.metadata.namespace === namespace) : [];
    },
    setLogs(key, lines) {
      logs.set(key, lines);
    },
    resources: () => resources,
    writeKubeconfig,
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const w of watchers) w.res.end();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
