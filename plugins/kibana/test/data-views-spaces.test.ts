// Data views, index patterns and spaces through an MCP client; space routing is /s/{space}/api/...
import t from 'tap';
import { kibanaBackend, kibanaServer, unique } from './helpers/backend.js';

const backend = await kibanaBackend();
t.teardown(() => backend.close());
const mcp = await kibanaServer(backend);
t.teardown(() => mcp.close());
const pattern = unique('dv-test').toLowerCase();
backend.store?.index(`${pattern}-1`, {
  '@timestamp': '2026-01-01T00:00:00Z',
  host: { name: 'a' },
  bytes: 10,
  message: 'x',
});

t.test('data views: create, list, read, update, delete', async (t) => {
  const created = await mcp.callJson<{ created: { id: string; timeFieldName: string } }>('kibana_create_data_view', {
    title: `${pattern}-*`,
    name: pattern,
    timeField: '@timestamp',
    allowNoIndex: true,
  });
  const id = created.created.id;
  t.equal(created.created.timeFieldName, '@timestamp');
  const list = await mcp.callJson<{ data_views: Array<{ id: string; name: string }> }>('kibana_get_data_views', {
    per_page: 100,
  });
  t.ok(list.data_views.some((v) => v.id === id && v.name === pattern));
  const one = await mcp.callJson<{ title: string; fields: { total: number; by_type: Record<string, number> } }>(
    'kibana_get_data_view',
    { data_view_id: id },
  );
  t.equal(one.title, `${pattern}-*`);
  if (backend.store)
    t.same(
      one.fields.by_type,
      { string: 6, date: 1, number: 2, _source: 1 },
      'fields read from the shared store mappings (+ meta fields)',
    );
  const upd = await mcp.callJson<{ updated: { name: string }; changed: string[] }>('kibana_update_data_view', {
    data_view_id: id,
    name: `${pattern} renamed`,
  });
  t.equal(upd.updated.name, `${pattern} renamed`);
  t.same(
    (await mcp.callJson<{ deleted: { id: string } }>('kibana_delete_data_view', { data_view_id: id })).deleted.id,
    id,
  );
});

t.test('index patterns: create, list, summary, fields, refresh, default, update, delete', async (t) => {
  const created = await mcp.callJson<{ created: { id: string } }>('kibana_create_index_pattern', {
    title: `${pattern}-*`,
    timeField: '@timestamp',
    fieldFormatMap: { bytes: { id: 'bytes' } },
  });
  const id = created.created.id;
  const list = await mcp.callJson<{ index_patterns: Array<{ id: string; fieldFormats: string[] }> }>(
    'kibana_get_index_patterns',
    {},
  );
  t.same(list.index_patterns.find((p) => p.id === id)?.fieldFormats, ['bytes']);
  const one = await mcp.callJson<{ title: string }>('kibana_get_index_pattern', { index_pattern_id: id });
  t.equal(one.title, `${pattern}-*`);
  const fields = await mcp.callJson<{ items: Array<{ name: string; type: string }>; total: number }>(
    'kibana_get_index_pattern_fields',
    { patternID: id, search: 'host' },
  );
  if (backend.store)
    t.same(fields.items, [
      { name: 'host.name', type: 'string', es_types: ['text'], searchable: true, aggregatable: false },
      { name: 'host.name.keyword', type: 'string', es_types: ['keyword'], searchable: true, aggregatable: true },
    ]);
  const refreshed = await mcp.callJson<{ refreshed: { id: string } }>('kibana_refresh_index_pattern_fields', {
    index_pattern_id: id,
  });
  t.equal(refreshed.refreshed.id, id);
  const def = await mcp.callJson<{ default: { id: string } }>('kibana_set_default_index_pattern', {
    index_pattern_id: id,
  });
  t.equal(def.default.id, id);
  const summary = await mcp.callJson<{ default: string; index_patterns: Array<{ id: string }> }>(
    'kibana_index_patterns_summary',
    {},
  );
  t.equal(summary.default, id);
  const upd = await mcp.callJson<{ updated: { timeFieldName: string } }>('kibana_update_index_pattern', {
    index_pattern_id: id,
    timeField: 'event.created',
  });
  t.equal(upd.updated.timeFieldName, 'event.created');
  await mcp.callJson('kibana_delete_index_pattern', { index_pattern_id: id });
  t.match((await mcp.call('kibana_get_index_pattern', { index_pattern_id: id })).text, /KIBANA_ERR_NOT_FOUND/);
});

t.test('spaces: create, list, summary, read, update, objects routed into the space, delete', async (t) => {
  const id = unique('team').toLowerCase();
  const created = await mcp.callJson<{ created: { id: string } }>('kibana_create_space', {
    id,
    name: 'Team',
    description: 'a team',
    color: '#aabbcc',
    initials: 'TM',
    disabledFeatures: ['maps'],
  });
  t.equal(created.created.id, id);
  t.ok(
    (await mcp.callJson<{ spaces: Array<{ id: string }> }>('kibana_get_spaces', {})).spaces.some((s) => s.id === id),
  );
  const summary = await mcp.callJson<{ spaces: Array<{ id: string; description?: string }> }>('kibana_spaces_summary', {
    limit: 1000,
  });
  t.equal(summary.spaces.find((s) => s.id === id)?.description, 'a team');
  t.same((await mcp.callJson<{ disabledFeatures: string[] }>('kibana_get_space', { space_id: id })).disabledFeatures, [
    'maps',
  ]);
  const upd = await mcp.callJson<{ updated: { name: string; color: string } }>('kibana_update_space', {
    space_id: id,
    name: 'Team B',
  });
  t.same([upd.updated.name, upd.updated.color], ['Team B', '#aabbcc'], 'fields not named are kept');
  const dash = await mcp.callJson<{ created: { id: string } }>('kibana_create_dashboard', {
    title: 'only here',
    space: id,
  });
  t.ok(
    (await mcp.callJson<{ dashboards: Array<{ id: string }> }>('kibana_get_dashboards', { space: id })).dashboards.some(
      (d) => d.id === dash.created.id,
    ),
  );
  t.notOk(
    (await mcp.callJson<{ dashboards: Array<{ id: string }> }>('kibana_get_dashboards', {})).dashboards.some(
      (d) => d.id === dash.created.id,
    ),
    'not visible in the default space',
  );
  if (backend.emulator)
    t.ok(
      backend.emulator.requests.some((r) => r.space === id && r.path === '/api/saved_objects/dashboard'),
      'sent to /s/{space}/api/...',
    );
  t.same((await mcp.callJson<{ deleted: { id: string } }>('kibana_delete_space', { space_id: id })).deleted.id, id);
  t.match((await mcp.call('kibana_get_space', { space_id: id })).text, /KIBANA_ERR_SPACE_NOT_FOUND/);
});
