// S2: backend text echoing a configured credential is scrubbed (raw, base64, URL-encoded) before it is shown.
// S3/S4: secrets inside free text (password=…, apikey: …, URL userinfo, Authorization values, JWTs, PEM keys) are
// masked in tool output, errors and audit arguments, not only values under secret-looking keys.
import t from 'tap';
import { createRedactor } from '../../dist/fastify/redact.js';
import { startEmulator, startTestServer } from '@cnmcp/core/testing';
import { ShopPlugin } from '../fixtures/grouped-plugins.js';

const PASSWORD = 'CANARY-pw-7f3a';
const BASIC = Buffer.from(`svc:${PASSWORD}`).toString('base64');

t.test('a backend error echoing the configured credential shows none of its forms', async (t) => {
  const shop = await startEmulator({
    'GET /healthz': () => ({ status: 200, body: 'ok' }),
    'GET /items/:id': () => ({
      status: 500,
      body: { message: `rejected credential ${BASIC} (password ${encodeURIComponent(PASSWORD)}, raw ${PASSWORD})` },
    }),
  });
  t.teardown(() => shop.close());
  const h = await startTestServer({
    plugins: [ShopPlugin],
    config: {
      shop: {
        targets: { main: { url: shop.url, retries: 0, auth: { type: 'basic', username: 'svc', password: PASSWORD } } },
      },
    },
  });
  t.teardown(() => h.close());
  const failed = await h.call('shop_get_item', { id: 'a' });
  t.match(failed.text, /^CNMCP_ERR_BACKEND_ERROR/);
  t.match(failed.text, /rejected credential \*\*\*/, 'the backend message is still shown');
  t.notMatch(failed.text, new RegExp(`${BASIC.replace(/=+$/, '')}|CANARY|${encodeURIComponent(PASSWORD)}`));
});

const TABLE: Array<[string, string, RegExp]> = [
  ['query label', 'up{password="hunter2-x"}', /hunter2/],
  ['note', 'note: password=hunter2-x ok', /hunter2/],
  ['apikey', 'apikey: abcd1234efgh', /abcd1234/],
  ['api_key', 'api_key=abcd1234efgh&x=1', /abcd1234/],
  ['DSN', 'connect to postgres://app:pw-hunter2@db:5432/app failed', /pw-hunter2|app:/],
  ['URL with a token user', 'clone https://ghp_abcdef123456@github.com/x', /ghp_abcdef/],
  ['Authorization basic', 'Authorization: Basic c3ZjOkNBTkFSWTEyMw==', /c3ZjOkNB/],
  ['Authorization bearer', 'header was Bearer abc123def456ghi789', /abc123def/],
  ['JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', /eyJzdWIi/],
  ['JWT alone', 'id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl seen', /eyJzdWIi/],
  ['PEM', 'key:\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----', /MHcCAQEE/],
  ['config YAML', 'auth:\n  password: hunter2-x\n', /hunter2/],
];

t.test('text patterns mask secrets in free text', async (t) => {
  const r = createRedactor();
  for (const [name, input, secret] of TABLE) {
    t.notMatch(r.text(input), secret, `${name}: masked in text`);
    t.notMatch(JSON.stringify(r.value({ q: input })), secret, `${name}: masked inside a value`);
  }
  for (const plain of ['basic information here', 'https://example.com/path?x=1', 'next_token=abc', 'a: b, c=d']) {
    t.equal(r.text(plain), plain, `${plain}: left alone`);
  }
});

t.test('masking stays linear on long user strings', async (t) => {
  const r = createRedactor();
  for (const unit of ['a', 'a:', 'http:', 'password', 'eyJaaaa.', 'Bearer ', 'x://']) {
    const big = unit.repeat(Math.floor(2_000_000 / unit.length));
    t.equal(typeof r.text(big), 'string', `${JSON.stringify(unit)} repeated finishes`);
  }
});
