// What an object's status says: conditions in short, problems in plain words, rollout progress with kubectl's
// messages, and whether a wait condition is met. Pure functions of one object.
import type { Obj } from './client.js';
import { KubeErrors } from './errors.js';
import { age, podStatus } from './format.js';

/** Status conditions in short (messages capped). */
export function conditions(o: Obj): Obj[] | undefined {
  const cs = o.status?.conditions;
  if (!Array.isArray(cs)) return undefined;
  return cs.map((x: Obj) => ({
    type: x.type,
    status: x.status,
    ...(x.reason ? { reason: x.reason } : {}),
    ...(x.message ? { message: String(x.message).slice(0, 300) } : {}),
    ...(x.lastTransitionTime ? { since: age(x.lastTransitionTime) } : {}),
  }));
}

/** Problems the status shows, in plain words (empty when healthy). */
export function diagnose(o: Obj): string[] {
  const d: string[] = [];
  if (o.kind === 'Pod') {
    for (const cs of o.status?.containerStatuses ?? []) {
      if (cs.state?.waiting?.reason)
        d.push(
          `container ${cs.name} is waiting: ${cs.state.waiting.reason}${cs.state.waiting.message ? ' — ' + cs.state.waiting.message : ''}`,
        );
      if (cs.lastState?.terminated)
        d.push(
          `container ${cs.name} last terminated: ${cs.lastState.terminated.reason} (exit code ${cs.lastState.terminated.exitCode})`,
        );
      if ((cs.restartCount ?? 0) > 3) d.push(`container ${cs.name} restarted ${cs.restartCount} times`);
    }
    const sched = (o.status?.conditions ?? []).find((c: Obj) => c.type === 'PodScheduled' && c.status === 'False');
    if (sched) d.push(`not scheduled: ${sched.reason}: ${sched.message}`);
  }
  for (const c of o.status?.conditions ?? []) {
    if (['Available', 'Ready'].includes(c.type) && c.status === 'False')
      d.push(`${c.type}=False: ${c.reason ?? ''} ${c.message ?? ''}`.trim());
    if (c.type === 'Failed' && c.status === 'True') d.push(`Failed: ${c.reason ?? ''} ${c.message ?? ''}`.trim());
    if (c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded') d.push(`rollout stuck: ${c.message}`);
  }
  if (
    ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind) &&
    (o.status?.readyReplicas ?? 0) < (o.spec?.replicas ?? 0)
  )
    d.push(`${o.status?.readyReplicas ?? 0} of ${o.spec?.replicas} replicas ready`);
  if (o.kind === 'DaemonSet' && (o.status?.numberReady ?? 0) < (o.status?.desiredNumberScheduled ?? 0))
    d.push(`${o.status?.numberReady ?? 0} of ${o.status?.desiredNumberScheduled} daemon pods ready`);
  if (o.kind === 'Node' && o.spec?.unschedulable) d.push('node is cordoned (unschedulable)');
  return [...new Set(d)];
}

