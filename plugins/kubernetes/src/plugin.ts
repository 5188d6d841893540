// The Kubernetes plugin: kubeconfig contexts as the core's targets (`context` argument), eight toolsets, the
// workflow prompts and the k8s:// resources.
import {
  Prompt,
  Resource,
  Service,
  inject,
  type HealthReport,
  type PluginLifecycle,
  type ToolContext,
} from '@cnmcp/core';
import { KubernetesConfigSchema } from './config.js';
import { KubeClusters } from './contexts.js';
import { strip } from './format.js';
import { KubeReader } from './kube.js';
import * as P from './prompts.js';
import { resolveKind } from './resolve.js';
import { ClusterTools } from './tools/cluster.js';
import { DetailTools } from './tools/details.js';
import { ExecTools } from './tools/exec.js';
import { HealthTools } from './tools/health.js';
import { NodeTools } from './tools/nodes.js';
import { ReadTools } from './tools/read.js';
import { WorkloadTools } from './tools/workloads.js';
import { WriteTools } from './tools/writes.js';

const arg = (name: string, description: string, required = false) => ({ name, description, required });
const notes = arg('notes', 'Anything else the user said.');

@Service({
  name: 'kubernetes',
  title: 'Kubernetes',
  description:
    'Kubernetes clusters (every kubeconfig context, or the in-cluster service account): read, search, describe, diagnose, and change objects; Secrets are masked.',
  core: '^0.1.0',
  config: KubernetesConfigSchema,
  backend: { provider: KubeClusters, argument: 'context', listTool: false },
  tools: [ReadTools, HealthTools, DetailTools, ClusterTools, WorkloadTools, WriteTools, NodeTools, ExecTools],
  providers: [KubeClusters, KubeReader],
})
export class KubernetesPlugin implements PluginLifecycle {
  constructor(
    @inject(KubeClusters) private readonly clusters: KubeClusters,
    @inject(KubeReader) private readonly kube: KubeReader,
  ) {}

  /** Degraded only when no context answers: one cluster being down must not block calls to the others. */
  healthCheck(): Promise<HealthReport> {
    return this.clusters.health();
  }

  @Prompt({
    name: 'kubernetes_workload_diagnosis',
    title: 'Diagnose a workload',
    description: 'Read-first diagnosis of one workload: summary, describe, unhealthy objects, logs, events.',
    arguments: [
      arg('kind', 'Kind (Deployment, StatefulSet, Pod, …).', true),
      arg('name', 'Object name.', true),
      arg('namespace', 'Namespace.', true),
      arg('symptom', 'What the user sees.'),
      notes,
    ],
  })
  workloadDiagnosis(args: Record<string, string>) {
    return P.workloadDiagnosis(args);
  }

  @Prompt({
    name: 'kubernetes_safe_remediation',
    title: 'Change a workload safely',
    description: 'Read, check permissions, confirm, change with dryRun first, verify, know the rollback.',
    arguments: [
      arg('action', 'What to do (scale, restart, patch image, delete …).', true),
      arg('kind', 'Kind of the object.', true),
      arg('name', 'Object name.', true),
      arg('namespace', 'Namespace.'),
      notes,
    ],
  })
  safeRemediation(args: Record<string, string>) {
    return P.safeRemediation(args);
  }

  @Prompt({
    name: 'kubernetes_service_connectivity_diagnosis',
    title: 'Diagnose Service connectivity',
    description: 'Service selector, ready pods, endpoints, ports, policies, then an optional test from a pod.',
    arguments: [
      arg('namespace', 'Namespace of the Service.', true),
      arg('service', 'Service name.', true),
      arg('source_workload', 'Workload that cannot connect.'),
      arg('path', 'HTTP path that fails.'),
      notes,
    ],
  })
  serviceConnectivity(args: Record<string, string>) {
    return P.serviceConnectivity(args);
  }

  @Prompt({
    name: 'kubernetes_rollout_recovery',
    title: 'Recover a stuck rollout',
    description: 'Rollout status, the failing pods and why, then one confirmed change and its verification.',
    arguments: [
      arg('kind', 'Deployment, StatefulSet or DaemonSet.', true),
      arg('name', 'Workload name.', true),
      arg('namespace', 'Namespace.', true),
      arg('managed_by', 'GitOps or Helm owner, if any.'),
      notes,
    ],
  })
  rolloutRecovery(args: Record<string, string>) {
    return P.rolloutRecovery(args);
  }

  @Prompt({
    name: 'k8s_operation_guide',
    title: 'Kubernetes operation guide',
    description: 'Which kubernetes tools to use, in which order, for a scenario.',
    arguments: [
      arg('scenario', 'What the user wants to do or understand.', true),
      arg('kind', 'Kind involved.'),
      arg('name', 'Object name.'),
      arg('namespace', 'Namespace.'),
      notes,
    ],
  })
  operationGuide(args: Record<string, string>) {
    return P.operationGuide(args);
  }

  @Resource({
    uri: 'k8s://contexts',
    name: 'contexts',
    title: 'Kubernetes contexts',
    description: 'The kubeconfig contexts this server can use and the default one.',
    mimeType: 'application/json',
  })
  contexts() {
    return this.kube.out({ default: this.clusters.defaultName() ?? null, contexts: this.clusters.describe() });
  }

  @Resource({
    uriTemplate: 'k8s://{context}/{namespace}/{kind}/{name}',
    name: 'object',
    title: 'A Kubernetes object',
    description: 'One object as JSON (Secret values masked); use _ as namespace for cluster-scoped kinds.',
    mimeType: 'application/json',
  })
  async object(_uri: string, vars: Record<string, string>, ctx: ToolContext) {
    const signal = ctx.signal;
    const c = this.clusters.client(decodeURIComponent(vars.context));
    const r = await resolveKind(c, decodeURIComponent(vars.kind), undefined, signal);
    const namespace = vars.namespace === '_' ? undefined : decodeURIComponent(vars.namespace);
    const ns = this.kube.objNs(c, r, namespace);
    const o = strip(await this.kube.getObj(c, r, decodeURIComponent(vars.name), ns, signal));
    return this.kube.out(o, c);
  }
}
