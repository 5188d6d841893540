// D3: user input is never looked up in a plain object's prototype chain (format, target, argument names, counts).
import t from 'tap';
import { countBy, ownValue } from '@cnmcp/core';
import { startEmulator, startTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';
import { ShopPlugin } from '../fixtures/grouped-plugins.js';

const INHERITED = ['constructor', 'hasOwnProperty', 'toString', 'valueOf', '__proto__', '__defineGetter__'];

t.test('utilities_get_time with an inherited name as format gets a clear format error', async (t) => {
  const h = await startTestServer({ plugins: [UtilitiesPlugin] });
  t.teardown(() => h.close());
  for (const format of INHERITED) {
    const r = await h.call('utilities_get_time', { format });
    t.ok(r.isError, `${format} is refused`);
    t.match(r.text, /^UTILITIES_ERR_FORMAT_INVALID/, `${format}: the format error, not an internal one`);
    t.notMatch(r.text, /is not a function|CNMCP_ERR_INTERNAL/);
  }
  const kitchen = await h.callJson<{ time: string }>('utilities_get_time', { format: 'kitchen' });
  t.match(kitchen.time, /^\d{1,2}:\d{2}(AM|PM)$/, 'named layouts still resolve, case-insensitively');
});

t.test('a target named after an inherited property is an unknown target', async (t) => {
  const shop = await startEmulator({ 'GET /healthz': () => ({ status: 200, body: 'ok' }) });
  t.teardown(() => shop.close());
  const h = await startTestServer({
    plugins: [ShopPlugin],
    config: { shop: { targets: { main: { url: shop.url } } } },
  });
  t.teardown(() => h.close());
  for (const target of INHERITED) {
    const r = await h.call('shop_get_item', { id: 'a', target });
    t.ok(r.isError, `${target} is refused`);
    t.match(r.text, /CNMCP_ERR_BACKEND_TARGET_UNKNOWN|CNMCP_ERR_TOOL_INPUT_INVALID/, `${target}: a typed error`);
    t.notMatch(r.text, /CNMCP_ERR_INTERNAL|is not a function/);
  }
});

t.test('own-key helpers ignore inherited properties', async (t) => {
  t.equal(ownValue({ a: 1 }, 'constructor'), undefined);
  t.equal(ownValue({ a: 1 }, 'a'), 1);
  const counts = countBy(['constructor', 'constructor', '__proto__', 'toString'], (x) => x);
  t.equal(counts.constructor, 2);
  t.equal(Object.getOwnPropertyDescriptor(counts, '__proto__')?.value, 1);
  t.equal(counts.toString, 1);
});
