// Every failure reaches the agent as `CODE: message` + `Hint:` with the API server's own words.
import { createServer } from 'node:net';
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { KubeClusters, KubernetesPlugin } from '../dist/src/index.js';
import { setup, type Setup } from './helpers.js';

let s: Setup;
t.before(async () => {
  s = await setup();
});
t.teardown(async () => {
  await s?.close();
});
const call = (name: string, args: Record<string, unknown> = {}) => s.mcp.call(name, args);

function expectError(t: any, r: { isError: boolean; text: string }, code: string, message?: RegExp) {
  t.ok(r.isError, `isError (${r.text.slice(0, 120)})`);
  t.match(r.text, new RegExp(`^${code}: `));
  t.match(r.text, /\nHint: /);
  if (message) t.match(r.text, message);
}

t.test("not found, with the API server's message", async (t) => {
  expectError(
    t,
    await call('kubernetes_get_resource', { kind: 'Pod', name: 'ghost', namespace: 'shop' }),
    'CNMCP_ERR_BACKEND_NOT_FOUND',
    /pods "ghost" not found \(NotFound/,
  );
  expectError(
    t,
    await call('kubernetes_describe_resource', { kind: 'Deployment', name: 'ghost', namespace: 'shop' }),
    'CNMCP_ERR_BACKEND_NOT_FOUND',
    /deployments.apps "ghost" not found/,
  );
  expectError(t, await call('kubernetes_get_node_conditions', { nodeName: 'node-z' }), 'CNMCP_ERR_BACKEND_NOT_FOUND');
  expectError(
    t,
    await call('kubernetes_list_resources', { kind: 'Pod', namespace: 'nowhere' }),
    'CNMCP_ERR_BACKEND_NOT_FOUND',
    /namespaces "nowhere" not found/,
  );
  expectError(
    t,
    await call('kubernetes_scale_resource', { kind: 'Deployment', name: 'ghost', namespace: 'shop', replicas: 1 }),
    'CNMCP_ERR_BACKEND_NOT_FOUND',
  );
  expectError(t, await call('kubernetes_drain_node', { name: 'node-z' }), 'CNMCP_ERR_BACKEND_NOT_FOUND');
});

t.test('forbidden (RBAC of the viewer context)', async (t) => {
  expectError(
    t,
    await call('kubernetes_get_resource', {
      kind: 'Secret',
      name: 'db-credentials',
      namespace: 'shop',
      context: 'viewer',
    }),
    'CNMCP_ERR_BACKEND_AUTH',
    /User "viewer" cannot get resource "secrets"/,
  );
  expectError(
    t,
    await call('kubernetes_delete_resource', { kind: 'Pod', name: 'db-0', namespace: 'shop', context: 'viewer' }),
    'CNMCP_ERR_BACKEND_AUTH',
    /cannot delete resource "pods"/,
  );
  expectError(
    t,
    await call('kubernetes_scale_resource', {
      kind: 'Deployment',
      name: 'web',
      namespace: 'shop',
      replicas: 9,
      context: 'viewer',
    }),
    'CNMCP_ERR_BACKEND_AUTH',
    /deployments\/scale/,
  );
  const search = JSON.parse((await call('kubernetes_search_resources', { query: 'db', context: 'viewer' })).text);
  t.ok(
    search.notes.some((n: string) => n.includes('Secret: CNMCP_ERR_BACKEND_AUTH')),
    'search reports the kinds it could not read',
  );
});

t.test('conflicts: already exists and stale resourceVersion', async (t) => {
  expectError(
    t,
    await call('kubernetes_create_resource', {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'web-config', namespace: 'shop' },
      data: {},
    }),
    'CNMCP_ERR_BACKEND_CONFLICT',
    /configmaps "web-config" already exists/,
  );
  expectError(
    t,
    await call('kubernetes_patch_resource', {
      kind: 'ConfigMap',
      name: 'web-config',
      namespace: 'shop',
      patch: { metadata: { resourceVersion: '1' }, data: { a: 'b' } },
    }),
    'CNMCP_ERR_BACKEND_CONFLICT',
    /the object has been modified; please apply your changes to the latest version/,
  );
});

