// The plugin API as plugin authors use it: tool groups (toolsets), core-owned backends, providers,
// composition through ctx.callTool, and what the agent sees of each.
import t from 'tap';
import { startEmulator, startTestServer, type Emulator } from '@cnmcp/core/testing';
import { ReportPlugin, RegionPlugin, ShopPlugin } from './fixtures/grouped-plugins.js';

let shop: Emulator;
t.before(async () => {
  shop = await startEmulator({
    'GET /healthz': () => ({ status: 404, body: 'no such path' }),
    'GET /items': () => [
      { id: 'a', cents: 150 },
      { id: 'b', cents: 275 },
      { id: 'c', cents: 1000 },
    ],
    'GET /items/:id': (req) =>
      req.params.id === 'a' ? { id: 'a', cents: 150 } : { status: 404, body: { message: 'not found' } },
    'POST /orders': (req) => ({ status: 201, body: { ordered: (req.json as { item: string }).item } }),
  });
});
t.teardown(() => shop.close());

const shopConfig = () => ({ shop: { currency: 'USD', targets: { main: { url: shop.url } } } });

t.test('groups become toolsets; only default toolsets are listed unless config enables more', async (t) => {
  const h = await startTestServer({ plugins: [ShopPlugin], config: { ...shopConfig(), toolsets: {} } });
  t.teardown(() => h.close());
  t.same(await h.toolNames(), ['shop_get_item', 'shop_list_backends', 'shop_list_items']);
  const hidden = await h.call('shop_place_order', { id: 'a' });
  t.equal(hidden.isError, true);
  t.match(hidden.text, /^CNMCP_ERR_TOOL_DISABLED: .*toolset shop\/orders, which is not enabled/);

  const all = await startTestServer({
    plugins: [ShopPlugin],
    config: { ...shopConfig(), toolsets: { enabled: ['shop/*'] } },
  });
  t.teardown(() => all.close());
  t.same(await all.toolNames(), [
    'shop_cancel_order',
    'shop_get_item',
    'shop_list_backends',
    'shop_list_items',
    'shop_place_order',
  ]);
  const some = await startTestServer({
    plugins: [ShopPlugin],
    config: { ...shopConfig(), toolsets: { enabled: ['shop/orders'] } },
  });
  t.teardown(() => some.close());
  t.same(await some.toolNames(), ['shop_cancel_order', 'shop_place_order']);
});

t.test('group defaults apply to each tool; a tool may override them', async (t) => {
  const h = await startTestServer({ plugins: [ShopPlugin], config: shopConfig() });
  t.teardown(() => h.close());
  const { tools } = await h.client.listTools();
  const byName = Object.fromEntries(tools.map((x) => [x.name, x]));
  t.equal(byName.shop_list_items.annotations?.readOnlyHint, true);
  t.equal(byName.shop_place_order.annotations?.destructiveHint, false);
  t.equal(byName.shop_cancel_order.annotations?.destructiveHint, true);
});

t.test('a plugin without a configured backend is not listed by default, but answers with the key to set', async (t) => {
  const h = await startTestServer({ plugins: [ShopPlugin, RegionPlugin], config: { toolsets: {} } });
  t.teardown(() => h.close());
  t.same(await h.toolNames(), []);
  const r = await h.call('shop_list_items', {});
  t.equal(r.isError, true);
  t.match(r.text, /^CNMCP_ERR_BACKEND_NOT_CONFIGURED: shop has no backend configured/);
  t.match(r.text, /shop\.targets\.<name>\.url .*SHOP_URL/);
  const region = await h.call('region_where', {});
  t.match(region.text, /Hint: Set region\.regions/);
  const listed = await startTestServer({ plugins: [ShopPlugin], config: { toolsets: { listUnconfigured: true } } });
  t.teardown(() => listed.close());
  t.ok((await listed.toolNames()).includes('shop_list_items'));
});

t.test('the core owns the backend: targets config, the target argument, ctx.backend, list_backends', async (t) => {
  const h = await startTestServer({
    plugins: [ShopPlugin],
    config: { shop: { targets: { main: { url: shop.url }, spare: { url: shop.url } }, defaultTarget: 'spare' } },
  });
  t.teardown(() => h.close());
  const { tools } = await h.client.listTools();
  const list = tools.find((x) => x.name === 'shop_list_items')!;
  t.ok((list.inputSchema.properties as Record<string, unknown>).target, 'every tool takes target');
  const page = await h.callJson<{
    target: string;
    total: number;
    items: Array<{ price: string }>;
    next_cursor: string;
  }>('shop_list_items', { limit: 2 });
  t.equal(page.target, 'spare', 'the default target');
  t.equal(
    (page as { order?: string }).order,
    'id',
    'defaults of optional arguments are filled in (the target argument does not lose them)',
  );
  t.equal(page.total, 3);
  t.same(page.items[0], { id: 'a', price: '1.50 EUR' }, 'providers are injected into groups');
  const next = await h.callJson<{ items: unknown[]; target: string }>('shop_list_items', {
    limit: 2,
    cursor: page.next_cursor,
    target: 'main',
  });
  t.equal(next.items.length, 1);
  t.equal(next.target, 'main');
  const unknown = await h.call('shop_list_items', { target: 'nope' });
  t.match(unknown.text, /^CNMCP_ERR_BACKEND_TARGET_UNKNOWN: shop has no target named 'nope'/);
  const backends = await h.callJson<{ default: string; targets: Array<{ name: string; url: string }> }>(
    'shop_list_backends',
  );
  t.equal(backends.default, 'spare');
  t.same(
    backends.targets.map((x) => x.name),
    ['main', 'spare'],
  );
  const bad = await h.call('shop_list_items', { cursor: 'garbage' });
  t.match(bad.text, /^CNMCP_ERR_TOOL_INPUT_INVALID: cursor: "garbage" is not a cursor this tool gave out/);
});

