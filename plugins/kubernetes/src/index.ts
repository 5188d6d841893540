// @cnmcp/plugin-kubernetes — Kubernetes clusters for cnmcp through the official client.
export { KubernetesPlugin, KubernetesPlugin as default } from './plugin.js';
export { KubernetesConfigSchema, type KubernetesConfig } from './config.js';
export { KubeErrors } from './errors.js';
export { KubeClusters } from './contexts.js';
