// Authentication and authorization on the MCP routes, through real HTTP clients: API keys, Basic,
// static bearer tokens and JWTs from an OIDC issuer (discovery + JWKS), OAuth protected-resource
// metadata (RFC 9728), per-tool scopes, and fail-closed configuration.
import t from 'tap';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { createServer } from '@cnmcp/core/server';
import { startEmulator, startHttpTestServer, testConfig } from '@cnmcp/core/testing';
import { VaultPlugin } from './fixtures/security-plugins.js';

const KEY = 'k_reader_0123456789abcdef';
const ADMIN_KEY = 'k_admin_0123456789abcdefgh';

// An OIDC issuer on loopback: discovery document and JWKS, with keys that can rotate.
const keys: Array<{ kid: string; privateKey: CryptoKey; jwk: JWK }> = [];
async function addKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  keys.push({ kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } });
}
await addKey('k1');
let jwksFetches = 0;
const issuer = await startEmulator({
  'GET /.well-known/openid-configuration': () => ({
    issuer: issuer.url,
    jwks_uri: `${issuer.url}/jwks`,
    authorization_endpoint: `${issuer.url}/authorize`,
  }),
  'GET /jwks': () => {
    jwksFetches++;
    return { keys: keys.map((k) => k.jwk) };
  },
});
t.teardown(() => issuer.close());

async function jwt(
  claims: Record<string, unknown>,
  options: { kid?: string; aud?: string; iss?: string; exp?: number | string; nbf?: number } = {},
) {
  const key = keys.find((k) => k.kid === (options.kid ?? 'k1'))!;
  const builder = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuedAt()
    .setIssuer(options.iss ?? issuer.url)
    .setAudience(options.aud ?? 'cnmcp-test')
    .setSubject('alice')
    .setExpirationTime(options.exp ?? '5m');
  if (options.nbf) builder.setNotBefore(options.nbf);
  return builder.sign(key.privateKey);
}

const authConfig = {
  auth: {
    enabled: true,
    apiKeys: [
      { name: 'reader', key: KEY, scopes: ['vault:read'] },
      { name: 'admin', key: ADMIN_KEY, scopes: ['vault:read', 'vault:admin'] },
    ],
    basic: [{ username: 'ops', password: 'correct-horse', scopes: [] }],
    bearer: {
      tokens: [{ name: 'ci', token: 'static-token-0123456789' }],
      jwt: { issuer: issuer.url, audience: 'cnmcp-test', jwksCooldownSec: 0 },
    },
  },
  confirmDestructive: { fallback: 'allow' },
};

const h = await startHttpTestServer({ plugins: [VaultPlugin], config: authConfig, headers: { 'x-api-key': KEY } });
t.teardown(() => h.close());

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
function post(headers: Record<string, string> = {}, body: unknown = initialize, path = '/mcp') {
  return fetch(`${h.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
}

t.test('no credentials: 401 with WWW-Authenticate naming the protected-resource metadata', async (t) => {
  const res = await post();
  t.equal(res.status, 401);
  const challenge = res.headers.get('www-authenticate')!;
  t.match(challenge, new RegExp(`^Bearer resource_metadata="${h.url}/.well-known/oauth-protected-resource/mcp"`));
  t.match(
    ((await res.json()) as { error_description: string }).error_description,
    /^CNMCP_ERR_AUTH_REQUIRED: no credentials/,
  );
  const meta = (await (await fetch(`${h.url}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<
    string,
    unknown
  >;
  t.equal(meta.resource, `${h.url}/mcp`);
  t.same(meta.authorization_servers, [issuer.url]);
  t.same(meta.bearer_methods_supported, ['header']);
  t.ok((meta.scopes_supported as string[]).includes('vault:admin'));
  t.equal((await fetch(`${h.url}/.well-known/oauth-protected-resource`)).status, 200);
  for (const path of ['/sse', '/api/vault/streamable-http', '/api/aggregate/streamable-http']) {
    t.equal((await fetch(`${h.url}${path}`)).status, 401, `${path} is protected`);
  }
});

t.test('/health and /ready stay open; /metrics is open by default', async (t) => {
  t.equal((await fetch(`${h.url}/health`)).status, 200);
  t.equal((await fetch(`${h.url}/ready`)).status, 200);
  t.equal((await fetch(`${h.url}/metrics`)).status, 200);
});

t.test(
  'API keys: a valid key works through the SDK client, a wrong one or one in the query string does not',
  async (t) => {
    t.same(await h.toolNames().then((n) => n.includes('vault_list_items')), true);
    t.equal((await h.call('vault_purge')).text, 'purged');
    const wrong = await post({ 'x-api-key': 'k_reader_0123456789abcdeX' });
    t.equal(wrong.status, 401);
    t.match(wrong.headers.get('www-authenticate')!, /error="invalid_token"/);
    t.equal((await post({}, initialize, `/mcp?api_key=${KEY}`)).status, 401, 'never accepted in the query string');
    t.equal((await post({}, initialize, `/mcp?apiKey=${KEY}&x-api-key=${KEY}`)).status, 401);
    t.equal((await post({ 'x-api-key': KEY })).status, 200);
  },
);

