// Annotations and folders through an MCP client: create, read, change and delete, with Grafana's errors named.
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
  const tag = `cnmcp-${RUN}`;
  const dashUid = `${RUN}-annot`;
  await s.callJson('grafana_update_dashboard', { dashboard: testDashboard(dashUid, await prometheusUid(s)) });
  let pointId = 0;
  let graphiteId = 0;

  t.test('grafana_create_annotation: on a dashboard panel, shared time forms; an unknown dashboard', async (t) => {
    const out = await s.callJson<Json>('grafana_create_annotation', {
      text: 'deploy v1',
      time: 'now-10m',
      dashboardUID: dashUid,
      panelID: 1,
      tags: [tag, 'deploy'],
    });
    pointId = out.id;
    t.equal(out.message, 'Annotation added');
    t.match(
      (await s.call('grafana_create_annotation', { text: 'x', dashboardUID: `${RUN}-none` })).text,
      /^GRAFANA_ERR_DASHBOARD_NOT_FOUND/,
    );
    t.match(
      (await s.call('grafana_create_annotation', { text: 'x', time: 'last tuesday' })).text,
      /^CNMCP_ERR_TOOL_INPUT_INVALID: time: cannot read/,
    );
  });

  t.test(
    'grafana_create_graphite_annotation: posts a real body to /api/annotations/graphite; empty what',
    async (t) => {
      const out = await s.callJson<Json>('grafana_create_graphite_annotation', {
        what: 'graphite event',
        data: 'details',
        tags: [tag, 'graphite'],
        timestamp: 'now-5m',
      });
      graphiteId = out.id;
      t.equal(out.message, 'Graphite annotation added');
      if (backend.emulator) {
        const req = backend.emulator.requests.find((r) => r.path === '/api/annotations/graphite');
        t.match(req?.json, { what: 'graphite event', data: 'details', tags: [tag, 'graphite'] });
        t.equal(typeof (req?.json as Json).when, 'number');
      }
      t.match((await s.call('grafana_create_graphite_annotation', { what: '' })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
    },
  );

  t.test('grafana_get_annotations: by tags and dashboard, newest first; bad time', async (t) => {
    const all = await s.callJson<Json>('grafana_get_annotations', { tags: [tag], from: 'now-1h', to: 'now' });
    t.same(
      all.annotations.map((a: Json) => a.id),
      [graphiteId, pointId],
    );
    const onDash = await s.callJson<Json>('grafana_get_annotations', { dashboardUID: dashUid });
    t.same(
      onDash.annotations.map((a: Json) => a.text),
      ['deploy v1'],
    );
    t.match((await s.call('grafana_get_annotations', { from: 'soonish' })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID: from/);
  });

  t.test('grafana_get_annotation_tags: counts; a bad limit', async (t) => {
    const out = await s.callJson<Json>('grafana_get_annotation_tags', { tag });
    t.same(out.tags, [{ tag, count: 2 }]);
    t.match((await s.call('grafana_get_annotation_tags', { limit: 0 })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
  });

  t.test('grafana_update_annotation: replaces text and tags; unknown id', async (t) => {
    const out = await s.callJson<Json>('grafana_update_annotation', {
      annotationID: pointId,
      text: 'deploy v1 (rolled back)',
      tags: [tag],
    });
    t.equal(out.message, 'Annotation updated');
    const read = await s.callJson<Json>('grafana_get_annotations', { dashboardUID: dashUid });
    t.match(read.annotations[0], { text: 'deploy v1 (rolled back)', tags: [tag] });
    t.match(
      (await s.call('grafana_update_annotation', { annotationID: 987654321, text: 'x' })).text,
      /^GRAFANA_ERR_ANNOTATION_NOT_FOUND: annotation 987654321 not found/,
    );
  });

  t.test('grafana_patch_annotation: changes only the text; unknown id', async (t) => {
    const out = await s.callJson<Json>('grafana_patch_annotation', { annotationID: graphiteId, text: 'patched' });
    t.same(out.changed, ['text']);
    t.match(
      (await s.call('grafana_patch_annotation', { annotationID: 987654321, text: 'x' })).text,
      /^GRAFANA_ERR_ANNOTATION_NOT_FOUND/,
    );
  });

  t.test('grafana_delete_annotation: deletes; then not found', async (t) => {
    for (const id of [pointId, graphiteId])
      t.match(await s.callJson<Json>('grafana_delete_annotation', { annotationID: id }), { deleted: id });
    t.match(
      (await s.call('grafana_delete_annotation', { annotationID: pointId })).text,
      /^GRAFANA_ERR_ANNOTATION_NOT_FOUND/,
    );
  });

  const folderUid = `${RUN}-f`;

  t.test('grafana_create_folder: created; the same title again is refused', async (t) => {
    const out = await s.callJson<Json>('grafana_create_folder', { title: `cnmcp folder ${RUN}`, uid: folderUid });
    t.match(out, { uid: folderUid, title: `cnmcp folder ${RUN}`, version: 1 });
    t.match((await s.call('grafana_create_folder', { title: `cnmcp folder ${RUN}` })).text, /^GRAFANA_ERR_NAME_EXISTS/);
  });

  t.test('grafana_folders: listed; a bad cursor', async (t) => {
    const out = await s.callJson<Json>('grafana_folders', { limit: 1000 });
    t.ok(out.items.some((f: Json) => f.uid === folderUid));
    t.match((await s.call('grafana_folders', { cursor: 'x' })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
  });

  t.test('grafana_folder_detail: with dashboard count; unknown uid', async (t) => {
    const out = await s.callJson<Json>('grafana_folder_detail', { uid: folderUid });
    t.match(out, { uid: folderUid, dashboards: 0, version: 1 });
    t.match(
      (await s.call('grafana_folder_detail', { uid: `${RUN}-none` })).text,
      /^GRAFANA_ERR_FOLDER_NOT_FOUND: folder "[^"]+" not found/,
    );
  });

  t.test('grafana_update_folder: renames; a stale version is a conflict with the current one', async (t) => {
    const out = await s.callJson<Json>('grafana_update_folder', {
      uid: folderUid,
      title: `cnmcp folder ${RUN} renamed`,
    });
    t.match(out, { title: `cnmcp folder ${RUN} renamed`, version: 2 });
    const stale = await s.call('grafana_update_folder', { uid: folderUid, title: 'x', version: 1 });
    t.match(stale.text, /^GRAFANA_ERR_VERSION_CONFLICT: folder .* you sent version 1, Grafana holds version 2/);
    t.match(
      (await s.call('grafana_update_folder', { uid: `${RUN}-none`, title: 'x' })).text,
      /^GRAFANA_ERR_FOLDER_NOT_FOUND/,
    );
  });

  t.test('grafana_delete_folder: deletes; then not found', async (t) => {
    t.match(await s.callJson<Json>('grafana_delete_folder', { uid: folderUid }), { deleted: folderUid });
    t.match((await s.call('grafana_delete_folder', { uid: folderUid })).text, /^GRAFANA_ERR_FOLDER_NOT_FOUND/);
    await s.callJson('grafana_delete_dashboard', { uid: dashUid });
  });
}
