// The kubeconfig handed to one helm command: only the chosen context, its cluster and its user, written to a
// private temporary file that is removed when the command ends.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportCluster, exportContext, exportUser, type ContextParts } from '@cnmcp/kube-contexts';

/** Kubeconfig text (JSON, which is YAML) holding only the chosen context, as KubeConfig.exportConfig writes it. */
export function singleContextKubeconfig({ name, context, cluster, user }: ContextParts): string {
  if (!cluster) throw new Error(`context ${name} has no cluster`);
  const text = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [exportCluster(cluster)],
    users: user ? [exportUser(user)] : [],
    contexts: [exportContext(context)],
    preferences: {},
    'current-context': context.name,
  };
  // The in-cluster loader keeps the service-account token as a file reference; client-go reads it as tokenFile.
  for (const u of text.users ?? []) {
    const provider = u.user?.['auth-provider'];
    if (provider?.name === 'tokenFile' && provider.config?.tokenFile) {
      delete u.user['auth-provider'];
      u.user.tokenFile = provider.config.tokenFile;
    }
  }
  return JSON.stringify(text);
}

/** Runs `fn` with the kubeconfig written to a private file (mode 0600 in a 0700 directory under `parent`). */
export async function withKubeconfigFile<T>(
  parent: string,
  text: string,
  fn: (path: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(parent, 'kube-'));
  try {
    const path = join(dir, 'config');
    await writeFile(path, text, { mode: 0o600 });
    return await fn(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
