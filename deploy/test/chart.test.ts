// The Helm chart at deploy/helm/cnmcp: `helm lint` and `helm template` with the real helm binary, every rendered
// manifest validated against the Kubernetes schemas (kubernetes-models), the hardening and RBAC choices checked,
// the rendered config accepted by `cnmcp check-config`, and the manifests applied to the Kubernetes emulator with
// the real kubectl.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { requireBinary } from '@cnmcp/core/testing';
import { startKubeEmulator } from '@cnmcp/plugin-kubernetes/testing';
import { BIN, REPO } from './lib/cluster.js';
import { byKind, CHART, helm, render, requireHelm, schemaProblem, valueArgs, type Manifest } from './lib/helm.js';
import { builtinKindsAsCrds } from './lib/emulator-kinds.js';

const run = promisify(execFile);
const helmBin = requireHelm();
const kubectl = requireBinary('kubectl', 'install kubectl from https://kubernetes.io/docs/tasks/tools/');

/** Every optional part switched on, with credentials only as Secret references. */
const EVERYTHING = [
  'ingress.enabled=true',
  'ingress.className=nginx',
  'ingress.tls[0].secretName=cnmcp-tls',
  'ingress.tls[0].hosts[0]=cnmcp.example.com',
  'metrics.serviceMonitor.enabled=true',
  'rbac.write=true',
  'rbac.readSecrets=true',
  'networkPolicy.egress.enabled=true',
  'redis.deploy=false',
  'redis.urlSecret.name=cnmcp-redis',
  'requestStateKey.secretName=cnmcp-state',
  'secretEnv[0].name=MCP_API_KEYS',
  'secretEnv[0].secretName=cnmcp-credentials',
  'secretEnv[0].key=api-keys',
  'envFromSecrets[0]=cnmcp-backends',
  'config.auth.enabled=true',
];
const SINGLE = [
  'replicaCount=1',
  'autoscaling.enabled=false',
  'redis.deploy=false',
  'podDisruptionBudget.enabled=false',
];
const EXAMPLE = [join(REPO, 'examples', 'kubernetes', 'values-production.yaml')];
const VALUE_SETS: Record<string, string[]> = {
  defaults: [],
  everything: EVERYTHING,
  'one replica': SINGLE,
  'examples/kubernetes': EXAMPLE,
};

t.test('helm lint passes with the defaults and with every option on', { skip: helmBin.skip }, async (t) => {
  for (const [name, set] of Object.entries(VALUE_SETS)) {
    const lint = await helm(helmBin.path!, ['lint', '--strict', CHART, ...valueArgs(set)]);
    t.equal(lint.code, 0, `${name}: ${lint.out.trim().split('\n').pop()}`);
  }
});

t.test('every rendered manifest is valid against the Kubernetes schemas', { skip: helmBin.skip }, async (t) => {
  for (const [name, set] of Object.entries(VALUE_SETS)) {
    const manifests = await render(helmBin.path!, set);
    const problems = [];
    for (const m of manifests) {
      const problem = await schemaProblem(m);
      if (problem) problems.push(`${m.kind}/${m.metadata?.name}: ${problem}`);
    }
    t.same(
      problems,
      [],
      `${name}: ${manifests.length} manifests valid (${[...new Set(manifests.map((m) => m.kind))].join(', ')})`,
    );
  }
  const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two' } };
  t.ok(await schemaProblem(broken), 'the validator does refuse an invalid manifest');
});

