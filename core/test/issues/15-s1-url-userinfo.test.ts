// S1: a target URL with userinfo is never echoed (list_backends, errors); the credentials become the target's auth.
import t from 'tap';
import { startEmulator, startTestServer } from '@cnmcp/core/testing';
import { ShopPlugin } from '../fixtures/grouped-plugins.js';

t.test('userinfo moves into basic auth and out of every URL shown', async (t) => {
  const seen: Array<string | undefined> = [];
  const shop = await startEmulator({
    'GET /healthz': () => ({ status: 200, body: 'ok' }),
    'GET /items/:id': (req) => {
      seen.push(req.headers.authorization as string | undefined);
      return { status: 500, body: { message: 'backend broke' } };
    },
  });
  t.teardown(() => shop.close());
  const url = new URL(shop.url);
  url.username = 'svc';
  url.password = 'CANARY-s3cret';
  const h = await startTestServer({
    plugins: [ShopPlugin],
    config: {
      shop: {
        targets: { main: { url: url.toString(), retries: 0 }, dead: { url: 'http://svc:CANARY-s3cret@127.0.0.1:1' } },
      },
    },
  });
  t.teardown(() => h.close());
  const listed = await h.call('shop_list_backends');
  t.notMatch(listed.text, /CANARY/, 'list_backends shows no credentials');
  t.match(listed.text, /"auth": "basic"/);
  const failed = await h.call('shop_get_item', { id: 'a' });
  t.match(failed.text, /^CNMCP_ERR_BACKEND_ERROR/);
  t.notMatch(failed.text, /CANARY|svc:/, 'the error shows the URL without userinfo');
  t.equal(
    seen[0],
    `Basic ${Buffer.from('svc:CANARY-s3cret').toString('base64')}`,
    'the credentials are sent as basic auth',
  );
  const unreachable = await h.call('shop_get_item', { id: 'a', target: 'dead' });
  t.notMatch(unreachable.text, /CANARY/);
  const ready = await h.server.health.checkAll();
  t.notMatch(JSON.stringify(ready), /CANARY/, 'health details show no credentials');
});
