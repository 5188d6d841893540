// In-cluster mode of the Kubernetes plugin, as the chart deploys it: no kubeconfig, the pod's service-account
// token and CA at /var/run/secrets/kubernetes.io/serviceaccount (bind-mounted in a private mount namespace), and
// KUBERNETES_SERVICE_HOST/PORT naming the API server — here the Kubernetes emulator, whose service-account user
// gets exactly the rules of the chart's ClusterRoles. Reads work; a write is refused until rbac.write is on.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { freePort, requireBinary, startProcess, waitFor } from '@cnmcp/core/testing';
import { startKubeEmulator, type KubeEmulator, type UserRule } from '@cnmcp/plugin-kubernetes/testing';
import { callTool, connectClient } from './lib/clients.js';
import { BIN } from './lib/cluster.js';
import { byKind, render, requireHelm, type Manifest } from './lib/helm.js';

const helmBin = requireHelm();
const unshare = requireBinary('unshare', 'apt-get install -y util-linux');
const SA_DIR = '/run/secrets/kubernetes.io/serviceaccount';
const SA_USER = 'system:serviceaccount:cnmcp:cnmcp';

/** A private mount namespace needs root (CAP_SYS_ADMIN); outside CI its absence is a skip. */
function mountNamespaceSkip(): string | undefined {
  if (unshare.skip) return unshare.skip;
  const probe = spawnSync(unshare.path!, ['-m', '--propagation', 'private', 'true']);
  if (probe.status === 0) return undefined;
  const why = 'a private mount namespace (unshare -m) needs root';
  if (process.env.CI === 'true') throw new Error(`${why}; CI=true requires it`);
  return why;
}
const skip = helmBin.skip ?? mountNamespaceSkip();

/** The chart's ClusterRole rules as the emulator's user rules. */
function rulesOf(manifests: Manifest[]): UserRule[] {
  return byKind(manifests, 'ClusterRole').flatMap((role) =>
    role.rules.map((r: Manifest) => ({ verbs: r.verbs, groups: r.apiGroups, resources: r.resources })),
  );
}

/** `cnmcp serve` as in a pod: the service account mounted, no kubeconfig anywhere. */
async function startInPod(emu: KubeEmulator, dir: string) {
  const sa = join(dir, 'serviceaccount');
  mkdirSync(sa);
  writeFileSync(join(sa, 'token'), 'sa-token');
  writeFileSync(join(sa, 'ca.crt'), emu.caPem);
  writeFileSync(join(sa, 'namespace'), 'cnmcp');
  const home = join(dir, 'home');
  mkdirSync(home);
  const config = join(dir, 'cnmcp.config.yaml');
  writeFileSync(
    config,
    'autoDiscover: false\nplugins: ["@cnmcp/plugin-kubernetes"]\nconfirmDestructive:\n  enabled: false\ntoolsets:\n  enabled: ["*"]\n',
  );
  const port = await freePort();
  const script = `mount -t tmpfs tmpfs /run && mkdir -p ${SA_DIR} && mount --bind "$SA" ${SA_DIR} && exec "$NODE" "$BIN" serve --config "$CONFIG" --port "$PORT"`;
  const { KUBECONFIG: _ignored, ...env } = process.env;
  const server = startProcess(unshare.path!, ['-m', '--propagation', 'private', 'sh', '-c', script], {
    env: {
      ...env,
      HOME: home,
      SA: sa,
      NODE: process.execPath,
      BIN,
      CONFIG: config,
      PORT: String(port),
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: new URL(emu.url).port,
      MCP_LOG_LEVEL: 'warn',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('cnmcp serve', 240_000, async () => (await fetch(`${url}/health`)).ok, server.log);
  return { url, server };
}

for (const [name, set, canWrite] of [
  ['read-only (default)', [], false],
  ['rbac.write=true', ['rbac.write=true'], true],
] as const) {
  t.test(`in-cluster service account with the chart's RBAC, ${name}`, { skip }, async (t) => {
    const rules = rulesOf(await render(helmBin.path!, [...set]));
    const emu = await startKubeEmulator({
      users: {
        'admin-token': { name: 'admin', rules: [{ verbs: ['*'], groups: ['*'], resources: ['*'] }] },
        'sa-token': { name: SA_USER, rules },
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'cnmcp-incluster-'));
    const { url, server } = await startInPod(emu, dir);
    const client = await connectClient(url, '2026-07-28');
    t.teardown(async () => {
      await client.close();
      await server.stop();
      await emu.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const list = await callTool(client, 'kubernetes_list_resources', { kind: 'deployments', namespace: 'shop' });
    t.equal(list.isError, false, `listing works: ${list.text.slice(0, 120)}`);
    t.match(list.text, /web/, 'the deployment of the emulated cluster is listed');
    const asSa = emu.requests.filter((r) => r.user === SA_USER);
    t.ok(asSa.length > 0, 'the API server saw the service account, authenticated by its token over TLS');
    t.ok(
      asSa.every((r) => r.headers.authorization === 'Bearer sa-token'),
      'every request carried the mounted token',
    );
    const scale = await callTool(client, 'kubernetes_scale_resource', {
      kind: 'deployment',
      name: 'web',
      namespace: 'shop',
      replicas: 5,
    });
    if (canWrite) {
      t.equal(scale.isError, false, `the write role allows scaling: ${scale.text.slice(0, 160)}`);
      t.equal(emu.get('apps/v1', 'Deployment', 'shop', 'web')?.spec.replicas, 5, 'the Deployment was scaled');
    } else {
      t.equal(scale.isError, true, 'the read-only role refuses a write');
      t.match(scale.text, /forbidden|Forbidden|FORBIDDEN|permission/, `refused: ${scale.text.slice(0, 200)}`);
      t.not(emu.get('apps/v1', 'Deployment', 'shop', 'web')?.spec.replicas, 5, 'nothing changed');
    }
  });
}
