// Toolset kubernetes/workloads: scale, rollout restart, rollout status, and waiting for a condition.
import { Tool, ToolGroup, annotations, inject, isCnmcpError, type Static, type ToolContext } from '@cnmcp/core';
import type { ApiResource, ClusterClient, Obj } from '../client.js';
import { conditionMet, rollout } from '../diagnose.js';
import { KubeErrors } from '../errors.js';
import { summarize } from '../format.js';
import { KubeReader, sleep } from '../kube.js';
import { resolveKind, resourcePath } from '../resolve.js';
import * as S from '../schemas.js';

type Ctx = ToolContext<ClusterClient>;
const ROLLING_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];
const LONG = 1_900_000;

@ToolGroup({
  name: 'workloads',
  title: 'Workload operations',
  description: 'Scale, rollout restart, rollout status and waiting for an object to be ready, complete or gone.',
  defaults: { annotations: annotations.write, redactOutput: false },
})
export class WorkloadTools {
  constructor(@inject(KubeReader) private readonly kube: KubeReader) {}

  @Tool({
    name: 'kubernetes_scale_resource',
    title: 'Scale a workload',
    description:
      'Sets replicas through the scale subresource (Deployment, StatefulSet, ReplicaSet, or a CRD with a scale subresource).',
    input: S.ScaleInput,
    annotations: annotations.idempotentWrite,
  })
  async scale(input: Static<typeof S.ScaleInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    this.kube.checkNamespace(input.namespace);
    if (!r.subresources.includes('scale'))
      throw KubeErrors.create(
        'KUBERNETES_ERR_UNSUPPORTED',
        `${r.kind} (${r.apiVersion}) has no scale subresource; scalable kinds: Deployment, StatefulSet, ReplicaSet and CRDs declaring one`,
      );
    const path = resourcePath(r, input.namespace, input.name, 'scale');
    const before = await c.request<Obj>({ path, signal: ctx.signal });
    const after = await c.request<Obj>({
      method: 'PATCH',
      path,
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: input.replicas } },
      signal: ctx.signal,
      query: { fieldManager: this.kube.config.fieldManager },
    });
    return this.kube.out(
      {
        kind: r.kind,
        name: input.name,
        namespace: input.namespace,
        previousReplicas: before.spec?.replicas ?? 0,
        replicas: after.spec?.replicas,
        currentReplicas: after.status?.replicas,
        selector: after.status?.selector,
      },
      c,
    );
  }

  @Tool({
    name: 'kubernetes_restart_workload',
    title: 'Rollout restart',
    description:
      'Restarts a Deployment/StatefulSet/DaemonSet like kubectl rollout restart (template annotation kubectl.kubernetes.io/restartedAt); optionally waits for the rollout.',
    input: S.RestartInput,
    timeoutMs: LONG,
  })
  async restart(input: Static<typeof S.RestartInput>, ctx: Ctx) {
    const c = ctx.backend;
    this.kube.checkNamespace(input.namespace);
    const r = await resolveKind(c, input.kind, undefined, ctx.signal);
    if (!ROLLING_KINDS.includes(r.kind))
      throw KubeErrors.create(
        'KUBERNETES_ERR_UNSUPPORTED',
        `restart works for Deployment, StatefulSet and DaemonSet, not ${r.kind}`,
      );
    const at = new Date().toISOString();
    const res = await c.request<Obj>({
      method: 'PATCH',
      path: resourcePath(r, input.namespace, input.name),
      contentType: 'application/strategic-merge-patch+json',
      body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } } },
      signal: ctx.signal,
      query: { fieldManager: this.kube.config.fieldManager },
    });
    const out: Obj = {
      kind: r.kind,
      name: input.name,
      namespace: input.namespace,
      restartedAt: at,
      generation: res.metadata?.generation,
    };
    if (input.waitForReady)
      out.rollout = await this.waitRollout(c, r, input.name, input.namespace, input.timeoutSeconds, ctx);
    return this.kube.out(out, c);
  }

  @Tool({
    name: 'kubernetes_get_rollout_status',
    title: 'Rollout status',
    description:
      'Rollout progress of a Deployment/StatefulSet/DaemonSet (kubectl rollout status semantics); waits up to timeoutSeconds (default 60, 0 = report at once), sending progress.',
    input: S.RolloutStatusInput,
    annotations: annotations.read,
    timeoutMs: LONG,
  })
  async rolloutStatus(input: Static<typeof S.RolloutStatusInput>, ctx: Ctx) {
    const c = ctx.backend;
    this.kube.checkNamespace(input.namespace);
    const r = await resolveKind(c, input.kind, undefined, ctx.signal);
    if (!ROLLING_KINDS.includes(r.kind))
      throw KubeErrors.create(
        'KUBERNETES_ERR_UNSUPPORTED',
        `rollout status works for Deployment, StatefulSet and DaemonSet, not ${r.kind}`,
      );
    return this.kube.out(await this.waitRollout(c, r, input.name, input.namespace, input.timeoutSeconds, ctx), c);
  }

  /** Polls the workload until its rollout is done or failed, or the time is up; progress on every poll. */
  private async waitRollout(
    c: ClusterClient,
    r: ApiResource,
    name: string,
    ns: string,
    timeoutSeconds: number,
    ctx: Ctx,
  ) {
    const deadline = Date.now() + timeoutSeconds * 1000;
    let polls = 0;
    for (;;) {
      const o = await this.kube.getObj(c, r, name, ns, ctx.signal);
      const st = rollout(o);
      const base = {
        kind: o.kind,
        name,
        namespace: ns,
        generation: o.metadata?.generation,
        observedGeneration: o.status?.observedGeneration,
        replicas: o.spec?.replicas,
        status: summarize(o),
      };
      if (st.done || st.failed)
        return {
          ...base,
          done: st.done,
          failed: !!st.failed,
          message: st.message,
          waitedSeconds: Math.round((timeoutSeconds * 1000 - (deadline - Date.now())) / 1000),
        };
      if (Date.now() >= deadline || ctx.signal.aborted)
        return {
          ...base,
          done: false,
          timedOut: timeoutSeconds > 0,
          message: st.message,
          hint:
            timeoutSeconds > 0
              ? `the rollout did not finish within ${timeoutSeconds}s; check kubernetes_describe_resource for events`
              : 'pass timeoutSeconds to wait',
        };
      await ctx.progress(++polls, undefined, st.message);
      await sleep(Math.min(2_000, Math.max(200, deadline - Date.now())), ctx.signal);
    }
  }

  @Tool({
    name: 'kubernetes_wait_for_resource',
    title: 'Wait for a condition',
    description:
      'Polls an object until ready (default) / available / complete / exists / deleted, or timeoutSeconds (default 120) passes; progress each poll.',
    input: S.WaitInput,
    annotations: annotations.read,
    timeoutMs: LONG,
  })
  async waitFor(input: Static<typeof S.WaitInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.kube.objNs(c, r, input.namespace);
    const started = Date.now();
    const deadline = started + input.timeoutSeconds * 1000;
    const what = { kind: r.kind, name: input.name, namespace: ns, condition: input.condition };
    let polls = 0;
    let last = '';
    for (;;) {
      let o: Obj | undefined;
      try {
        o = await this.kube.getObj(c, r, input.name, ns, ctx.signal);
      } catch (err) {
        if (!(isCnmcpError(err) && err.code === 'CNMCP_ERR_BACKEND_NOT_FOUND')) throw err;
      }
      const met = conditionMet(o, input.condition);
      last = met.message;
      if (met.failed)
        throw KubeErrors.create(
          'KUBERNETES_ERR_BAD_INPUT',
          `${r.kind} ${input.name} can no longer reach "${input.condition}": ${met.message}`,
          { hint: 'Describe the object to see why.' },
        );
      if (met.ok)
        return this.kube.out(
          {
            ...what,
            met: true,
            message: met.message,
            waitedSeconds: Math.round((Date.now() - started) / 1000),
            ...(o ? { status: summarize(o) } : {}),
          },
          c,
        );
      if (Date.now() >= deadline || ctx.signal.aborted) break;
      await ctx.progress(++polls, undefined, met.message);
      await sleep(Math.min(input.pollIntervalSeconds * 1000, Math.max(0, deadline - Date.now())), ctx.signal);
    }
    const message = `not ${input.condition} after ${input.timeoutSeconds}s: ${last}`;
    return this.kube.out({ ...what, met: false, timedOut: true, message }, c);
  }
}
