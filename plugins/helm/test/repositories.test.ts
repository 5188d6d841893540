// Chart repositories: a static repository served on 127.0.0.1 by the test (index.yaml written by real
// `helm repo index`), added through the URL guard, searched, refreshed, used for chart info, template and
// install, and removed; loopback/private URLs and OCI references are refused unless the operator allows them.
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import t from 'tap';
import { startChartRepository } from '../dist/src/testing.js';
import { helmBinary } from './helpers/helm-binary.js';
import { setup } from './helpers/setup.js';

const bin = helmBinary();

t.test('a chart repository on 127.0.0.1', { skip: bin.skip }, async (t) => {
  const s = await setup(bin.path!, { config: { repositories: { allowCidrs: ['127.0.0.0/8'] } } });
  t.teardown(() => s.close());
  const c = s.cluster;
  const repoDir = join(c.work, 'repo');
  mkdirSync(repoDir);
  for (const [name, version, appVersion] of [
    ['demo', '0.1.0', '1.0.0'],
    ['demo', '0.2.0', '2.0.0'],
    ['demo', '0.3.0-beta.1', '3.0.0'],
    ['cfg', '1.0.0', '1.0.0'],
  ]) {
    const tgz = await c.makeChart(name, version, { appVersion, configMapOnly: name === 'cfg' });
    copyFileSync(tgz, join(repoDir, basename(tgz)));
  }
  const repo = await startChartRepository(repoDir);
  t.teardown(() => repo.close());
  await c.helmCmd(['repo', 'index', repoDir, '--url', repo.url]);
  const call = (name: string, args: Record<string, unknown> = {}) => s.mcp.callJson<any>(name, args);

  t.test('add, list, search', async (t) => {
    t.same(await call('helm_list_repos'), { total: 0, repositories: [] });
    const added = await call('helm_add_repository', { name: 'local', url: repo.url });
    t.match(added, { name: 'local', added: true, charts: 2 });
    t.ok(repo.requests.includes('/index.yaml'), 'helm fetched the index');
    t.same((await call('helm_list_repos')).repositories, [{ name: 'local', url: repo.url, indexCached: true }]);
    const all = await call('helm_search_charts', {});
    t.same(
      all.charts.map((x: any) => [x.name, x.version, x.app_version]),
      [
        ['local/cfg', '1.0.0', '1.0.0'],
        ['local/demo', '0.2.0', '2.0.0'],
      ],
      'the newest stable version of each chart',
    );
    const devel = await call('helm_search_charts', { keyword: 'demo', devel: true });
    t.same(
      devel.charts.map((x: any) => x.version),
      ['0.3.0-beta.1'],
    );
    t.equal((await call('helm_search_charts', { query: 'no-such-chart' })).total, 0);
    const stats = await call('helm_cache_stats');
    t.match(stats, { indexFiles: 1, repositories: 1 });
  });

  t.test('charts from the repository: info, template, install', async (t) => {
    const info = await call('helm_get_chart_info', { chart: 'local/demo', version: '0.1.0' });
    t.match(info, { name: 'demo', version: '0.1.0', app_version: '1.0.0' });
    const latest = await call('helm_get_chart_info', { chart: 'local/demo' });
    t.equal(latest.version, '0.2.0');
    const tpl = await call('helm_template_chart', { name: 'r', namespace: 'default', chart: 'local/cfg' });
    t.same(tpl.objects, ['ConfigMap/r-cfg']);
    const inst = await call('helm_install_release', {
      name: 'fromrepo',
      namespace: 'default',
      chart: 'local/demo',
      version: '0.1.0',
      create_namespace: false,
    });
    t.match(inst, { status: 'deployed', chart: 'demo-0.1.0' });
    t.match(await c.helmJson(['list', '-n', 'default']), [{ name: 'fromrepo', chart: 'demo-0.1.0' }]);
    const up = await call('helm_upgrade_release', { name: 'fromrepo', namespace: 'default', chart: 'local/demo' });
    t.match(up, { revision: 2, chart: 'demo-0.2.0' });
  });

  t.test('update, clear the cache, remove', async (t) => {
    const before = repo.requests.filter((p) => p === '/index.yaml').length;
    const upd = await call('helm_update_repositories');
    t.same(upd, { updated: 1, repositories: [{ name: 'local', charts: 2 }] });
    t.ok(repo.requests.filter((p) => p === '/index.yaml').length > before, 'the index was fetched again');
    const cleared = await call('helm_clear_cache');
    t.match(cleared, { cleared: true, indexFiles: 1 });
    t.match(await call('helm_cache_stats'), { indexFiles: 0, chartFiles: 0 });
    const search = await call('helm_search_charts', {});
    t.same(search.notCached, ['local']);
    await call('helm_update_repositories');
    t.equal((await call('helm_search_charts', {})).total, 2);
    t.same(await call('helm_remove_repository', { name: 'local' }), { name: 'local', removed: true });
    t.equal((await call('helm_list_repos')).total, 0);
    const again = await s.mcp.call('helm_remove_repository', { name: 'local' });
    t.ok(again.isError);
    t.match(again.text, /^HELM_ERR_REPOSITORY_NOT_FOUND: no repository named "local"/);
  });
});

t.test('repository URLs the guard refuses', { skip: bin.skip }, async (t) => {
  const s = await setup(bin.path!, { config: { repositories: { allow: ['charts.example.com', '*.charts.io'] } } });
  t.teardown(() => s.close());
  const refused = async (args: Record<string, unknown>, pattern: RegExp, tool = 'helm_add_repository') => {
    const r = await s.mcp.call(tool, args);
    t.ok(r.isError, `${JSON.stringify(args)} is refused`);
    t.match(r.text, pattern);
  };
  await refused(
    { name: 'l', url: 'http://127.0.0.1:8879' },
    /^HELM_ERR_REPOSITORY_FORBIDDEN: 127\.0\.0\.1 is a loopback/,
  );
  await refused(
    { name: 'm', url: 'http://169.254.169.254/latest' },
    /^HELM_ERR_REPOSITORY_FORBIDDEN: 169\.254\.169\.254/,
  );
  await refused({ name: 'p', url: 'http://[::ffff:10.0.0.1]/' }, /^HELM_ERR_REPOSITORY_FORBIDDEN/);
  await refused({ name: 'f', url: 'file:///etc/passwd' }, /^HELM_ERR_BAD_INPUT: url scheme file: is not http or https/);
  await refused(
    { name: 'g', url: 'https://evil.example.org/charts' },
    /^HELM_ERR_REPOSITORY_FORBIDDEN: host evil\.example\.org is not in helm\.repositories\.allow/,
  );
  await refused({ name: 'bad name!', url: 'https://charts.example.com' }, /CNMCP_ERR_TOOL_INPUT_INVALID/);
  // OCI references go through the same guard (helm would pull from that registry)
  await refused(
    { name: 'x', namespace: 'default', chart: 'oci://127.0.0.1:5000/charts/demo' },
    /^HELM_ERR_REPOSITORY_FORBIDDEN: 127\.0\.0\.1 is a loopback/,
    'helm_install_release',
  );
  await refused({ chart: 'https://10.1.2.3/demo-0.1.0.tgz' }, /^HELM_ERR_REPOSITORY_FORBIDDEN/, 'helm_get_chart_info');
  t.equal((await s.mcp.callJson<any>('helm_list_repos')).total, 0, 'nothing was added');
});
