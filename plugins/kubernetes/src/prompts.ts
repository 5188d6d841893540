// Workflow prompts (the reference's names and arguments). Each names this plugin's real tools and follows one
// discipline: read first, summaries before details, confirm before any write, verify after it.
type Args = Record<string, string | undefined>;

const RULES = [
  'Rules: read before you change anything; start with summaries (kubernetes_get_resource_summary,',
  'kubernetes_list_resources_summary) and fetch full objects only when a summary is not enough; before any write',
  '(kubernetes_patch_resource, kubernetes_scale_resource, kubernetes_restart_workload, kubernetes_delete_resource)',
  'say exactly what will change and get the user’s confirmation, try dryRun where the tool has it; after a write,',
  'verify with kubernetes_get_rollout_status or kubernetes_wait_for_resource and a fresh summary.',
].join(' ');

const opt = (label: string, value: string | undefined) => (value ? `\n${label}: ${value}` : '');
const ctxLine = (a: Args) => opt('Notes from the user', a.notes);

export function workloadDiagnosis(a: Args): string {
  return `Diagnose ${a.kind} ${a.namespace}/${a.name}.${opt('Symptom', a.symptom)}${ctxLine(a)}

1. kubernetes_get_resource_summary (kind ${a.kind}, name ${a.name}, namespace ${a.namespace}): status, readiness, issues.
2. kubernetes_describe_resource for conditions, owners, owned Pods and recent events.
3. kubernetes_get_unhealthy_resources in namespace ${a.namespace} to see what else is failing.
4. For a crashing or pending pod: kubernetes_analyze_issue (pod_crash or pod_pending), then kubernetes_get_pod_logs with previous: true and a grep for errors.
5. kubernetes_get_recent_events in the namespace for warnings around the same time.
Report the cause with the evidence (events, log lines, conditions), then propose a fix; do not change anything yet.

${RULES}`;
}

export function safeRemediation(a: Args): string {
  return `Plan and carry out "${a.action}" on ${a.kind} ${a.namespace ? `${a.namespace}/` : ''}${a.name} safely.${ctxLine(a)}

1. Read the current state: kubernetes_get_resource_summary, then kubernetes_get_resource (jsonpath for the fields you will change).
2. Check permissions with kubernetes_check_permissions for the verb you need (patch, update, delete, create).
3. Write down the exact change and its blast radius (replicas, pods restarted, data lost) and ask the user to confirm.
4. Run the smallest change: kubernetes_patch_resource with dryRun: true first, then without; or kubernetes_scale_resource / kubernetes_restart_workload.
5. Verify: kubernetes_get_rollout_status or kubernetes_wait_for_resource, then kubernetes_get_resource_summary and kubernetes_get_recent_events.
6. If it got worse, say how to roll back (the previous values you read in step 1).

${RULES}`;
}

export function serviceConnectivity(a: Args): string {
  return `Find why traffic does not reach Service ${a.namespace}/${a.service}.${opt('From workload', a.source_workload)}${opt('Path', a.path)}${ctxLine(a)}

1. kubernetes_describe_resource (kind Service, name ${a.service}): type, ports, selector.
2. kubernetes_list_resources_summary (kind Pod, namespace ${a.namespace}, labelSelector from the Service selector): are matching pods Running and ready?
3. kubernetes_get_resource (kind EndpointSlice or Endpoints, namespace ${a.namespace}) to see the addresses behind the Service; empty means selector or readiness problems.
4. Compare the Service targetPort with the containers' ports (kubernetes_get_resource with jsonpath {.spec.containers[*].ports}).
5. Look for NetworkPolicies and Ingresses in the namespace (kubernetes_list_resources_summary) and for warnings (kubernetes_get_recent_events).
6. If a pod can be used for a test, propose kubernetes_pod_exec with a single read-only command (e.g. wget -qO- http://${a.service}.${a.namespace}:PORT${a.path ?? '/'}) and ask before running it.

${RULES}`;
}

export function rolloutRecovery(a: Args): string {
  return `Recover the rollout of ${a.kind} ${a.namespace}/${a.name}.${opt('Managed by', a.managed_by)}${ctxLine(a)}

1. kubernetes_get_rollout_status with timeoutSeconds: 0 for the current state and message.
2. kubernetes_describe_resource: conditions (ProgressDeadlineExceeded), the ReplicaSets it owns and their images.
3. kubernetes_analyze_issue with issueType deployment_unavailable, then pod_crash or pod_pending on a failing pod; kubernetes_get_pod_logs (previous: true).
4. If the workload is managed by GitOps or Helm${a.managed_by ? ` (${a.managed_by})` : ''}, fix it there: a direct patch would be reverted.
5. Otherwise propose one change (image back to the last good one with kubernetes_patch_resource, or kubernetes_restart_workload), confirm it with the user, apply it, and follow it with kubernetes_get_rollout_status until done.

${RULES}`;
}

export function operationGuide(a: Args): string {
  const target = a.kind ? ` on ${a.kind}${a.name ? ` ${a.namespace ? `${a.namespace}/` : ''}${a.name}` : ''}` : '';
  return `Guide for: ${a.scenario}${target}.${ctxLine(a)}

Pick the tools in this order:
- Orientation: kubernetes_list_contexts (which cluster), kubernetes_get_unhealthy_resources, kubernetes_get_recent_events.
- Finding objects: kubernetes_search_resources by name, kubernetes_list_resources_summary by kind and labels.
- One object: kubernetes_get_resource_summary, then kubernetes_describe_resource; kubernetes_get_resource with jsonpath for one field.
- Why it fails: kubernetes_analyze_issue, kubernetes_get_pod_logs, kubernetes_get_node_conditions.
- Changes (after the user confirms): kubernetes_patch_resource, kubernetes_scale_resource, kubernetes_restart_workload, kubernetes_create_resource, kubernetes_delete_resource, kubernetes_cordon_node, kubernetes_drain_node.
- Verification: kubernetes_get_rollout_status, kubernetes_wait_for_resource.
More tools come with toolsets (kubernetes/details, cluster, workloads, writes, nodes, exec) when the server enables them.

${RULES}`;
}