t.test('defaults: a hardened Deployment with probes, resources and shared state', { skip: helmBin.skip }, async (t) => {
  const manifests = await render(helmBin.path!);
  t.same([...new Set(manifests.map((m) => m.kind))].sort(), [
    'ClusterRole',
    'ClusterRoleBinding',
    'ConfigMap',
    'Deployment',
    'HorizontalPodAutoscaler',
    'NetworkPolicy',
    'PodDisruptionBudget',
    'Secret',
    'Service',
    'ServiceAccount',
  ]);
  const deployment = byKind(manifests, 'Deployment').find((d) => d.metadata.name === 'cnmcp')!;
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];
  t.equal(container.livenessProbe.httpGet.path, '/health');
  t.equal(container.readinessProbe.httpGet.path, '/ready');
  t.ok(container.resources.requests.cpu && container.resources.limits.memory, 'resources are set');
  t.match(pod.securityContext, { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
  t.match(container.securityContext, {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  });
  t.ok(
    pod.volumes.some((v: Manifest) => v.name === 'tmp' && v.emptyDir),
    '/tmp is the one writable place',
  );
  const env = Object.fromEntries(container.env.map((e: Manifest) => [e.name, e]));
  t.equal(env.CNMCP_SESSION_REDIS_URL.value, 'redis://cnmcp-redis:6379', 'replicas share the in-chart Redis');
  t.equal(env.CNMCP_REQUEST_STATE_KEY.valueFrom.secretKeyRef.name, 'cnmcp-request-state');
  t.equal(byKind(manifests, 'Service').find((s) => s.metadata.name === 'cnmcp')!.spec.sessionAffinity, 'None');
  const policy = byKind(manifests, 'NetworkPolicy').find((p) => p.metadata.name === 'cnmcp')!;
  t.same(policy.spec.policyTypes, ['Ingress'], 'egress stays open by default (backends live anywhere)');
  t.same(policy.spec.ingress[0].ports, [{ port: 'http', protocol: 'TCP' }], 'only the HTTP port is open');
});

t.test('credentials are only ever Secret references', { skip: helmBin.skip }, async (t) => {
  const manifests = await render(helmBin.path!, EVERYTHING);
  t.same(byKind(manifests, 'Secret'), [], 'no Secret is rendered when every secret is named');
  const container = byKind(manifests, 'Deployment')[0].spec.template.spec.containers[0];
  const env = Object.fromEntries(container.env.map((e: Manifest) => [e.name, e]));
  t.same(env.MCP_API_KEYS.valueFrom, { secretKeyRef: { name: 'cnmcp-credentials', key: 'api-keys' } });
  t.same(env.CNMCP_SESSION_REDIS_URL.valueFrom, { secretKeyRef: { name: 'cnmcp-redis', key: 'redis-url' } });
  t.same(container.envFrom, [{ secretRef: { name: 'cnmcp-backends' } }]);
  const ingress = byKind(manifests, 'Ingress')[0];
  t.same(ingress.spec.tls, [{ secretName: 'cnmcp-tls', hosts: ['cnmcp.example.com'] }], 'TLS ends at the ingress');
});

t.test('RBAC: read-only by default, writes only when asked for', { skip: helmBin.skip }, async (t) => {
  const defaults = await render(helmBin.path!);
  const roles = byKind(defaults, 'ClusterRole');
  t.same(
    roles.map((r) => r.metadata.name),
    ['cnmcp-read'],
  );
  const verbs = new Set(roles[0].rules.flatMap((r: Manifest) => r.verbs));
  t.same([...verbs].sort(), ['create', 'get', 'list', 'watch'], 'read verbs (create only for access reviews)');
  t.same(
    roles[0].rules.filter((r: Manifest) => r.verbs.includes('create')).flatMap((r: Manifest) => r.resources),
    ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
  );
  t.notOk(
    roles[0].rules.some((r: Manifest) => r.resources.includes('secrets')),
    'Secrets are not readable by default',
  );
  const binding = byKind(defaults, 'ClusterRoleBinding')[0];
  t.same(binding.subjects, [{ kind: 'ServiceAccount', name: 'cnmcp', namespace: 'cnmcp' }]);
  const write = await render(helmBin.path!, ['rbac.write=true', 'rbac.readSecrets=true']);
  t.same(
    byKind(write, 'ClusterRole').map((r) => r.metadata.name),
    ['cnmcp-read', 'cnmcp-write'],
  );
  t.ok(
    byKind(write, 'ClusterRole')[0].rules.some((r: Manifest) => r.resources.includes('secrets')),
    'rbac.readSecrets lets the Helm plugin read releases',
  );
});

t.test('several replicas without shared state are refused with a clear message', { skip: helmBin.skip }, async (t) => {
  await t.rejects(render(helmBin.path!, ['redis.deploy=false']), /several replicas need shared state: set redis\.url/);
});

t.test('the rendered cnmcp.config.yaml is accepted by cnmcp check-config', { skip: helmBin.skip }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cnmcp-chart-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, set] of Object.entries({ defaults: [], everything: EVERYTHING, 'examples/kubernetes': EXAMPLE })) {
    const configMap = byKind(await render(helmBin.path!, set), 'ConfigMap')[0];
    const file = join(dir, `${name.replace(/\W/g, '-')}.yaml`);
    writeFileSync(file, configMap.data['cnmcp.config.yaml']);
    // The core keys are what the chart writes; plugin discovery is not what is checked here.
    const env = {
      ...process.env,
      MCP_API_KEYS: 'ci=k_ci_0123456789abcdef',
      GRAFANA_TOKEN: 'a-token-from-a-secret',
      MCP_AUTO_DISCOVER: 'false',
    };
    const checked = await run(process.execPath, [BIN, 'check-config', '--config', file], {
      env,
      timeout: 120_000,
    }).then(
      () => 0,
      (err: { code?: number; stderr?: string }) => (t.comment(err.stderr ?? ''), err.code ?? 1),
    );
    t.equal(checked, 0, `${name}: check-config exits 0`);
  }
});

