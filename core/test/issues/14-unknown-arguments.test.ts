// Issue 14: a call with an argument the tool does not declare still works, and the result says which
// arguments were ignored, with the nearest declared name.
import t from 'tap';
import { startEmulator, startTestServer } from '@cnmcp/core/testing';
import { ShopPlugin } from '../fixtures/grouped-plugins.js';

t.test('a misspelled argument is ignored and named, with a did-you-mean', async (t) => {
  const shop = await startEmulator({
    'GET /healthz': () => ({ status: 200, body: 'ok' }),
    'GET /items': () => ({
      status: 200,
      body: [
        { id: 'a', cents: 100 },
        { id: 'b', cents: 200 },
        { id: 'c', cents: 300 },
      ],
    }),
  });
  t.teardown(() => shop.close());
  const h = await startTestServer({
    plugins: [ShopPlugin],
    config: { shop: { targets: { main: { url: shop.url } } } },
  });
  t.teardown(() => h.close());

  const r = await h.call('shop_list_items', { limitt: 1, colour: 'red' });
  t.equal(r.isError, false, 'the call still works');
  const [result, note] = r.content as Array<{ type: string; text: string }>;
  t.equal((JSON.parse(result.text) as { items: unknown[] }).items.length, 3, 'the misspelled limit had no effect');
  t.match(note.text, /^Note: ignored unknown arguments limitt \(did you mean limit\?\), colour;/);

  const clean = await h.call('shop_list_items', { limit: 1 });
  t.equal(clean.content.length, 1, 'no note when every argument is known');
  t.equal((JSON.parse(clean.text) as { items: unknown[] }).items.length, 1);

  const failed = await h.call('shop_get_item', { ids: 'a' });
  t.equal(failed.isError, true, 'a required argument misspelled still fails validation');
  t.match(failed.text, /CNMCP_ERR_TOOL_INPUT_INVALID/);
  t.match(failed.text, /Note: ignored unknown argument ids \(did you mean id\?\)/, 'and the note says why');
});

t.test('an argument outside a long list of choices names the choices and the nearest one', async (t) => {
  const { UtilitiesPlugin } = await import('@cnmcp/plugin-utilities');
  const h = await startTestServer({ plugins: [UtilitiesPlugin] });
  t.teardown(() => h.close());
  const r = await h.call('utilities_get_timestamp', { unit: 'secnods' });
  t.equal(r.isError, true);
  t.match(
    r.text,
    /^CNMCP_ERR_TOOL_INPUT_INVALID: invalid arguments for utilities_get_timestamp: unit: must be one of /,
  );
  t.match(
    r.text,
    /must be one of seconds \| milliseconds \| .* \| ms \| .*\(got "secnods"\); did you mean seconds\?\n/,
  );
});
