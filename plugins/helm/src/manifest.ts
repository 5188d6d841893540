// A release's rendered manifest as objects: one entry per YAML document with kind, name, namespace and the
// template it came from (Helm's `# Source:` comment).
import type { Obj } from './release.js';
import { yaml } from './yaml.js';

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** Namespace the object lives in ('' for cluster-scoped kinds). */
  namespace: string;
  source?: string;
  object: Obj;
}

// Kinds without a namespace (Kubernetes built-ins and the common add-ons); others default to the release's.
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'PodSecurityPolicy',
  'ClusterIssuer',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** Parses every document of a manifest; empty documents are skipped, unparsable ones reported by source. */
export function parseManifest(
  manifest: string | undefined,
  releaseNamespace: string,
): {
  objects: ManifestObject[];
  errors: string[];
} {
  const objects: ManifestObject[] = [];
  const errors: string[] = [];
  if (!manifest) return { objects, errors };
  for (const doc of yaml().parseAllDocuments(manifest)) {
    const comments = `${doc.commentBefore ?? ''}\n${(doc.contents as { commentBefore?: string } | null)?.commentBefore ?? ''}`;
    const source = /#?\s*Source:\s*(\S+)/.exec(comments)?.[1];
    if (doc.errors.length) {
      errors.push(`${source ?? 'a document'}: ${doc.errors[0].message.split('\n')[0]}`);
      continue;
    }
    const value = doc.toJS() as Obj | null;
    if (!value || typeof value !== 'object' || !value.kind) continue;
    const kind = String(value.kind);
    objects.push({
      apiVersion: String(value.apiVersion ?? ''),
      kind,
      name: String(value.metadata?.name ?? ''),
      namespace: isClusterScoped(kind) ? '' : String(value.metadata?.namespace ?? releaseNamespace),
      ...(source ? { source } : {}),
      object: value,
    });
  }
  return { objects, errors };
}

/** A stable key that names one object of a manifest. */
export function objectKey(o: Pick<ManifestObject, 'apiVersion' | 'kind' | 'namespace' | 'name'>): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return `${o.kind}${group ? '.' + group : ''}/${o.namespace ? o.namespace + '/' : ''}${o.name}`;
}
