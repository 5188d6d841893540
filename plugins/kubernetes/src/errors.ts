import { defineErrors } from '@cnmcp/core';

export const KubeErrors = defineErrors({
  KUBERNETES_ERR_NOT_CONFIGURED: {
    summary: 'No kubeconfig or in-cluster service account was found.',
    hint: 'Set kubernetes.kubeconfig in the config, or the KUBECONFIG environment variable, or run in a pod with a service account (kubernetes.inCluster: true).',
  },
  KUBERNETES_ERR_KUBECONFIG_INVALID: {
    summary: 'The kubeconfig file cannot be read or parsed.',
    hint: 'Check the file named by kubernetes.kubeconfig / KUBECONFIG with `kubectl config view`.',
  },
  KUBERNETES_ERR_CONTEXT_UNKNOWN: {
    summary: 'The context is not in the kubeconfig or not allowed by kubernetes.contexts.',
    hint: 'Call kubernetes_list_contexts for the names you can use.',
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
  KUBERNETES_ERR_NOT_FOUND: {
    summary: 'The object or resource does not exist.',
    hint: 'Check name, namespace and kind; list the kind to see what exists.',
  },
  KUBERNETES_ERR_ALREADY_EXISTS: {
    summary: 'An object with that name already exists.',
    hint: 'Choose another name, or patch the existing object.',
  },
  KUBERNETES_ERR_CONFLICT: {
    summary:
      'The object changed since it was read (resourceVersion conflict), or apply fields are owned by another manager.',
    hint: 'Read the object again and retry with the new resourceVersion, or apply with force: true.',
  },
  KUBERNETES_ERR_INVALID: {
    summary: 'The API server rejected the request as invalid (bad field, bad patch, bad selector).',
    hint: 'Fix the field named in the message and retry.',
  },
  KUBERNETES_ERR_FORBIDDEN: {
    summary: 'The cluster credentials are not allowed to do this (RBAC).',
    hint: 'Call kubernetes_check_permissions to see what is allowed, or ask for a role granting this verb.',
  },
  KUBERNETES_ERR_UNAUTHORIZED: {
    summary: 'The API server did not accept the credentials.',
    hint: 'Refresh the kubeconfig credentials (token expired?) and retry.',
  },
  KUBERNETES_ERR_TOO_MANY_REQUESTS: {
    summary: 'The API server asked to slow down, or an eviction would violate a PodDisruptionBudget.',
    hint: 'Wait and retry; for evictions, wait until more replicas are ready.',
  },
  KUBERNETES_ERR_SERVER: {
    summary: 'The API server answered with an internal error.',
    hint: 'Retry later; check the control plane.',
  },
  KUBERNETES_ERR_UNREACHABLE: {
    summary: 'The API server cannot be reached (connection refused, DNS, TLS).',
    hint: 'Check the server URL of the context and the network; `kubectl cluster-info` should work from this host.',
  },
  KUBERNETES_ERR_TIMEOUT: {
    summary: 'The API server did not answer in time.',
    hint: 'Retry, narrow the request (namespace, selectors, limit), or raise kubernetes.timeoutSec.',
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
