// Toolset kubernetes/nodes: node conditions, cordon, uncordon, and drain through the Eviction API.
import { Tool, ToolGroup, annotations, backendStatus, inject, type Static, type ToolContext } from '@cnmcp/core';
import type { ApiResource, ClusterClient, Obj } from '../client.js';
import { conditions } from '../diagnose.js';
import { capped, planDrain, podId, refusedText } from '../drain.js';
import { KubeErrors } from '../errors.js';
import { summarize } from '../format.js';
import { KubeReader, sleep } from '../kube.js';
import { resolveKind, resourcePath } from '../resolve.js';
import * as S from '../schemas.js';

type Ctx = ToolContext<ClusterClient>;

@ToolGroup({
  name: 'nodes',
  title: 'Nodes',
  description: 'Node conditions, cordon, uncordon, and drain honouring PodDisruptionBudgets.',
  defaults: { annotations: annotations.idempotentWrite, redactOutput: false },
})
export class NodeTools {
  constructor(@inject(KubeReader) private readonly kube: KubeReader) {}

  @Tool({
    name: 'kubernetes_get_node_conditions',
    title: 'Node conditions',
    description:
      'Conditions of a node (Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable), taints, cordon state and capacity.',
    input: S.NodeConditionsInput,
    annotations: annotations.read,
  })
  async nodeConditions(input: Static<typeof S.NodeConditionsInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, 'Node', 'v1', ctx.signal);
    const n = await this.kube.getObj(c, r, input.nodeName, undefined, ctx.signal);
    return this.kube.out(
      {
        node: input.nodeName,
        summary: summarize(n),
        unschedulable: !!n.spec?.unschedulable,
        taints: n.spec?.taints ?? [],
        conditions: conditions(n),
        capacity: n.status?.capacity,
        allocatable: n.status?.allocatable,
      },
      c,
    );
  }

  @Tool({
    name: 'kubernetes_cordon_node',
    title: 'Cordon a node',
    description: 'Marks a node unschedulable (kubectl cordon).',
    input: S.NodeNameInput,
  })
  async cordon(input: Static<typeof S.NodeNameInput>, ctx: Ctx) {
    return this.kube.out(await this.setUnschedulable(ctx.backend, input.name, true, ctx), ctx.backend);
  }

  @Tool({
    name: 'kubernetes_uncordon_node',
    title: 'Uncordon a node',
    description: 'Marks a node schedulable again (kubectl uncordon).',
    input: S.NodeNameInput,
  })
  async uncordon(input: Static<typeof S.NodeNameInput>, ctx: Ctx) {
    return this.kube.out(await this.setUnschedulable(ctx.backend, input.name, false, ctx), ctx.backend);
  }

  private async setUnschedulable(c: ClusterClient, name: string, value: boolean, ctx: Ctx) {
    const r = await resolveKind(c, 'Node', 'v1', ctx.signal);
    const before = await this.kube.getObj(c, r, name, undefined, ctx.signal);
    const was = !!before.spec?.unschedulable;
    if (was !== value) {
      await c.request<Obj>({
        method: 'PATCH',
        path: resourcePath(r, undefined, name),
        contentType: 'application/strategic-merge-patch+json',
        body: { spec: { unschedulable: value ? true : null } },
        signal: ctx.signal,
        query: { fieldManager: this.kube.config.fieldManager },
      });
    }
    return { node: name, unschedulable: value, changed: was !== value };
  }

  @Tool({
    name: 'kubernetes_drain_node',
    title: 'Drain a node',
    description:
      'Cordons a node and evicts its pods through the Eviction API, honouring PodDisruptionBudgets (retries until timeoutSeconds), skipping mirror and (with ignoreDaemonsets) DaemonSet pods; refuses emptyDir pods without deleteEmptyDir and unmanaged pods without force. Progress per evicted pod.',
    input: S.DrainNodeInput,
    annotations: annotations.destructive,
    timeoutMs: 1_900_000,
  })
  async drain(input: Static<typeof S.DrainNodeInput>, ctx: Ctx) {
    const c = ctx.backend;
    const podRes = await resolveKind(c, 'Pod', 'v1', ctx.signal);
    const nodeRes = await resolveKind(c, 'Node', 'v1', ctx.signal);
    await this.kube.getObj(c, nodeRes, input.name, undefined, ctx.signal);
    const fieldSelector = `spec.nodeName=${input.name}`;
    const { items: pods } = await this.kube.scan(c, podRes, { fieldSelector }, ctx.signal);
    const { skipped, refused, toEvict } = planDrain(pods, input, (ns) => this.kube.nsVisible(ns));
    if (refused.length) {
      throw KubeErrors.create(
        'KUBERNETES_ERR_DRAIN_BLOCKED',
        `cannot drain node ${input.name}: ${refusedText(refused)}. The node was not cordoned.`,
        { data: { refused: refused.slice(0, 100), refusedTotal: refused.length } },
      );
    }
    if (input.dryRun)
      return this.kube.out(
        {
          node: input.name,
          dryRun: true,
          wouldEvictCount: toEvict.length,
          ...capped('wouldEvict', toEvict.map(podId)),
          ...capped('skipped', skipped, 50),
        },
        c,
      );
    await this.setUnschedulable(c, input.name, true, ctx);
    const deadline = Date.now() + input.timeoutSeconds * 1000;
    const { evicted, pending, blocked } = await this.evict(c, podRes, toEvict, input.gracePeriodSeconds, deadline, ctx);
    const lingering = await this.waitGone(c, podRes, evicted, deadline, ctx);
    const complete = pending.length === 0 && lingering.length === 0;
    const blockedRows = pending.map((p) => ({ pod: podId(p), message: blocked.get(podId(p)) }));
    return this.kube.out(
      {
        node: input.name,
        cordoned: true,
        complete,
        evictedCount: evicted.length,
        ...capped('evicted', evicted),
        ...capped('skipped', skipped, 50),
        ...(pending.length ? capped('blockedByDisruptionBudget', blockedRows, 50) : {}),
        ...(lingering.length ? capped('stillTerminating', lingering, 50) : {}),
        ...(!complete
          ? {
              hint: `not every pod left within ${input.timeoutSeconds}s; the node stays cordoned. Retry later or raise timeoutSeconds.`,
            }
          : {}),
      },
      c,
    );
  }

  /** Evicts pods, retrying those a PodDisruptionBudget blocks (429) until the deadline. */
  private async evict(
    c: ClusterClient,
    podRes: ApiResource,
    toEvict: Obj[],
    gracePeriodSeconds: number | undefined,
    deadline: number,
    ctx: Ctx,
  ) {
    const evicted: string[] = [];
    const blocked = new Map<string, string>();
    let pending = [...toEvict];
    while (pending.length && Date.now() < deadline && !ctx.signal.aborted) {
      const still: Obj[] = [];
      for (const p of pending) {
        const id = podId(p);
        try {
          await c.request<Obj>({
            method: 'POST',
            path: resourcePath(podRes, p.metadata.namespace, p.metadata.name, 'eviction'),
            signal: ctx.signal,
            body: {
              apiVersion: 'policy/v1',
              kind: 'Eviction',
              metadata: { name: p.metadata.name, namespace: p.metadata.namespace },
              ...(gracePeriodSeconds !== undefined ? { deleteOptions: { gracePeriodSeconds } } : {}),
            },
          });
          evicted.push(id);
          blocked.delete(id);
          await ctx.progress(evicted.length, toEvict.length, `evicted ${id}`);
        } catch (err) {
          const status = backendStatus(err);
          if (status === 404) evicted.push(id);
          else if (status === 429) {
            blocked.set(id, (err as Error).message);
            still.push(p);
          } else throw err;
        }
      }
      pending = still;
      if (pending.length) await sleep(Math.min(5_000, Math.max(0, deadline - Date.now())), ctx.signal);
    }
    return { evicted, pending, blocked };
  }

  /** Waits until the evicted pods are gone; returns those still terminating at the deadline. */
  private async waitGone(c: ClusterClient, podRes: ApiResource, evicted: string[], deadline: number, ctx: Ctx) {
    const lingering: string[] = [];
    for (const id of evicted) {
      const [ns, name] = id.split('/');
      for (;;) {
        try {
          await c.request<Obj>({ path: resourcePath(podRes, ns, name), signal: ctx.signal });
        } catch (err) {
          if (backendStatus(err) === 404) break;
          throw err;
        }
        if (Date.now() >= deadline || ctx.signal.aborted) {
          lingering.push(id);
          break;
        }
        await sleep(1_000, ctx.signal);
      }
    }
    return lingering;
  }
}
