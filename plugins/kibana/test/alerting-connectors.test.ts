// Alerting rules and connectors through an MCP client: the real /api/alerting/rule and /api/actions paths.
import t from 'tap';
import { kibanaBackend, kibanaServer, unique } from './helpers/backend.js';

const backend = await kibanaBackend();
t.teardown(() => backend.close());
const mcp = await kibanaServer(backend);
t.teardown(() => mcp.close());

t.test('connectors: types, create, list, read, update, test run, delete', async (t) => {
  const types = await mcp.callJson<{ connector_types: Array<{ id: string }> }>('kibana_get_connector_types', {});
  t.ok(types.connector_types.some((c) => c.id === '.index'));
  const index = unique('alerts-out').toLowerCase();
  const created = await mcp.callJson<{ created: { id: string; connector_type_id: string } }>(
    'kibana_create_connector',
    { name: unique('to-index'), connectorTypeId: '.index', config: { index } },
  );
  const id = created.created.id;
  t.equal(created.created.connector_type_id, '.index');
  t.ok(
    (await mcp.callJson<{ connectors: Array<{ id: string }> }>('kibana_get_connectors', {})).connectors.some(
      (c) => c.id === id,
    ),
  );
  t.same((await mcp.callJson<{ config: { index: string } }>('kibana_get_connector', { connector_id: id })).config, {
    index,
  });
  const upd = await mcp.callJson<{ updated: { name: string; config: { index: string } } }>('kibana_update_connector', {
    connector_id: id,
    name: 'renamed',
  });
  t.same([upd.updated.name, upd.updated.config.index], ['renamed', index], 'config kept when not given');
  const run = await mcp.callJson<{ status: string; documents_written: number }>('kibana_test_connector', {
    connector_id: id,
    body: { documents: [{ msg: 'hello' }] },
  });
  t.same([run.status, run.documents_written], ['ok', 1]);
  if (backend.store) t.equal(backend.store.docs(index).length, 1, 'the .index connector wrote into the shared store');
  t.equal(
    (await mcp.callJson<{ deleted: { id: string } }>('kibana_delete_connector', { connector_id: id })).deleted.id,
    id,
  );
});

t.test('rules: types, create, list, read, update, enable/disable, mute/unmute, history, alerts, delete', async (t) => {
  const types = await mcp.callJson<{ rule_types: Array<{ id: string }> }>('kibana_get_alert_rule_types', {});
  t.ok(types.rule_types.some((r) => r.id === '.index-threshold'));
  const log = await mcp.callJson<{ created: { id: string } }>('kibana_create_connector', {
    name: unique('log'),
    connectorTypeId: '.server-log',
  });
  const name = unique('High error rate');
  const created = await mcp.callJson<{
    created: { id: string; enabled: boolean; interval: string; actions: Array<{ group: string }> };
  }>('kibana_create_alert_rule', {
    name,
    alertTypeId: '.index-threshold',
    schedule: { interval: '1m' },
    params: {
      index: ['logs-*'],
      timeField: '@timestamp',
      aggType: 'count',
      groupBy: 'all',
      thresholdComparator: '>',
      threshold: [100],
      timeWindowSize: 5,
      timeWindowUnit: 'm',
    },
    actions: [{ id: log.created.id, params: { message: 'too many errors' } }],
    tags: ['prod'],
  });
  const id = created.created.id;
  t.same([created.created.enabled, created.created.interval], [true, '1m']);
  t.equal(created.created.actions[0].group, 'threshold met', "the rule type's default action group was filled in");
  const listed = await mcp.callJson<{ rules: Array<{ id: string }> }>('kibana_get_alert_rules', {
    filter: 'alert.attributes.tags:prod',
    enabled: true,
    per_page: 100,
  });
  t.ok(listed.rules.some((r) => r.id === id));
  const upd = await mcp.callJson<{ updated: { name: string; tags: string[]; interval: string }; changed: string[] }>(
    'kibana_update_alert_rule',
    { rule_id: id, schedule: { interval: '5m' } },
  );
  t.same([upd.updated.name, upd.updated.tags, upd.updated.interval, upd.changed], [name, ['prod'], '5m', ['schedule']]);
  t.equal(
    (await mcp.callJson<{ rule: { enabled: boolean } }>('kibana_disable_alert_rule', { rule_id: id })).rule.enabled,
    false,
  );
  t.equal(
    (await mcp.callJson<{ rule: { enabled: boolean } }>('kibana_enable_alert_rule', { rule_id: id })).rule.enabled,
    true,
  );
  const snoozed = await mcp.callJson<{ snoozed_until: string }>('kibana_mute_alert_rule', {
    rule_id: id,
    duration: '2h',
  });
  t.ok(Date.parse(snoozed.snoozed_until) > Date.now() + 3_500_000, 'snoozed for about two hours');
  t.equal(
    (await mcp.callJson<{ muted: boolean }>('kibana_mute_alert_rule', { rule_id: id, duration: 'indefinite' })).muted,
    true,
  );
  const unmuted = await mcp.callJson<{ muted: boolean; snoozes_removed: number }>('kibana_unmute_alert_rule', {
    rule_id: id,
  });
  t.same([unmuted.muted, unmuted.snoozes_removed], [false, 1]);
  const rule = await mcp.callJson<{ snoozed_until?: string; params: { threshold: number[] } }>(
    'kibana_get_alert_rule',
    { rule_id: id },
  );
  t.same([rule.snoozed_until, rule.params.threshold], [undefined, [100]]);
  const history = await mcp.callJson<{ runs: Array<{ status: string }>; total: number }>(
    'kibana_get_alert_rule_history',
    { rule_id: id, since: 'now-1h' },
  );
  if (backend.emulator) t.ok(history.total >= 1 && history.runs[0].status === 'success');
  if (backend.emulator) {
    backend.emulator.repository.update('alert', id, 'default', {
      attributes: { executionStatus: { status: 'active', lastExecutionDate: new Date().toISOString() } },
    });
    const alerts = await mcp.callJson<{ rules: Array<{ id: string; status: string }> }>('kibana_get_alerts', {});
    t.same(
      alerts.rules.map((r) => [r.id, r.status]),
      [[id, 'active']],
      'only the rule that is alerting',
    );
  } else t.type((await mcp.callJson<{ total: number }>('kibana_get_alerts', {})).total, 'number');
  t.equal(
    (await mcp.callJson<{ deleted: { id: string } }>('kibana_delete_alert_rule', { rule_id: id })).deleted.id,
    id,
  );
  await mcp.callJson('kibana_delete_connector', { connector_id: log.created.id });
  if (backend.emulator) {
    const paths = backend.emulator.requests.map((r) => `${r.method} ${r.path}`);
    t.ok(
      paths.includes(`POST /api/alerting/rule/${id}/_mute_all`) &&
        paths.includes(`POST /api/alerting/rule/${id}/snooze_schedule`),
    );
    t.notOk(
      paths.some((p) => p.includes('/api/api/')),
      'no /api/api paths',
    );
  }
});