/** Rollout progress of a Deployment, StatefulSet or DaemonSet, with kubectl rollout status messages. */
export function rollout(o: Obj): { done: boolean; failed?: boolean; message: string } {
  const st = o.status ?? {},
    sp = o.spec ?? {},
    gen = o.metadata?.generation ?? 0;
  if ((st.observedGeneration ?? 0) < gen)
    return { done: false, message: `Waiting for ${o.kind.toLowerCase()} spec update to be observed...` };
  if (o.kind === 'Deployment') {
    const prog = (st.conditions ?? []).find((c: Obj) => c.type === 'Progressing');
    if (prog?.reason === 'ProgressDeadlineExceeded')
      return { done: false, failed: true, message: `deployment "${o.metadata.name}" exceeded its progress deadline` };
    const want = sp.replicas ?? 1;
    if ((st.updatedReplicas ?? 0) < want)
      return {
        done: false,
        message: `Waiting for deployment "${o.metadata.name}" rollout to finish: ${st.updatedReplicas ?? 0} out of ${want} new replicas have been updated...`,
      };
    if ((st.replicas ?? 0) > (st.updatedReplicas ?? 0))
      return {
        done: false,
        message: `Waiting for deployment "${o.metadata.name}" rollout to finish: ${(st.replicas ?? 0) - (st.updatedReplicas ?? 0)} old replicas are pending termination...`,
      };
    if ((st.availableReplicas ?? 0) < (st.updatedReplicas ?? 0))
      return {
        done: false,
        message: `Waiting for deployment "${o.metadata.name}" rollout to finish: ${st.availableReplicas ?? 0} of ${st.updatedReplicas} updated replicas are available...`,
      };
    return { done: true, message: `deployment "${o.metadata.name}" successfully rolled out` };
  }
  if (o.kind === 'StatefulSet') {
    const want = sp.replicas ?? 1;
    if ((st.readyReplicas ?? 0) < want)
      return { done: false, message: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...` };
    const partition = sp.updateStrategy?.rollingUpdate?.partition ?? 0;
    if ((st.updatedReplicas ?? 0) < want - partition)
      return {
        done: false,
        message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - partition} new pods have been updated...`,
      };
    if (st.updateRevision && st.currentRevision !== st.updateRevision)
      return {
        done: false,
        message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...`,
      };
    return {
      done: true,
      message: `statefulset rolling update complete ${st.currentReplicas ?? want} pods at revision ${st.currentRevision}...`,
    };
  }
  if (o.kind === 'DaemonSet') {
    const want = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < want)
      return {
        done: false,
        message: `Waiting for daemon set "${o.metadata.name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${want} new pods have been updated...`,
      };
    if ((st.numberAvailable ?? 0) < want)
      return {
        done: false,
        message: `Waiting for daemon set "${o.metadata.name}" rollout to finish: ${st.numberAvailable ?? 0} of ${want} updated pods are available...`,
      };
    return { done: true, message: `daemon set "${o.metadata.name}" successfully rolled out` };
  }
  throw KubeErrors.create(
    'KUBERNETES_ERR_UNSUPPORTED',
    `rollout status works for Deployment, StatefulSet and DaemonSet, not ${o.kind}`,
  );
}

/** Whether `condition` (ready, available, complete, exists, deleted) holds for the object (undefined: absent). */
export function conditionMet(
  o: Obj | undefined,
  condition: string,
): { ok: boolean; failed?: boolean; message: string } {
  if (condition === 'deleted') return { ok: !o, message: o ? 'still exists' : 'deleted' };
  if (!o) return { ok: false, message: 'does not exist yet' };
  if (condition === 'exists') return { ok: true, message: 'exists' };
  const cnd = (t: string) => (o.status?.conditions ?? []).find((x: Obj) => x.type === t);
  if (condition === 'complete') {
    if (o.kind === 'Job') {
      if (cnd('Failed')?.status === 'True')
        return { ok: false, failed: true, message: `job failed: ${cnd('Failed').reason}` };
      return { ok: cnd('Complete')?.status === 'True', message: `succeeded ${o.status?.succeeded ?? 0}` };
    }
    if (o.kind === 'Pod') {
      if (o.status?.phase === 'Failed') return { ok: false, failed: true, message: 'pod failed' };
      return { ok: o.status?.phase === 'Succeeded', message: `phase ${o.status?.phase}` };
    }
  }
  if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind)) {
    if (condition === 'available' && o.kind === 'Deployment')
      return {
        ok: cnd('Available')?.status === 'True',
        message: `Available=${cnd('Available')?.status ?? 'Unknown'}`,
      };
    const st = rollout(o);
    return { ok: st.done, failed: st.failed, message: st.message };
  }
  if (o.kind === 'Pod' && o.status?.phase === 'Failed') return { ok: false, failed: true, message: 'pod failed' };
  const ready = cnd(condition === 'available' ? 'Available' : 'Ready') ?? cnd('Ready');
  if (ready)
    return {
      ok: ready.status === 'True',
      message: `${ready.type}=${ready.status}${ready.reason ? ' (' + ready.reason + ')' : ''}`,
    };
  const phase = o.status?.phase;
  if (phase) return { ok: ['Running', 'Active', 'Bound', 'Succeeded'].includes(phase), message: `phase ${phase}` };
  return { ok: true, message: 'exists (no readiness signal)' };
}

/** Whether an object of a scanned kind is unhealthy (crashing/pending pod, failed Job, NotReady Node, …). */
export function isUnhealthy(o: Obj): boolean {
  if (o.kind === 'Pod') {
    const ps = podStatus(o);
    const [ready, total] = ps.ready.split('/');
    return (
      !['Running', 'Completed', 'Succeeded'].includes(ps.status) || (o.status?.phase === 'Running' && ready !== total)
    );
  }
  if (o.kind === 'Job')
    return (o.status?.conditions ?? []).some((x: Obj) => x.type === 'Failed' && x.status === 'True');
  if (o.kind === 'Node')
    return (o.status?.conditions ?? []).some((x: Obj) => x.type === 'Ready' && x.status !== 'True');
  return diagnose(o).length > 0;
}
