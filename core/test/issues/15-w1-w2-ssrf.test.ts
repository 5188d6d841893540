// W1/W2 replayed through utilities_web_fetch: IPv6 forms carrying a loopback or special IPv4 address and the
// special IPv6 ranges the hostile pass found are refused before any connection is made.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';

const REFUSED = [
  'http://[::7f00:1]/', // IPv4-compatible 127.0.0.1
  'http://[::ffff:127.0.0.1]/', // IPv4-mapped
  'http://[2002:7f00:1::1]/', // 6to4 of 127.0.0.1
  'http://[64:ff9b::7f00:1]/', // NAT64 of 127.0.0.1
  'http://[64:ff9b:1::1]/', // local-use NAT64
  'http://[fec0::1]/', // site-local
  'http://[100::1]/', // discard-only
  'http://127.0.0.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://10.0.0.1/',
];

t.test('the SSRF guard refuses every form of an internal address', async (t) => {
  const h = await startTestServer({ plugins: [UtilitiesPlugin] });
  t.teardown(() => h.close());
  for (const url of REFUSED) {
    const r = await h.call('utilities_web_fetch', { url });
    t.ok(r.isError, `${url} is refused`);
    t.match(r.text, /^UTILITIES_ERR_URL_FORBIDDEN/, `${url}: refused by the guard, not by a failed connection`);
  }
});
