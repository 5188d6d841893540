// The kubeconfig read without the Kubernetes client is the data the client's own KubeConfig reads from the same
// files: entries, relative certificate paths, merges (and their duplicate errors), the in-cluster account.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { KubeConfig } from '@kubernetes/client-node';
import { inClusterKubeconfig, mergeKubeconfig, readKubeconfigFile } from '../../dist/kubeconfig-data.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-data-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const full = write(
  'full.yaml',
  `apiVersion: v1
kind: Config
current-context: a
clusters:
- name: a
  cluster:
    server: https://a.example:6443
    certificate-authority: certs/ca.pem
    tls-server-name: api.a
    proxy-url: http://proxy:3128
- name: b
  cluster:
    server: https://b.example
    insecure-skip-tls-verify: true
    certificate-authority-data: Q0E=
users:
- name: a
  user:
    client-certificate: ./certs/a.crt
    client-key: /abs/a.key
- name: b
  user:
    token: some-long-token
    as: someone
- name: c
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: aws
      args: [eks, get-token]
contexts:
- name: a
  context: { cluster: a, user: a, namespace: team-a }
- name: b
  context: { cluster: b, user: b }
`,
);
const other = write(
  'other.yaml',
  'current-context: x\nclusters: [{ name: x, cluster: { server: "https://x" } }]\nusers: [{ name: x, user: { token: t } }]\ncontexts: [{ name: x, context: { cluster: x, user: x } }]\n',
);
const clash = write(
  'clash.yaml',
  'clusters: [{ name: a, cluster: { server: "https://other" } }]\nusers: []\ncontexts: []\n',
);

function client(file: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

t.test('a file reads as the client reads it', async (t) => {
  const data = readKubeconfigFile(full);
  const kc = client(full);
  t.same(plain(data.clusters), plain(kc.getClusters()));
  t.same(plain(data.users), plain(kc.getUsers()));
  t.same(plain(data.contexts), plain(kc.getContexts()));
  t.equal(data.currentContext, kc.getCurrentContext());
  t.equal(data.clusters[0].caFile, join(dir, 'certs', 'ca.pem'), 'relative paths are relative to the file');
});

t.test('merged files as KubeConfig.mergeConfig(more, true)', async (t) => {
  const data = readKubeconfigFile(full);
  mergeKubeconfig(data, readKubeconfigFile(other));
  const kc = client(full);
  kc.mergeConfig(client(other), true);
  t.same(
    plain(data),
    plain({
      clusters: kc.getClusters(),
      users: kc.getUsers(),
      contexts: kc.getContexts(),
      currentContext: kc.getCurrentContext(),
    }),
  );
  const kc2 = client(full);
  t.throws(() => kc2.mergeConfig(client(clash), true), { message: 'Duplicate cluster: a' });
  t.throws(() => mergeKubeconfig(readKubeconfigFile(full), readKubeconfigFile(clash)), {
    message: 'Duplicate cluster: a',
  });
});

t.test('invalid entries fail as in the client', async (t) => {
  const bad = write('bad.yaml', 'clusters: [{ name: a, cluster: {} }]\n');
  t.throws(() => client(bad));
  t.throws(() => readKubeconfigFile(bad), {
    message: (() => {
      try {
        client(bad);
      } catch (e) {
        return (e as Error).message;
      }
    })(),
  });
  const empty = write('empty.yaml', '');
  t.throws(() => readKubeconfigFile(empty), TypeError);
});

t.test('the in-cluster service account as KubeConfig.loadFromCluster', async (t) => {
  const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
  t.teardown(() => {
    for (const [k, v] of [
      ['KUBERNETES_SERVICE_HOST', saved.host],
      ['KUBERNETES_SERVICE_PORT', saved.port],
    ] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });
  for (const [host, port] of [
    ['10.0.0.1', '443'],
    ['fd00::1', '8080'],
  ]) {
    process.env.KUBERNETES_SERVICE_HOST = host;
    process.env.KUBERNETES_SERVICE_PORT = port;
    const kc = new KubeConfig();
    kc.loadFromCluster();
    const data = inClusterKubeconfig(process.env);
    t.same(
      plain(data),
      plain({
        clusters: kc.getClusters(),
        users: kc.getUsers(),
        contexts: kc.getContexts(),
        currentContext: kc.getCurrentContext(),
      }),
      `${host}:${port}`,
    );
  }
});
