// Every tool's failure path through an MCP client: a typed error the agent can act on (code, what failed,
// a hint), never a stack trace or a credential.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { KibanaPlugin } from '../src/index.js';
import { kibanaBackend, kibanaServer } from './helpers/backend.js';
import { REFERENCE_TOOLS } from './helpers/reference-tools.js';

const backend = await kibanaBackend();
t.teardown(() => backend.close());
const mcp = await kibanaServer(backend);
t.teardown(() => mcp.close());

const ghost = { space: 'ghost-space-that-does-not-exist' };
const SPACE = /KIBANA_ERR_SPACE_NOT_FOUND/;
const NOT_FOUND = /KIBANA_ERR_NOT_FOUND/;
const INPUT = /CNMCP_ERR_TOOL_INPUT_INVALID/;
const AUTH = /CNMCP_ERR_BACKEND_AUTH/;
const missing = 'no-such-id-4242';

// [tool, arguments, expected error, server] — 'bad' is a server whose credentials Kibana refuses.
const cases: Array<[string, Record<string, unknown>, RegExp, ('bad' | 'ok')?]> = [
  ['kibana_get_status', {}, AUTH, 'bad'],
  ['kibana_health_summary', { level: 'loud' }, INPUT],
  ['kibana_test_connection', {}, AUTH, 'bad'],
  ['kibana_query_logs', { indexPattern: 'No such data view' }, /KIBANA_ERR_DATA_VIEW_NOT_FOUND/],
  ['kibana_get_dashboards', ghost, SPACE],
  ['kibana_get_dashboard', { dashboard_id: missing }, NOT_FOUND],
  ['kibana_get_dashboard_detail_advanced', { dashboard_id: missing }, NOT_FOUND],
  ['kibana_dashboards_paginated', { per_page: 1000 }, INPUT],
  ['kibana_dashboards_summary', ghost, SPACE],
  ['kibana_create_dashboard', { title: '' }, INPUT],
  ['kibana_update_dashboard', { dashboard_id: missing, title: 'x' }, NOT_FOUND],
  ['kibana_clone_dashboard', { dashboard_id: missing, new_title: 'copy' }, NOT_FOUND],
  ['kibana_delete_dashboard', { dashboard_id: missing }, NOT_FOUND],
  ['kibana_get_visualizations', ghost, SPACE],
  ['kibana_get_visualization', { visualization_id: missing }, NOT_FOUND],
  ['kibana_visualizations_paginated', { page: 0 }, INPUT],
  ['kibana_visualizations_summary', ghost, SPACE],
  ['kibana_create_visualization', { visState: { type: 'line' } }, INPUT],
  ['kibana_update_visualization', { visualization_id: missing, title: 'x' }, NOT_FOUND],
  ['kibana_clone_visualization', { visualization_id: missing, new_title: 'copy' }, NOT_FOUND],
  ['kibana_delete_visualization', { visualization_id: missing }, NOT_FOUND],
  ['kibana_get_saved_searches', ghost, SPACE],
  ['kibana_get_saved_search', { search_id: missing }, NOT_FOUND],
  ['kibana_get_lens_objects', ghost, SPACE],
  ['kibana_get_maps', ghost, SPACE],
  ['kibana_get_canvas_workpads', ghost, SPACE],
  ['kibana_search_saved_objects', ghost, SPACE],
  ['kibana_search_saved_objects_advanced', { has_reference: '{not json' }, /KIBANA_ERR_INVALID_JSON/],
  [
    'kibana_create_saved_object',
    { type: 'not-a-type', attributes: { title: 'x' } },
    /KIBANA_ERR_BAD_REQUEST.*Unsupported saved object type/,
  ],
  ['kibana_update_saved_object', { type: 'dashboard', object_id: missing, attributes: { title: 'x' } }, NOT_FOUND],
  ['kibana_delete_saved_object', { type: 'dashboard', object_id: missing }, NOT_FOUND],
  ['kibana_bulk_delete_saved_objects', { objects: [] }, INPUT],
  [
    'kibana_export_saved_objects',
    { objects: [{ type: 'dashboard', id: missing }] },
    /KIBANA_ERR_BAD_REQUEST.*Error fetching objects to export/,
  ],
  ['kibana_import_saved_objects', { file: '{"type":"dashboard"}\nnot json' }, /KIBANA_ERR_IMPORT_FILE_INVALID.*line 1/],
  ['kibana_get_data_views', ghost, SPACE],
  ['kibana_get_data_view', { data_view_id: missing }, NOT_FOUND],
  ['kibana_create_data_view', { name: 'no title' }, INPUT],
  ['kibana_update_data_view', { data_view_id: missing, name: 'x' }, NOT_FOUND],
  ['kibana_delete_data_view', { data_view_id: missing }, NOT_FOUND],
  ['kibana_get_index_patterns', ghost, SPACE],
  ['kibana_get_index_pattern', { index_pattern_id: missing }, NOT_FOUND],
  ['kibana_index_patterns_summary', ghost, SPACE],
  ['kibana_get_index_pattern_fields', { patternID: missing }, NOT_FOUND],
  ['kibana_create_index_pattern', { timeField: '@timestamp' }, INPUT],
  ['kibana_update_index_pattern', { index_pattern_id: missing, title: 'x' }, NOT_FOUND],
  ['kibana_delete_index_pattern', { index_pattern_id: missing }, NOT_FOUND],
  ['kibana_refresh_index_pattern_fields', { index_pattern_id: missing }, NOT_FOUND],
  ['kibana_set_default_index_pattern', { index_pattern_id: missing }, NOT_FOUND],
  ['kibana_get_spaces', {}, AUTH, 'bad'],
  ['kibana_get_space', { space_id: missing }, SPACE],
  ['kibana_spaces_summary', { limit: 0 }, INPUT],
  ['kibana_create_space', { id: 'Bad Space', name: 'x' }, INPUT],
  ['kibana_update_space', { space_id: missing, name: 'x' }, SPACE],
  ['kibana_delete_space', { space_id: missing }, SPACE],
  ['kibana_get_alert_rules', ghost, SPACE],
  ['kibana_get_alert_rule', { rule_id: missing }, NOT_FOUND],
  ['kibana_get_alert_rule_types', {}, AUTH, 'bad'],
  ['kibana_get_alert_rule_history', { rule_id: missing }, NOT_FOUND],
  ['kibana_get_alerts', ghost, SPACE],
  [
    'kibana_create_alert_rule',
    { name: 'r', alertTypeId: 'no.such.type', schedule: { interval: '1m' } },
    /KIBANA_ERR_BAD_REQUEST.*not registered/,
  ],
  ['kibana_update_alert_rule', { rule_id: missing, name: 'x' }, NOT_FOUND],
  ['kibana_delete_alert_rule', { rule_id: missing }, NOT_FOUND],
  ['kibana_enable_alert_rule', { rule_id: missing }, NOT_FOUND],
  ['kibana_disable_alert_rule', { rule_id: missing }, NOT_FOUND],
  ['kibana_mute_alert_rule', { rule_id: missing, duration: 'a while' }, INPUT],
  ['kibana_unmute_alert_rule', { rule_id: missing }, NOT_FOUND],
  ['kibana_get_connectors', ghost, SPACE],
  ['kibana_get_connector', { connector_id: missing }, NOT_FOUND],
  ['kibana_get_connector_types', {}, AUTH, 'bad'],
  [
    'kibana_create_connector',
    { name: 'c', connectorTypeId: '.index', config: {} },
    /KIBANA_ERR_BAD_REQUEST.*\[index\]/,
  ],
  ['kibana_update_connector', { connector_id: missing, name: 'x' }, NOT_FOUND],
  ['kibana_delete_connector', { connector_id: missing }, NOT_FOUND],
  ['kibana_test_connector', { connector_id: missing, body: { message: 'x' } }, NOT_FOUND],
];