t.test('invalid input and invalid patches', async (t) => {
  expectError(
    t,
    await call('kubernetes_patch_resource', {
      kind: 'ConfigMap',
      name: 'web-config',
      namespace: 'shop',
      patchType: 'json',
      patch: { data: {} },
    }),
    'KUBERNETES_ERR_BAD_INPUT',
    /array of operations/,
  );
  expectError(
    t,
    await call('kubernetes_patch_resource', {
      kind: 'ConfigMap',
      name: 'web-config',
      namespace: 'shop',
      patchType: 'json',
      patch: [{ op: 'replace', path: '/data/NOPE/x', value: 1 }],
    }),
    'CNMCP_ERR_BACKEND_BAD_REQUEST',
    /missing/,
  );
  expectError(
    t,
    await call('kubernetes_patch_resource', {
      kind: 'ConfigMap',
      name: 'web-config',
      namespace: 'shop',
      patch: '{not json',
    }),
    'KUBERNETES_ERR_BAD_INPUT',
    /not valid JSON/,
  );
  expectError(
    t,
    await call('kubernetes_patch_resource', {
      kind: 'Widget',
      apiVersion: 'example.com/v1',
      name: 'blue',
      namespace: 'shop',
      patchType: 'strategic',
      patch: { spec: { size: 1 } },
    }),
    'KUBERNETES_ERR_UNSUPPORTED',
    /strategic merge patch is not supported for custom resources/,
  );
  expectError(
    t,
    await call('kubernetes_create_resource', {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { namespace: 'shop' },
      data: {},
    }),
    'CNMCP_ERR_BACKEND_BAD_REQUEST',
    /metadata.name: Required value/,
  );
  expectError(
    t,
    await call('kubernetes_list_resources', { kind: 'Pod', labelSelector: 'app in (web' }),
    'CNMCP_ERR_BACKEND_BAD_REQUEST',
    /unable to parse requirement/,
  );
  expectError(
    t,
    await call('kubernetes_list_resources', { kind: 'Pod', fieldSelector: 'spec.bogus=1' }),
    'CNMCP_ERR_BACKEND_BAD_REQUEST',
    /field label not supported: spec.bogus/,
  );
  expectError(
    t,
    await call('kubernetes_get_resource', { kind: 'Pod', name: 'db-0', namespace: 'shop', jsonpath: '{..[?(@.x)]}' }),
    'KUBERNETES_ERR_BAD_INPUT',
    /jsonpath/,
  );
  expectError(
    t,
    await call('kubernetes_search_resources', { query: '(', searchMode: 'regex' }),
    'KUBERNETES_ERR_BAD_INPUT',
    /regular expression/,
  );
  expectError(
    t,
    await call('kubernetes_get_rollout_status', { kind: 'ConfigMap', name: 'web-config', namespace: 'shop' }),
    'KUBERNETES_ERR_UNSUPPORTED',
  );
  expectError(
    t,
    await call('kubernetes_pod_exec', { podName: 'db-0', namespace: 'shop', containerName: 'nope', command: 'ls' }),
    'KUBERNETES_ERR_BAD_INPUT',
    /containers: postgres, exporter/,
  );
  const schema = await call('kubernetes_get_resource', { name: 'x' });
  t.ok(schema.isError, 'missing kind is rejected by the input schema');
});

t.test('unknown and ambiguous kinds name the closest matches', async (t) => {
  expectError(
    t,
    await call('kubernetes_list_resources', { kind: 'Deploymnet' }),
    'KUBERNETES_ERR_UNKNOWN_KIND',
    /closest matches: Deployment \(deployments.apps, apiVersion apps\/v1\)/,
  );
  expectError(
    t,
    await call('kubernetes_get_resource', { kind: 'Widget', name: 'blue', namespace: 'shop' }),
    'KUBERNETES_ERR_AMBIGUOUS_KIND',
    /example.com\/v1.*other.io\/v1/,
  );
  expectError(
    t,
    await call('kubernetes_get_resource', {
      kind: 'Deployment',
      apiVersion: 'apps/v2',
      name: 'web',
      namespace: 'shop',
    }),
    'KUBERNETES_ERR_UNKNOWN_KIND',
    /in apiVersion apps\/v2/,
  );
  const ev = await call('kubernetes_list_resources_summary', { kind: 'Event', namespace: 'shop' });
  t.notOk(ev.isError, 'Event in core and events.k8s.io resolves to the core group like kubectl');
});

