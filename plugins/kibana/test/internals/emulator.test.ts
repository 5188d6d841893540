// The Kibana emulator answers as Kibana does: status codes and error bodies, kbn-xsrf, auth, space
// routing, saved objects in `.kibana` of a store shared with the Elasticsearch emulator.
import t from 'tap';
import { DocumentStore } from '@cnmcp/plugin-elasticsearch/testing';
import { startKibanaEmulator, KIBANA_INDEX } from '../../src/testing.js';
import { KibanaClient } from '../../src/client.js';
import { basic, fetchTransport, type HttpStatusError } from '../helpers/transport.js';

const store = new DocumentStore();
const kbn = await startKibanaEmulator({ store });
t.teardown(() => kbn.close());
const admin = basic('elastic', 'changeme');
const client = new KibanaClient(fetchTransport(kbn.url, admin));

async function raw(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(kbn.url + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

t.test('writes without kbn-xsrf are refused with Kibana body', async (t) => {
  const res = await raw(
    'POST',
    '/api/saved_objects/dashboard',
    { authorization: admin },
    { attributes: { title: 'x' } },
  );
  t.equal(res.status, 400);
  t.same(res.body, { statusCode: 400, error: 'Bad Request', message: 'Request must contain a kbn-xsrf header.' });
});

t.test('authentication: none, wrong, basic, ApiKey, read-only user', async (t) => {
  const none = await raw('GET', '/api/status');
  t.equal(none.status, 401);
  t.same(none.body, { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' });
  t.match(none.headers.get('www-authenticate'), /Basic/);
  t.equal((await raw('GET', '/api/status', { authorization: basic('elastic', 'nope') })).status, 401);
  const ok = await raw('GET', '/api/status', { authorization: `ApiKey ${kbn.apiKey}` });
  t.equal(ok.status, 200);
  t.match(ok.body, { version: { number: String }, status: { overall: { level: 'available' } } });
  const viewer = basic('viewer', 'viewer-pass');
  const denied = await raw(
    'POST',
    '/api/saved_objects/dashboard',
    { authorization: viewer, 'kbn-xsrf': 'true' },
    { attributes: { title: 'x' } },
  );
  t.same(denied.body, { statusCode: 403, error: 'Forbidden', message: 'Unable to create dashboard' });
  t.equal((await raw('GET', '/api/saved_objects/_find?type=dashboard', { authorization: viewer })).status, 200);
});

t.test('saved objects live in .kibana; 404 and 409 bodies; version conflicts', async (t) => {
  const created = await client.create('dashboard', { title: 'Ops overview', panelsJSON: '[]' }, { id: 'ops' });
  t.equal(created.id, 'ops');
  t.ok(store.get(KIBANA_INDEX, 'dashboard:ops'), 'stored as <type>:<id> in .kibana');
  const again = await client.create('dashboard', { title: 'dup' }, { id: 'ops' }).catch((e: HttpStatusError) => e);
  t.same((again as HttpStatusError).body, {
    statusCode: 409,
    error: 'Conflict',
    message: 'Saved object [dashboard/ops] conflict',
  });
  const missing = await client.get('dashboard', 'nope').catch((e: HttpStatusError) => e);
  t.same((missing as HttpStatusError).body, {
    statusCode: 404,
    error: 'Not Found',
    message: 'Saved object [dashboard/nope] not found',
  });
  const updated = await client.update('dashboard', 'ops', {
    attributes: { description: 'd' },
    version: created.version,
  });
  t.equal(updated.attributes.description, 'd');
  const stale = await client
    .update('dashboard', 'ops', { attributes: { description: 'e' }, version: created.version })
    .catch((e: HttpStatusError) => e);
  t.equal((stale as HttpStatusError).status, 409);
  const found = await client.find({ type: 'dashboard', search: 'ops*' });
  t.equal(found.total, 1);
  t.equal(found.saved_objects[0].attributes.title, 'Ops overview');
});

t.test('space routing: /s/{space}/api isolates objects; unknown spaces are 404', async (t) => {
  await client.createSpace({ id: 'team-a', name: 'Team A' });
  const a = client.inSpace('team-a');
  await a.create('visualization', { title: 'Only in A', visState: '{"type":"line"}' }, { id: 'viz-a' });
  t.equal((await a.find({ type: 'visualization' })).total, 1);
  t.equal((await client.find({ type: 'visualization' })).total, 0);
  t.ok(kbn.requests.some((r) => r.space === 'team-a' && r.path === '/api/saved_objects/_find'));
  const nowhere = await client
    .inSpace('nowhere')
    .find({ type: 'dashboard' })
    .catch((e: HttpStatusError) => e);
  t.equal((nowhere as HttpStatusError).status, 404);
  await client.deleteSpace('team-a');
  t.notOk(store.get(KIBANA_INDEX, 'visualization:viz-a'), 'deleting a space deletes its objects');
  const reserved = await client.deleteSpace('default').catch((e: HttpStatusError) => e);
  t.equal((reserved as HttpStatusError).status, 400);
});

t.test('export NDJSON and multipart import with conflicts and overwrite', async (t) => {
  const ndjson = await client.exportNdjson({ objects: [{ type: 'dashboard', id: 'ops' }] });
  const lines = ndjson
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  t.equal(lines.length, 2);
  t.match(lines[1], { exportedCount: 1, missingRefCount: 0 });
  const conflicted = await client.importNdjson(ndjson);
  t.equal(conflicted.success, false);
  t.match(conflicted.errors, [{ id: 'ops', error: { type: 'conflict' } }]);
  const overwritten = await client.importNdjson(ndjson, { overwrite: true });
  t.match(overwritten, { success: true, successCount: 1, successResults: [{ id: 'ops', overwrite: true }] });
  const copies = await client.importNdjson(ndjson, { createNewCopies: true });
  t.ok(copies.successResults?.[0].destinationId);
  const bad = await raw('POST', '/api/saved_objects/_import', { authorization: admin, 'kbn-xsrf': 'true' }, {});
  t.equal(bad.status, 415);
});

t.test('data views read their fields from the shared store', async (t) => {
  store.index('logs-app', { '@timestamp': '2026-01-01T00:00:00Z', message: 'hello', status: 200 });
  const view = await client.createDataView({ title: 'logs-*', name: 'Logs', timeFieldName: '@timestamp' });
  t.equal(view.title, 'logs-*');
  const full = await client.dataView(view.id);
  t.ok(full.fields?.['@timestamp'], 'time field found in mapping');
  t.equal(full.fields?.status?.type, 'number');
  const dup = await client.createDataView({ title: 'logs-*', name: 'Logs' }).catch((e: HttpStatusError) => e);
  t.equal((dup as HttpStatusError).status, 400);
  await client.setDefaultDataView(view.id);
  t.equal(await client.defaultDataView(), view.id);
  t.equal((await client.dataViews()).length, 1);
});

t.test('alerting rules and connectors', async (t) => {
  const connector = await client.createConnector({
    name: 'to-index',
    connector_type_id: '.index',
    config: { index: 'alerts-out' },
  });
  const rule = await client.createRule({
    name: 'High errors',
    rule_type_id: '.index-threshold',
    consumer: 'alerts',
    schedule: { interval: '1m' },
    params: {},
    actions: [{ group: 'threshold met', id: connector.id, params: {} }],
  });
  t.equal(rule.execution_status?.status, 'ok');
  await client.ruleAction(rule.id, '_mute_all');
  t.equal((await client.rule(rule.id)).mute_all, true);
  const found = await client.findRules({ filter: 'alert.attributes.muteAll:true' });
  t.equal(found.total, 1);
  const log = await client.ruleExecutionLog(rule.id, {
    date_start: new Date(Date.now() - 3600_000).toISOString(),
    page: 1,
    per_page: 10,
  });
  t.equal(log.total, 1);
  const list = await client.connectors();
  t.equal(list[0].referenced_by_count, 1);
  const result = await client.executeConnector(connector.id, { documents: [{ msg: 'x' }] });
  t.equal(result.status, 'ok');
  t.equal(store.docs('alerts-out').length, 1);
  const badType = await client
    .createRule({ name: 'x', rule_type_id: 'nope', consumer: 'alerts', schedule: { interval: '1m' }, params: {} })
    .catch((e: HttpStatusError) => e);
  t.match((badType as HttpStatusError).body, { statusCode: 400, message: /not registered/ });
  const snooze = await client.snoozeRule(rule.id, '1h', new Date().toISOString());
  const scheduleId = snooze.body?.schedule?.id ?? '';
  t.ok(scheduleId, 'snooze_schedule answers { body: { schedule: { id } } }');
  t.ok((await client.rule(rule.id)).is_snoozed_until);
  await client.deleteSnooze(rule.id, scheduleId);
  t.notOk((await client.rule(rule.id)).is_snoozed_until);
  const badSnooze = await client.snoozeRule(rule.id, 'soon', new Date().toISOString()).catch((e: HttpStatusError) => e);
  t.equal((badSnooze as HttpStatusError).status, 400);
  await client.deleteRule(rule.id);
  const gone = await client.rule(rule.id).catch((e: HttpStatusError) => e);
  t.match((gone as HttpStatusError).body, { statusCode: 404, message: `Saved object [alert/${rule.id}] not found` });
});
