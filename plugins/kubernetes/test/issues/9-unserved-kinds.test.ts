// A cluster that does not serve every built-in API (kcp, a virtual cluster: no batch/v1) made the multi-kind
// scans fail as a whole. A kind the cluster does not serve is now reported like a forbidden one, and the other
// kinds are still scanned.
import t from 'tap';
import { setup, json, type Setup } from '../helpers.js';

let s: Setup;
t.before(async () => {
  s = await setup({ emulator: { unserved: ['batch/v1'] } });
});
t.teardown(async () => {
  await s?.close();
});

t.test('the emulator really serves no batch/v1', async (t) => {
  const versions = json((await s.mcp.call('kubernetes_get_api_versions')).text);
  t.notOk(versions.apiVersions.includes('batch/v1'));
  t.ok(versions.apiVersions.includes('apps/v1'));
});

t.test('get_unhealthy_resources scans the served kinds and names the unserved one', async (t) => {
  const r = await s.mcp.call('kubernetes_get_unhealthy_resources', { namespace: 'shop' });
  t.notOk(r.isError, r.text.slice(0, 300));
  const out = json(r.text);
  const names = out.items.map((i: { name: string }) => i.name);
  t.ok(names.includes('api-6f9d8c7b5-x9p4d'), 'the crashing pod is still found');
  t.ok(names.includes('api'), 'the unavailable Deployment is still found');
  t.notOk(names.includes('migrate'), 'no Job can be reported');
  t.ok(
    out.notes.some((n: string) =>
      /^Job: KUBERNETES_ERR_UNKNOWN_KIND \(not served by this cluster; not checked\)/.test(n),
    ),
    `the unserved kind is named (${JSON.stringify(out.notes)})`,
  );
});

t.test('an explicit list of kinds with unserved ones still answers', async (t) => {
  const r = await s.mcp.call('kubernetes_get_unhealthy_resources', {
    resourceTypes: ['CronJob', 'Job', 'Pod'],
    namespace: 'shop',
  });
  t.notOk(r.isError, r.text.slice(0, 300));
  const out = json(r.text);
  t.ok(out.items.some((i: { kind: string }) => i.kind === 'Pod'));
  t.equal(out.notes.filter((n: string) => /not served by this cluster/.test(n)).length, 2);
});

t.test('search_resources over the default kinds skips Job and CronJob', async (t) => {
  const r = await s.mcp.call('kubernetes_search_resources', { query: 'api', namespace: 'shop' });
  t.notOk(r.isError, r.text.slice(0, 300));
  const out = json(r.text);
  t.ok(out.total > 0, 'pods and deployments are found');
  t.ok(out.notes.some((n: string) => n.startsWith('Job: ')));
  t.ok(out.notes.some((n: string) => n.startsWith('CronJob: ')));
});

t.test('a kind the cluster does not serve is still an error when asked for alone', async (t) => {
  const r = await s.mcp.call('kubernetes_list_resources_summary', { kind: 'Job', namespace: 'shop' });
  t.ok(r.isError);
  t.match(r.text, /^KUBERNETES_ERR_UNKNOWN_KIND: the cluster serves no resource "Job"/);
});
