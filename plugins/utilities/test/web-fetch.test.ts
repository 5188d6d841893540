// utilities_web_fetch: the SSRF guard refuses internal addresses unless allowed; bodies are capped.
import t from 'tap';
import { startEmulator, startTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '../src/index.js';

const site = await startEmulator({
  'GET /page': () => ({
    headers: { 'content-type': 'text/html' },
    body: '<html><head><style>p{}</style><script>alert(1)</script></head><body><h1>Title</h1><p>Hello &amp; welcome</p></body></html>',
  }),
  'GET /big': () => ({ headers: { 'content-type': 'text/plain' }, body: 'y'.repeat(50_000) }),
  'GET /redirect': () => ({ status: 302, headers: { location: '/page' } }),
  'GET /to-metadata': () => ({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }),
  'GET /slow': () => ({ delayMs: 3_000, body: 'late' }),
});
t.teardown(() => site.close());

const guarded = await startTestServer({ plugins: [UtilitiesPlugin] });
t.teardown(() => guarded.close());
const allowed = await startTestServer({
  plugins: [UtilitiesPlugin],
  config: { utilities: { webFetch: { allowCidrs: ['127.0.0.1/32'], maxBytes: 20_000 } } },
});
t.teardown(() => allowed.close());

t.test('internal addresses are refused by default, before any request is sent', async (t) => {
  const before = site.requests.length;
  for (const url of [
    `${site.url}/page`,
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://[::1]/',
    'http://0.0.0.0/',
  ]) {
    const r = await guarded.call('utilities_web_fetch', { url });
    t.equal(r.isError, true, url);
    t.match(r.text, /^UTILITIES_ERR_URL_FORBIDDEN: .* is a loopback, private, link-local or metadata address/, url);
  }
  const byName = await guarded.call('utilities_web_fetch', {
    url: site.url.replace('127.0.0.1', 'localhost') + '/page',
  });
  t.match(
    byName.text,
    /^UTILITIES_ERR_URL_FORBIDDEN: localhost resolves to a loopback, private, link-local or metadata address/,
  );
  t.equal(site.requests.length, before, 'the emulator received nothing');
});

t.test('bad URLs are clear errors', async (t) => {
  t.match((await guarded.call('utilities_web_fetch', { url: 'not a url' })).text, /^UTILITIES_ERR_URL_INVALID/);
  t.match(
    (await guarded.call('utilities_web_fetch', { url: 'file:///etc/passwd' })).text,
    /^UTILITIES_ERR_URL_INVALID: url scheme file: is not http or https/,
  );
  t.match(
    (await guarded.call('utilities_web_fetch', { url: 'http://user:pw@example.com/' })).text,
    /^UTILITIES_ERR_URL_INVALID: urls with credentials/,
  );
});

t.test('an allowed range is fetched; HTML becomes text; redirects are followed and re-checked', async (t) => {
  const r = await allowed.call('utilities_web_fetch', { url: `${site.url}/page` });
  t.equal(r.isError, false, r.text);
  t.match(r.text, /^URL: http:\/\/127\.0\.0\.1:\d+\/page\nStatus: 200\nContent-Type: text\/html/);
  t.match(r.text, /Title\s+Hello & welcome/);
  t.notMatch(r.text, /alert\(1\)|<p>/);
  const redirected = await allowed.call('utilities_web_fetch', { url: `${site.url}/redirect` });
  t.match(redirected.text, /URL: http:\/\/127\.0\.0\.1:\d+\/page/);
  const toMetadata = await allowed.call('utilities_web_fetch', { url: `${site.url}/to-metadata` });
  t.match(toMetadata.text, /^UTILITIES_ERR_URL_FORBIDDEN: 169\.254\.169\.254/);
});

t.test('max_chars and the byte cap cut the body with a marker', async (t) => {
  const r = await allowed.call('utilities_web_fetch', { url: `${site.url}/big`, max_chars: 1000 });
  t.match(
    r.text,
    /\n\n(y{1000})\n…\[truncated: showed 1000 of more than 20000 characters; raise max_chars for more\]$/,
  );
});

t.test('a page slower than the timeout is a clear error', async (t) => {
  const r = await allowed.call('utilities_web_fetch', { url: `${site.url}/slow`, timeout: 1 });
  t.match(r.text, /^UTILITIES_ERR_FETCH_FAILED: 127\.0\.0\.1:\d+ did not answer within 1s/);
});