t.test('Basic and static bearer tokens', async (t) => {
  t.equal((await post({ authorization: `Basic ${Buffer.from('ops:correct-horse').toString('base64')}` })).status, 200);
  const bad = await post({ authorization: `Basic ${Buffer.from('ops:wrong-horse').toString('base64')}` });
  t.equal(bad.status, 401);
  t.match(bad.headers.get('www-authenticate')!, /Basic realm="cnmcp"/);
  t.equal((await post({ authorization: 'Bearer static-token-0123456789' })).status, 200);
  t.equal((await post({ authorization: 'Bearer static-token-012345678' })).status, 401);
});

t.test(
  'JWT: valid accepted; wrong audience, wrong issuer, expired, not yet valid, alg none and HS256 refused',
  async (t) => {
    t.equal((await post({ authorization: `Bearer ${await jwt({ scope: 'vault:read' })}` })).status, 200);
    const refused = async (token: string, why: string) => {
      const res = await post({ authorization: `Bearer ${token}` });
      t.equal(res.status, 401, why);
      t.match(res.headers.get('www-authenticate')!, /error="invalid_token"/, why);
    };
    await refused(await jwt({}, { aud: 'someone-else' }), 'wrong audience');
    await refused(await jwt({}, { iss: 'http://127.0.0.1:1/evil' }), 'wrong issuer');
    await refused(await jwt({}, { exp: Math.floor(Date.now() / 1000) - 120 }), 'expired beyond the clock skew');
    t.equal(
      (await post({ authorization: `Bearer ${await jwt({}, { exp: Math.floor(Date.now() / 1000) - 5 })}` })).status,
      200,
      'expired within the 30 s skew',
    );
    await refused(await jwt({}, { nbf: Math.floor(Date.now() / 1000) + 600 }), 'not yet valid');
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: issuer.url, aud: 'cnmcp-test', sub: 'mallory', exp: now + 300, scope: 'vault:admin' };
    await refused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, 'alg none');
    const { createHmac } = await import('node:crypto');
    const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${b64(claims)}`;
    const hs = createHmac('sha256', JSON.stringify(keys[0].jwk)).update(signingInput).digest('base64url');
    await refused(`${signingInput}.${hs}`, 'HS256 (public key used as an HMAC secret)');
  },
);

t.test('JWT: the JWKS is cached, and refetched when a token names an unknown kid', async (t) => {
  const before = jwksFetches;
  await post({ authorization: `Bearer ${await jwt({})}` });
  t.equal(jwksFetches, before, 'known kid: no refetch');
  await addKey('k2');
  await new Promise((r) => setTimeout(r, 50));
  const res = await post({ authorization: `Bearer ${await jwt({}, { kid: 'k2' })}` });
  t.equal(res.status, 200, 'a rotated key is picked up');
  t.equal(jwksFetches, before + 1);
});

t.test(
  'per-tool scopes: tools/list hides what a caller may not call; calling it is 403 insufficient_scope',
  async (t) => {
    t.notOk((await h.toolNames()).includes('vault_rotate_keys'), 'hidden from the reader');
    const admin = await startHttpTestServer({
      plugins: [VaultPlugin],
      config: authConfig,
      headers: { 'x-api-key': ADMIN_KEY },
    });
    t.teardown(() => admin.close());
    t.ok((await admin.toolNames()).includes('vault_rotate_keys'), 'listed for the admin');
    t.equal((await admin.call('vault_rotate_keys')).text, 'rotated');
    // The reader's raw tools/call over a session: 403 with the scope it needs.
    const init = await post({ 'x-api-key': KEY });
    const session = init.headers.get('mcp-session-id')!;
    await post(
      { 'x-api-key': KEY, 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
    );
    const res = await post(
      { 'x-api-key': KEY, 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'vault_rotate_keys', arguments: {} } },
    );
    t.equal(res.status, 403);
    t.match(
      res.headers.get('www-authenticate')!,
      /^Bearer error="insufficient_scope", scope="vault:read vault:admin", resource_metadata="/,
    );
    await t.rejects(
      h.client.callTool({ name: 'vault_rotate_keys', arguments: {} }),
      'the SDK client sees the refusal too',
    );
  },
);

t.test('keys already accepted keep their own principal; near misses are still refused', async (t) => {
  // The 2026-07-28 wire: one request per call, each authenticated on its own.
  const call = (key: string, id: number) =>
    post(
      {
        'x-api-key': key,
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
        'mcp-name': 'vault_rotate_keys',
      },
      {
        jsonrpc: '2.0',
        id,
        method: 'tools/call',
        params: {
          name: 'vault_rotate_keys',
          arguments: {},
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientCapabilities': {},
            'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
          },
        },
      },
    );
  for (let round = 0; round < 3; round++) {
    t.equal((await call(ADMIN_KEY, 10 + round)).status, 200, `round ${round}: the admin key is the admin`);
    t.equal((await call(KEY, 20 + round)).status, 403, `round ${round}: the reader key is still the reader`);
    t.equal((await call(`${KEY}x`, 30 + round)).status, 401, `round ${round}: a longer key is refused`);
    t.equal((await call(KEY.slice(0, -1), 40 + round)).status, 401, `round ${round}: a shorter key is refused`);
  }
});

t.test('server-wide requiredScopes: 403 for a caller without them', async (t) => {
  const s = await startHttpTestServer({
    plugins: [VaultPlugin],
    config: { ...authConfig, auth: { ...authConfig.auth, requiredScopes: ['vault:admin'] } },
    headers: { 'x-api-key': ADMIN_KEY },
  });
  t.teardown(() => s.close());
  const res = await fetch(`${s.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-api-key': KEY },
    body: JSON.stringify(initialize),
  });
  t.equal(res.status, 403);
  t.match(res.headers.get('www-authenticate')!, /error="insufficient_scope"/);
});

