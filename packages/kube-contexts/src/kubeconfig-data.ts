// The kubeconfig as plain data (clusters, users, contexts, current-context), read exactly as
// @kubernetes/client-node's KubeConfig reads it — the same YAML parser and the client's own entry checks — but
// without loading the client itself (hundreds of modules): listing contexts at start-up needs none of it. A
// KubeConfig is built from this data only when a call needs credentials (see client-node.ts).
import { accessSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { dirname, isAbsolute, join } from 'node:path';
import type { Cluster, Context, User } from '@kubernetes/client-node';
// The client's own validation of kubeconfig entries; this module imports nothing but node:fs.
import { newClusters, newContexts, newUsers } from '@kubernetes/client-node/dist/config_types.js';
import yaml from 'js-yaml';

/** The client's own serialisers of kubeconfig entries (as in KubeConfig.exportConfig). */
export { exportCluster, exportContext, exportUser } from '@kubernetes/client-node/dist/config_types.js';

export interface KubeconfigData {
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  currentContext: string;
}

/** As KubeConfig.makePathsAbsolute: relative certificate paths are relative to the kubeconfig's directory. */
function absolute(root: string, file: string): string {
  return !root || isAbsolute(file) ? file : join(root, file);
}

/** As KubeConfig.loadFromFile. */
export function readKubeconfigFile(file: string): KubeconfigData {
  const obj = yaml.load(readFileSync(file).toString('utf-8')) as Record<string, unknown>;
  const data: KubeconfigData = {
    clusters: newClusters(obj.clusters),
    contexts: newContexts(obj.contexts),
    users: newUsers(obj.users),
    currentContext: obj['current-context'] as string,
  };
  const root = dirname(file);
  for (const cluster of data.clusters) if (cluster.caFile) cluster.caFile = absolute(root, cluster.caFile);
  for (const user of data.users) {
    if (user.certFile) user.certFile = absolute(root, user.certFile);
    if (user.keyFile) user.keyFile = absolute(root, user.keyFile);
  }
  return data;
}

const SERVICEACCOUNT_ROOT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** As KubeConfig.loadFromCluster: the pod's service account. */
export function inClusterKubeconfig(env: NodeJS.ProcessEnv = process.env): KubeconfigData {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const scheme = port === '80' || port === '8080' || port === '8001' ? 'http' : 'https';
  const serverHost = host && isIPv6(host) ? `[${host}]` : host;
  const namespaceFile = `${SERVICEACCOUNT_ROOT}/namespace`;
  let namespace: string | undefined;
  try {
    accessSync(namespaceFile);
    namespace = readFileSync(namespaceFile).toString('utf-8');
  } catch {
    namespace = undefined;
  }
  return {
    clusters: [
      {
        name: 'inCluster',
        caFile: `${SERVICEACCOUNT_ROOT}/ca.crt`,
        server: `${scheme}://${serverHost}:${port}`,
        skipTLSVerify: false,
      },
    ],
    users: [
      {
        name: 'inClusterUser',
        authProvider: { name: 'tokenFile', config: { tokenFile: `${SERVICEACCOUNT_ROOT}/token` } },
      },
    ],
    contexts: [{ cluster: 'inCluster', name: 'inClusterContext', user: 'inClusterUser', namespace }],
    currentContext: 'inClusterContext',
  };
}

/** As KubeConfig.mergeConfig(more, true): kubectl's merge, the first file's current-context kept. */
export function mergeKubeconfig(into: KubeconfigData, more: KubeconfigData): void {
  const add = <T extends { name: string }>(list: T[], items: T[], what: string) => {
    for (const item of items) {
      if (list.some((c) => c.name === item.name)) throw new Error(`Duplicate ${what}: ${item.name}`);
      list.push(item);
    }
  };
  add(into.clusters, more.clusters, 'cluster');
  add(into.users, more.users, 'user');
  add(into.contexts, more.contexts, 'context');
}

/** As KubeConfig's lookup by name (getCluster, getUser, getContextObject). */
export function findNamed<T extends { name: string }>(list: T[], name: string | undefined): T | null {
  return list.find((item) => item.name === name) ?? null;
}
