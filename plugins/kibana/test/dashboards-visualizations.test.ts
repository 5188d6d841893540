// Dashboards, visualizations, saved searches, Lens, maps and Canvas tools through an MCP client.
import t from 'tap';
import { kibanaBackend, kibanaServer, unique } from './helpers/backend.js';

const backend = await kibanaBackend();
t.teardown(() => backend.close());
const mcp = await kibanaServer(backend);
t.teardown(() => mcp.close());

t.test('dashboards: create, list, page, read with panels, update, clone, delete', async (t) => {
  const title = unique('Ops dash');
  const viz = await mcp.callJson<{ created: { id: string } }>('kibana_create_visualization', {
    title: unique('viz'),
    visState: { type: 'line', params: { addLegend: true } },
  });
  const created = await mcp.callJson<{ created: { id: string; version: string } }>('kibana_create_dashboard', {
    title,
    description: 'on-call view',
    timeRestore: true,
    timeFrom: 'now-24h',
    timeTo: 'now',
  });
  const id = created.created.id;
  const panels = [
    { panelIndex: '1', type: 'visualization', panelRefName: 'panel_0', gridData: { x: 0, y: 0, w: 24, h: 15, i: '1' } },
  ];
  await mcp.callJson('kibana_update_saved_object', {
    type: 'dashboard',
    object_id: id,
    attributes: {},
    references: [{ type: 'visualization', id: viz.created.id, name: 'panel_0' }],
  });
  const updated = await mcp.callJson<{ updated: { panels: number }; changed: string[] }>('kibana_update_dashboard', {
    dashboard_id: id,
    panelsJSON: JSON.stringify(panels),
    description: 'updated',
  });
  t.same(updated.changed.sort(), ['description', 'panelsJSON']);
  t.equal(updated.updated.panels, 1);
  const one = await mcp.callJson<{
    title: string;
    panel_list: Array<{ object: { id: string } }>;
    time: { from: string };
  }>('kibana_get_dashboard', { dashboard_id: id });
  t.equal(one.title, title);
  t.equal(one.panel_list[0].object.id, viz.created.id, 'panel reference resolved to the visualization');
  t.equal(one.time.from, 'now-24h');
  const detail = await mcp.callJson<{ time_options: { timeRestore: boolean }; ui_state: unknown; attributes: unknown }>(
    'kibana_get_dashboard_detail_advanced',
    { dashboard_id: id, include_ui_state: true, output_format: 'full' },
  );
  t.equal(detail.time_options.timeRestore, true);
  t.ok(detail.ui_state && detail.attributes);
  const list = await mcp.callJson<{ dashboards: Array<{ id: string }> }>('kibana_get_dashboards', {});
  t.ok(list.dashboards.some((d) => d.id === id));
  const paged = await mcp.callJson<{ dashboards: Array<{ id: string; description?: string }>; total: number }>(
    'kibana_dashboards_paginated',
    { search: title, include_description: true, per_page: 5 },
  );
  t.equal(paged.dashboards.find((d) => d.id === id)?.description, 'updated');
  const summary = await mcp.callJson<{ dashboards: Array<{ id: string; title: string }>; total: number }>(
    'kibana_dashboards_summary',
    { per_page: 100 },
  );
  t.ok(summary.dashboards.some((d) => d.id === id && d.title === title));
  const clone = await mcp.callJson<{ created: { id: string; title: string; panels: number } }>(
    'kibana_clone_dashboard',
    { dashboard_id: id, new_title: `${title} copy` },
  );
  t.not(clone.created.id, id);
  t.same([clone.created.title, clone.created.panels], [`${title} copy`, 1]);
  for (const d of [id, clone.created.id])
    t.same(
      (await mcp.callJson<{ deleted: { id: string } }>('kibana_delete_dashboard', { dashboard_id: d })).deleted.id,
      d,
    );
  await mcp.callJson('kibana_delete_visualization', { visualization_id: viz.created.id });
});

