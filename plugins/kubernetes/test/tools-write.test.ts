// Mutating tools against the emulator, checking what reached the API server (verbs, content types,
// fieldManager, subresources) and the resulting state.
import t from 'tap';
import { setup, json, type Setup } from './helpers.js';

let s: Setup;
t.before(async () => {
  s = await setup();
});
t.teardown(async () => {
  await s?.close();
});
const call = (name: string, args: Record<string, unknown> = {}) => s.mcp.call(name, args);
const last = (method: string, re: RegExp) =>
  s.emu.requests.filter((q) => q.method === method && re.test(q.path)).pop()!;

t.test('create (objects and JSON strings), dry run, delete', async (t) => {
  const r = json(
    (
      await call('kubernetes_create_resource', {
        kind: 'ConfigMap',
        apiVersion: 'v1',
        metadata: { name: 'feature-flags', namespace: 'shop', labels: { team: 'web' } },
        data: { X: '1' },
      })
    ).text,
  );
  t.equal(r.created, true);
  t.ok(r.uid);
  t.same(s.emu.get('v1', 'ConfigMap', 'shop', 'feature-flags')?.data, { X: '1' });
  t.equal(last('POST', /configmaps$/).query.get('fieldManager'), 'cnmcp');
  const str = await call('kubernetes_create_resource', {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: JSON.stringify({ name: 'worker', namespace: 'shop' }),
    spec: JSON.stringify({
      replicas: 1,
      selector: { matchLabels: { app: 'worker' } },
      template: { metadata: { labels: { app: 'worker' } }, spec: { containers: [{ name: 'w', image: 'busybox' }] } },
    }),
  });
  t.notOk(str.isError, str.text);
  t.equal(s.emu.get('apps/v1', 'Deployment', 'shop', 'worker')?.spec.replicas, 1);
  const dry = json(
    (
      await call('kubernetes_create_resource', {
        kind: 'Secret',
        apiVersion: 'v1',
        metadata: { name: 'tmp', namespace: 'shop' },
        stringData: { k: 'v' },
        dryRun: true,
      })
    ).text,
  );
  t.equal(dry.dryRun, true);
  t.notOk(s.emu.get('v1', 'Secret', 'shop', 'tmp'));
  const crd = await call('kubernetes_create_resource', {
    kind: 'Widget',
    apiVersion: 'other.io/v1',
    metadata: { name: 'red', namespace: 'shop' },
    spec: { color: 'red' },
  });
  t.notOk(crd.isError, crd.text);
  const del = json(
    (
      await call('kubernetes_delete_resource', {
        kind: 'cm',
        name: 'feature-flags',
        namespace: 'shop',
        propagationPolicy: 'Background',
      })
    ).text,
  );
  t.equal(del.deleted, true);
  t.notOk(s.emu.get('v1', 'ConfigMap', 'shop', 'feature-flags'));
  t.equal(JSON.parse(last('DELETE', /feature-flags$/).body).propagationPolicy, 'Background');
});

t.test('patch: merge, strategic, json, server-side apply with fieldManager', async (t) => {
  await call('kubernetes_patch_resource', {
    kind: 'ConfigMap',
    name: 'web-config',
    namespace: 'shop',
    patch: { data: { LOG_LEVEL: 'debug' } },
  });
  t.equal(last('PATCH', /web-config$/).contentType, 'application/merge-patch+json');
  t.equal(s.emu.get('v1', 'ConfigMap', 'shop', 'web-config')?.data.LOG_LEVEL, 'debug');
  await call('kubernetes_patch_resource', {
    kind: 'Deployment',
    name: 'web',
    namespace: 'shop',
    patchType: 'strategic',
    patch: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27.3' }] } } } },
  });
  t.equal(last('PATCH', /deployments\/web$/).contentType, 'application/strategic-merge-patch+json');
  const dep = s.emu.get('apps/v1', 'Deployment', 'shop', 'web')!;
  t.equal(dep.spec.template.spec.containers.length, 1, 'containers merged by name');
  t.equal(dep.spec.template.spec.containers[0].image, 'nginx:1.27.3');
  const jp = await call('kubernetes_patch_resource', {
    kind: 'ConfigMap',
    name: 'web-config',
    namespace: 'shop',
    patchType: 'json',
    patch: '[{"op":"remove","path":"/data/FEATURE_X"}]',
  });
  t.notOk(jp.isError, jp.text);
  t.equal(last('PATCH', /web-config$/).contentType, 'application/json-patch+json');
  t.notOk('FEATURE_X' in s.emu.get('v1', 'ConfigMap', 'shop', 'web-config')!.data);
  const ap = json(
    (
      await call('kubernetes_patch_resource', {
        kind: 'ConfigMap',
        name: 'applied',
        namespace: 'shop',
        patchType: 'apply',
        patch: { data: { a: '1' } },
      })
    ).text,
  );
  t.equal(ap.patched, true);
  const req = last('PATCH', /configmaps\/applied$/);
  t.equal(req.contentType, 'application/apply-patch+yaml');
  t.equal(req.query.get('fieldManager'), 'cnmcp');
  t.equal(JSON.parse(req.body).kind, 'ConfigMap');
  t.ok(s.emu.get('v1', 'ConfigMap', 'shop', 'applied'), 'apply creates when absent');
  await call('kubernetes_patch_resource', {
    kind: 'ConfigMap',
    name: 'applied',
    namespace: 'shop',
    patchType: 'apply',
    patch: { data: { a: '2' } },
    fieldManager: 'ops',
    force: true,
  });
  t.equal(last('PATCH', /configmaps\/applied$/).query.get('force'), 'true');
  t.ok(
    s.emu
      .get('v1', 'ConfigMap', 'shop', 'applied')!
      .metadata.managedFields.some((m: { manager: string }) => m.manager === 'ops'),
  );
});

