// Grafana-managed alerting through the provisioning API: rules created, read, updated and deleted through the
// tools; rule state evaluated against the real Prometheus; receivers of the real Alertmanager via the proxy.
import t from 'tap';
import { grafanaBackend } from './helpers/backends.js';
import { RUN, prometheusUid } from './helpers/fixture.js';
import { grafanaServer } from './helpers/server.js';

type Json = Record<string, any>;

const backend = await grafanaBackend({ withBackends: true });
if ('skip' in backend) t.plan(0, backend.skip);
else {
  const s = await grafanaServer(backend);
  t.teardown(async () => {
    await s.close();
    await backend.stop();
  });
  const prom = await prometheusUid(s);
  const folderUid = `${RUN}-alerts`;
  await s.callJson('grafana_create_folder', { title: `cnmcp alerts ${RUN}`, uid: folderUid });
  const data = [
    {
      refId: 'A',
      datasourceUid: prom,
      relativeTimeRange: { from: 600, to: 0 },
      model: { refId: 'A', expr: 'cnmcp_test_gauge', instant: true },
    },
    {
      refId: 'C',
      datasourceUid: '__expr__',
      relativeTimeRange: { from: 0, to: 0 },
      model: {
        refId: 'C',
        type: 'threshold',
        expression: 'A',
        conditions: [{ evaluator: { type: 'gt', params: [40] } }],
      },
    },
  ];
  let ruleUid = '';

  t.test(
    'grafana_create_alert_rule: created through /api/v1/provisioning/alert-rules; an unknown condition',
    async (t) => {
      const out = await s.callJson<Json>('grafana_create_alert_rule', {
        title: `cnmcp gauge ${RUN}`,
        condition: 'C',
        folderUID: folderUid,
        ruleGroup: 'cnmcp-tests',
        data,
        labels: { team: 'cnmcp' },
      });
      ruleUid = out.uid;
      t.match(out, { title: `cnmcp gauge ${RUN}`, condition: 'C', folderUID: folderUid, ruleGroup: 'cnmcp-tests' });
      t.same(out.queries[0], { refId: 'A', datasourceUid: prom, expr: 'cnmcp_test_gauge' });
      if (backend.emulator)
        t.ok(
          backend.emulator.requests.some((r) => r.method === 'POST' && r.path === '/api/v1/provisioning/alert-rules'),
        );
      const bad = await s.call('grafana_create_alert_rule', { title: 'x', condition: 'Z', folderUID: folderUid, data });
      t.match(bad.text, /^GRAFANA_ERR_ALERT_RULE_INVALID: Grafana: invalid alert rule: condition Z does not exist/);
    },
  );

  t.test('grafana_get_alert_rule_by_uid: one rule; an unknown uid', async (t) => {
    const out = await s.callJson<Json>('grafana_get_alert_rule_by_uid', { ruleUID: ruleUid });
    t.equal(out.uid, ruleUid);
    t.same(out.labels, { team: 'cnmcp' });
    t.match(
      (await s.call('grafana_get_alert_rule_by_uid', { ruleUID: `${RUN}-none` })).text,
      /^GRAFANA_ERR_ALERT_RULE_NOT_FOUND/,
    );
  });

  t.test('grafana_update_alert_rule: changes only the given fields; an unknown uid', async (t) => {
    const out = await s.callJson<Json>('grafana_update_alert_rule', {
      ruleUID: ruleUid,
      title: `cnmcp gauge ${RUN} renamed`,
      for: '5m',
    });
    t.match(out, { title: `cnmcp gauge ${RUN} renamed`, for: '5m', condition: 'C', labels: { team: 'cnmcp' } });
    t.match(
      (await s.call('grafana_update_alert_rule', { ruleUID: `${RUN}-none`, title: 'x' })).text,
      /^GRAFANA_ERR_ALERT_RULE_NOT_FOUND/,
    );
  });

  t.test('grafana_alerts: rule state evaluated on Prometheus data; a bad limit', async (t) => {
    const out = await s.callJson<Json>('grafana_alerts', {});
    const mine = out.items.find((r: Json) => r.uid === ruleUid);
    t.ok(mine, 'the created rule is listed');
    t.equal(mine.health, 'ok');
    if (!backend.live) {
      // cnmcp_test_gauge{kind="alpha"} is 42 > 40: one series over the threshold, pending for 5m.
      t.equal(mine.state, 'pending');
      t.equal(mine.active_alerts, 1);
    }
    const pending = await s.callJson<Json>('grafana_alerts', { state: 'no-such-state' });
    t.equal(pending.returned, 0);
    t.match((await s.call('grafana_alerts', { limit: -3 })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
  });

  t.test('grafana_list_contact_points: Grafana contact points; receivers of the real Alertmanager', async (t) => {
    const out = await s.callJson<Json>('grafana_list_contact_points', {});
    t.ok(out.total >= 1);
    t.ok(out.contact_points.every((c: Json) => c.name && c.type));
    if (!backend.live) {
      t.notMatch(JSON.stringify(out), /oncall\.example\.com.*password": "(?!\*\*\*|\[REDACTED\])/);
      const am = await s.callJson<Json>('grafana_list_contact_points', { alertmanagerUid: 'alertmanager' });
      t.same(am.receivers.sort(), ['default', 'team-pager']);
    }
    const wrong = await s.call('grafana_list_contact_points', { alertmanagerUid: prom });
    t.match(wrong.text, /^GRAFANA_ERR_DATASOURCE_NOT_FOUND: .* is a prometheus datasource, not an Alertmanager/);
  });

  t.test('grafana_delete_alert_rule: deletes; then the rule is not found', async (t) => {
    t.same(await s.callJson<Json>('grafana_delete_alert_rule', { ruleUID: ruleUid }), { deleted: ruleUid });
    t.match(
      (await s.call('grafana_delete_alert_rule', { ruleUID: ruleUid })).text,
      /^GRAFANA_ERR_ALERT_RULE_NOT_FOUND/,
    );
  });

  t.test('grafana_delete_folder refuses a folder with alert rules unless forceDeleteRules', async (t) => {
    await s.callJson('grafana_create_alert_rule', {
      title: `cnmcp keep ${RUN}`,
      condition: 'C',
      folderUID: folderUid,
      data,
    });
    const refused = await s.call('grafana_delete_folder', { uid: folderUid });
    t.match(refused.text, /^GRAFANA_ERR_FOLDER_HAS_ALERT_RULES/);
    t.match(refused.text, /forceDeleteRules: true/);
    t.match(await s.callJson<Json>('grafana_delete_folder', { uid: folderUid, forceDeleteRules: true }), {
      deleted: folderUid,
    });
  });
}
