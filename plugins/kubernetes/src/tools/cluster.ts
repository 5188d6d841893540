// Toolset kubernetes/cluster: API discovery, permission checks, CPU/memory usage, the confirmation check.
import { Tool, ToolGroup, annotations, inject, isCnmcpError, type Static, type ToolContext } from '@cnmcp/core';
import type { ClusterClient, Obj } from '../client.js';
import { KubeErrors } from '../errors.js';
import { table } from '../format.js';
import { bool, KubeReader } from '../kube.js';
import * as S from '../schemas.js';

type Ctx = ToolContext<ClusterClient>;

@ToolGroup({
  name: 'cluster',
  title: 'Cluster APIs and permissions',
  description: 'API versions and resource types (CRDs included), can-I checks, node and pod CPU/memory usage.',
  defaults: { annotations: annotations.read, redactOutput: false },
})
export class ClusterTools {
  constructor(@inject(KubeReader) private readonly kube: KubeReader) {}

  @Tool({
    name: 'kubernetes_get_api_versions',
    title: 'API versions',
    description: 'API group versions the cluster serves (kubectl api-versions).',
    input: S.ContextOnlyInput,
    cacheTtl: 300,
  })
  async apiVersions(_input: Static<typeof S.ContextOnlyInput>, ctx: Ctx) {
    const c = ctx.backend;
    const d = await c.discover(ctx.signal);
    return this.kube.out({
      context: c.context,
      apiVersions: [...d.groupVersions].sort(),
      ...(d.failed.length ? { unavailable: d.failed } : {}),
    });
  }

  @Tool({
    name: 'kubernetes_get_api_resources',
    title: 'API resources',
    description:
      'Resource types the cluster serves (kubectl api-resources): name, short names, apiVersion, namespaced, kind, verbs; filter by apiGroup and namespaced. Includes CRDs.',
    input: S.ApiResourcesInput,
    cacheTtl: 300,
  })
  async apiResources(input: Static<typeof S.ApiResourcesInput>, ctx: Ctx) {
    const c = ctx.backend;
    const d = await c.discover(ctx.signal);
    const group = input.apiGroup === 'core' ? '' : input.apiGroup;
    const rows = d.resources
      .filter(
        (r) =>
          r.preferred &&
          (group === undefined || r.group === group) &&
          (input.namespaced === undefined || r.namespaced === bool(input.namespaced)),
      )
      .map((r) => ({
        name: r.name,
        shortNames: r.shortNames.join(','),
        apiVersion: r.apiVersion,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: r.verbs.join(','),
        subresources: r.subresources.join(','),
      }));
    return this.kube.out(`context: ${c.context}, ${rows.length} resources\n${table(rows)}`);
  }

  @Tool({
    name: 'kubernetes_check_permissions',
    title: 'Can I …?',
    description:
      "Whether this server's credentials may do something (kubectl auth can-i) via a SelfSubjectAccessReview.",
    input: S.CheckPermissionsInput,
    cacheTtl: 60,
  })
  async checkPermissions(input: Static<typeof S.CheckPermissionsInput>, ctx: Ctx) {
    const c = ctx.backend;
    const group = input.resourceGroup === 'core' ? '' : (input.resourceGroup ?? '');
    const request = {
      verb: input.verb,
      group,
      resource: input.resourceResource,
      subresource: input.subresource,
      name: input.resourceName,
      namespace: input.namespace,
    };
    const review = await c.request<Obj>({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      signal: ctx.signal,
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: request },
      },
    });
    const st = review.status ?? {};
    return this.kube.out(
      {
        context: c.context,
        allowed: !!st.allowed,
        ...(st.denied ? { denied: true } : {}),
        ...(st.reason ? { reason: st.reason } : {}),
        ...(st.evaluationError ? { evaluationError: st.evaluationError } : {}),
        request,
      },
      c,
    );
  }

  @Tool({
    name: 'kubernetes_get_resource_usage',
    title: 'CPU and memory usage',
    description:
      'CPU/memory usage of nodes or pods from metrics.k8s.io (needs metrics-server), with node allocatable percentages.',
    input: S.UsageInput,
  })
  async usage(input: Static<typeof S.UsageInput>, ctx: Ctx) {
    const c = ctx.backend;
    const nodes = input.resourceType.startsWith('node');
    const one = input.name ? '/' + encodeURIComponent(input.name) : '';
    const nsPath = input.namespace ? `/namespaces/${encodeURIComponent(input.namespace)}` : '';
    const path = nodes
      ? `/apis/metrics.k8s.io/v1beta1/nodes${one}`
      : `/apis/metrics.k8s.io/v1beta1${nsPath}/pods${one}`;
    if (!nodes) this.kube.checkNamespace(input.namespace);
    if (!nodes && input.name && !input.namespace)
      throw KubeErrors.create('KUBERNETES_ERR_BAD_INPUT', 'namespace is required with a pod name');
    let resp: Obj;
    try {
      resp = await c.request<Obj>({ path, signal: ctx.signal });
    } catch (err) {
      if (
        isCnmcpError(err) &&
        err.code === 'CNMCP_ERR_BACKEND_NOT_FOUND' &&
        !(await c.discover(ctx.signal)).groupVersions.includes('metrics.k8s.io/v1beta1')
      ) {
        throw KubeErrors.create(
          'KUBERNETES_ERR_METRICS_UNAVAILABLE',
          `the cluster of context ${c.context} does not serve metrics.k8s.io/v1beta1`,
        );
      }
      throw err;
    }
    const items: Obj[] = resp.items ?? [resp];
    const rows = items
      .filter((m) => this.kube.nsVisible(m.metadata?.namespace))
      .map((m) =>
        nodes
          ? { name: m.metadata.name, cpu: m.usage?.cpu, memory: m.usage?.memory, window: m.window }
          : {
              namespace: m.metadata.namespace,
              name: m.metadata.name,
              containers: (m.containers ?? []).map((x: Obj) => ({
                name: x.name,
                cpu: x.usage?.cpu,
                memory: x.usage?.memory,
              })),
            },
      );
    const pg = this.kube.offsetPage(rows, {
      limit: input.limit ?? 100,
      max: 500,
      continueToken: input.continueToken,
      budgetBytes: ctx.resultBudgetBytes,
    });
    return this.kube.out(
      {
        context: c.context,
        resourceType: nodes ? 'nodes' : 'pods',
        total: pg.total,
        shown: pg.shown.length,
        ...(pg.continueToken ? { continueToken: pg.continueToken } : {}),
        items: pg.shown,
      },
      c,
    );
  }

  @Tool({
    name: 'kubernetes_test_tool',
    title: 'Confirmation check',
    description: 'Confirmation-workflow check: succeeds only when confirmed is true; touches no cluster.',
    input: S.TestToolInput,
    annotations: annotations.local,
  })
  testTool(input: Static<typeof S.TestToolInput>) {
    if (!bool(input.confirmed)) throw KubeErrors.create('KUBERNETES_ERR_NOT_CONFIRMED', 'confirmed must be true');
    const clusters = this.kube.clusters;
    return {
      ok: true,
      message: 'confirmed',
      ...(clusters.configured() ? { contexts: clusters.contexts().length } : { configured: false }),
    };
  }
}
