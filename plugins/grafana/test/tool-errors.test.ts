// Failures an agent can act on: Grafana's 401/403 as named errors, the org of a target (X-Grafana-Org-Id), an
// unreachable Grafana, destructive calls refused without the user's confirmation, and no stack or secret in any
// error text.
import t from 'tap';
import { CREDENTIALS, DEAD_URL } from '@cnmcp/plugin-grafana/testing';
import { grafanaBackend } from './helpers/backends.js';
import { grafanaServer } from './helpers/server.js';

type Json = Record<string, any>;

const backend = await grafanaBackend();
if ('skip' in backend) t.plan(0, backend.skip);
else if (backend.live) t.plan(0, 'these checks need the emulator fixture identities and orgs');
else {
  const s = await grafanaServer(backend, {
    grafana: {
      targets: {
        editor: { url: backend.url, auth: { type: 'bearer', token: CREDENTIALS.editorToken } },
        viewer: { url: backend.url, auth: { type: 'basic', ...CREDENTIALS.viewer } },
        org2: { url: backend.url, auth: { type: 'bearer', token: CREDENTIALS.org2Token }, orgId: 2 },
        adminInOrg2: { url: backend.url, auth: { type: 'basic', ...CREDENTIALS.admin }, orgId: 2 },
        wrongOrg: { url: backend.url, auth: { type: 'bearer', token: CREDENTIALS.adminToken }, orgId: 2 },
        down: { url: DEAD_URL, auth: { type: 'bearer', token: CREDENTIALS.adminToken }, retries: 0 },
      },
    },
  });
  const strict = await grafanaServer(backend, { core: { confirmDestructive: { fallback: 'deny' } } });
  t.teardown(async () => {
    await s.close();
    await strict.close();
    await backend.stop();
  });

  t.test('a viewer may read but not write: 403 names the missing permission', async (t) => {
    t.equal(
      (await s.callJson<Json>('grafana_dashboard_summary', { uid: 'svc-overview', target: 'viewer' })).uid,
      'svc-overview',
    );
    const r = await s.call('grafana_create_folder', { title: 'nope', target: 'viewer' });
    t.match(
      r.text,
      /^GRAFANA_ERR_PERMISSION_DENIED: Grafana refused POST \/api\/folders: .*Permissions needed: folders:create/,
    );
    t.match(r.text, /Hint: Use a service-account token with the role Grafana names/);
  });

  t.test('an editor may save dashboards but not create datasources', async (t) => {
    const r = await s.call('grafana_create_datasource', {
      name: 'x',
      type: 'prometheus',
      url: 'http://127.0.0.1:9',
      target: 'editor',
    });
    t.match(r.text, /^GRAFANA_ERR_PERMISSION_DENIED: .*datasources:create/);
  });

  t.test('orgId per target: each org sees its own datasources', async (t) => {
    const org1 = await s.callJson<Json>('grafana_datasources_summary', {});
    const org2 = await s.callJson<Json>('grafana_datasources_summary', { target: 'org2' });
    const viaBasic = await s.callJson<Json>('grafana_datasources_summary', { target: 'adminInOrg2' });
    t.ok(org1.items.some((d: Json) => d.uid === 'prometheus'));
    t.same(
      org2.items.map((d: Json) => d.uid),
      ['prometheus-org2'],
    );
    t.same(
      viaBasic.items.map((d: Json) => d.uid),
      ['prometheus-org2'],
    );
    const sent = backend.emulator!.requests.filter((q) => q.headers['x-grafana-org-id'] === '2');
    t.ok(sent.length >= 2, 'X-Grafana-Org-Id: 2 was sent');
    t.match((await s.call('grafana_organization', { target: 'org2' })).text, /"name": "Second Org"/);
  });

  t.test('a token asked to act in another org is a 401', async (t) => {
    t.match(
      (await s.call('grafana_datasources_summary', { target: 'wrongOrg' })).text,
      /^CNMCP_ERR_BACKEND_AUTH: .*HTTP 401/,
    );
  });

  t.test('an unreachable Grafana is a backend error naming the target', async (t) => {
    const r = await s.call('grafana_test_connection', { target: 'down' });
    t.ok(r.isError);
    t.match(r.text, /^CNMCP_ERR_(BACKEND_UNREACHABLE|SERVICE_UNAVAILABLE): .*down/);
  });

  t.test('destructive tools are refused when the user cannot confirm', async (t) => {
    for (const [name, args] of [
      ['grafana_delete_dashboard', { uid: 'svc-overview' }],
      ['grafana_overwrite_dashboard', { dashboard: { uid: 'svc-overview', title: 'Service Overview' } }],
      ['grafana_delete_folder', { uid: 'team-a' }],
      ['grafana_delete_datasource', { uid: 'loki' }],
      ['grafana_delete_annotation', { annotationID: 1 }],
      ['grafana_delete_alert_rule', { ruleUID: 'gauge-high' }],
    ] as const) {
      const r = await strict.call(name, args);
      t.match(r.text, /^CNMCP_ERR_CONFIRMATION_(DECLINED|REQUIRED)/, name);
    }
    const overwrite = await strict.call('grafana_update_dashboard', {
      dashboard: { uid: 'svc-overview', title: 'Service Overview' },
      overwrite: true,
    });
    t.match(overwrite.text, /^CNMCP_ERR_CONFIRMATION_(DECLINED|REQUIRED)/, 'overwrite: true asks too');
    t.equal(
      (await strict.callJson<Json>('grafana_dashboard', { uid: 'svc-overview' })).meta.version,
      2,
      'nothing was written',
    );
  });

  t.test('errors carry no stacks and no credentials', async (t) => {
    const texts = [
      (await s.call('grafana_users', {})).text,
      (await s.call('grafana_datasources_summary', { target: 'wrongOrg' })).text,
      (await s.call('grafana_dashboard', { uid: 'x' })).text,
    ];
    for (const text of texts) {
      t.notMatch(text, /\n\s+at .*\(.*:\d+:\d+\)/);
      t.notMatch(text, /glsa_|admin-pass/);
    }
  });
}
