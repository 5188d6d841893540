// D5: error replies are size-capped: a huge argument quoted in an error comes back as a bounded excerpt.
import t from 'tap';
import { startEmulator, startTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';
import { ShopPlugin } from '../fixtures/grouped-plugins.js';

const HUGE = 'x'.repeat(3_000_000);

t.test('a 3 MB time zone comes back as a short error', async (t) => {
  const h = await startTestServer({ plugins: [UtilitiesPlugin] });
  t.teardown(() => h.close());
  const r = await h.call('utilities_get_time', { timezone: HUGE });
  t.ok(r.isError);
  t.match(r.text, /^CNMCP_ERR_TOOL_INPUT_INVALID/, 'beyond the argument limit (D4): refused before the tool runs');
  t.ok(r.text.length < 2_000, `the error is ${r.text.length} characters`);
  const long = await h.call('utilities_get_time', { timezone: 'x'.repeat(200_000) });
  t.match(long.text, /^UTILITIES_ERR_FORMAT_INVALID/, 'within the limit: the tool quotes an excerpt');
  t.ok(long.text.length < 2_000, `the error is ${long.text.length} characters`);
  const f = await h.call('utilities_get_time', { format: HUGE });
  t.ok(f.isError);
  t.ok(f.text.length < 2_000, `the format error is ${f.text.length} characters`);
});

t.test('a core error quoting a huge argument stays within the error budget', async (t) => {
  const shop = await startEmulator({ 'GET /healthz': () => ({ status: 200, body: 'ok' }) });
  t.teardown(() => shop.close());
  const h = await startTestServer({
    plugins: [ShopPlugin],
    config: { shop: { targets: { main: { url: shop.url } } } },
  });
  t.teardown(() => h.close());
  const r = await h.call('shop_get_item', { id: 'a', target: HUGE });
  t.ok(r.isError);
  t.match(r.text, /^CNMCP_ERR_/);
  t.ok(r.text.length <= 9_000, `the error is ${r.text.length} characters`);
});
