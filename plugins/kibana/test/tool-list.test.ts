// What tools/list shows: the 73 reference names, honest annotations (deletes and import-with-overwrite are
// destructive), a small default set, and descriptions that keep the list within its byte budget.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { KibanaPlugin } from '../src/index.js';
import { REFERENCE_TOOLS } from './helpers/reference-tools.js';

const target = { kibana: { targets: { main: { url: 'http://127.0.0.1:9' } } } };

t.test('every reference tool is served, with the reference parameter names', async (t) => {
  const mcp = await startTestServer({ plugins: [KibanaPlugin], config: target });
  t.teardown(() => mcp.close());
  const { tools } = await mcp.client.listTools();
  const names = tools.map((x) => x.name);
  for (const name of REFERENCE_TOOLS) t.ok(names.includes(name), name);
  t.equal(names.filter((n) => n.startsWith('kibana_')).length, REFERENCE_TOOLS.length + 1, '73 + kibana_list_backends');
  const props = (name: string) =>
    Object.keys((tools.find((x) => x.name === name)?.inputSchema as { properties?: object }).properties ?? {});
  t.ok(props('kibana_create_alert_rule').includes('alertTypeId'));
  t.ok(props('kibana_get_index_pattern_fields').includes('patternID'));
  t.ok(props('kibana_query_logs').includes('indexPattern') && props('kibana_query_logs').includes('sortOrder'));
  t.ok(props('kibana_import_saved_objects').includes('createNewCopies'));
  t.ok(props('kibana_get_dashboards').includes('target'), 'the core adds the target argument');
});

t.test('deletes and import are destructive; reads are read-only', async (t) => {
  const mcp = await startTestServer({ plugins: [KibanaPlugin], config: target });
  t.teardown(() => mcp.close());
  const { tools } = await mcp.client.listTools();
  const destructive = tools
    .filter((x) => x.annotations?.destructiveHint)
    .map((x) => x.name)
    .sort();
  t.same(destructive, [
    'kibana_bulk_delete_saved_objects',
    'kibana_delete_alert_rule',
    'kibana_delete_connector',
    'kibana_delete_dashboard',
    'kibana_delete_data_view',
    'kibana_delete_index_pattern',
    'kibana_delete_saved_object',
    'kibana_delete_space',
    'kibana_delete_visualization',
    'kibana_import_saved_objects',
  ]);
  for (const name of [
    'kibana_get_status',
    'kibana_query_logs',
    'kibana_get_dashboards',
    'kibana_export_saved_objects',
    'kibana_get_alert_rule_history',
  ])
    t.equal(tools.find((x) => x.name === name)?.annotations?.readOnlyHint, true, `${name} is read-only`);
  for (const name of ['kibana_create_dashboard', 'kibana_mute_alert_rule', 'kibana_test_connector'])
    t.equal(tools.find((x) => x.name === name)?.annotations?.readOnlyHint, false, `${name} writes`);
});

t.test('the default toolsets are small: status, discover, dashboards', async (t) => {
  const mcp = await startTestServer({ plugins: [KibanaPlugin], config: { ...target, toolsets: {} } });
  t.teardown(() => mcp.close());
  const { tools } = await mcp.client.listTools();
  const names = tools.map((x) => x.name).sort();
  t.same(names, [
    'kibana_dashboards_paginated',
    'kibana_dashboards_summary',
    'kibana_get_dashboard',
    'kibana_get_dashboard_detail_advanced',
    'kibana_get_dashboards',
    'kibana_get_status',
    'kibana_health_summary',
    'kibana_list_backends',
    'kibana_query_logs',
    'kibana_test_connection',
  ]);
  const bytes = Buffer.byteLength(JSON.stringify(tools));
  t.ok(bytes < 12_000, `default tools/list is ${bytes} bytes`);
});

t.test('the whole list stays small enough for the ten-plugin budget', async (t) => {
  const mcp = await startTestServer({ plugins: [KibanaPlugin], config: target });
  t.teardown(() => mcp.close());
  const { tools } = await mcp.client.listTools();
  const bytes = Buffer.byteLength(JSON.stringify(tools));
  t.ok(bytes < 60_000, `all 74 tools take ${bytes} bytes`);
  for (const tool of tools) t.ok((tool.description ?? '').length <= 200, `${tool.name} description is short`);
});

t.test('the kibana_log_diagnosis prompt', async (t) => {
  const mcp = await startTestServer({ plugins: [KibanaPlugin], config: target });
  t.teardown(() => mcp.close());
  const { prompts } = await mcp.client.listPrompts();
  t.ok(prompts.some((p) => p.name === 'kibana_log_diagnosis'));
  const prompt = await mcp.client.getPrompt({
    name: 'kibana_log_diagnosis',
    arguments: { query: 'checkout 502', time_range: 'now-2h' },
  });
  const text = JSON.stringify(prompt.messages);
  t.match(text, /checkout 502/);
  t.match(text, /kibana_query_logs/);
  t.match(text, /now-2h/);
});