t.test(
  'the manifests apply to the Kubernetes emulator with the real kubectl',
  { skip: helmBin.skip ?? kubectl.skip },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'cnmcp-apply-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    // JSON lists: unambiguous for kubectl's YAML 1.1 reader ("off" stays a string).
    const list = (file: string, items: unknown[]) => {
      writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
      return file;
    };
    for (const [name, set] of Object.entries(VALUE_SETS)) {
      const emu = await startKubeEmulator({ objects: [] });
      try {
        const k = (...args: string[]) =>
          run(kubectl.path!, ['--kubeconfig', emu.kubeconfigPath, ...args], { timeout: 60_000 }).then(
            (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
            (e: { code?: number; stdout?: string; stderr?: string }) => ({
              code: e.code ?? 1,
              out: e.stdout ?? '',
              err: e.stderr ?? '',
            }),
          );
        // The emulator serves the workload kinds; the RBAC, autoscaling, NetworkPolicy and ServiceMonitor kinds
        // are declared to it as CustomResourceDefinitions with their real group, version, plural and scope.
        const kinds = list(join(dir, 'kinds.json'), builtinKindsAsCrds());
        const declared = await k('apply', '--validate=false', '-f', kinds);
        t.equal(declared.code, 0, `${name}: the extra kinds are declared${declared.code ? `: ${declared.err}` : ''}`);
        t.equal((await k('create', 'namespace', 'cnmcp')).code, 0);
        const manifests = await render(helmBin.path!, set);
        const file = list(join(dir, `${name.replace(/\W/g, '-')}.json`), manifests);
        const applied = await k('apply', '--validate=false', '-n', 'cnmcp', '-f', file);
        t.equal(applied.code, 0, `${name}: kubectl apply succeeded${applied.code ? `: ${applied.err}` : ''}`);
        const missing = manifests.filter(
          (m) => !emu.get(m.apiVersion, m.kind, m.kind.startsWith('Cluster') ? undefined : 'cnmcp', m.metadata.name),
        );
        t.same(
          missing.map((m) => `${m.kind}/${m.metadata.name}`),
          [],
          `${name}: all ${manifests.length} objects are stored`,
        );
        const got = await k(
          'get',
          'deployment',
          'cnmcp',
          '-n',
          'cnmcp',
          '-o',
          'jsonpath={.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem}',
        );
        t.equal(got.out, 'true', `${name}: kubectl reads the Deployment back`);
      } finally {
        await emu.close();
      }
    }
  },
);
