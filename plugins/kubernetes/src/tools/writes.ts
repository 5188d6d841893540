// Toolset kubernetes/writes: create, patch (merge, strategic, JSON patch, server-side apply) and delete objects.
import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import type { ClusterClient, Obj } from '../client.js';
import { KubeErrors } from '../errors.js';
import { summarize } from '../format.js';
import { KubeReader } from '../kube.js';
import { resolveKind, resourcePath } from '../resolve.js';
import * as S from '../schemas.js';

type Ctx = ToolContext<ClusterClient>;

const PATCH_CONTENT_TYPES = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

@ToolGroup({
  name: 'writes',
  title: 'Change objects',
  description: 'Create, patch (merge, strategic, JSON patch, server-side apply) and delete objects, with dryRun.',
  defaults: { annotations: annotations.destructive, redactOutput: false },
})
export class WriteTools {
  constructor(@inject(KubeReader) private readonly kube: KubeReader) {}

  @Tool({
    name: 'kubernetes_create_resource',
    title: 'Create an object',
    description:
      'Creates an object from apiVersion + kind + metadata (+ spec, data, stringData, or other top-level fields in body); dryRun validates on the server only.',
    input: S.CreateResourceInput,
    annotations: annotations.write,
  })
  async create(input: Static<typeof S.CreateResourceInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const json = (v: unknown, what: string) => this.kube.parseJsonArg(v, what);
    const metadata = json(input.metadata, 'metadata') as Obj;
    const ns = this.kube.objNs(c, r, metadata.namespace as string | undefined);
    const obj: Obj = {
      ...(input.body ? (json(input.body, 'body') as Obj) : {}),
      apiVersion: r.apiVersion,
      kind: r.kind,
      metadata: { ...metadata, ...(ns ? { namespace: ns } : {}) },
      ...(input.spec ? { spec: json(input.spec, 'spec') } : {}),
      ...(input.data ? { data: json(input.data, 'data') } : {}),
      ...(input.stringData ? { stringData: json(input.stringData, 'stringData') } : {}),
    };
    const created = await c.request<Obj>({
      method: 'POST',
      path: resourcePath(r, ns),
      body: obj,
      signal: ctx.signal,
      query: { fieldManager: this.kube.config.fieldManager, dryRun: input.dryRun ? 'All' : undefined },
    });
    return this.kube.out(
      {
        created: !input.dryRun,
        dryRun: !!input.dryRun,
        ...summarize({ kind: r.kind, ...created }),
        apiVersion: r.apiVersion,
        uid: created.metadata?.uid,
        resourceVersion: created.metadata?.resourceVersion,
      },
      c,
    );
  }

  @Tool({
    name: 'kubernetes_delete_resource',
    title: 'Delete an object',
    description: 'Deletes one object (optional gracePeriodSeconds, propagationPolicy, dryRun).',
    input: S.DeleteResourceInput,
  })
  async delete(input: Static<typeof S.DeleteResourceInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.kube.objNs(c, r, input.namespace);
    const body = {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      ...(input.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: input.gracePeriodSeconds } : {}),
      ...(input.propagationPolicy ? { propagationPolicy: input.propagationPolicy } : {}),
      ...(input.dryRun ? { dryRun: ['All'] } : {}),
    };
    await c.request<Obj>({
      method: 'DELETE',
      path: resourcePath(r, ns, input.name),
      body,
      signal: ctx.signal,
      query: { dryRun: input.dryRun ? 'All' : undefined },
    });
    return this.kube.out(
      {
        deleted: !input.dryRun,
        dryRun: !!input.dryRun,
        kind: r.kind,
        name: input.name,
        ...(ns ? { namespace: ns } : {}),
      },
      c,
    );
  }

  @Tool({
    name: 'kubernetes_patch_resource',
    title: 'Patch an object',
    description:
      'Patches an object: merge (RFC 7386, default), strategic (built-in kinds), json (RFC 6902 operations) or apply (server-side apply with fieldManager, creates when absent; force takes over conflicting fields).',
    input: S.PatchInput,
  })
  async patch(input: Static<typeof S.PatchInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.kind, input.apiVersion, ctx.signal);
    const ns = this.kube.objNs(c, r, input.namespace);
    let patch = this.kube.parseJsonArg(input.patch, 'patch');
    const type = input.patchType ?? 'merge';
    if (type === 'json' && !Array.isArray(patch))
      throw KubeErrors.create(
        'KUBERNETES_ERR_BAD_INPUT',
        'a json patch must be an array of operations like [{"op":"replace","path":"/spec/replicas","value":3}]',
      );
    if (type !== 'json' && (!patch || typeof patch !== 'object' || Array.isArray(patch)))
      throw KubeErrors.create('KUBERNETES_ERR_BAD_INPUT', `a ${type} patch must be a JSON object`);
    if (type === 'apply')
      patch = {
        apiVersion: r.apiVersion,
        kind: r.kind,
        ...(patch as Obj),
        metadata: { ...((patch as Obj).metadata ?? {}), name: input.name, ...(ns ? { namespace: ns } : {}) },
      };
    const fieldManager = input.fieldManager ?? this.kube.config.fieldManager;
    const result = await c.request<Obj>({
      method: 'PATCH',
      path: resourcePath(r, ns, input.name),
      body: patch,
      contentType: PATCH_CONTENT_TYPES[type],
      signal: ctx.signal,
      query: {
        fieldManager,
        force: type === 'apply' && input.force ? 'true' : undefined,
        dryRun: input.dryRun ? 'All' : undefined,
      },
    });
    return this.kube.out(
      {
        patched: !input.dryRun,
        dryRun: !!input.dryRun,
        patchType: type,
        fieldManager,
        ...summarize({ kind: r.kind, ...result }),
        resourceVersion: result.metadata?.resourceVersion,
        generation: result.metadata?.generation,
      },
      c,
    );
  }
}
