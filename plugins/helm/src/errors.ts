import { defineErrors } from '@cnmcp/core';

export const HelmErrors = defineErrors({
  HELM_ERR_NOT_CONFIGURED: {
    summary: 'No kubeconfig or in-cluster service account was found for Helm.',
    hint: 'Set helm.kubeconfig (or kubernetes.kubeconfig and the KUBECONFIG variable both tools share), or run in a pod with a service account (helm.inCluster: true).',
  },
  HELM_ERR_KUBECONFIG_INVALID: {
    summary: 'The kubeconfig file cannot be read or parsed.',
    hint: 'Check the file named by helm.kubeconfig / KUBECONFIG with `kubectl config view`.',
  },
  HELM_ERR_CONTEXT_UNKNOWN: {
    summary: 'The context is not in the kubeconfig or not allowed by helm.contexts.',
    hint: 'Use one of the contexts named in the message (helm_health_check lists them).',
  },
  HELM_ERR_RELEASE_NOT_FOUND: {
    summary: 'No release of that name exists in that namespace.',
    hint: 'Call helm_list_releases (without namespace for every namespace) to see the releases.',
  },
  HELM_ERR_REVISION_NOT_FOUND: {
    summary: 'The release has no such revision.',
    hint: 'Call helm_get_release_history for the revisions that exist.',
  },
  HELM_ERR_RELEASE_UNREADABLE: {
    summary: 'A stored release record could not be decoded.',
    hint: 'The record may be corrupt or written by an incompatible tool; `helm history` shows what Helm itself reads.',
  },
  HELM_ERR_CLUSTER_UNREACHABLE: {
    summary: 'The Kubernetes API server of the context could not be reached in time.',
    hint: 'Check the context server URL and network; helm_health_check tests the connection.',
  },
  HELM_ERR_FORBIDDEN: {
    summary: 'The cluster refused the request for the kubeconfig user.',
    hint: 'Helm needs to list and read Secrets (or ConfigMaps with the configmap driver) in the release namespaces.',
  },
  HELM_ERR_CLUSTER: {
    summary: 'The Kubernetes API server answered with an error.',
    hint: 'The message carries the API server answer.',
  },
  HELM_ERR_BINARY_MISSING: {
    summary: 'The helm binary is not installed where the server looks for it.',
    hint: 'Install Helm 3 (https://helm.sh/docs/intro/install/) on the server PATH, or set helm.binary to its path.',
  },
  HELM_ERR_COMMAND_FAILED: {
    summary: 'The helm command failed.',
    hint: 'The message carries what helm printed on stderr; correct the arguments or the chart and retry.',
  },
  HELM_ERR_TIMEOUT: {
    summary: 'The helm command did not finish in time.',
    hint: 'Pass a longer timeout (e.g. "10m"), or raise helm.timeoutSec; check the release with helm_get_release_status.',
  },
  HELM_ERR_BAD_INPUT: {
    summary: 'An argument is invalid.',
    hint: 'Correct the argument named in the message.',
  },
  HELM_ERR_VALUES_FILE_FORBIDDEN: {
    summary: 'values_file must name a file under helm.valuesDir.',
    hint: 'Pass values inline (the values argument), or ask the operator to set helm.valuesDir and put the file there.',
  },
  HELM_ERR_REPOSITORY_FORBIDDEN: {
    summary: 'The repository URL is not allowed.',
    hint: 'Only public http(s) repository URLs are added unless helm.repositories.allowCidrs permits the address; helm.repositories.allow restricts hosts.',
  },
  HELM_ERR_REPOSITORY_NOT_FOUND: {
    summary: 'No repository of that name is configured.',
    hint: 'Call helm_list_repos for the configured repositories.',
  },
  HELM_ERR_CHART_NOT_FOUND: {
    summary: 'The chart could not be found.',
    hint: 'Use repo/chart of a configured repository (helm_search_charts), an oci:// reference, or a chart under helm.chartsDir.',
  },
});
export type HelmErrorCode = Parameters<typeof HelmErrors.create>[0];
