// Kubernetes' own error codes. Failures of the API server itself (not found, forbidden, conflict, invalid,
// throttled, unreachable, timeouts) are the core's CNMCP_ERR_BACKEND_* codes, built in client.ts.
import { defineErrors } from '@cnmcp/core';

export const KubeErrors = defineErrors({
  KUBERNETES_ERR_KUBECONFIG_INVALID: {
    summary: 'The kubeconfig file cannot be read or parsed, or a context in it cannot be used.',
    hint: 'Check the file named by kubernetes.kubeconfig / KUBECONFIG with `kubectl config view`.',
  },
  KUBERNETES_ERR_NAMESPACE_DENIED: {
    summary: 'The namespace is excluded by kubernetes.namespaces (allow/deny).',
    hint: 'Use a namespace the operator allowed; kubernetes_list_contexts shows the lists.',
  },
  KUBERNETES_ERR_UNKNOWN_KIND: {
    summary: 'No API resource matches the kind.',
    hint: 'Check the spelling or pass apiVersion; kubernetes_get_api_resources lists what the cluster serves.',
  },
  KUBERNETES_ERR_AMBIGUOUS_KIND: {
    summary: 'The kind exists in several API groups.',
    hint: 'Pass apiVersion (e.g. example.com/v1) or write the kind as <plural>.<group>.',
  },
  KUBERNETES_ERR_BAD_INPUT: {
    summary: 'An argument is not usable as given.',
    hint: 'Correct the argument named in the message.',
  },
  KUBERNETES_ERR_UNSUPPORTED: {
    summary: 'The resource does not support this operation.',
    hint: 'Use a kind that supports it (kubernetes_get_api_resources shows verbs and subresources).',
  },
  KUBERNETES_ERR_PORT_FORWARD_UNSUPPORTED: {
    summary: 'The server does not open port-forward listeners.',
    hint: 'Run `kubectl port-forward pod/<name> <local>:<remote> -n <namespace>` on your own machine instead.',
  },
  KUBERNETES_ERR_METRICS_UNAVAILABLE: {
    summary: 'The metrics API (metrics.k8s.io) is not served.',
    hint: 'Install metrics-server in the cluster.',
  },
  KUBERNETES_ERR_EXEC_FAILED: {
    summary: 'The command could not be run in the container.',
    hint: 'Check pod, container and command; the container must contain the binary.',
  },
  KUBERNETES_ERR_NOT_CONFIRMED: {
    summary: 'The call was not confirmed.',
    hint: 'Call again with confirmed: true after checking with the user.',
  },
  KUBERNETES_ERR_DRAIN_BLOCKED: {
    summary: 'Some pods on the node cannot be drained as asked.',
    hint: 'Pass deleteEmptyDir / ignoreDaemonsets / force as the message says, or handle those pods first.',
  },
});