t.test('every reference tool has an error case here', async (t) => {
  t.same(cases.map(([name]) => name).sort(), [...REFERENCE_TOOLS].sort());
});

t.test('each tool fails with a typed, actionable error', async (t) => {
  const bad = await startTestServer({
    plugins: [KibanaPlugin],
    config: {
      kibana: {
        targets: {
          main: { url: backend.url, auth: { type: 'basic', username: 'elastic', password: 'wrong-password-xyz' } },
        },
      },
    },
  });
  t.teardown(() => bad.close());
  for (const [name, args, expected, server] of cases) {
    const res = await (server === 'bad' ? bad : mcp).call(name, args);
    t.equal(res.isError, true, `${name} is an error`);
    t.match(res.text, expected, `${name}: ${res.text.split('\n')[0]}`);
    t.match(res.text, /Hint: /, `${name} carries a hint`);
    t.notMatch(res.text, /\n\s+at [\w.<]+ \(/, `${name} shows no stack`);
    t.notMatch(res.text, /wrong-password-xyz/, `${name} leaks no credential`);
  }
});

t.test('a read-only user gets Kibana 403 message; conflicts and connector failures are named', async (t) => {
  if (!backend.emulator) return t.skip('needs the emulator users');
  const viewer = await startTestServer({
    plugins: [KibanaPlugin],
    config: {
      kibana: {
        targets: { main: { url: backend.url, auth: { type: 'basic', username: 'viewer', password: 'viewer-pass' } } },
      },
    },
  });
  t.teardown(() => viewer.close());
  const denied = await viewer.call('kibana_create_dashboard', { title: 'x' });
  t.match(denied.text, /CNMCP_ERR_BACKEND_AUTH.*Unable to create dashboard/);
  t.equal((await viewer.call('kibana_get_dashboards', {})).isError, false, 'reads still work');
  const space = await mcp.callJson<{ created: { id: string } }>('kibana_create_space', {
    id: 'dup-space',
    name: 'Dup',
  });
  const dup = await mcp.call('kibana_create_space', { id: space.created.id, name: 'Dup' });
  t.match(dup.text, /KIBANA_ERR_CONFLICT.*already exists/);
  const hook = await mcp.callJson<{ created: { id: string } }>('kibana_create_connector', {
    name: 'hook',
    connectorTypeId: '.webhook',
    config: { url: 'https://hooks.example.invalid/x' },
  });
  const failed = await mcp.call('kibana_test_connector', { connector_id: hook.created.id, body: { body: '{}' } });
  t.match(failed.text, /KIBANA_ERR_CONNECTOR_FAILED/);
  const both = await mcp.call('kibana_import_saved_objects', { file: '[]', overwrite: true, createNewCopies: true });
  t.match(both.text, /KIBANA_ERR_BAD_REQUEST.*cannot be used together/);
});
