// Toolsets: by default only kubernetes/read and kubernetes/health are listed (a small, cheap tools/list); every
// toolset can be enabled, and the 35 tools keep their names.
import t from 'tap';
import { setup, type Setup } from './helpers.js';

const DEFAULT_TOOLS = [
  'kubernetes_analyze_issue',
  'kubernetes_describe_resource',
  'kubernetes_get_pod_logs',
  'kubernetes_get_recent_events',
  'kubernetes_get_resource',
  'kubernetes_get_resource_summary',
  'kubernetes_get_unhealthy_resources',
  'kubernetes_list_contexts',
  'kubernetes_list_resources_summary',
  'kubernetes_search_resources',
];

let all: Setup;
let defaults: Setup;
t.before(async () => {
  all = await setup();
  defaults = await setup({ core: { toolsets: {} } });
});
t.teardown(async () => {
  await all?.close();
  await defaults?.close();
});

t.test('the default selection is the read and health toolsets, under 16 KB', async (t) => {
  const { tools } = await defaults.mcp.client.listTools();
  const mine = tools.filter((x) => x.name.startsWith('kubernetes_'));
  t.same(mine.map((x) => x.name).sort(), DEFAULT_TOOLS);
  const bytes = Buffer.byteLength(JSON.stringify(mine));
  t.ok(bytes < 16_000, `default kubernetes tools/list is ${bytes} bytes`);
  const r = await defaults.mcp.call('kubernetes_get_resource_summary', {
    kind: 'Pod',
    name: 'db-0',
    namespace: 'shop',
  });
  t.notOk(r.isError, r.text);
});

t.test('every toolset enabled serves all 35 tools and no list_backends tool', async (t) => {
  const names = (await all.mcp.toolNames()).filter((n) => n.startsWith('kubernetes_'));
  t.equal(names.length, 35);
  t.notOk(names.includes('kubernetes_list_backends'), 'kubernetes_list_contexts is the list of targets');
});
