export {
  KubeContexts,
  type KubeContextSettings,
  type KubeContextFailure,
  type KubeContextsOptions,
  type ContextInfo,
} from './kube-contexts.js';
