// Install, upgrade, roll back and uninstall through the tools (the plugin runs real helm), each checked with
// the test's own real helm against the same emulated cluster.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { helmBinary } from './helpers/helm-binary.js';
import { setup } from './helpers/setup.js';

const bin = helmBinary();

t.test('a release through its whole life', { skip: bin.skip }, async (t) => {
  const valuesDir = join(process.env.TMPDIR ?? '/tmp', `cnmcp-helm-values-${process.pid}`);
  mkdirSync(valuesDir, { recursive: true });
  writeFileSync(join(valuesDir, 'prod.yaml'), 'greeting: from-file\n');
  const s = await setup(bin.path!, { config: { valuesDir } });
  t.teardown(() => s.close());
  const c = s.cluster;
  await c.makeChart('demo', '0.1.0');
  await c.makeChart('cfg', '1.0.0', { configMapOnly: true });
  const progress: unknown[] = [];
  // helm validates the Namespace it creates against the OpenAPI document, which the emulator does not serve:
  // the namespace is made beforehand and create_namespace is off.
  c.emu.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } });
  const call = (name: string, args: Record<string, unknown>) => s.mcp.callJson<any>(name, args);

  t.test('install (dry run, then for real with inline values)', async (t) => {
    const dry = await call('helm_install_release', {
      name: 'web',
      namespace: 'apps',
      chart: 'demo-0.1.0.tgz',
      dry_run: true,
    });
    t.match(dry, { name: 'web', dry_run: true, status: 'pending-install' });
    t.same(await c.helmJson(['list', '-A']), [], 'a dry run installs nothing');
    const res = await s.mcp.client.callTool(
      {
        name: 'helm_install_release',
        arguments: {
          name: 'web',
          namespace: 'apps',
          chart: 'demo-0.1.0.tgz',
          create_namespace: false,
          values: { replicaCount: 2 },
        },
      },
      { onprogress: (p: unknown) => progress.push(p) } as never,
    );
    const out = JSON.parse((res.content as any)[0].text);
    t.match(out, { name: 'web', namespace: 'apps', revision: 1, status: 'deployed', chart: 'demo-0.1.0' });
    t.same(out.objects, ['ServiceAccount/web-demo', 'Secret/web-demo-auth', 'Service/web-demo', 'Deployment/web-demo']);
    t.ok(progress.length >= 1, 'progress notifications while helm runs');
    const listed = await c.helmJson(['list', '-n', 'apps']);
    t.match(listed, [{ name: 'web', revision: '1', status: 'deployed' }]);
    t.same(await c.helmJson(['get', 'values', 'web', '-n', 'apps']), { replicaCount: 2 });
  });

  t.test('upgrade with values as YAML text, then with reuse_values', async (t) => {
    const out = await call('helm_upgrade_release', {
      name: 'web',
      namespace: 'apps',
      chart: 'demo-0.1.0.tgz',
      values: 'replicaCount: 3\n',
    });
    t.match(out, { revision: 2, status: 'deployed' });
    const again = await call('helm_upgrade_release', {
      name: 'web',
      namespace: 'apps',
      chart: 'demo-0.1.0.tgz',
      reuse_values: true,
      values: { service: { port: 8080 } },
    });
    t.equal(again.revision, 3);
    t.same(await c.helmJson(['get', 'values', 'web', '-n', 'apps']), { replicaCount: 3, service: { port: 8080 } });
    const diff = await call('helm_compare_revisions', { name: 'web', namespace: 'apps', revision1: 1, revision2: 3 });
    t.same(
      diff.values.map((v: any) => v.path),
      ['replicaCount', 'service'],
    );
  });

  t.test('rollback to revision 1 and to the previous one', async (t) => {
    const out = await call('helm_rollback_release', { name: 'web', namespace: 'apps', revision: 1 });
    t.match(out, { rolledBackTo: 1, previousRevision: 3, release: { revision: 4, status: 'deployed' } });
    const history = await c.helmJson(['history', 'web', '-n', 'apps']);
    t.match(history.at(-1), { revision: 4, description: 'Rollback to 1' });
    t.same(await c.helmJson(['get', 'values', 'web', '-n', 'apps']), { replicaCount: 2 });
    const prev = await call('helm_rollback_release', { name: 'web', namespace: 'apps' });
    t.match(prev, { rolledBackTo: 3, release: { revision: 5 } });
  });

  t.test('wait and atomic on a chart that becomes ready; values_file under helm.valuesDir', async (t) => {
    const out = await call('helm_install_release', {
      name: 'conf',
      namespace: 'apps',
      chart: 'cfg-1.0.0.tgz',
      values_file: 'prod.yaml',
      create_namespace: false,
      wait: true,
      atomic: true,
      timeout: '60s',
    });
    t.match(out, { status: 'deployed' });
    t.equal(c.emu.get('v1', 'ConfigMap', 'apps', 'conf-cfg')?.data?.greeting, 'from-file');
  });

  t.test('template and chart info of a local chart need no cluster change', async (t) => {
    const tpl = await call('helm_template_chart', {
      name: 'x',
      namespace: 'apps',
      chart: 'cfg-1.0.0.tgz',
      values: { greeting: 'yo' },
    });
    t.same(tpl.objects, ['ConfigMap/x-cfg']);
    t.match(tpl.manifest, /greeting: "yo"/);
    const info = await call('helm_get_chart_info', { chart: 'demo-0.1.0.tgz' });
    t.match(info, { name: 'demo', version: '0.1.0', app_version: '1.16.0', type: 'application' });
    t.ok(info.valueKeys.includes('replicaCount'));
  });

  t.test('uninstall (dry run, then keep_history, then gone)', async (t) => {
    const dry = await call('helm_uninstall_release', { name: 'conf', namespace: 'apps', dry_run: true });
    t.match(dry, { uninstalled: false, dry_run: true });
    t.equal((await c.helmJson(['list', '-n', 'apps'])).length, 2);
    const kept = await call('helm_uninstall_release', { name: 'conf', namespace: 'apps', keep_history: true });
    t.match(kept, { uninstalled: true, keptHistory: true, objectsDeleted: ['ConfigMap/conf-cfg'] });
    t.equal(c.emu.get('v1', 'ConfigMap', 'apps', 'conf-cfg'), undefined, 'its objects are deleted');
    const status = await call('helm_get_release_status', { name: 'conf', namespace: 'apps' });
    t.equal(status.status, 'uninstalled', 'the kept record says uninstalled');
    const gone = await call('helm_uninstall_release', { name: 'web', namespace: 'apps' });
    t.match(gone, { uninstalled: true, revision: 5 });
    t.same(await c.helmJson(['list', '-n', 'apps']), []);
    const list = await call('helm_list_releases', { namespace: 'apps' });
    t.equal(list.total, 0);
  });
});
