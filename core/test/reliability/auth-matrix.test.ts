// The auth matrix: every credential kind (API key, Basic, static bearer, JWT) valid and forged, on every MCP
// endpoint (2025 and per-service Streamable HTTP, aggregate, legacy SSE stream and messages, protected /metrics).
// Valid credentials pass; every forged or misplaced one gets 401 — 0 requests served without valid credentials.
import { createHmac } from 'node:crypto';
import t from 'tap';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { startEmulator, startHttpTestServer } from '@cnmcp/core/testing';
import { VaultPlugin } from '../fixtures/security-plugins.js';

const KEY = 'k_matrix_0123456789abcdef';
const genuine = await generateKeyPair('RS256', { extractable: true });
const attacker = await generateKeyPair('RS256', { extractable: true });
const genuineJwk: JWK = { ...(await exportJWK(genuine.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
const attackerJwk: JWK = { ...(await exportJWK(attacker.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
const issuer = await startEmulator({
  'GET /.well-known/openid-configuration': () => ({ issuer: issuer.url, jwks_uri: `${issuer.url}/jwks` }),
  'GET /jwks': () => ({ keys: [genuineJwk] }),
});
const evil = await startEmulator({ 'GET /jwks': () => ({ keys: [attackerJwk] }) });
t.teardown(() => Promise.all([issuer.close(), evil.close()]));

const now = () => Math.floor(Date.now() / 1000);
async function jwt(
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
  key: CryptoKey = genuine.privateKey,
) {
  return new SignJWT({ scope: 'vault:read', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1', ...header })
    .setIssuedAt()
    .setIssuer((claims.iss as string) ?? issuer.url)
    .setAudience((claims.aud as string) ?? 'cnmcp-matrix')
    .setSubject('alice')
    .setExpirationTime((claims.exp as number) ?? now() + 300)
    .sign(key);
}
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const claims = { iss: issuer.url, aud: 'cnmcp-matrix', sub: 'mallory', exp: now() + 300, scope: 'vault:read' };
const hsInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${b64(claims)}`;

const h = await startHttpTestServer({
  plugins: [VaultPlugin],
  headers: { 'x-api-key': KEY },
  config: {
    auth: {
      apiKeys: [{ name: 'reader', key: KEY, scopes: ['vault:read'] }],
      basic: [{ username: 'ops', password: 'correct-horse', scopes: ['vault:read'] }],
      bearer: {
        tokens: [{ name: 'bot', token: 'static-token-0123456789', scopes: ['vault:read'] }],
        jwt: { issuer: issuer.url, audience: 'cnmcp-matrix', jwksCooldownSec: 0 },
      },
      protectMetrics: true,
      failedAuthLimit: { max: 100_000 },
    },
  },
});
t.teardown(() => h.close());

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const valid: Record<string, Record<string, string>> = {
  'API key': { 'x-api-key': KEY },
  Basic: { authorization: basic('ops', 'correct-horse') },
  'static bearer': { authorization: 'Bearer static-token-0123456789' },
  JWT: { authorization: `Bearer ${await jwt()}` },
};
const forged: Record<string, { headers?: Record<string, string>; query?: string }> = {
  none: {},
  'wrong API key': { headers: { 'x-api-key': 'k_matrix_0123456789abcdeX' } },
  'API key in the query string': { query: `api_key=${KEY}` },
  'wrong Basic password': { headers: { authorization: basic('ops', 'wrong-horse') } },
  'Basic for an unknown user': { headers: { authorization: basic('root', 'correct-horse') } },
  'wrong static bearer': { headers: { authorization: 'Bearer static-token-012345678' } },
  'JWT alg none': { headers: { authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.` } },
  'JWT expired': { headers: { authorization: `Bearer ${await jwt({ exp: now() - 600 })}` } },
  'JWT not yet valid': { headers: { authorization: `Bearer ${await jwt({ nbf: now() + 600 })}` } },
  'JWT wrong audience': { headers: { authorization: `Bearer ${await jwt({ aud: 'someone-else' })}` } },
  'JWT wrong issuer': { headers: { authorization: `Bearer ${await jwt({ iss: evil.url })}` } },
  'JWT unknown kid': { headers: { authorization: `Bearer ${await jwt({}, { kid: 'k9' }, attacker.privateKey)}` } },
  'JWT signed by another key': { headers: { authorization: `Bearer ${await jwt({}, {}, attacker.privateKey)}` } },
  'JWT HS256 with the public key as secret': {
    headers: {
      authorization: `Bearer ${hsInput}.${createHmac('sha256', JSON.stringify(genuineJwk)).update(hsInput).digest('base64url')}`,
    },
  },
  'JWT with an embedded jwk header': {
    headers: { authorization: `Bearer ${await jwt({}, { jwk: attackerJwk }, attacker.privateKey)}` },
  },
  'JWT with a jku header': {
    headers: { authorization: `Bearer ${await jwt({}, { jku: `${evil.url}/jwks` }, attacker.privateKey)}` },
  },
  'JWT in the query string': { query: `access_token=${await jwt()}` },
};

const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'matrix', version: '1' } },
});
const endpoints: Array<{ name: string; method: 'GET' | 'POST'; path: string; body?: string }> = [
  { name: 'POST /mcp', method: 'POST', path: '/mcp', body: INIT },
  { name: 'POST /api/vault/streamable-http', method: 'POST', path: '/api/vault/streamable-http', body: INIT },
  { name: 'POST /api/aggregate/streamable-http', method: 'POST', path: '/api/aggregate/streamable-http', body: INIT },
  { name: 'GET /sse', method: 'GET', path: '/sse' },
  { name: 'GET /api/vault/sse', method: 'GET', path: '/api/vault/sse' },
  {
    name: 'POST /messages',
    method: 'POST',
    path: '/messages?sessionId=none',
    body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
  },
  { name: 'GET /metrics', method: 'GET', path: '/metrics' },
];

async function status(path: string, method: string, headers: Record<string, string>, body?: string) {
  const controller = new AbortController();
  const res = await fetch(`${h.url}${path}`, {
    method,
    signal: controller.signal,
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body,
  });
  controller.abort(); // an event stream never ends by itself: the status is all this needs
  await res.arrayBuffer().catch(() => undefined);
  return res.status;
}

t.test('valid credentials pass on every endpoint', async (t) => {
  for (const [kind, headers] of Object.entries(valid))
    for (const e of endpoints) {
      const s = await status(e.path, e.method, headers, e.body);
      t.ok(s !== 401 && s !== 403 && s < 500, `${kind} on ${e.name}: ${s}`);
    }
});

t.test('every forged or misplaced credential gets 401 on every endpoint', async (t) => {
  let served = 0;
  for (const [kind, { headers = {}, query }] of Object.entries(forged))
    for (const e of endpoints) {
      const path = query ? `${e.path}${e.path.includes('?') ? '&' : '?'}${query}` : e.path;
      const s = await status(path, e.method, headers, e.body);
      if (s !== 401) served++;
      t.equal(s, 401, `${kind} on ${e.name}`);
    }
  t.equal(served, 0, 'no request was served without valid credentials');
});