t.test('protectMetrics puts /metrics behind auth', async (t) => {
  const s = await startHttpTestServer({
    plugins: [VaultPlugin],
    config: { ...authConfig, auth: { ...authConfig.auth, protectMetrics: true } },
    headers: { 'x-api-key': KEY },
  });
  t.teardown(() => s.close());
  t.equal((await fetch(`${s.url}/metrics`)).status, 401);
  t.equal((await fetch(`${s.url}/metrics`, { headers: { 'x-api-key': KEY } })).status, 200);
});

t.test('a bad or empty auth config fails closed: the server refuses to start', async (t) => {
  const start = (auth: Record<string, unknown>) => createServer({ config: testConfig({ auth }), plugins: [] });
  await t.rejects(start({ enabled: true }), {
    code: 'CNMCP_ERR_AUTH_CONFIG_INVALID',
    message: /auth.enabled is true but no apiKeys/,
  });
  await t.rejects(start({ bearer: { jwt: { issuer: issuer.url, audience: 'x', algorithms: ['HS256'] } } }), {
    code: 'CNMCP_ERR_AUTH_CONFIG_INVALID',
    message: /'HS256' is not allowed/,
  });
  await t.rejects(start({ bearer: { jwt: { issuer: issuer.url, audience: 'x', algorithms: ['none'] } } }), {
    code: 'CNMCP_ERR_AUTH_CONFIG_INVALID',
    message: /'none' is not allowed/,
  });
  await t.rejects(
    start({
      apiKeys: [
        { name: 'a', key: KEY },
        { name: 'b', key: KEY },
      ],
    }),
    { code: 'CNMCP_ERR_AUTH_CONFIG_INVALID', message: /the same API key is configured twice/ },
  );
  t.throws(() => testConfig({ auth: { apiKeys: [{ name: 'a', key: 'short' }] } }), /auth.apiKeys\[0\].key/);
});

t.test('the same rules hold on the 2026-07-28 wire and on legacy SSE', async (t) => {
  const modern = await startHttpTestServer({
    plugins: [VaultPlugin],
    config: authConfig,
    headers: { 'x-api-key': KEY },
    clientMode: 'modern',
  });
  t.teardown(() => modern.close());
  const names = await modern.toolNames();
  t.ok(names.includes('vault_list_items'));
  t.notOk(names.includes('vault_rotate_keys'), 'scoped tool hidden on the modern wire too');
  t.equal((await modern.call('vault_show_raw')).isError, false);
  const adminModern = await startHttpTestServer({
    plugins: [VaultPlugin],
    config: authConfig,
    headers: { 'x-api-key': ADMIN_KEY },
    clientMode: 'modern',
  });
  t.teardown(() => adminModern.close());
  t.equal(
    (await adminModern.call('vault_rotate_keys')).text,
    'rotated',
    'the principal reaches the pipeline on the modern wire',
  );
  const sse = await startHttpTestServer({
    plugins: [VaultPlugin],
    config: authConfig,
    headers: { 'x-api-key': KEY },
    clientMode: 'sse',
  });
  t.teardown(() => sse.close());
  t.equal((await sse.call('vault_show_raw')).isError, false, 'SSE with a valid key works');
  t.equal((await fetch(`${sse.url}/sse`)).status, 401, 'SSE without a key is refused');
  t.notOk((await sse.toolNames()).includes('vault_rotate_keys'), 'scoped tool hidden over SSE for a reader');
  const adminSse = await startHttpTestServer({
    plugins: [VaultPlugin],
    config: authConfig,
    headers: { 'x-api-key': ADMIN_KEY },
    clientMode: 'sse',
  });
  t.teardown(() => adminSse.close());
  t.equal((await adminSse.call('vault_rotate_keys')).text, 'rotated', 'the principal reaches the pipeline over SSE');
});
