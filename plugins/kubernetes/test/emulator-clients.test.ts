// The emulator against real clients: the machine's kubectl (get, list with selectors, create, patch,
// delete, api-resources, scale, logs) and @kubernetes/client-node's typed APIs.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import t from 'tap';
import { requireBinary } from '@cnmcp/core/testing';
import { AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { startKubeEmulator, type KubeEmulator } from '../test/emulator/index.js';

const run = promisify(execFile);
let emu: KubeEmulator;
t.before(async () => {
  emu = await startKubeEmulator();
});
t.teardown(async () => {
  await emu?.close();
});

const kubectlBin = requireBinary(
  'kubectl',
  'install kubectl from https://kubernetes.io/docs/tasks/tools/ or your package manager',
);

t.test('real kubectl against the emulator', { skip: kubectlBin.skip ?? false }, async (t) => {
  // async exec: the emulator lives in this process and must keep answering
  const k = async (...args: string[]) => {
    try {
      const r = await run(kubectlBin.path!, ['--kubeconfig', emu.kubeconfigPath, ...args], { timeout: 60_000 });
      return { ok: true, out: r.stdout, err: r.stderr };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      return { ok: false, out: err.stdout ?? '', err: err.stderr ?? '' };
    }
  };
  const pods = await k('get', 'pods', '-A');
  t.ok(pods.ok, pods.err);
  t.match(pods.out, /shop\s+web-7d4b9c8f5d-2xkqp/);
  const sel = await k('get', 'pods', '-n', 'shop', '-l', 'app=web,pod-template-hash in (7d4b9c8f5d)', '-o', 'name');
  t.equal(sel.out.trim().split('\n').length, 3);
  const fsel = await k('get', 'pods', '-A', '--field-selector', 'spec.nodeName=node-c', '-o', 'name');
  t.same(fsel.out.trim(), 'pod/node-agent-tt9vn');
  const one = await k('get', 'deployment', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}');
  t.equal(one.out, '3');
  const created = await k('create', 'configmap', 'from-kubectl', '-n', 'shop', '--from-literal=a=1');
  t.ok(created.ok, created.err);
  t.equal(emu.get('v1', 'ConfigMap', 'shop', 'from-kubectl')?.data.a, '1');
  const again = await k('create', 'configmap', 'from-kubectl', '-n', 'shop', '--from-literal=a=1');
  t.match(again.err, /AlreadyExists|already exists/);
  const patched = await k('patch', 'configmap', 'from-kubectl', '-n', 'shop', '-p', '{"data":{"b":"2"}}');
  t.ok(patched.ok, patched.err);
  t.equal(emu.get('v1', 'ConfigMap', 'shop', 'from-kubectl')?.data.b, '2');
  const jp = await k(
    'patch',
    'configmap',
    'from-kubectl',
    '-n',
    'shop',
    '--type=json',
    '-p',
    '[{"op":"remove","path":"/data/a"}]',
  );
  t.ok(jp.ok, jp.err);
  const label = await k('label', 'configmap', 'from-kubectl', '-n', 'shop', 'team=web');
  t.ok(label.ok, label.err);
  const byLabel = await k('get', 'cm', '-n', 'shop', '-l', 'team=web', '-o', 'name');
  t.equal(byLabel.out.trim(), 'configmap/from-kubectl');
  const scaled = await k('scale', 'deployment', 'web', '-n', 'shop', '--replicas=4');
  t.ok(scaled.ok, scaled.err);
  t.equal(emu.get('apps/v1', 'Deployment', 'shop', 'web')?.spec.replicas, 4);
  t.ok(
    emu.requests.some((q) => q.method === 'PATCH' && q.path.endsWith('/deployments/web/scale')),
    'kubectl used the scale subresource',
  );
  const logs = await k('logs', 'api-6f9d8c7b5-x9p4d', '-n', 'shop', '--previous', '--tail=2');
  t.match(logs.out, /FATAL: password authentication failed/);
  const del = await k('delete', 'configmap', 'from-kubectl', '-n', 'shop', '--wait=false');
  t.ok(del.ok, del.err);
  const gone = await k('get', 'configmap', 'from-kubectl', '-n', 'shop');
  t.match(gone.err, /Error from server \(NotFound\): configmaps "from-kubectl" not found/);
  const res = await k('api-resources');
  t.match(res.out, /deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/);
  t.match(res.out, /widgets\s+wd\s+example.com\/v1\s+true\s+Widget/);
  const forbidden = await k('--context', 'viewer', 'get', 'secrets', '-n', 'shop');
  t.match(
    forbidden.err,
    /Error from server \(Forbidden\): secrets is forbidden: User "viewer" cannot list resource "secrets"/,
  );
  const canI = await k('auth', 'can-i', 'delete', 'pods', '--context', 'viewer', '-n', 'shop');
  t.equal(canI.out.trim(), 'no');
  const ex = await k('exec', 'db-0', '-n', 'shop', '-c', 'exporter', '--', 'echo', 'hi', 'there');
  t.equal(ex.out, 'hi there\n', 'kubectl exec over WebSocket (v5.channel.k8s.io)');
  const exFail = await k('exec', 'db-0', '-n', 'shop', '--', 'false');
  t.match(exFail.err, /command terminated with exit code 1/);
  const ver = await k('version', '-o', 'json');
  t.match(ver.out, /"gitVersion": "v1.31.4"/);
});

t.test('@kubernetes/client-node typed APIs against the emulator', async (t) => {
  const kc = new KubeConfig();
  kc.loadFromFile(emu.kubeconfigPath);
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const list = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=api' });
  t.equal(list.items.length, 2);
  t.equal(list.items[1].status?.containerStatuses?.[0].state?.waiting?.reason, 'CrashLoopBackOff');
  const page = await core.listPodForAllNamespaces({ limit: 4 });
  t.equal(page.items.length, 4);
  t.ok(page.metadata?._continue);
  t.ok((page.metadata?.remainingItemCount ?? 0) > 0);
  const dep = await apps.readNamespacedDeployment({ name: 'web', namespace: 'shop' });
  t.equal(dep.spec?.template.spec?.containers[0].image, 'nginx:1.27');
  await apps.patchNamespacedDeployment(
    { name: 'web', namespace: 'shop', body: { metadata: { labels: { patched: 'yes' } } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  t.equal(emu.get('apps/v1', 'Deployment', 'shop', 'web')?.metadata.labels.patched, 'yes');
  const scale = await apps.readNamespacedDeploymentScale({ name: 'web', namespace: 'shop' });
  t.equal(scale.kind, 'Scale');
  t.equal(scale.status?.selector, 'app=web');
  try {
    await core.readNamespacedPod({ name: 'ghost', namespace: 'shop' });
    t.fail('expected 404');
  } catch (err) {
    const e = err as { code?: number; body?: string };
    t.equal(e.code, 404);
    t.match(JSON.parse(e.body!).reason, 'NotFound');
  }
  const rv = emu.get('v1', 'ConfigMap', 'shop', 'web-config')!.metadata.resourceVersion;
  await core.replaceNamespacedConfigMap({
    name: 'web-config',
    namespace: 'shop',
    body: { metadata: { name: 'web-config', namespace: 'shop', resourceVersion: rv }, data: { A: '1' } },
  });
  try {
    await core.replaceNamespacedConfigMap({
      name: 'web-config',
      namespace: 'shop',
      body: { metadata: { name: 'web-config', namespace: 'shop', resourceVersion: rv }, data: { A: '2' } },
    });
    t.fail('expected 409');
  } catch (err) {
    t.equal((err as { code?: number }).code, 409);
    t.match((err as { body?: string }).body, /the object has been modified/);
  }
  const unauthorized = new KubeConfig();
  unauthorized.loadFromString(emu.kubeconfig.replace(/token: admin-token/, 'token: wrong-token-xyz'));
  try {
    await unauthorized.makeApiClient(CoreV1Api).listNamespace();
    t.fail('expected 401');
  } catch (err) {
    t.equal((err as { code?: number }).code, 401);
  }
});

t.test('the emulator records requests and serves discovery like a real API server', async (t) => {
  const kc = new KubeConfig();
  kc.loadFromFile(emu.kubeconfigPath);
  t.ok(emu.requests.length > 0);
  t.ok(emu.requests.every((q) => typeof q.method === 'string' && q.path.startsWith('/')));
  t.ok(emu.requests.filter((q) => q.user).every((q) => ['admin', 'viewer'].includes(q.user!)));
  const crdRes = emu.resources().find((r) => r.group === 'example.com');
  t.equal(crdRes?.kind, 'Widget', 'CRDs register their resources');
});

t.test('protobuf request bodies (what Helm sends for its release Secrets)', async (t) => {
  const { request } = await import('node:https');
  const { encodeKubeProtobuf } = await import('../test/emulator/index.js');
  const send = (method: string, path: string, body: Buffer) =>
    new Promise<{ status: number; json: Record<string, any> }>((resolve, reject) => {
      const r = request(
        `${emu.url}${path}`,
        {
          method,
          ca: emu.caPem,
          headers: {
            authorization: 'Bearer admin-token',
            'content-type': 'application/vnd.kubernetes.protobuf',
            accept: 'application/vnd.kubernetes.protobuf,application/json',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }),
          );
        },
      );
      r.on('error', reject);
      r.end(body);
    });
  const release = {
    apiVersion: 'v1',
    kind: 'Secret' as const,
    type: 'helm.sh/release.v1',
    metadata: {
      name: 'sh.helm.release.v1.demo.v1',
      namespace: 'default',
      labels: { name: 'demo', owner: 'helm', status: 'pending-install' },
    },
    data: { release: Buffer.from('H4sIAAAA-release-payload').toString('base64') },
  };
  const created = await send('POST', '/api/v1/namespaces/default/secrets', encodeKubeProtobuf(release));
  t.equal(created.status, 201);
  t.equal(created.json.type, 'helm.sh/release.v1');
  const stored = emu.get('v1', 'Secret', 'default', 'sh.helm.release.v1.demo.v1')!;
  t.same(stored.metadata.labels, release.metadata.labels);
  t.equal(Buffer.from(stored.data.release, 'base64').toString(), 'H4sIAAAA-release-payload');
  const updated = await send(
    'PUT',
    '/api/v1/namespaces/default/secrets/sh.helm.release.v1.demo.v1',
    encodeKubeProtobuf({
      ...release,
      metadata: { ...release.metadata, labels: { ...release.metadata.labels, status: 'deployed' } },
    }),
  );
  t.equal(updated.status, 200);
  t.equal(emu.get('v1', 'Secret', 'default', 'sh.helm.release.v1.demo.v1')!.metadata.labels.status, 'deployed');
  const bad = await send('POST', '/api/v1/namespaces/default/configmaps', Buffer.from('not protobuf'));
  t.equal(bad.status, 415);
  t.equal(bad.json.reason, 'UnsupportedMediaType');
});

t.test("watch streams ADDED/MODIFIED/DELETED to client-node's Watch", async (t) => {
  const { Watch } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromFile(emu.kubeconfigPath);
  const seen: string[] = [];
  const done = new Promise<void>((resolve) => {
    void new Watch(kc)
      .watch(
        '/api/v1/namespaces/shop/configmaps',
        { labelSelector: 'watch=me', resourceVersion: '1' },
        (type, obj) => {
          seen.push(`${type} ${obj.metadata.name}`);
          if (type === 'DELETED') resolve();
        },
        () => undefined,
      )
      .then((req) => t.teardown(() => req.abort()));
  });
  await new Promise((r) => setTimeout(r, 200));
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespacedConfigMap({
    namespace: 'shop',
    body: { metadata: { name: 'watched', labels: { watch: 'me' } }, data: { a: '1' } },
  });
  await core.patchNamespacedConfigMap(
    { name: 'watched', namespace: 'shop', body: { data: { a: '2' } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  await core.deleteNamespacedConfigMap({ name: 'watched', namespace: 'shop' });
  await done;
  t.same(seen, ['ADDED watched', 'MODIFIED watched', 'DELETED watched']);
});
