// Units: how a target's configuration becomes the official client's options.
import t from 'tap';
import { clientOptions } from '../../dist/src/client.js';
import { loadElastic } from '../../dist/src/elastic.js';
import { translateError } from '../../dist/src/errors.js';
import { errors } from '@elastic/elasticsearch';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

t.test('nodes, auth kinds, TLS and limits', async (t) => {
  const o = clientOptions({
    url: 'https://a:9200',
    nodes: ['https://b:9200'],
    timeoutMs: 5000,
    retries: 1,
    maxResponseBytes: 4096,
  });
  t.same(o.nodes, ['https://a:9200', 'https://b:9200']);
  t.same([o.requestTimeout, o.maxRetries, o.maxResponseSize], [5000, 1, 4096]);
  t.same(clientOptions({ url: 'u', auth: { type: 'apiKey', key: 'k' } }).auth, { apiKey: 'k' });
  t.same(clientOptions({ url: 'u', auth: { type: 'bearer', token: 't' } }).auth, { bearer: 't' });
  t.same(clientOptions({ url: 'u', auth: { type: 'basic', username: 'u', password: 'p' } }).auth, {
    username: 'u',
    password: 'p',
  });
  const custom = clientOptions({
    url: 'u',
    auth: { type: 'apiKey', key: 'k', header: 'X-Api-Key' },
    headers: { 'x-a': '1' },
  });
  t.same([custom.auth, custom.headers], [undefined, { 'x-a': '1', 'x-api-key': 'k' }]);
  const tls = clientOptions({ url: 'u', tls: { ca: PEM, insecureSkipVerify: false }, caFingerprint: 'AA:BB' });
  t.same(tls.tls, { ca: PEM, rejectUnauthorized: true });
  t.equal(tls.caFingerprint, 'AA:BB');
  t.same(clientOptions({ url: 'u', tls: { insecureSkipVerify: true } }).tls, { rejectUnauthorized: false });
  t.throws(() => clientOptions({ url: 'u', tls: { ca: '/no/such/ca.pem', insecureSkipVerify: false } }), {
    code: 'CNMCP_ERR_CONFIG_INVALID',
    message: /tls\.ca: cannot read \/no\/such\/ca\.pem \(ENOENT\)/,
  });
});

t.test('client failures become the core codes, without credentials', async (t) => {
  await loadElastic(); // the plugin loads the client on its first call; its failures come after that
  const conn = translateError(new errors.ConnectionError('connect ECONNREFUSED http://user:secret@host:9200'), 'prod');
  t.match(conn, { code: 'CNMCP_ERR_BACKEND_UNREACHABLE' });
  t.notMatch(conn.message, /secret/);
  t.match(translateError(new errors.TimeoutError('Request timed out'), 'prod'), { code: 'CNMCP_ERR_BACKEND_TIMEOUT' });
  t.match(
    translateError(
      new errors.ProductNotSupportedError('x', {
        body: {},
        statusCode: 200,
        headers: {},
        warnings: null,
        meta: {},
      } as never),
      'prod',
    ),
    { code: 'CNMCP_ERR_BACKEND_BAD_RESPONSE' },
  );
  const resp = (status: number, type: string) =>
    new errors.ResponseError({
      body: { error: { type, reason: 'why', root_cause: [{ type, reason: 'why' }] }, status },
      statusCode: status,
      headers: {},
      warnings: null,
      meta: {},
    } as never);
  t.match(translateError(resp(404, 'index_not_found_exception'), 'prod'), { code: 'ES_ERR_INDEX_NOT_FOUND' });
  t.match(translateError(resp(400, 'parsing_exception'), 'prod'), { code: 'ES_ERR_QUERY_INVALID' });
  t.match(translateError(resp(403, 'security_exception'), 'prod'), {
    code: 'CNMCP_ERR_BACKEND_AUTH',
    data: { status: 403 },
  });
  t.match(translateError(resp(429, 'es_rejected_execution_exception'), 'prod'), {
    code: 'CNMCP_ERR_BACKEND_RATE_LIMITED',
  });
  t.match(translateError(resp(503, 'cluster_block_exception'), 'prod'), { code: 'CNMCP_ERR_BACKEND_ERROR' });
});
