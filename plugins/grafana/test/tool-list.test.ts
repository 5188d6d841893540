// What an agent sees: the 55 reference tool names (plus this plugin's own), a small default set, honest
// annotations (every delete and the overwrite destructive), short descriptions, and the diagnosis prompt.
import t from 'tap';
import { grafanaBackend } from './helpers/backends.js';
import { grafanaServer } from './helpers/server.js';

// The reference server's 55 Grafana tool names, kept by name so users' prompts keep working.
const reference = [
  'grafana_alerts',
  'grafana_check_datasource_health',
  'grafana_create_alert_rule',
  'grafana_create_annotation',
  'grafana_create_datasource',
  'grafana_create_folder',
  'grafana_create_graphite_annotation',
  'grafana_current_user',
  'grafana_dashboard',
  'grafana_dashboards',
  'grafana_dashboards_summary',
  'grafana_datasource_detail',
  'grafana_datasources',
  'grafana_datasources_summary',
  'grafana_delete_alert_rule',
  'grafana_delete_annotation',
  'grafana_delete_dashboard',
  'grafana_delete_datasource',
  'grafana_delete_folder',
  'grafana_folder_detail',
  'grafana_folders',
  'grafana_generate_deeplink',
  'grafana_generate_logs_drilldown_link',
  'grafana_get_alert_rule_by_uid',
  'grafana_get_annotation_tags',
  'grafana_get_annotations',
  'grafana_get_dashboard_panel_queries',
  'grafana_get_dashboard_property',
  'grafana_get_dashboard_version',
  'grafana_get_dashboard_versions',
  'grafana_get_datasource_by_name',
  'grafana_get_resource_description',
  'grafana_get_resource_permissions',
  'grafana_get_role_assignments',
  'grafana_get_role_details',
  'grafana_list_all_roles',
  'grafana_list_contact_points',
  'grafana_list_team_roles',
  'grafana_list_teams',
  'grafana_list_user_roles',
  'grafana_organization',
  'grafana_patch_annotation',
  'grafana_plugin_detail',
  'grafana_plugins',
  'grafana_plugins_summary',
  'grafana_render_panel_image',
  'grafana_restore_dashboard_version',
  'grafana_search_dashboards',
  'grafana_test_connection',
  'grafana_update_alert_rule',
  'grafana_update_annotation',
  'grafana_update_dashboard',
  'grafana_update_datasource',
  'grafana_update_folder',
  'grafana_users',
];

const backend = await grafanaBackend();
if ('skip' in backend) t.plan(0, backend.skip);
else {
  const all = await grafanaServer(backend);
  const defaults = await grafanaServer(backend, { core: { toolsets: {} } });
  t.teardown(async () => {
    await all.close();
    await defaults.close();
    await backend.stop();
  });
  const { tools } = await all.client.listTools();

  t.test('every reference tool is served, plus our own', async (t) => {
    const names = tools.map((x) => x.name);
    t.equal(reference.length, 55);
    t.same(
      reference.filter((n) => !names.includes(n)),
      [],
    );
    t.same(names.filter((n) => !reference.includes(n)).sort(), [
      'grafana_dashboard_summary',
      'grafana_diff_dashboard_versions',
      'grafana_list_backends',
      'grafana_overwrite_dashboard',
      'grafana_query_datasource',
    ]);
  });

  t.test('annotations: deletes and the overwrite are destructive; reads are read-only', async (t) => {
    const destructive = tools
      .filter((x) => x.annotations?.destructiveHint && !x.annotations?.readOnlyHint)
      .map((x) => x.name)
      .sort();
    t.same(destructive, [
      'grafana_delete_alert_rule',
      'grafana_delete_annotation',
      'grafana_delete_dashboard',
      'grafana_delete_datasource',
      'grafana_delete_folder',
      'grafana_overwrite_dashboard',
    ]);
    for (const name of [
      'grafana_dashboard',
      'grafana_query_datasource',
      'grafana_alerts',
      'grafana_users',
      'grafana_render_panel_image',
    ])
      t.equal(tools.find((x) => x.name === name)?.annotations?.readOnlyHint, true, name);
    for (const name of ['grafana_update_dashboard', 'grafana_create_datasource', 'grafana_create_annotation'])
      t.equal(tools.find((x) => x.name === name)?.annotations?.readOnlyHint, false, name);
  });

  t.test('every tool takes a target; descriptions stay short', async (t) => {
    for (const tool of tools.filter((x) => x.name !== 'grafana_list_backends')) {
      t.ok((tool.inputSchema.properties as Record<string, unknown>).target, `${tool.name} has target`);
      t.ok(tool.description!.length <= 200, `${tool.name} description is ${tool.description!.length} chars`);
    }
    const bytes = Buffer.byteLength(JSON.stringify(tools));
    t.ok(bytes < 60_000, `all grafana tools list in ${bytes} bytes`);
  });

  t.test('the default set is small: dashboard and datasource reads, and queries', async (t) => {
    const list = (await defaults.client.listTools()).tools;
    const names = list.map((x) => x.name).sort();
    t.ok(names.length <= 14, `${names.length} default tools`);
    t.ok(names.includes('grafana_query_datasource'));
    t.ok(names.includes('grafana_dashboard_summary'));
    t.notOk(names.some((n) => n.includes('delete') || n.includes('create')));
    const bytes = Buffer.byteLength(JSON.stringify(list));
    t.ok(bytes < 9_000, `default grafana tools list in ${bytes} bytes`);
  });

  t.test('prompt grafana_dashboard_diagnosis names the read-first tools; an unknown prompt is an error', async (t) => {
    const { prompts } = await all.client.listPrompts();
    t.ok(prompts.some((p) => p.name === 'grafana_dashboard_diagnosis'));
    const got = await all.client.getPrompt({
      name: 'grafana_dashboard_diagnosis',
      arguments: { dashboard: 'svc-overview', time_range: 'now-6h to now', notes: 'flat lines' },
    });
    const text = got.messages.map((m) => (m.content as { text?: string }).text ?? '').join('\n');
    t.match(text, /svc-overview over now-6h to now\. Reported: flat lines/);
    for (const tool of [
      'grafana_dashboard_summary',
      'grafana_get_dashboard_panel_queries',
      'grafana_query_datasource',
      'grafana_diff_dashboard_versions',
    ])
      t.match(text, tool);
    await t.rejects(all.client.getPrompt({ name: 'grafana_no_such_prompt', arguments: {} }));
  });
}