t.test('visualizations: create, list by type, read, update, clone, delete', async (t) => {
  const title = unique('Latency');
  const created = await mcp.callJson<{ created: { id: string; vis_type: string } }>('kibana_create_visualization', {
    title,
    visState: { type: 'histogram', params: {}, aggs: [{ id: '1', type: 'count' }] },
    description: 'p99',
  });
  const id = created.created.id;
  t.equal(created.created.vis_type, 'histogram');
  const all = await mcp.callJson<{ visualizations: Array<{ id: string }> }>('kibana_get_visualizations', {});
  t.ok(all.visualizations.some((v) => v.id === id));
  const byType = await mcp.callJson<{ visualizations: Array<{ id: string; vis_type: string }> }>(
    'kibana_visualizations_paginated',
    { type: 'histogram', per_page: 50 },
  );
  t.ok(byType.visualizations.length > 0 && byType.visualizations.every((v) => v.vis_type === 'histogram'));
  const summary = await mcp.callJson<{ visualizations: Array<{ id: string }> }>('kibana_visualizations_summary', {});
  t.ok(summary.visualizations.some((v) => v.id === id));
  const one = await mcp.callJson<{ aggs: unknown[]; version: string }>('kibana_get_visualization', {
    visualization_id: id,
  });
  t.equal(one.aggs.length, 1);
  const upd = await mcp.callJson<{ updated: { vis_type: string; title: string } }>('kibana_update_visualization', {
    visualization_id: id,
    title: `${title} v2`,
    visState: { type: 'line' },
    version: one.version,
  });
  t.same([upd.updated.vis_type, upd.updated.title], ['line', `${title} v2`]);
  const clone = await mcp.callJson<{ created: { id: string; title: string } }>('kibana_clone_visualization', {
    visualization_id: id,
    new_title: `${title} clone`,
  });
  t.equal(clone.created.title, `${title} clone`);
  for (const v of [id, clone.created.id]) await mcp.callJson('kibana_delete_visualization', { visualization_id: v });
  const gone = await mcp.call('kibana_get_visualization', { visualization_id: id });
  t.match(gone.text, /KIBANA_ERR_NOT_FOUND/);
});

t.test('saved searches, Lens, maps and Canvas workpads', async (t) => {
  const search = await mcp.callJson<{ created: { id: string } }>('kibana_create_saved_object', {
    type: 'search',
    attributes: {
      title: unique('errors'),
      columns: ['message'],
      sort: [['@timestamp', 'desc']],
      kibanaSavedObjectMeta: {
        searchSourceJSON: JSON.stringify({ query: { query: 'level:error', language: 'lucene' }, filter: [] }),
      },
    },
    references: [{ type: 'index-pattern', id: 'logs', name: 'kibanaSavedObjectMeta.searchSourceJSON.index' }],
  });
  const one = await mcp.callJson<{ query: { query: string }; columns: string[]; data_views: string[] }>(
    'kibana_get_saved_search',
    { search_id: search.created.id },
  );
  t.same([one.query.query, one.columns, one.data_views], ['level:error', ['message'], ['logs']]);
  t.ok(
    (await mcp.callJson<{ searches: Array<{ id: string }> }>('kibana_get_saved_searches', {})).searches.some(
      (s) => s.id === search.created.id,
    ),
  );
  for (const [type, tool, key] of [
    ['lens', 'kibana_get_lens_objects', 'lens'],
    ['map', 'kibana_get_maps', 'maps'],
    ['canvas-workpad', 'kibana_get_canvas_workpads', 'workpads'],
  ] as const) {
    const made = await mcp.callJson<{ created: { id: string } }>('kibana_create_saved_object', {
      type,
      attributes: { title: unique(type) },
    });
    const list = await mcp.callJson<Record<string, Array<{ id: string; type: string }>>>(tool, {});
    t.ok(
      list[key].some((o) => o.id === made.created.id && o.type === type),
      tool,
    );
    await mcp.callJson('kibana_delete_saved_object', { type, object_id: made.created.id });
  }
  await mcp.callJson('kibana_delete_saved_object', { type: 'search', object_id: search.created.id });
});
