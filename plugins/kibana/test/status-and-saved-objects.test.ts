// Status tools and the generic saved-object tools, through an MCP client, against the emulator or a live Kibana.
import t from 'tap';
import { kibanaBackend, kibanaServer, unique } from './helpers/backend.js';

const backend = await kibanaBackend();
t.teardown(() => backend.close());
const mcp = await kibanaServer(backend);
t.teardown(() => mcp.close());

t.test('status, health summary and connection test', async (t) => {
  const status = await mcp.callJson<{ version: string; level: string }>('kibana_get_status', {});
  t.match(status.version, /^\d+\.\d+\.\d+/);
  t.equal(status.level, 'available');
  const health = await mcp.callJson<{
    core: Record<string, string>;
    saved_objects: { counts: Record<string, number> };
  }>('kibana_health_summary', { level: 'detailed', include_saved_objects: true });
  t.equal(health.core.elasticsearch, 'available');
  t.type(health.saved_objects.counts.dashboard, 'number');
  const conn = await mcp.callJson<{ connected: boolean; target: string }>('kibana_test_connection', {});
  t.same([conn.connected, conn.target], [true, 'main']);
  if (backend.emulator)
    t.ok(
      backend.emulator.requests.every((r) => r.headers.authorization?.startsWith('ApiKey ')),
      'Authorization: ApiKey on every call',
    );
});

t.test('create, find, update with version, delete a saved object', async (t) => {
  const title = unique('so-tag');
  const created = await mcp.callJson<{ created: { id: string; version: string } }>('kibana_create_saved_object', {
    type: 'tag',
    attributes: { name: title, title, color: '#ff0000', description: '' },
  });
  const id = created.created.id;
  const found = await mcp.callJson<{ total: number; saved_objects: Array<{ id: string }> }>(
    'kibana_search_saved_objects',
    { type: 'tag', search: title },
  );
  t.ok(found.saved_objects.some((o) => o.id === id));
  const adv = await mcp.callJson<{ saved_objects: Array<{ id: string; attributes: Record<string, unknown> }> }>(
    'kibana_search_saved_objects_advanced',
    { type: 'tag', search: title, fields: ['color'], sort_field: 'updated_at', sort_order: 'desc' },
  );
  t.same(adv.saved_objects.find((o) => o.id === id)?.attributes, { color: '#ff0000' });
  const updated = await mcp.callJson<{ updated: { version: string; changed: string[] } }>(
    'kibana_update_saved_object',
    { type: 'tag', object_id: id, attributes: { color: '#00ff00' }, version: created.created.version },
  );
  t.same(updated.updated.changed, ['color']);
  const stale = await mcp.call('kibana_update_saved_object', {
    type: 'tag',
    object_id: id,
    attributes: { color: '#0000ff' },
    version: created.created.version,
  });
  t.match(stale.text, /KIBANA_ERR_CONFLICT/, 'a stale version is refused');
  const deleted = await mcp.callJson<{ deleted: { id: string } }>('kibana_delete_saved_object', {
    type: 'tag',
    object_id: id,
  });
  t.equal(deleted.deleted.id, id);
});

t.test('export as NDJSON, bulk delete, import back (conflicts, overwrite, new copies)', async (t) => {
  const a = await mcp.callJson<{ created: { id: string } }>('kibana_create_dashboard', { title: unique('exp-a') });
  const b = await mcp.callJson<{ created: { id: string } }>('kibana_create_visualization', {
    title: unique('exp-b'),
    visState: { type: 'line' },
  });
  const objects = [
    { type: 'dashboard', id: a.created.id },
    { type: 'visualization', id: b.created.id },
  ];
  const exported = await mcp.callJson<{ exported_count: number; ndjson: string }>('kibana_export_saved_objects', {
    objects,
  });
  t.equal(exported.exported_count, 2);
  t.equal(exported.ndjson.trim().split('\n').length, 3, 'two objects and the export details line');
  const conflict = await mcp.callJson<{ success: boolean; errors: Array<{ error: string }>; hint: string }>(
    'kibana_import_saved_objects',
    { file: exported.ndjson },
  );
  t.equal(conflict.success, false);
  t.same(
    conflict.errors.map((e) => e.error),
    ['conflict', 'conflict'],
  );
  t.match(conflict.hint, /overwrite/);
  const bulk = await mcp.callJson<{ deleted: number; failed: unknown[] }>('kibana_bulk_delete_saved_objects', {
    objects,
  });
  t.same([bulk.deleted, bulk.failed.length], [2, 0]);
  const imported = await mcp.callJson<{ success: boolean; imported: number }>('kibana_import_saved_objects', {
    file: exported.ndjson,
  });
  t.same([imported.success, imported.imported], [true, 2], 'imported back after deletion');
  const over = await mcp.callJson<{ results: Array<{ overwritten?: boolean }> }>('kibana_import_saved_objects', {
    file: exported.ndjson,
    overwrite: true,
  });
  t.ok(over.results.every((r) => r.overwritten));
  const copies = await mcp.callJson<{ results: Array<{ new_id?: string }> }>('kibana_import_saved_objects', {
    file: JSON.parse(`[${exported.ndjson.trim().split('\n').slice(0, 2).join(',')}]`),
    createNewCopies: true,
  });
  t.ok(
    copies.results.every((r) => r.new_id && r.new_id !== a.created.id),
    'a JSON array is accepted; copies get new IDs',
  );
  if (backend.emulator) {
    const upload = backend.emulator.requests.find((r) => r.path === '/api/saved_objects/_import');
    t.match(
      String(upload?.headers['content-type']),
      /^multipart\/form-data; boundary=/,
      'import is a multipart upload',
    );
    t.equal(upload?.headers['kbn-xsrf'], 'true');
  }
});
