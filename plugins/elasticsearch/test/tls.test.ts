// HTTPS clusters: the target's CA is trusted, an unknown CA is refused, insecureSkipVerify is honoured.
import t from 'tap';
import { requireBinary, startTestServer } from '@cnmcp/core/testing';
import { ElasticsearchPlugin } from '../dist/src/index.js';
import { makeCertificates, startElasticsearchEmulator } from '../dist/src/testing.js';

const openssl = requireBinary('openssl', 'apt-get install -y openssl');

t.test('TLS with the cluster CA, without it, and with verification off', { skip: openssl.skip }, async (t) => {
  const certs = makeCertificates();
  const es = await startElasticsearchEmulator({
    tls: { cert: certs.certPem, key: certs.keyPem },
    auth: { apiKey: 'k' },
  });
  t.teardown(() => es.close());
  t.match(es.url, /^https:/);
  const auth = { type: 'apiKey', key: 'k' };
  const server = await startTestServer({
    plugins: [ElasticsearchPlugin],
    config: {
      elasticsearch: {
        targets: {
          // insecureSkipVerify is spelled out: the core does not yet fill defaults inside target entries.
          trusted: { url: es.url, auth, tls: { ca: certs.caPem, insecureSkipVerify: false } },
          unknown: { url: es.url, auth, retries: 0 },
          skip: { url: es.url, auth, tls: { insecureSkipVerify: true } },
        },
      },
    },
  });
  t.teardown(() => server.close());
  t.equal(
    (await server.callJson<{ tagline: string }>('elasticsearch_info', { target: 'trusted' })).tagline,
    'You Know, for Search',
  );
  t.equal(
    (await server.callJson<{ tagline: string }>('elasticsearch_info', { target: 'skip' })).tagline,
    'You Know, for Search',
  );
  const refused = await server.call('elasticsearch_info', { target: 'unknown' });
  t.ok(refused.isError);
  // Either this call meets the handshake failure, or the core's health probe met it first and refuses the target.
  t.match(refused.text, /^CNMCP_ERR_(BACKEND_UNREACHABLE|SERVICE_UNAVAILABLE)[\s\S]*(certificate|UNABLE_TO_VERIFY)/i);
});
