// The live state of one manifest object, read through the cluster: exists or missing, and a one-line
// readiness for the kinds that have one (workloads, pods, jobs, services, PVCs; Ready/Available conditions).
import type { ManifestObject } from './manifest.js';
import type { Obj } from './release.js';
import type { ReleaseStore } from './store.js';

export interface LiveStatus {
  live: 'present' | 'missing' | 'unknown';
  ready?: boolean;
  detail?: string;
}

export async function liveStatus(
  store: ReleaseStore,
  context: string,
  o: ManifestObject,
  signal?: AbortSignal,
): Promise<LiveStatus> {
  try {
    const obj = await store.readObject(
      context,
      {
        apiVersion: o.apiVersion,
        kind: o.kind,
        metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
      },
      signal,
    );
    if (!obj) return { live: 'missing', ready: false };
    return { live: 'present', ...readiness(obj) };
  } catch (err) {
    return { live: 'unknown', detail: (err as Error).message.slice(0, 200) };
  }
}

export function readiness(obj: Obj): { ready?: boolean; detail?: string } {
  const s = obj.status ?? {};
  const spec = obj.spec ?? {};
  switch (obj.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const want = spec.replicas ?? 1;
      const ready = s.readyReplicas ?? 0;
      return { ready: ready >= want, detail: `${ready}/${want} ready` };
    }
    case 'DaemonSet': {
      const want = s.desiredNumberScheduled ?? 0;
      const ready = s.numberReady ?? 0;
      return { ready: ready >= want, detail: `${ready}/${want} ready` };
    }
    case 'Pod':
      return { ready: s.phase === 'Running' || s.phase === 'Succeeded', detail: s.phase ?? 'Unknown' };
    case 'Job':
      return { ready: (s.succeeded ?? 0) > 0, detail: `${s.succeeded ?? 0} succeeded, ${s.failed ?? 0} failed` };
    case 'PersistentVolumeClaim':
      return { ready: s.phase === 'Bound', detail: s.phase ?? 'Unknown' };
    case 'Service':
      return spec.type === 'LoadBalancer'
        ? { ready: !!s.loadBalancer?.ingress?.length, detail: 'LoadBalancer' }
        : { ready: true, detail: spec.type ?? 'ClusterIP' };
  }
  const cond = (s.conditions ?? []).find((c: Obj) => c.type === 'Ready' || c.type === 'Available');
  if (cond) return { ready: cond.status === 'True', detail: `${cond.type}=${cond.status}` };
  return {};
}