t.test('backend failures carry their status: a 404 becomes the plugin domain error', async (t) => {
  const h = await startTestServer({ plugins: [ShopPlugin], config: shopConfig() });
  t.teardown(() => h.close());
  const r = await h.call('shop_get_item', { id: 'zz' });
  t.match(r.text, /^SHOP_ERR_ITEM_NOT_FOUND: no item "zz"\nHint: List the items with shop_list_items\./);
});

t.test('health: a 404 on the probe path is not an outage; a dead target is', async (t) => {
  const h = await startTestServer({
    plugins: [ShopPlugin],
    config: { shop: { targets: { main: { url: shop.url }, dead: { url: 'http://127.0.0.1:1' } } } },
  });
  t.teardown(() => h.close());
  const [report] = await h.server.health.checkAll();
  t.equal(report.status, 'ok');
  t.equal(report.targets?.main.status, 'ok');
  t.equal(report.targets?.dead.status, 'degraded');
  const ok = await h.call('shop_get_item', { id: 'a' });
  t.equal(ok.isError, false, 'calls to the healthy target go on');
  const down = await h.call('shop_get_item', { id: 'a', target: 'dead' });
  t.match(down.text, /^CNMCP_ERR_SERVICE_UNAVAILABLE: target 'dead' of shop is degraded/);
});

t.test('non-HTTP backends plug in through a provider, with their own argument name', async (t) => {
  const h = await startTestServer({ plugins: [RegionPlugin], config: { region: { regions: ['eu', 'us'] } } });
  t.teardown(() => h.close());
  t.same(await h.callJson('region_where', {}), { region: 'eu', target: 'eu' });
  t.same(await h.callJson('region_where', { region: 'us' }), { region: 'us', target: 'us' });
  const { tools } = await h.client.listTools();
  t.ok((tools.find((x) => x.name === 'region_where')!.inputSchema.properties as Record<string, unknown>).region);
  t.same(await h.callJson('region_list_backends'), { default: 'eu', targets: [{ name: 'eu' }, { name: 'us' }] });
});

t.test('plugins compose through ctx.callTool, with errors and cycles reported', async (t) => {
  const records: Array<{ tool: string; parent?: { tool: string } }> = [];
  const h = await startTestServer({ plugins: [ShopPlugin, ReportPlugin], config: shopConfig() });
  t.teardown(() => h.close());
  h.server.host.observers.push((r) => void records.push(r));
  t.same(await h.callJson('report_item', { id: 'a' }), { report: 'item a exists' });
  t.same(
    records.map((r) => [r.tool, r.parent?.tool]),
    [
      ['shop_get_item', 'report_item'],
      ['report_item', undefined],
    ],
    'the nested call is recorded with its parent',
  );
  const missing = await h.call('report_item', { id: 'zz' });
  t.match(missing.text, /^SHOP_ERR_ITEM_NOT_FOUND: no item "zz"/, "the callee's error comes back as it is");
  const loop = await h.call('report_item', { id: 'a', loop: true });
  t.match(loop.text, /^CNMCP_ERR_TOOL_CALL_CYCLE: report_item may not call report_item/);

  const alone = await startTestServer({ plugins: [ReportPlugin] });
  t.teardown(() => alone.close());
  const absent = await alone.call('report_item', { id: 'a' });
  t.match(
    absent.text,
    /^CNMCP_ERR_TOOL_NOT_FOUND: report_item needs the tool shop_get_item, which no loaded plugin serves/,
  );
});

t.test('dynamic toolsets: meta tools list, show and enable a toolset for this session', async (t) => {
  const h = await startTestServer({ plugins: [ShopPlugin], config: { ...shopConfig(), toolsets: { dynamic: true } } });
  t.teardown(() => h.close());
  const before = await h.toolNames();
  t.ok(before.includes('cnmcp_enable_toolset'));
  t.notOk(before.includes('shop_place_order'));
  const listed = await h.callJson<{ toolsets: Array<{ toolset: string; tools: number; enabled: boolean }> }>(
    'cnmcp_list_toolsets',
  );
  t.same(
    listed.toolsets.map((x) => [x.toolset, x.tools, x.enabled]),
    [
      ['shop/catalog', 2, true],
      ['shop/orders', 2, false],
      ['shop/backends', 1, true],
    ],
  );
  const shown = await h.callJson<{ tools: Array<{ name: string }> }>('cnmcp_get_toolset_tools', {
    toolset: 'shop/orders',
  });
  t.same(
    shown.tools.map((x) => x.name),
    ['shop_place_order', 'shop_cancel_order'],
  );
  let changed = 0;
  h.client.setNotificationHandler('notifications/tools/list_changed', () => void changed++);
  const enabled = await h.call('cnmcp_enable_toolset', { toolset: 'shop/orders' });
  t.equal(enabled.isError, false);
  await new Promise((r) => setTimeout(r, 50));
  t.equal(changed, 1, 'list_changed was sent');
  t.ok((await h.toolNames()).includes('shop_place_order'));
  t.same(await h.callJson('shop_place_order', { id: 'b' }), { ordered: 'b' });
  const unknown = await h.call('cnmcp_enable_toolset', { toolset: 'shop/nope' });
  t.match(unknown.text, /^CNMCP_ERR_TOOLSET_UNKNOWN: no toolset named "shop\/nope"\nHint: Use one of: shop\/catalog/);
});
