// Dashboards through an MCP client: a dashboard created through the tools reads back (summary, panel queries,
// properties, versions, diffs); conflicts, overwrites, restores and deletes behave as Grafana does.
import t from 'tap';
import { grafanaBackend } from './helpers/backends.js';
import { RUN, prometheusUid, testDashboard } from './helpers/fixture.js';
import { grafanaServer } from './helpers/server.js';

type Json = Record<string, any>;

const backend = await grafanaBackend();
if ('skip' in backend) t.plan(0, backend.skip);
else {
  const s = await grafanaServer(backend);
  t.teardown(async () => {
    await s.close();
    await backend.stop();
  });
  const uid = `${RUN}-dash`;
  const folderUid = `${RUN}-folder`;
  const prom = await prometheusUid(s);
  await s.callJson('grafana_create_folder', { title: `cnmcp test ${RUN}`, uid: folderUid });
  const created = await s.callJson<Json>('grafana_update_dashboard', {
    dashboard: testDashboard(uid, prom),
    folderUID: folderUid,
    message: 'created by the tests',
  });

  t.test('grafana_update_dashboard creates, then updates with the version read', async (t) => {
    t.equal(created.status, 'success');
    t.equal(created.version, 1);
    const read = await s.callJson<Json>('grafana_dashboard', { uid });
    const next = { ...read.dashboard, title: `cnmcp test ${uid} v2` };
    const saved = await s.callJson<Json>('grafana_update_dashboard', {
      dashboard: next,
      folderUID: folderUid,
      message: 'renamed',
    });
    t.equal(saved.version, 2);
  });

  t.test('grafana_update_dashboard: a stale version is a 412 answered with the current version', async (t) => {
    const stale = { ...testDashboard(uid, prom), version: 1 };
    const r = await s.call('grafana_update_dashboard', { dashboard: stale, folderUID: folderUid });
    t.ok(r.isError);
    t.match(r.text, /^GRAFANA_ERR_VERSION_CONFLICT: .*you sent version 1, Grafana holds version \d+/);
    t.match(r.text, /Hint: Read it again with grafana_dashboard.*overwrite: true/s);
  });

  t.test('grafana_update_dashboard: a dashboard without a title is refused', async (t) => {
    const r = await s.call('grafana_update_dashboard', { dashboard: { uid: 'x' } });
    t.match(r.text, /^GRAFANA_ERR_DASHBOARD_INVALID/);
  });

  t.test('grafana_update_dashboard overwrite: true goes through grafana_overwrite_dashboard', async (t) => {
    const stale = { ...testDashboard(uid, prom), version: 1, title: `cnmcp test ${uid} overwritten` };
    const out = await s.callJson<Json>('grafana_update_dashboard', {
      dashboard: stale,
      folderUID: folderUid,
      overwrite: true,
    });
    t.equal(out.overwrite, true);
    t.equal(out.version, 3);
  });

  t.test('grafana_overwrite_dashboard: success and a missing folder', async (t) => {
    const out = await s.callJson<Json>('grafana_overwrite_dashboard', {
      dashboard: testDashboard(uid, prom),
      folderUID: folderUid,
    });
    t.equal(out.version, 4);
    const bad = await s.call('grafana_overwrite_dashboard', {
      dashboard: testDashboard(`${RUN}-x`, prom),
      folderUID: `${RUN}-no-folder`,
    });
    t.match(bad.text, /^GRAFANA_ERR_FOLDER_NOT_FOUND/);
  });

  t.test('grafana_dashboard: JSON and meta; unknown uid', async (t) => {
    const out = await s.callJson<Json>('grafana_dashboard', { uid });
    t.equal(out.dashboard.uid, uid);
    t.equal(out.meta.version, 4);
    const r = await s.call('grafana_dashboard', { uid: `${RUN}-missing` });
    t.match(r.text, new RegExp(`^GRAFANA_ERR_DASHBOARD_NOT_FOUND: dashboard "${RUN}-missing" not found`));
  });

  t.test('grafana_dashboard: a dashboard larger than the reply budget comes as its summary', async (t) => {
    const bigUid = `${RUN}-big`;
    const big = testDashboard(bigUid, prom) as Json;
    big.panels = Array.from({ length: 150 }, (_, i) => ({
      id: i + 1,
      type: 'text',
      title: `Notes ${i + 1}`,
      options: { content: 'x'.repeat(1000) },
    }));
    await s.callJson('grafana_update_dashboard', { dashboard: big });
    const out = await s.callJson<Json>('grafana_dashboard', { uid: bigUid });
    t.notOk(out.dashboard, 'the JSON is not sent');
    t.match(out.note, /more than this reply may carry/);
    t.equal(out.summary.panel_count, 150);
    t.equal(
      (
        await s.callJson<Json>('grafana_get_dashboard_property', {
          dashboardUID: bigUid,
          propertyPath: 'panels[149].title',
        })
      ).value,
      'Notes 150',
    );
    await s.callJson('grafana_delete_dashboard', { uid: bigUid });
  });

  t.test('grafana_dashboard_summary: panels in rows, datasources; unknown uid', async (t) => {
    const out = await s.callJson<Json>('grafana_dashboard_summary', { uid });
    t.equal(out.panel_count, 2);
    t.same(out.rows, ['More']);
    t.same(out.datasources, [`${prom} (prometheus)`]);
    t.match(out.panels[1], { id: 3, row: 'More', queries: 1 });
    t.match((await s.call('grafana_dashboard_summary', { uid: 'no-such' })).text, /^GRAFANA_ERR_DASHBOARD_NOT_FOUND/);
  });

  t.test('grafana_get_dashboard_panel_queries: the queries written read back', async (t) => {
    const out = await s.callJson<Json>('grafana_get_dashboard_panel_queries', { dashboardUID: uid });
    t.same(
      out.panels.map((p: Json) => [p.title, p.queries[0].query]),
      [
        ['Gauge', 'cnmcp_test_gauge'],
        ['Up', 'sum(up)'],
      ],
    );
    t.match(
      (await s.call('grafana_get_dashboard_panel_queries', { dashboardUID: 'no-such' })).text,
      /^GRAFANA_ERR_DASHBOARD_NOT_FOUND/,
    );
  });

  t.test('grafana_get_dashboard_property: paths, misses and bad paths', async (t) => {
    const out = await s.callJson<Json>('grafana_get_dashboard_property', {
      dashboardUID: uid,
      propertyPath: 'panels[1].panels[0].targets[0].expr',
    });
    t.same(out, { path: '$.panels[1].panels[0].targets[0].expr', found: true, matches: 1, value: 'sum(up)' });
    const miss = await s.callJson<Json>('grafana_get_dashboard_property', {
      dashboardUID: uid,
      property_path: 'nothing.here',
    });
    t.equal(miss.found, false);
    t.ok(miss.available_keys.includes('panels'));
    const bad = await s.call('grafana_get_dashboard_property', {
      dashboardUID: uid,
      propertyPath: '$.panels[?(@.id==)]',
    });
    t.match(bad.text, /^GRAFANA_ERR_PROPERTY_PATH_INVALID/);
  });

  t.test('grafana_search_dashboards: by words, tag and folder; a bad cursor', async (t) => {
    const out = await s.callJson<Json>('grafana_search_dashboards', {
      query: uid,
      tag: 'cnmcp-test',
      folderUID: folderUid,
    });
    t.equal(out.total, 1);
    t.equal(out.items[0].uid, uid);
    const none = await s.callJson<Json>('grafana_search_dashboards', { query: `${RUN}-nothing-matches` });
    t.equal(none.total, 0);
    t.match(
      (await s.call('grafana_search_dashboards', { cursor: 'not-a-cursor' })).text,
      /^CNMCP_ERR_TOOL_INPUT_INVALID/,
    );
  });

  t.test('grafana_dashboards and grafana_dashboards_summary page with totals; string limits accepted', async (t) => {
    const list = await s.callJson<Json>('grafana_dashboards', { limit: '1' });
    t.equal(list.returned, 1);
    t.ok(list.total >= 1);
    const summary = await s.callJson<Json>('grafana_dashboards_summary', { limit: '1', offset: '0' });
    t.equal(summary.returned, 1);
    t.match((await s.call('grafana_dashboards', { limit: 0 })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
    t.match((await s.call('grafana_dashboards_summary', { offset: -1 })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
  });

  t.test('grafana_get_dashboard_versions: newest first; unknown dashboard', async (t) => {
    const out = await s.callJson<Json>('grafana_get_dashboard_versions', { dashboardUID: uid, limit: '10' });
    t.same(out.versions.map((v: Json) => v.version).slice(0, 4), [4, 3, 2, 1]);
    t.equal(out.versions.at(-1).message, 'created by the tests');
    t.match(
      (await s.call('grafana_get_dashboard_versions', { dashboardUID: 'no-such' })).text,
      /^GRAFANA_ERR_DASHBOARD_NOT_FOUND/,
    );
  });

  t.test('grafana_get_dashboard_version: one version; a version that does not exist', async (t) => {
    const out = await s.callJson<Json>('grafana_get_dashboard_version', { dashboardUID: uid, version: 2 });
    t.equal(out.version, 2);
    t.equal(out.summary.title, `cnmcp test ${uid} v2`);
    const r = await s.call('grafana_get_dashboard_version', { dashboardUID: uid, version: 999 });
    t.match(r.text, /^GRAFANA_ERR_DASHBOARD_VERSION_NOT_FOUND: .* has no version 999/);
  });

  t.test('grafana_diff_dashboard_versions: title change found; unknown version', async (t) => {
    const out = await s.callJson<Json>('grafana_diff_dashboard_versions', {
      dashboardUID: uid,
      fromVersion: 1,
      toVersion: 2,
    });
    t.same(out.changes, [{ op: 'changed', path: 'title', from: `cnmcp test ${uid}`, to: `cnmcp test ${uid} v2` }]);
    const toCurrent = await s.callJson<Json>('grafana_diff_dashboard_versions', { dashboardUID: uid, fromVersion: 1 });
    t.equal(toCurrent.total_changes, 0, 'version 4 saved the same model as version 1');
    t.match(
      (await s.call('grafana_diff_dashboard_versions', { dashboardUID: uid, fromVersion: 77 })).text,
      /^GRAFANA_ERR_DASHBOARD_VERSION_NOT_FOUND/,
    );
  });

  t.test('grafana_restore_dashboard_version: restores as a new version; unknown version', async (t) => {
    const out = await s.callJson<Json>('grafana_restore_dashboard_version', { dashboardUID: uid, version: 2 });
    t.equal(out.version, 5);
    const read = await s.callJson<Json>('grafana_dashboard', { uid });
    t.equal(read.dashboard.title, `cnmcp test ${uid} v2`);
    t.match(
      (await s.call('grafana_restore_dashboard_version', { dashboardUID: uid, version: 999 })).text,
      /^GRAFANA_ERR_DASHBOARD_VERSION_NOT_FOUND/,
    );
  });

  t.test('grafana_delete_dashboard: deletes; the second time it is not found', async (t) => {
    const out = await s.callJson<Json>('grafana_delete_dashboard', { uid });
    t.equal(out.deleted, uid);
    t.match((await s.call('grafana_delete_dashboard', { uid })).text, /^GRAFANA_ERR_DASHBOARD_NOT_FOUND/);
    await s.callJson('grafana_delete_folder', { uid: folderUid });
  });
}