t.test('namespace allow/deny lists and unknown contexts', async (t) => {
  const guarded = await startTestServer({
    plugins: [KubernetesPlugin],
    config: {
      kubernetes: { kubeconfig: s.emu.kubeconfigPath, namespaces: { deny: ['kube-system'] }, contexts: ['admin'] },
    },
  });
  t.teardown(() => guarded.close());
  expectError(
    t,
    await guarded.call('kubernetes_get_resource', { kind: 'Pod', name: 'kube-proxy-node-a', namespace: 'kube-system' }),
    'KUBERNETES_ERR_NAMESPACE_DENIED',
  );
  const all = await guarded.call('kubernetes_list_resources', { kind: 'Pod' });
  t.notMatch(all.text, /kube-system/, 'denied namespaces are filtered out of cluster-wide lists');
  expectError(
    t,
    await guarded.call('kubernetes_get_pod_logs', { name: 'x', namespace: 'kube-system' }),
    'KUBERNETES_ERR_NAMESPACE_DENIED',
  );
  expectError(
    t,
    await guarded.call('kubernetes_list_resources', { kind: 'Pod', context: 'viewer' }),
    'CNMCP_ERR_BACKEND_TARGET_UNKNOWN',
    /available: admin/,
  );
});

t.test('unreachable API server and timeouts', async (t) => {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const kc = s.emu.writeKubeconfig([{ name: 'down', server: `https://127.0.0.1:${port}`, token: 'down-token-000' }]);
  const m = await startTestServer({
    plugins: [KubernetesPlugin],
    config: { kubernetes: { kubeconfig: kc, timeoutSec: 1 } },
  });
  t.teardown(() => m.close());
  expectError(
    t,
    await m.call('kubernetes_list_resources', { kind: 'Pod', context: 'down' }),
    'CNMCP_ERR_BACKEND_UNREACHABLE',
    /ECONNREFUSED/,
  );
  s.emu.faults.push({ path: /^\/api\/v1\/namespaces\/shop\/pods$/, delayMs: 2_500, times: 1 });
  expectError(
    t,
    await m.call('kubernetes_list_resources', { kind: 'Pod', namespace: 'shop' }),
    'CNMCP_ERR_BACKEND_TIMEOUT',
    /did not answer within 1000 ms/,
  );
  s.emu.faults.push({
    path: /^\/api\/v1\/nodes$/,
    status: 503,
    reason: 'ServiceUnavailable',
    message: 'etcdserver: request timed out',
    times: 1,
  });
  expectError(
    t,
    await m.call('kubernetes_list_resources', { kind: 'Node' }),
    'CNMCP_ERR_BACKEND_ERROR',
    /etcdserver: request timed out/,
  );
  s.emu.faults.push({
    path: /^\/api\/v1\/nodes$/,
    status: 429,
    reason: 'TooManyRequests',
    message: 'too many requests, please try again later',
    times: 1,
  });
  const tm = await m.call('kubernetes_list_resources', { kind: 'Node' });
  expectError(t, tm, 'CNMCP_ERR_BACKEND_RATE_LIMITED');
  t.match(tm.text, /Retry after: 1s/);
  s.emu.faults.push({ path: /^\/api\/v1\/nodes\/node-a$/, reset: true, times: 1 });
  expectError(
    t,
    await m.call('kubernetes_get_node_conditions', { nodeName: 'node-a' }),
    'CNMCP_ERR_BACKEND_UNREACHABLE',
  );
});

t.test('an http:// server URL is refused with a clear config error', async (t) => {
  const kc = s.emu.writeKubeconfig([{ name: 'plain', server: 'http://127.0.0.1:1', token: 'plain-token-000' }]);
  const m = await startTestServer({
    plugins: [KubernetesPlugin],
    config: { kubernetes: { kubeconfig: kc, defaultContext: 'plain' } },
  });
  t.teardown(() => m.close());
  expectError(
    t,
    await m.call('kubernetes_get_api_versions'),
    'KUBERNETES_ERR_KUBECONFIG_INVALID',
    /http:\/\/ server URL/,
  );
});

