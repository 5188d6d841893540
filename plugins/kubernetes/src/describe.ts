// The body of kubernetes_describe_resource: like kubectl describe, the fields that matter for the object's kind.
import type { Obj } from './client.js';
import { conditions, diagnose } from './diagnose.js';
import { summarize } from './format.js';

function podContainers(o: Obj): Obj[] {
  return (o.spec?.containers ?? []).map((ct: Obj) => {
    const cs = (o.status?.containerStatuses ?? []).find((x: Obj) => x.name === ct.name) ?? {};
    return {
      name: ct.name,
      image: ct.image,
      ready: cs.ready,
      restartCount: cs.restartCount,
      state: cs.state,
      ...(cs.lastState && Object.keys(cs.lastState).length ? { lastState: cs.lastState } : {}),
      resources: ct.resources,
      ports: ct.ports,
    };
  });
}

/** Kind-specific fields: containers of a Pod, capacity of a Node, template of a workload, ports of a Service… */
function kindFields(o: Obj): Obj {
  switch (o.kind) {
    case 'Pod':
      return { containers: podContainers(o) };
    case 'Secret':
      return { type: o.type, data: o.data };
    case 'ConfigMap':
      return { dataKeys: Object.keys(o.data ?? {}) };
    case 'Node':
      return {
        capacity: o.status?.capacity,
        allocatable: o.status?.allocatable,
        taints: o.spec?.taints ?? [],
        unschedulable: !!o.spec?.unschedulable,
        nodeInfo: o.status?.nodeInfo,
      };
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
      return {
        selector: o.spec?.selector,
        strategy: o.spec?.strategy ?? o.spec?.updateStrategy,
        template: {
          containers: (o.spec?.template?.spec?.containers ?? []).map((x: Obj) => ({ name: x.name, image: x.image })),
        },
      };
    case 'Service':
      return {
        spec: {
          type: o.spec?.type,
          clusterIP: o.spec?.clusterIP,
          ports: o.spec?.ports,
          selector: o.spec?.selector,
        },
      };
    default:
      return {};
  }
}

/** One object described: summary, metadata, conditions, problems, kind fields, owners, owned objects, events. */
export function describeObject(
  o: Obj,
  apiVersion: string,
  related: { owners: Obj[]; owned: Obj[]; events: Obj[] },
): Obj {
  const md = o.metadata ?? {};
  const cs = conditions(o);
  const issues = diagnose(o);
  return {
    summary: summarize(o),
    apiVersion,
    uid: md.uid,
    created: md.creationTimestamp,
    labels: md.labels ?? {},
    annotations: Object.fromEntries(
      Object.entries(md.annotations ?? {}).map(([k, v]) => [
        k,
        String(v).length > 200 ? String(v).slice(0, 200) + '…' : v,
      ]),
    ),
    ...(cs ? { conditions: cs } : {}),
    ...(issues.length ? { issues } : {}),
    ...kindFields(o),
    owners: related.owners,
    owned: related.owned,
    events: related.events,
  };
}
