// Datasources and queries through an MCP client, with the emulator in front of a real Prometheus and
// Alertmanager: a PromQL query through /api/ds/query returns what Prometheus holds; secrets never come back
// and never reach the audit record.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { GAUGES, grafanaBackend } from './helpers/backends.js';
import { RUN, prometheusUid } from './helpers/fixture.js';
import { grafanaServer } from './helpers/server.js';

type Json = Record<string, any>;

const backend = await grafanaBackend({ withBackends: true });
if ('skip' in backend) t.plan(0, backend.skip);
else {
  const auditDir = await mkdtemp(join(tmpdir(), 'cnmcp-grafana-audit-'));
  const auditFile = join(auditDir, 'audit.jsonl');
  const s = await grafanaServer(backend, { core: { audit: { file: auditFile } } });
  t.teardown(async () => {
    await s.close();
    await backend.stop();
  });
  const prom = await prometheusUid(s);
  const live = backend.live;

  t.test('grafana_datasources_summary: uid, name, type; a bad cursor', async (t) => {
    const out = await s.callJson<Json>('grafana_datasources_summary', {});
    t.ok(out.items.some((d: Json) => d.uid === prom && d.type === 'prometheus'));
    t.match((await s.call('grafana_datasources_summary', { cursor: '!!' })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
  });

  t.test('grafana_datasources: settings without secrets; a bad limit', async (t) => {
    const r = await s.call('grafana_datasources', { limit: 50 });
    t.notOk(r.isError);
    t.notMatch(r.text, /password|secureJsonData|hunter2|loki-basic-secret/);
    t.match((await s.call('grafana_datasources', { limit: 'many' })).text, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
  });

  t.test('grafana_datasource_detail: never a password, even from a Grafana that sends one; unknown uid', async (t) => {
    const out = await s.callJson<Json>('grafana_datasource_detail', { uid: live ? prom : 'legacy-mysql' });
    t.notOk('password' in out);
    t.notOk('basicAuthPassword' in out);
    t.notOk('secureJsonData' in out);
    if (!live) t.equal(out.user, 'grafana');
    const r = await s.call('grafana_datasource_detail', { uid: `${RUN}-none` });
    t.match(r.text, new RegExp(`^GRAFANA_ERR_DATASOURCE_NOT_FOUND: datasource uid "${RUN}-none" not found`));
  });

  t.test('grafana_get_datasource_by_name: found; unknown name', async (t) => {
    const first = (await s.callJson<Json>('grafana_datasource_detail', { uid: prom })).name;
    const out = await s.callJson<Json>('grafana_get_datasource_by_name', { name: first });
    t.equal(out.uid, prom);
    t.match(
      (await s.call('grafana_get_datasource_by_name', { name: `${RUN} none` })).text,
      /^GRAFANA_ERR_DATASOURCE_NOT_FOUND/,
    );
  });

  t.test('grafana_check_datasource_health: the real Prometheus is healthy; unknown uid', async (t) => {
    const out = await s.callJson<Json>('grafana_check_datasource_health', { uid: prom });
    t.match(out, { healthy: true, status: 'OK' });
    if (!live) {
      const loki = await s.callJson<Json>('grafana_check_datasource_health', { uid: 'loki' });
      t.match(loki, { healthy: false, status: 'ERROR', message: /Unable to connect with Loki/ });
    }
    t.match(
      (await s.call('grafana_check_datasource_health', { uid: `${RUN}-none` })).text,
      /^GRAFANA_ERR_DATASOURCE_NOT_FOUND/,
    );
  });

  t.test('grafana_query_datasource: an instant PromQL query returns what Prometheus holds', async (t) => {
    const out = await s.callJson<Json>('grafana_query_datasource', {
      datasourceUid: prom,
      expr: 'cnmcp_test_gauge',
      instant: true,
    });
    t.equal(out.status, 200);
    if (!live) {
      const values = Object.fromEntries(out.series.map((x: Json) => [x.labels.kind, x.last.value]));
      t.same(values, { alpha: GAUGES.alpha, beta: GAUGES.beta });
    }
  });

  t.test('grafana_query_datasource: a range query is summarised per series with its step', async (t) => {
    const out = await s.callJson<Json>('grafana_query_datasource', {
      datasourceUid: prom,
      expr: 'sum(cnmcp_test_gauge)',
      from: 'now-2m',
      to: 'now',
      step: '10s',
    });
    t.equal(out.step, '10s');
    if (!live) {
      t.equal(out.series_total, 1);
      t.equal(out.series[0].last.value, GAUGES.alpha + GAUGES.beta);
      t.ok(out.series[0].points >= 1);
    }
  });

  t.test('grafana_query_datasource: the cost guard coarsens or refuses a too-fine step', async (t) => {
    const coarse = await s.callJson<Json>('grafana_query_datasource', {
      datasourceUid: prom,
      expr: 'up',
      from: 'now-30d',
      step: '1s',
    });
    t.match(coarse.step_adjusted, /points per series, more than 11000/);
    const r = await s.call('grafana_query_datasource', {
      datasourceUid: prom,
      expr: 'up',
      from: 'now-30d',
      step: '1s',
      adjust_step: false,
    });
    t.match(r.text, /^GRAFANA_ERR_QUERY_TOO_EXPENSIVE: step 1s over 30d gives 2592001 points per series/);
  });

  t.test('grafana_query_datasource: bad PromQL, bad times, unknown datasource', async (t) => {
    const bad = await s.call('grafana_query_datasource', { datasourceUid: prom, expr: 'sum(' });
    t.match(bad.text, /^GRAFANA_ERR_QUERY_FAILED: prometheus datasource .* answered: .*parse error/);
    t.match(
      (await s.call('grafana_query_datasource', { datasourceUid: prom, expr: 'up', from: 'yesterday-ish' })).text,
      /^CNMCP_ERR_TOOL_INPUT_INVALID: from: cannot read/,
    );
    t.match(
      (await s.call('grafana_query_datasource', { datasourceUid: prom, expr: 'up', from: 'now', to: 'now-1h' })).text,
      /^GRAFANA_ERR_QUERY_FAILED: from .* is not before to/,
    );
    t.match(
      (await s.call('grafana_query_datasource', { datasourceUid: `${RUN}-none`, expr: 'up' })).text,
      /^GRAFANA_ERR_DATASOURCE_NOT_FOUND/,
    );
  });

  const name = `cnmcp test ${RUN}`;
  const secret = `s3cr3t-${RUN}`;
  let created: Json = {};

  t.test('grafana_create_datasource: secrets are stored, named, never returned; a duplicate name', async (t) => {
    const r = await s.call('grafana_create_datasource', {
      name,
      type: 'prometheus',
      url: 'http://127.0.0.1:9',
      basicAuth: true,
      basicAuthUser: 'reader',
      basicAuthPassword: secret,
      secureJsonSecrets: { httpHeaderValue1: secret },
      jsonData: { httpHeaderName1: 'X-Scope' },
    });
    t.notOk(r.isError, r.text);
    t.notMatch(r.text, new RegExp(secret));
    created = JSON.parse(r.text);
    t.same(created.secure_fields_set, ['basicAuthPassword', 'httpHeaderValue1']);
    t.same(Object.keys(created.datasource.secureJsonFields).sort(), ['basicAuthPassword', 'httpHeaderValue1']);
    const dup = await s.call('grafana_create_datasource', { name, type: 'prometheus', url: 'http://127.0.0.1:9' });
    t.match(dup.text, /^GRAFANA_ERR_NAME_EXISTS: Grafana: data source with the same name already exists/);
  });

  t.test('grafana_update_datasource: PUT /api/datasources/uid/{uid}; unknown uid', async (t) => {
    const uid = created.datasource.uid;
    const out = await s.callJson<Json>('grafana_update_datasource', {
      uid,
      name,
      type: 'prometheus',
      url: 'http://127.0.0.1:10',
      password: secret,
    });
    t.equal(out.datasource.url, 'http://127.0.0.1:10');
    t.same(out.secure_fields_set, ['password']);
    if (backend.emulator)
      t.ok(backend.emulator.requests.some((q) => q.method === 'PUT' && q.path === `/api/datasources/uid/${uid}`));
    const r = await s.call('grafana_update_datasource', {
      uid: `${RUN}-none`,
      name,
      type: 'prometheus',
      url: 'http://x:1',
    });
    t.match(r.text, /^GRAFANA_ERR_DATASOURCE_NOT_FOUND/);
  });

  t.test('the audit record masks the secrets the writes carried', async (t) => {
    const audit = await readFile(auditFile, 'utf8');
    t.match(audit, /grafana_create_datasource/);
    t.notMatch(audit, new RegExp(secret));
  });

  t.test('grafana_delete_datasource: deletes; then it is not found', async (t) => {
    const uid = created.datasource.uid;
    t.match(await s.callJson<Json>('grafana_delete_datasource', { uid }), { deleted: uid, name });
    t.match((await s.call('grafana_delete_datasource', { uid })).text, /^GRAFANA_ERR_DATASOURCE_NOT_FOUND/);
  });
}
