// Identity, teams, RBAC, plugins, links and panel images through an MCP client. Several named targets (bearer
// and basic auth, viewer and admin) show Grafana's 401 and 403 answers as named errors.
import t from 'tap';
import { CREDENTIALS, startGrafanaEmulator } from '@cnmcp/plugin-grafana/testing';
import { grafanaBackend } from './helpers/backends.js';
import { RUN, prometheusUid, testDashboard } from './helpers/fixture.js';
import { grafanaServer } from './helpers/server.js';

type Json = Record<string, any>;

const backend = await grafanaBackend();
if ('skip' in backend) t.plan(0, backend.skip);
else {
  const live = backend.live;
  const bearer = (token: string) => ({ url: backend.url, auth: { type: 'bearer', token } });
  const s = await grafanaServer(backend, {
    grafana: live
      ? {}
      : {
          targets: {
            viewer: bearer(CREDENTIALS.viewerToken),
            badtoken: bearer('glsa_not_a_token'),
            basicadmin: { url: backend.url, auth: { type: 'basic', ...CREDENTIALS.admin } },
          },
        },
  });
  t.teardown(async () => {
    await s.close();
    await backend.stop();
  });
  const dashUid = `${RUN}-links`;
  const prom = await prometheusUid(s);
  await s.callJson('grafana_update_dashboard', { dashboard: testDashboard(dashUid, prom) });
  const onlyEmulator = { skip: live ? 'needs the emulator fixture identities' : false };

  t.test('grafana_current_user: the token identity; a bad token is a 401', async (t) => {
    const me = await s.callJson<Json>('grafana_current_user', {});
    t.ok(me.login);
    if (!live)
      t.match(
        (await s.call('grafana_current_user', { target: 'badtoken' })).text,
        /^CNMCP_ERR_BACKEND_AUTH: .*HTTP 401.*Invalid API key/,
      );
  });

  t.test('grafana_organization: the org; a bad token', onlyEmulator, async (t) => {
    t.same(await s.callJson<Json>('grafana_organization', {}), { id: 1, name: 'Main Org.' });
    t.match((await s.call('grafana_organization', { target: 'badtoken' })).text, /^CNMCP_ERR_BACKEND_AUTH/);
  });

  t.test(
    'grafana_users: a server admin (basic auth) lists users; a service account gets 403 users:read',
    onlyEmulator,
    async (t) => {
      const out = await s.callJson<Json>('grafana_users', { target: 'basicadmin' });
      t.same(
        out.items.map((u: Json) => u.login),
        ['admin', 'editor', 'viewer'],
      );
      const r = await s.call('grafana_users', {});
      t.match(
        r.text,
        /^GRAFANA_ERR_PERMISSION_DENIED: Grafana refused GET \/api\/users: You'll need additional permissions to perform this action\. Permissions needed: users:read/,
      );
    },
  );

  t.test('grafana_list_teams: via /api/teams/search; a viewer is refused', onlyEmulator, async (t) => {
    const out = await s.callJson<Json>('grafana_list_teams', { query: 'sr' });
    t.same(out.items, [{ id: 1, name: 'SRE', email: 'sre@example.com', members: 2 }]);
    t.match(
      (await s.call('grafana_list_teams', { target: 'viewer' })).text,
      /^GRAFANA_ERR_PERMISSION_DENIED: .*teams:read/,
    );
  });

  t.test(
    'grafana_list_all_roles and grafana_get_role_details; viewer refused, unknown role',
    onlyEmulator,
    async (t) => {
      const roles = await s.callJson<Json>('grafana_list_all_roles', {});
      t.ok(roles.items.some((r: Json) => r.uid === 'custom_oncall'));
      t.match(
        (await s.call('grafana_list_all_roles', { target: 'viewer' })).text,
        /^GRAFANA_ERR_PERMISSION_DENIED: .*roles:read/,
      );
      const role = await s.callJson<Json>('grafana_get_role_details', { roleUID: 'custom_oncall' });
      t.ok(role.permissions.some((p: Json) => p.action === 'alert.silences:create'));
      t.match(
        (await s.call('grafana_get_role_details', { roleUID: 'nope' })).text,
        /^GRAFANA_ERR_NOT_FOUND: role "nope" not found/,
      );
    },
  );

  t.test('grafana_get_role_assignments: users and teams; unknown role', onlyEmulator, async (t) => {
    t.match(await s.callJson<Json>('grafana_get_role_assignments', { roleUID: 'fixed_dashboards_writer' }), {
      users: [],
      teams: [1],
    });
    t.match((await s.call('grafana_get_role_assignments', { roleUID: 'nope' })).text, /^GRAFANA_ERR_NOT_FOUND/);
  });

  t.test(
    'grafana_list_user_roles and grafana_list_team_roles use /api/access-control/…; unknown ids',
    onlyEmulator,
    async (t) => {
      const user = await s.callJson<Json>('grafana_list_user_roles', { userID: 2 });
      t.same(
        user.roles.map((r: Json) => r.uid),
        ['custom_oncall'],
      );
      const team = await s.callJson<Json>('grafana_list_team_roles', { teamID: '1' });
      t.same(
        team.roles.map((r: Json) => r.uid),
        ['fixed_dashboards_writer', 'fixed_datasources_reader'],
      );
      t.ok(backend.emulator!.requests.some((r) => r.path === '/api/access-control/users/2/roles'));
      t.match(
        (await s.call('grafana_list_user_roles', { userID: 999 })).text,
        /^GRAFANA_ERR_NOT_FOUND: user 999 not found/,
      );
      t.match(
        (await s.call('grafana_list_team_roles', { teamID: 999 })).text,
        /^GRAFANA_ERR_NOT_FOUND: team 999 not found/,
      );
    },
  );

  t.test(
    'grafana_get_resource_description and grafana_get_resource_permissions; unknown type and uid',
    onlyEmulator,
    async (t) => {
      t.same((await s.callJson<Json>('grafana_get_resource_description', { resourceType: 'dashboards' })).permissions, [
        'View',
        'Edit',
        'Admin',
      ]);
      t.match(
        (await s.call('grafana_get_resource_description', { resourceType: 'spaceships' })).text,
        /^GRAFANA_ERR_NOT_FOUND/,
      );
      const perms = await s.callJson<Json>('grafana_get_resource_permissions', {
        resourceType: 'dashboards',
        resourceUID: dashUid,
      });
      t.ok(perms.permissions.some((p: Json) => p.builtInRole === 'Viewer' && p.permission === 'View'));
      t.match(
        (await s.call('grafana_get_resource_permissions', { resourceType: 'dashboards', resourceUID: 'nope' })).text,
        /^GRAFANA_ERR_NOT_FOUND/,
      );
    },
  );

  t.test('grafana_test_connection: version and identity; a bad token', async (t) => {
    const out = await s.callJson<Json>('grafana_test_connection', {});
    t.match(out, { reachable: true, database: 'ok' });
    if (!live)
      t.match((await s.call('grafana_test_connection', { target: 'badtoken' })).text, /^CNMCP_ERR_BACKEND_AUTH/);
    t.match((await s.call('grafana_test_connection', { target: 'nowhere' })).text, /^CNMCP_ERR_BACKEND_TARGET_UNKNOWN/);
  });

  t.test('grafana_plugins, grafana_plugins_summary, grafana_plugin_detail; errors', async (t) => {
    const list = await s.callJson<Json>('grafana_plugins', { type: 'datasource' });
    t.ok(list.items.some((p: Json) => p.id === 'prometheus'));
    t.match((await s.call('grafana_plugins', { cursor: '???' })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
    const summary = await s.callJson<Json>('grafana_plugins_summary', {});
    t.ok(summary.by_type.datasource >= 1);
    t.match((await s.call('grafana_plugins_summary', { limit: 0 })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
    t.match(await s.callJson<Json>('grafana_plugin_detail', { pluginID: 'prometheus' }), {
      id: 'prometheus',
      type: 'datasource',
    });
    t.match(
      (await s.call('grafana_plugin_detail', { pluginID: 'no-such-plugin' })).text,
      /^GRAFANA_ERR_PLUGIN_NOT_FOUND/,
    );
  });

  t.test('grafana_generate_deeplink: dashboard, panel and explore links; a missing panel', async (t) => {
    const dash = await s.callJson<Json>('grafana_generate_deeplink', {
      resourceType: 'dashboard',
      resourceUID: dashUid,
      from: 'now-6h',
      to: 'now',
    });
    t.match(dash.url, new RegExp(`/d/${dashUid}/.*\\?from=now-6h&to=now$`));
    const panel = await s.callJson<Json>('grafana_generate_deeplink', {
      resourceType: 'panel',
      resourceUID: dashUid,
      panelID: 3,
    });
    t.match(panel.url, /viewPanel=3/);
    const explore = await s.callJson<Json>('grafana_generate_deeplink', {
      resourceType: 'explore',
      resourceUID: prom,
      query: 'up',
    });
    const panes = JSON.parse(new URL(explore.url).searchParams.get('panes')!);
    t.match(panes.a, { datasource: prom, queries: [{ expr: 'up' }] });
    t.match(
      (await s.call('grafana_generate_deeplink', { resourceType: 'panel', resourceUID: dashUid, panelID: 42 })).text,
      /^GRAFANA_ERR_PANEL_NOT_FOUND/,
    );
  });

  t.test('grafana_generate_logs_drilldown_link: app checked; unknown datasource', onlyEmulator, async (t) => {
    const out = await s.callJson<Json>('grafana_generate_logs_drilldown_link', {
      datasourceName: 'Loki',
      from: 'now-15m',
    });
    t.match(out.url, /\/a\/grafana-lokiexplore-app\/explore\?from=now-15m&to=now&var-ds=loki/);
    t.match(
      (await s.call('grafana_generate_logs_drilldown_link', { datasourceUid: 'nope' })).text,
      /^GRAFANA_ERR_DATASOURCE_NOT_FOUND/,
    );
  });

  t.test('grafana_render_panel_image: no renderer is a clear error', onlyEmulator, async (t) => {
    const r = await s.call('grafana_render_panel_image', { dashboardUID: dashUid, panelID: 1 });
    t.match(r.text, /^GRAFANA_ERR_RENDERER_UNAVAILABLE: .*no image renderer/);
    t.match(r.text, /Hint: Install the grafana-image-renderer plugin/);
  });

  t.test(
    'grafana_render_panel_image: with a renderer, a PNG as MCP image content; a missing panel',
    onlyEmulator,
    async (t) => {
      const withRenderer = await startGrafanaEmulator({ renderer: true });
      const s2 = await grafanaServer({ ...backend, url: withRenderer.url, token: CREDENTIALS.adminToken });
      t.teardown(async () => {
        await s2.close();
        await withRenderer.close();
      });
      const r = await s2.call('grafana_render_panel_image', {
        dashboardUID: 'svc-overview',
        panelID: 4,
        width: 320,
        height: 200,
      });
      t.notOk(r.isError, r.text);
      const image = r.content.find((c) => (c as Json).type === 'image') as Json;
      t.equal(image.mimeType, 'image/png');
      const png = Buffer.from(image.data, 'base64');
      t.same([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
      t.same([png.readUInt32BE(16), png.readUInt32BE(20)], [320, 200], 'IHDR width and height');
      t.match(r.text, /Panel "Error logs" \(id 4\) of "Service Overview", 320×200/);
      t.match(
        (await s2.call('grafana_render_panel_image', { dashboardUID: 'svc-overview', panelID: 77 })).text,
        /^GRAFANA_ERR_PANEL_NOT_FOUND/,
      );
    },
  );

  t.test('cleanup', async () => {
    await s.callJson('grafana_delete_dashboard', { uid: dashUid });
  });
}