t.test('unauthorized credentials', async (t) => {
  const kc = s.emu.writeKubeconfig([{ name: 'stale', server: s.emu.url, token: 'expired-token-123' }]);
  const m = await startTestServer({
    plugins: [KubernetesPlugin],
    config: { kubernetes: { kubeconfig: kc, defaultContext: 'stale' } },
  });
  t.teardown(() => m.close());
  const r = await m.call('kubernetes_get_api_versions');
  expectError(t, r, 'CNMCP_ERR_BACKEND_AUTH');
  t.notMatch(r.text, /expired-token-123/, 'the token is not echoed');
});

t.test('no kubeconfig: tools are listed, calls say what to set, health is not_configured', async (t) => {
  const saved = {
    KUBECONFIG: process.env.KUBECONFIG,
    HOME: process.env.HOME,
    KUBERNETES_SERVICE_HOST: process.env.KUBERNETES_SERVICE_HOST,
  };
  process.env.HOME = '/nonexistent-home-for-test';
  delete process.env.KUBECONFIG;
  delete process.env.KUBERNETES_SERVICE_HOST;
  t.teardown(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  const m = await startTestServer({ plugins: [KubernetesPlugin], config: {} });
  t.teardown(() => m.close());
  t.equal((await m.toolNames()).filter((n) => n.startsWith('kubernetes_')).length, 35);
  const r = await m.call('kubernetes_list_resources', { kind: 'Pod' });
  expectError(t, r, 'CNMCP_ERR_BACKEND_NOT_CONFIGURED', /kubernetes.kubeconfig is not set, KUBECONFIG is not set/);
  t.match(r.text, /Set kubernetes.kubeconfig in the config, or the KUBECONFIG environment variable/);
  const plugin = new KubeClusters({
    contexts: [],
    namespaces: { allow: [], deny: [] },
    qps: 5,
    burst: 10,
    timeoutSec: 5,
    showSecretValues: false,
    maxLogBytes: 32000,
    fieldManager: 'cnmcp',
    discoveryTtlSec: 300,
    maxScanItems: 5000,
  });
  const health = await plugin.health();
  t.equal(health.status, 'not_configured');
  const ok = await m.call('kubernetes_test_tool', { confirmed: true });
  t.notOk(ok.isError);
  const pf = await m.call('kubernetes_port_forward', { podName: 'a', namespace: 'b', localPort: 1, podPort: 2 });
  expectError(t, pf, 'KUBERNETES_ERR_PORT_FORWARD_UNSUPPORTED');
});

t.test('health check against the emulator', async (t) => {
  const plugin = new KubeClusters({
    kubeconfig: s.emu.kubeconfigPath,
    contexts: [],
    namespaces: { allow: [], deny: [] },
    qps: 5,
    burst: 10,
    timeoutSec: 5,
    showSecretValues: false,
    maxLogBytes: 32000,
    fieldManager: 'cnmcp',
    discoveryTtlSec: 300,
    maxScanItems: 5000,
  });
  const h = await plugin.health();
  t.equal(h.status, 'ok');
  t.match(String(h.detail), /v1\.31\.4/);
});

t.test('several KUBECONFIG files are merged; basic-auth users work', async (t) => {
  const { startKubeEmulator } = await import('../test/emulator/index.js');
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join, delimiter } = await import('node:path');
  const second = await startKubeEmulator({
    users: { 'ops:correct-horse-battery': { name: 'ops', rules: [{ verbs: ['*'], groups: ['*'], resources: ['*'] }] } },
  });
  t.teardown(() => second.close());
  const dir = mkdtempSync(join(tmpdir(), 'kc-'));
  const basic = join(dir, 'basic.yaml');
  writeFileSync(
    basic,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: staging',
      'clusters:',
      `- name: staging\n  cluster:\n    server: ${second.url}\n    certificate-authority-data: ${Buffer.from(second.caPem).toString('base64')}`,
      'contexts:',
      '- name: staging\n  context:\n    cluster: staging\n    user: ops',
      'users:',
      '- name: ops\n  user:\n    username: ops\n    password: correct-horse-battery',
      '',
    ].join('\n'),
  );
  const saved = process.env.KUBECONFIG;
  process.env.KUBECONFIG = [s.emu.kubeconfigPath, basic].join(delimiter);
  t.teardown(() => {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
  });
  const m = await startTestServer({ plugins: [KubernetesPlugin], config: {} });
  t.teardown(() => m.close());
  const ctx = JSON.parse((await m.call('kubernetes_list_contexts')).text);
  t.same(ctx.contexts.map((c: { name: string }) => c.name).sort(), ['admin', 'staging', 'viewer']);
  t.equal(ctx.default, 'admin', "the first file's current-context wins");
  const nodes = await m.call('kubernetes_list_resources', { kind: 'Node', context: 'staging' });
  t.notOk(nodes.isError, nodes.text);
  t.equal(
    second.requests.filter((q) => q.path === '/api/v1/nodes').pop()?.user,
    'ops',
    'basic credentials reached the second cluster',
  );
  t.notMatch(
    nodes.text + (await m.call('kubernetes_list_contexts')).text,
    /correct-horse-battery/,
    'the password never appears',
  );
});