t.test('scale through the scale subresource, then rollout status waits', async (t) => {
  const r = json(
    (await call('kubernetes_scale_resource', { kind: 'StatefulSet', name: 'db', namespace: 'shop', replicas: 3 })).text,
  );
  t.equal(r.previousReplicas, 1);
  t.equal(r.replicas, 3);
  t.ok(last('GET', /statefulsets\/db\/scale$/));
  t.equal(last('PATCH', /statefulsets\/db\/scale$/).contentType, 'application/merge-patch+json');
  const progress: unknown[] = [];
  const res = await s.mcp.client.callTool(
    {
      name: 'kubernetes_get_rollout_status',
      arguments: { kind: 'StatefulSet', name: 'db', namespace: 'shop', timeoutSeconds: 10 },
    },
    { onprogress: (p: unknown) => progress.push(p) } as never,
  );
  const out = json((res.content as Array<{ text: string }>)[0].text);
  t.equal(out.done, true);
  t.match(out.message, /rolling update complete/);
  t.ok(progress.length >= 1, 'progress was sent while waiting');
  const ds = await call('kubernetes_scale_resource', {
    kind: 'DaemonSet',
    name: 'node-agent',
    namespace: 'kube-system',
    replicas: 2,
  });
  t.ok(ds.isError);
  t.match(ds.text, /KUBERNETES_ERR_UNSUPPORTED: DaemonSet \(apps\/v1\) has no scale subresource/);
  const now = json(
    (
      await call('kubernetes_get_rollout_status', {
        kind: 'Deployment',
        name: 'api',
        namespace: 'shop',
        timeoutSeconds: 0,
      })
    ).text,
  );
  t.equal(now.done, false);
  t.match(now.message, /1 of 2 updated replicas are available/);
});

t.test('restart workload waits for the rollout; wait_for_resource conditions', async (t) => {
  const r = json(
    (
      await call('kubernetes_restart_workload', {
        kind: 'Deployment',
        name: 'web',
        namespace: 'shop',
        waitForReady: true,
        timeoutSeconds: 20,
      })
    ).text,
  );
  t.ok(r.restartedAt);
  t.equal(r.rollout.done, true);
  t.ok(
    s.emu.get('apps/v1', 'Deployment', 'shop', 'web')!.spec.template.metadata.annotations[
      'kubectl.kubernetes.io/restartedAt'
    ],
  );
  const w = json(
    (
      await call('kubernetes_wait_for_resource', {
        kind: 'Deployment',
        name: 'web',
        namespace: 'shop',
        condition: 'available',
        timeoutSeconds: 5,
        pollIntervalSeconds: 0.2,
      })
    ).text,
  );
  t.equal(w.met, true);
  setTimeout(
    () => s.emu.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'shop' }, data: {} }),
    400,
  );
  const ex = json(
    (
      await call('kubernetes_wait_for_resource', {
        kind: 'ConfigMap',
        name: 'late',
        namespace: 'shop',
        condition: 'exists',
        timeoutSeconds: 5,
        pollIntervalSeconds: 0.2,
      })
    ).text,
  );
  t.equal(ex.met, true);
  const to = json(
    (
      await call('kubernetes_wait_for_resource', {
        kind: 'Pod',
        name: 'report-5c7d9f-qq2lm',
        namespace: 'shop',
        condition: 'ready',
        timeoutSeconds: 1,
        pollIntervalSeconds: 0.2,
      })
    ).text,
  );
  t.equal(to.met, false);
  t.equal(to.timedOut, true);
  const failed = await call('kubernetes_wait_for_resource', {
    kind: 'Job',
    name: 'migrate',
    namespace: 'shop',
    condition: 'complete',
    timeoutSeconds: 2,
    pollIntervalSeconds: 0.2,
  });
  t.ok(failed.isError);
  t.match(failed.text, /can no longer reach "complete": job failed: BackoffLimitExceeded/);
  await call('kubernetes_delete_resource', { kind: 'ConfigMap', name: 'late', namespace: 'shop' });
  const gone = json(
    (
      await call('kubernetes_wait_for_resource', {
        kind: 'ConfigMap',
        name: 'late',
        namespace: 'shop',
        condition: 'deleted',
        timeoutSeconds: 2,
        pollIntervalSeconds: 0.2,
      })
    ).text,
  );
  t.equal(gone.met, true);
});

