// Every read tool against releases real helm wrote into the emulated cluster, checked against what real helm
// reports about the same releases (helm list / get values / history / status -o json).
import t from 'tap';
import { helmBinary } from './helpers/helm-binary.js';
import { NO_OPENAPI } from './helpers/cluster.js';
import { setup, type Setup } from './helpers/setup.js';

const bin = helmBinary();
const strip = ({ updated: _u, ...rest }: any) => rest;

t.test('read tools agree with real helm', { skip: bin.skip }, async (t) => {
  const s: Setup = await setup(bin.path!);
  t.teardown(() => s.close());
  const c = s.cluster;
  const v1 = await c.makeChart('demo', '0.1.0', { appVersion: '1.0.0' });
  const v2 = await c.makeChart('demo', '0.2.0', { appVersion: '2.0.0' });
  const cfg = await c.makeChart('cfg', '1.0.0', { configMapOnly: true });
  await c.helmCmd([
    'install',
    'web',
    v1,
    '-n',
    'default',
    NO_OPENAPI,
    '--set',
    'replicaCount=2',
    '--set',
    'password=hunter2-secret',
    '--labels',
    'team=payments',
  ]);
  await c.helmCmd(['upgrade', 'web', v2, '-n', 'default', NO_OPENAPI, '--reuse-values', '--set', 'replicaCount=3']);
  await c.helmCmd(['install', 'conf', cfg, '-n', 'shop', NO_OPENAPI, '--set', 'greeting=hi']);
  await c.helmCmd(['install', 'legacy', cfg, '-n', 'shop', NO_OPENAPI], { driver: 'configmap' });
  // a release that fails: helm waits for a Deployment the emulator never reports ready
  await c
    .helmCmd(['install', 'broken', v1, '-n', 'shop', NO_OPENAPI, '--wait', '--timeout', '2s'])
    .catch(() => undefined);
  const call = (name: string, args: Record<string, unknown> = {}) => s.mcp.callJson<any>(name, args);

  t.test('helm_list_releases = helm list -A', async (t) => {
    const mine = await call('helm_list_releases', {});
    const helmSays = [
      ...(await c.helmJson(['list', '-A'])),
      ...(await c.helmJson(['list', '-A'], { driver: 'configmap' })),
    ];
    t.equal(mine.total, 4);
    t.same(
      mine.items
        .map((r: any) => ({
          ...strip(r),
          revision: String(r.revision),
          chart_name: undefined,
          chart_version: undefined,
        }))
        .map((r: any) => JSON.parse(JSON.stringify(r))),
      helmSays
        .map(strip)
        .sort((a: any, b: any) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)),
    );
    const shop = await call('helm_list_releases', { namespace: 'shop', limit: 1 });
    t.equal(shop.total, 3);
    t.equal(shop.returned, 1);
    t.ok(shop.next_cursor, 'a cursor to the next page');
    const failed = await call('helm_list_releases', { status: 'failed' });
    t.same(
      failed.items.map((r: any) => r.name),
      ['broken'],
    );
  });

  t.test('helm_get_release_values = helm get values (secrets masked)', async (t) => {
    const mine = await call('helm_get_release_values', { name: 'web', namespace: 'default' });
    const helmSays = await c.helmJson(['get', 'values', 'web', '-n', 'default']);
    t.equal(mine.revision, 2);
    t.equal(mine.values.replicaCount, helmSays.replicaCount);
    t.equal(helmSays.password, 'hunter2-secret');
    t.notMatch(JSON.stringify(mine), 'hunter2-secret', 'the password stays masked');
    t.type(mine.values.password, 'string');
    const all = await call('helm_get_release_values', { name: 'web', namespace: 'default', all: true });
    const allHelm = await c.helmJson(['get', 'values', 'web', '-n', 'default', '--all']);
    t.same(Object.keys(all.values).sort(), Object.keys(allHelm).sort());
    t.same(all.values.image, allHelm.image);
    const first = await call('helm_get_release_values', { name: 'web', namespace: 'default', revision: 1 });
    t.equal(first.values.replicaCount, 2);
  });

  t.test('helm_get_release_history = helm history', async (t) => {
    const mine = await call('helm_get_release_history', { name: 'web', namespace: 'default' });
    const helmSays = await c.helmJson(['history', 'web', '-n', 'default']);
    t.same(mine.revisions.map(strip), helmSays.map(strip));
    const one = await call('helm_get_release_history', { name: 'web', namespace: 'default', max: 1 });
    t.same(
      one.revisions.map((r: any) => r.revision),
      [2],
    );
    t.equal(one.total, 2);
    const page = await call('helm_get_release_history_paginated', { name: 'web', namespace: 'default', limit: 1 });
    t.same(
      page.revisions.map((r: any) => r.revision),
      [2],
      'newest first',
    );
    const next = await call('helm_get_release_history_paginated', {
      name: 'web',
      namespace: 'default',
      limit: 1,
      continueToken: page.continueToken,
    });
    t.same(
      next.revisions.map((r: any) => r.revision),
      [1],
    );
    t.notOk(next.continueToken);
  });

  t.test('helm_get_release and status = helm status', async (t) => {
    const helmSays = await c.helmJson(['status', 'web', '-n', 'default']);
    const status = await call('helm_get_release_status', { name: 'web', namespace: 'default' });
    t.equal(status.status, helmSays.info.status);
    t.equal(status.revision, helmSays.version);
    t.equal(status.description, helmSays.info.description);
    t.equal(status.chart, 'demo-0.2.0');
    const rel = await call('helm_get_release', { name: 'web', namespace: 'default' });
    t.equal(rel.chart.app_version, '2.0.0');
    t.equal(rel.objects.total, 4);
    t.match(rel.notes, /Get the application URL/);
    t.notMatch(JSON.stringify(rel), 'hunter2-secret');
    const broken = await call('helm_get_release_status', { name: 'broken', namespace: 'shop' });
    t.equal(broken.status, 'failed');
    t.match(broken.description, /context deadline exceeded/);
  });

  t.test('helm_get_release_manifest = helm get manifest, Secret data masked', async (t) => {
    const mine = await call('helm_get_release_manifest', { name: 'web', namespace: 'default' });
    const helmSays = await c.helmCmd(['get', 'manifest', 'web', '-n', 'default']);
    t.same(mine.objects, [
      'ServiceAccount/web-demo',
      'Secret/web-demo-auth',
      'Service/web-demo',
      'Deployment/web-demo',
    ]);
    t.match(helmSays, Buffer.from('hunter2-secret').toString('base64'));
    t.notMatch(mine.manifest, Buffer.from('hunter2-secret').toString('base64'));
    t.match(mine.manifest, /replicas: 3/);
  });

  t.test('helm_compare_revisions: values and objects that changed', async (t) => {
    const d = await call('helm_compare_revisions', { name: 'web', namespace: 'default', revision1: 1, revision2: 2 });
    t.same(d.summary, {
      chartChanged: true,
      appVersionChanged: true,
      valuesChanged: 1,
      objectsAdded: 0,
      objectsRemoved: 0,
      objectsChanged: 3,
      objectsUnchanged: 1,
    });
    t.same(d.values, [{ path: 'replicaCount', change: 'changed', from: 2, to: 3 }]);
    const deploy = d.manifest.find((m: any) => m.object === 'Deployment.apps/default/web-demo');
    t.ok(deploy.fields.some((f: any) => f.path === 'spec.replicas' && f.from === 2 && f.to === 3));
    t.ok(
      deploy.fields.some((f: any) => f.path === 'spec.template.spec.containers[0].image'),
      'the image tag follows appVersion',
    );
  });

  t.test('helm_get_resources_of_release with live status', async (t) => {
    const r = await call('helm_get_resources_of_release', { name: 'conf', namespace: 'shop', includeStatus: true });
    t.same(r.items, [
      {
        kind: 'ConfigMap',
        apiVersion: 'v1',
        name: 'conf-cfg',
        namespace: 'shop',
        source: 'cfg/templates/configmap.yaml',
        live: 'present',
      },
    ]);
    const web = await call('helm_get_resources_of_release', {
      name: 'web',
      namespace: 'default',
      includeStatus: true,
      limit: 2,
    });
    t.equal(web.total, 4);
    t.equal(web.returned, 2);
    t.ok(web.items.every((i: any) => i.live === 'present'));
  });

  t.test('views', async (t) => {
    const ns = await call('helm_list_releases_in_namespace', { namespace: 'shop' });
    t.same(
      ns.releases.map((r: any) => r.name),
      ['broken', 'conf', 'legacy'],
    );
    const p1 = await call('helm_list_releases_paginated', { limit: 2, includeLabels: true });
    t.equal(p1.total, 4);
    t.same(p1.items[0].labels, { team: 'payments' });
    const p2 = await call('helm_list_releases_paginated', { limit: 2, continueToken: p1.continueToken });
    t.same(
      p2.items.map((r: any) => r.name),
      ['conf', 'legacy'],
    );
    const sum = await call('helm_list_releases_summary', { limit: 1, offset: 1 });
    t.same(sum.byStatus, { deployed: 3, failed: 1 });
    t.equal(sum.releases[0].name, 'broken');
    t.equal(sum.nextOffset, 2);
    const one = await call('helm_get_release_summary', { name: 'web', namespace: 'default' });
    t.match(one, { status: 'deployed', revisions: 2, objects: 4, userValues: 2 });
    const quick = await call('helm_quick_info');
    t.match(quick, { releases: 4, byStatus: { deployed: 3, failed: 1 }, namespaces: 2 });
  });

  t.test('insights', async (t) => {
    const o = await call('helm_cluster_overview', { includeNodes: true, includeStorage: true });
    t.match(o, { releases: 4, byNamespace: { default: 1, shop: 3 }, byChart: { demo: 2, cfg: 2 } });
    t.same(o.needsAttention, ['shop/broken (failed)']);
    t.ok(o.nodes.total >= 1);
    t.type(o.storage.persistentVolumeClaims, 'number');
    const broken = await call('helm_find_broken_releases', {});
    t.same(
      broken.releases.map((r: any) => r.name),
      ['broken'],
    );
    t.equal((await call('helm_find_broken_releases', { namespace: 'default' })).total, 0);
    const failures = await call('helm_get_recent_failures', { limit: 5 });
    t.same(
      failures.releases.map((r: any) => r.name),
      ['broken'],
    );
    const byChart = await call('helm_find_releases_by_chart', { chart_name: 'demo' });
    t.same(byChart.byVersion, { '0.2.0': 1, '0.1.0': 1 });
    t.equal((await call('helm_find_releases_by_chart', { chart_name: 'demo', chart_version: '0.2.0' })).total, 1);
    const byLabel = await call('helm_find_releases_by_labels', { labelSelector: 'team=payments' });
    t.same(
      byLabel.releases.map((r: any) => r.name),
      ['web'],
    );
    t.equal((await call('helm_find_releases_by_labels', { labelSelector: 'team!=payments' })).total, 3);
    const ok = await call('helm_validate_release', { name: 'conf', namespace: 'shop' });
    t.equal(ok.valid, true);
    const bad = await call('helm_validate_release', { name: 'broken', namespace: 'shop' });
    t.equal(bad.valid, false);
    t.match(
      bad.checks.find((x: any) => x.check === 'status'),
      { ok: false },
    );
    const health = await call('helm_health_check', {});
    t.match(health, {
      healthy: true,
      client: { ok: true, version: /^v3\./ },
      kubernetes: { ok: true, releaseRecords: 5 },
    });
  });
  t.test('the release real helm installed: rolled back and uninstalled through the tools', async (t) => {
    const back = await call('helm_rollback_release', { name: 'web', namespace: 'default', revision: 1 });
    t.match(back, { rolledBackTo: 1, release: { revision: 3, chart: 'demo-0.1.0' } });
    t.match((await c.helmJson(['history', 'web', '-n', 'default'])).at(-1), {
      revision: 3,
      chart: 'demo-0.1.0',
      description: 'Rollback to 1',
    });
    const gone = await call('helm_uninstall_release', { name: 'web', namespace: 'default' });
    t.match(gone, { uninstalled: true, revision: 3 });
    t.same(await c.helmJson(['list', '-n', 'default']), []);
    t.equal(c.emu.get('apps/v1', 'Deployment', 'default', 'web-demo'), undefined, 'its objects are gone');
  });
});