t.test('more error cases: events, restart, uncordon, usage without metrics-server', async (t) => {
  expectError(
    t,
    await call('kubernetes_get_events', { fieldSelector: 'count=3' }),
    'CNMCP_ERR_BACKEND_BAD_REQUEST',
    /field label not supported: count/,
  );
  expectError(
    t,
    await call('kubernetes_get_events_detail', { namespace: 'shop', continueToken: 'not-a-cursor' }),
    'CNMCP_ERR_BACKEND_BAD_REQUEST',
    /continue key is not valid/,
  );
  expectError(
    t,
    await call('kubernetes_get_recent_events', { namespace: 'ghost-ns' }),
    'CNMCP_ERR_BACKEND_NOT_FOUND',
    /namespaces "ghost-ns" not found/,
  );
  expectError(
    t,
    await call('kubernetes_restart_workload', { kind: 'ConfigMap', name: 'web-config', namespace: 'shop' }),
    'KUBERNETES_ERR_UNSUPPORTED',
  );
  expectError(
    t,
    await call('kubernetes_restart_workload', { kind: 'Deployment', name: 'ghost', namespace: 'shop' }),
    'CNMCP_ERR_BACKEND_NOT_FOUND',
  );
  expectError(t, await call('kubernetes_uncordon_node', { name: 'node-z' }), 'CNMCP_ERR_BACKEND_NOT_FOUND');
  expectError(
    t,
    await call('kubernetes_cordon_node', { name: 'node-a', context: 'viewer' }),
    'CNMCP_ERR_BACKEND_AUTH',
    /cannot patch resource "nodes"/,
  );
  expectError(
    t,
    await call('kubernetes_get_resource_details', { kind: 'Node', name: 'node-z' }),
    'CNMCP_ERR_BACKEND_NOT_FOUND',
  );
  expectError(
    t,
    await call('kubernetes_get_resources_detail', { kind: 'Nope', names: ['a'] }),
    'KUBERNETES_ERR_UNKNOWN_KIND',
  );
  expectError(
    t,
    await call('kubernetes_check_permissions', { verb: 'get', resourceResource: 'pods', context: 'nowhere' }),
    'CNMCP_ERR_BACKEND_TARGET_UNKNOWN',
  );
  expectError(
    t,
    await call('kubernetes_get_api_resources', { context: 'nowhere' }),
    'CNMCP_ERR_BACKEND_TARGET_UNKNOWN',
  );
  expectError(
    t,
    await call('kubernetes_get_resource_usage', { resourceType: 'pods', name: 'db-0' }),
    'KUBERNETES_ERR_BAD_INPUT',
    /namespace is required/,
  );
  const { setup: again } = await import('./helpers.js');
  const bare = await again({ emulator: { metrics: false } });
  t.teardown(() => bare.close());
  expectError(
    t,
    await bare.mcp.call('kubernetes_get_resource_usage', { resourceType: 'nodes' }),
    'KUBERNETES_ERR_METRICS_UNAVAILABLE',
    /does not serve metrics.k8s.io\/v1beta1/,
  );
  t.match(
    (await bare.mcp.call('kubernetes_get_resource_usage', { resourceType: 'nodes' })).text,
    /Hint: Install metrics-server/,
  );
});