t.test('cordon / uncordon', async (t) => {
  const c = json((await call('kubernetes_cordon_node', { name: 'node-b' })).text);
  t.same(c, { node: 'node-b', unschedulable: true, changed: true });
  t.equal(s.emu.get('v1', 'Node', undefined, 'node-b')!.spec.unschedulable, true);
  const again = json((await call('kubernetes_cordon_node', { name: 'node-b' })).text);
  t.equal(again.changed, false);
  const u = json((await call('kubernetes_uncordon_node', { name: 'node-b' })).text);
  t.equal(u.unschedulable, false);
  t.notOk(s.emu.get('v1', 'Node', undefined, 'node-b')!.spec.unschedulable);
});

t.test(
  'drain: refuses unmanaged pods, evicts through the Eviction API, skips DaemonSet and mirror pods, honours PDBs',
  async (t) => {
    const refused = await call('kubernetes_drain_node', { name: 'node-a', timeoutSeconds: 5 });
    t.ok(refused.isError);
    t.match(
      refused.text,
      /KUBERNETES_ERR_DRAIN_BLOCKED: cannot drain node node-a: default\/debug-shell: not managed by a controller/,
    );
    t.notOk(s.emu.get('v1', 'Node', undefined, 'node-a')!.spec.unschedulable, 'not cordoned when refused');
    const dry = json((await call('kubernetes_drain_node', { name: 'node-a', force: true, dryRun: true })).text);
    t.ok(dry.wouldEvict.includes('shop/web-7d4b9c8f5d-2xkqp'));
    const progress: Array<{ progress: number; total?: number; message?: string }> = [];
    const res = await s.mcp.client.callTool(
      {
        name: 'kubernetes_drain_node',
        arguments: { name: 'node-a', force: true, timeoutSeconds: 10, gracePeriodSeconds: 5 },
      },
      { onprogress: (p: never) => progress.push(p) } as never,
    );
    const out = json((res.content as Array<{ text: string }>)[0].text);
    t.equal(out.complete, true);
    t.equal(out.cordoned, true);
    t.ok(out.evicted.includes('shop/web-7d4b9c8f5d-2xkqp'));
    t.same(out.skipped.map((x: { reason: string }) => x.reason).sort(), ['DaemonSet-managed', 'mirror (static) pod']);
    t.equal(progress.length, out.evicted.length, 'one progress notification per evicted pod');
    t.match(progress[0].message, /^evicted /);
    const ev = s.emu.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/eviction'));
    t.ok(ev.length >= out.evicted.length);
    t.equal(JSON.parse(ev[0].body).kind, 'Eviction');
    t.equal(JSON.parse(ev[0].body).deleteOptions.gracePeriodSeconds, 5);
    t.ok(s.emu.get('v1', 'Pod', 'kube-system', 'node-agent-4kx8z'), 'DaemonSet pod untouched');
    t.ok(s.emu.get('v1', 'Pod', 'kube-system', 'kube-proxy-node-a'), 'mirror pod untouched');
    // the web PDB now allows no more disruptions: draining node-b is blocked for the web pods
    const blocked = json((await call('kubernetes_drain_node', { name: 'node-b', timeoutSeconds: 2 })).text);
    t.equal(blocked.complete, false);
    t.ok(blocked.blockedByDisruptionBudget.length >= 1);
    t.match(blocked.blockedByDisruptionBudget[0].message, /disruption budget/);
    t.ok(s.emu.get('v1', 'Pod', 'shop', 'web-7d4b9c8f5d-8hjtn'), 'the protected pod is still there');
    const daemonsRefused = await call('kubernetes_drain_node', { name: 'node-c', ignoreDaemonsets: false });
    t.match(daemonsRefused.text, /DaemonSet-managed \(pass ignoreDaemonsets: true\)/);
  },
);
