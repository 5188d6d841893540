export {
  KubeContexts,
  type KubeContextSettings,
  type KubeContextFailure,
  type KubeContextsOptions,
  type ContextInfo,
  type ContextParts,
} from './kube-contexts.js';
export { loadKubernetesClient, type KubernetesClientModule } from './client-node.js';
export { exportCluster, exportContext, exportUser } from './kubeconfig-data.js';
