// cnmcp-auth: who is calling. API keys (X-API-Key), Basic, Bearer (static tokens, or JWTs checked
// against an OIDC issuer's JWKS), combinable. Applies to the MCP routes; /health, /ready and the
// OAuth metadata stay open, /metrics is open unless auth.protectMetrics. Fails closed: a bad or empty
// auth config stops the server from starting. Comparisons of secrets are constant-time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fastifyPlugin as fp } from '../vendor/fastify.js';
import type * as Jose from 'jose';
import type { createRemoteJWKSet, JWTPayload } from 'jose';
import { Counter } from '../vendor/prom-client.js';
import type { AuthConfig } from '../config/schema.js';
import { coreError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Principal } from '../tools/context.js';
import type { AuthMiddleware, ToolRef } from './types.js';
import { requestPath } from '../helpers/request-path.js';
import { isoNow } from '../helpers/clock.js';

export interface AuthPluginOptions {
  config: AuthConfig;
  /** Path of the metrics endpoint (open unless protectMetrics). */
  metricsPath: string;
  logger: Logger;
  /** Looks up a tool by name, for 403 insufficient_scope on tools/call over HTTP. */
  findTool(name: string): ToolRef | undefined;
  /** Every scope tools declare, for scopes_supported in the metadata. */
  toolScopes(): string[];
}

interface Credential {
  name: string;
  secret: Buffer;
  scopes: string[];
}

interface NormalizedAuth {
  enabled: boolean;
  apiKeys: Credential[];
  basic: Credential[];
  tokens: Credential[];
  jwt?: Required<Omit<NonNullable<AuthConfig['bearer']['jwt']>, 'jwksUri'>> & { jwksUri?: string; audiences: string[] };
  resource?: string;
  requiredScopes: string[];
  protectMetrics: boolean;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
const SAFE_ALGORITHMS = /^(RS|PS|ES)(256|384|512)$|^ES256K$|^EdDSA$|^Ed25519$/;

/** Checks the auth config once, at registration: anything doubtful refuses to start. */
export function normalizeAuthConfig(config: AuthConfig): NormalizedAuth {
  const fail = (message: string): never => {
    throw coreError('CNMCP_ERR_AUTH_CONFIG_INVALID', message);
  };
  const jwt = config.bearer?.jwt;
  const configured = config.apiKeys.length + config.basic.length + (config.bearer?.tokens.length ?? 0) + (jwt ? 1 : 0);
  if (config.enabled && configured === 0)
    fail('auth.enabled is true but no apiKeys, basic users, bearer.tokens or bearer.jwt are configured');
  const seen = new Set<string>();
  const unique = (kind: string, secret: string) => {
    if (seen.has(secret)) fail(`auth: the same ${kind} is configured twice`);
    seen.add(secret);
  };
  config.apiKeys.forEach((k) => unique('API key', k.key));
  config.bearer?.tokens.forEach((t) => unique('bearer token', t.token));
  for (const user of config.basic)
    if (user.username.includes(':')) fail(`auth.basic: username '${user.username}' must not contain ':'`);
  let normalizedJwt: NormalizedAuth['jwt'];
  if (jwt) {
    if (!/^https?:\/\//.test(jwt.issuer)) fail(`auth.bearer.jwt.issuer must be an http(s) URL (got ${jwt.issuer})`);
    if (jwt.jwksUri && !/^https?:\/\//.test(jwt.jwksUri)) fail('auth.bearer.jwt.jwksUri must be an http(s) URL');
    if (jwt.algorithms.length === 0) fail('auth.bearer.jwt.algorithms must name at least one algorithm');
    for (const alg of jwt.algorithms) {
      if (!SAFE_ALGORITHMS.test(alg))
        fail(
          `auth.bearer.jwt.algorithms: '${alg}' is not allowed (only asymmetric RS*, PS*, ES*, EdDSA; never none or HS*)`,
        );
    }
    const audiences = Array.isArray(jwt.audience) ? jwt.audience : [jwt.audience];
    normalizedJwt = { ...jwt, audiences };
  }
  return {
    enabled: config.enabled || configured > 0,
    apiKeys: config.apiKeys.map((k) => ({ name: k.name, secret: digest(k.key), scopes: k.scopes })),
    basic: config.basic.map((u) => ({
      name: u.username,
      secret: digest(`${u.username}:${u.password}`),
      scopes: u.scopes,
    })),
    tokens: (config.bearer?.tokens ?? []).map((t) => ({ name: t.name, secret: digest(t.token), scopes: t.scopes })),
    jwt: normalizedJwt,
    resource: config.resource,
    requiredScopes: config.requiredScopes,
    protectMetrics: config.protectMetrics,
  };
}

/**
 * Values already found valid, per credential list: a known secret is not hashed again on every request. Only
 * exact valid values are kept (never more entries than credentials configured, and the config holds them anyway);
 * any other value takes the constant-time path, so what a caller can time is only what the answer tells them.
 */
const validValues = new WeakMap<Credential[], Map<string, Credential>>();

/** Constant-time: every credential is compared, whatever matched first. */
function match(list: Credential[], presented: string): Credential | undefined {
  let known = validValues.get(list);
  const remembered = known?.get(presented);
  if (remembered) return remembered;
  const candidate = digest(presented);
  let found: Credential | undefined;
  for (const cred of list) if (timingSafeEqual(cred.secret, candidate) && !found) found = cred;
  if (found) {
    if (!known) validValues.set(list, (known = new Map()));
    known.set(presented, found);
  }
  return found;
}

export function missingScopes(principal: Principal, required: string[] | undefined): string[] {
  if (!required?.length || principal.scopes.includes('*')) return [];
  return required.filter((s) => !principal.scopes.includes(s));
}

type Outcome = { principal: Principal; expiresAt?: number } | { error: 'missing' | 'invalid'; description: string };

function scopesOf(payload: JWTPayload, claim: string): string[] {
  const out = new Set<string>();
  for (const value of [payload[claim], payload.scp]) {
    if (typeof value === 'string')
      value
        .split(/\s+/)
        .filter(Boolean)
        .forEach((s) => out.add(s));
    else if (Array.isArray(value)) value.filter((s): s is string => typeof s === 'string').forEach((s) => out.add(s));
  }
  return [...out];
}

function jwtVerifier(jwt: NonNullable<NormalizedAuth['jwt']>, logger: Logger) {
  // jose is loaded only when JWT auth is configured (it is most of the auth code's start-up cost).
  let jose: Promise<typeof Jose> | undefined;
  const loadJose = () => (jose ??= import('jose'));
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  let discovering: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keySet = async () => {
    if (jwks) return jwks;
    discovering ??= (async () => {
      let uri = jwt.jwksUri;
      if (!uri) {
        const url = `${jwt.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { accept: 'application/json' } });
        if (!res.ok) throw new Error(`OIDC discovery at ${url} answered ${res.status}`);
        const doc = (await res.json()) as { issuer?: string; jwks_uri?: string };
        if (doc.issuer !== jwt.issuer)
          throw new Error(`OIDC discovery: issuer ${doc.issuer} differs from the configured ${jwt.issuer}`);
        if (!doc.jwks_uri) throw new Error('OIDC discovery document has no jwks_uri');
        uri = doc.jwks_uri;
      }
      // jose caches the keys and refetches when a token names an unknown kid (at most every jwksCooldownSec).
      const { createRemoteJWKSet } = await loadJose();
      jwks = createRemoteJWKSet(new URL(uri), {
        cacheMaxAge: 10 * 60_000,
        cooldownDuration: jwt.jwksCooldownSec * 1000,
        timeoutDuration: 10_000,
      });
      return jwks;
    })().finally(() => {
      discovering = undefined;
    });
    return discovering;
  };
  return async (token: string): Promise<Outcome> => {
    let keys: ReturnType<typeof createRemoteJWKSet>;
    try {
      keys = await keySet();
    } catch (err) {
      logger.error({ err: (err as Error).message }, "auth: cannot load the issuer's signing keys");
      return { error: 'invalid', description: 'the token cannot be checked now (issuer keys unavailable)' };
    }
    try {
      const { jwtVerify } = await loadJose();
      const { payload } = await jwtVerify(token, keys, {
        issuer: jwt.issuer,
        audience: jwt.audiences,
        algorithms: jwt.algorithms,
        clockTolerance: jwt.clockToleranceSec,
        requiredClaims: ['exp'],
      });
      const name = String(payload[jwt.nameClaim] ?? payload.sub ?? payload.client_id ?? payload.azp ?? 'jwt');
      return { principal: { name, scopes: scopesOf(payload, jwt.scopeClaim), method: 'jwt' }, expiresAt: payload.exp };
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'ERR_JWT_INVALID';
      return { error: 'invalid', description: `the token was refused (${code.replace(/^ERR_/, '').toLowerCase()})` };
    }
  };
}

const quote = (s: string) => s.replace(/["\\]/g, '');

/** Invalid credentials accepted per client address in one window before it is refused with 429. */
export const FAILED_AUTH_MAX = 20;
export const FAILED_AUTH_WINDOW_MS = 60_000;
const MAX_BLOCK_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;

/**
 * Failed authentication per client address: after `max` invalid credentials within `windowMs` the address is
 * refused (429) for a window; each time it trips again right after, the wait doubles, up to 15 minutes.
 */
export function failedAuthLimiter(max = FAILED_AUTH_MAX, windowMs = FAILED_AUTH_WINDOW_MS) {
  const byIp = new Map<string, { count: number; resetAt: number; blockedUntil: number; strikes: number }>();
  const forget = (now: number) => {
    for (const [ip, e] of byIp) if (e.resetAt <= now && e.blockedUntil + windowMs <= now) byIp.delete(ip);
  };
  return {
    /** Seconds the address must still wait, or undefined when it may try. */
    retryAfter(ip: string, now = Date.now()): number | undefined {
      const e = byIp.get(ip);
      return e && e.blockedUntil > now ? Math.ceil((e.blockedUntil - now) / 1000) : undefined;
    },
    failed(ip: string, now = Date.now()): void {
      let e = byIp.get(ip);
      if (!e) {
        if (byIp.size >= MAX_TRACKED) forget(now);
        e = { count: 0, resetAt: now + windowMs, blockedUntil: 0, strikes: 0 };
        byIp.set(ip, e);
      }
      if (e.resetAt <= now) {
        if (e.blockedUntil + windowMs <= now) e.strikes = 0; // a quiet window after the last block: start over
        e.count = 0;
        e.resetAt = now + windowMs;
      }
      if (++e.count < max) return;
      e.strikes++;
      e.blockedUntil = now + Math.min(windowMs * 2 ** (e.strikes - 1), MAX_BLOCK_MS);
      e.count = 0;
      e.resetAt = e.blockedUntil;
    },
  };
}

export const authPlugin = fp(
  async (app: FastifyInstance, options: AuthPluginOptions) => {
    const auth = normalizeAuthConfig(options.config);
    const verifyJwt = auth.jwt ? jwtVerifier(auth.jwt, options.logger) : undefined;
    const service: AuthMiddleware = {
      enabled: auth.enabled,
      missingScopes: (principal, tool) => (auth.enabled ? missingScopes(principal, tool.scopes) : []),
      canCall: (principal, tool) => !auth.enabled || missingScopes(principal, tool.scopes).length === 0,
    };
    app.decorate('cnmcpAuth', service);

    const metadataPath = '/.well-known/oauth-protected-resource';
    const isOpen = (path: string) =>
      path === '/health' ||
      path === '/ready' ||
      path.startsWith('/.well-known/') ||
      (path === options.metricsPath && !auth.protectMetrics);
    const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
    const resourceOf = (request: FastifyRequest, path: string) =>
      auth.resource ?? `${baseUrl(request)}${path === '/' ? '' : path}`;
    const metadataUrl = (request: FastifyRequest) => `${baseUrl(request)}${metadataPath}${requestPath(request.url)}`;

    const metadata = async (request: FastifyRequest) => {
      const path = requestPath(request.url).slice(metadataPath.length) || '/mcp';
      const scopes = new Set([
        ...options.toolScopes(),
        ...auth.requiredScopes,
        ...[...auth.apiKeys, ...auth.basic, ...auth.tokens].flatMap((c) => c.scopes),
      ]);
      scopes.delete('*');
      return {
        resource: resourceOf(request, path),
        authorization_servers: auth.jwt ? [auth.jwt.issuer] : [],
        bearer_methods_supported: ['header'],
        scopes_supported: [...scopes].sort(),
        resource_name: 'cnmcp',
      };
    };
    if (auth.enabled) {
      app.get(metadataPath, metadata);
      app.get(`${metadataPath}/*`, metadata);
    }

    async function authenticate(request: FastifyRequest): Promise<Outcome> {
      const apiKey = request.headers['x-api-key'];
      const authorization = request.headers.authorization;
      if (typeof apiKey === 'string' && apiKey) {
        const cred = match(auth.apiKeys, apiKey);
        return cred
          ? { principal: { name: cred.name, scopes: cred.scopes, method: 'apiKey' } }
          : { error: 'invalid', description: 'the API key is not valid' };
      }
      if (!authorization)
        return {
          error: 'missing',
          description: 'no credentials: send Authorization: Bearer <token> or X-API-Key (never in the query string)',
        };
      const [scheme, ...rest] = authorization.split(' ');
      const value = rest.join(' ').trim();
      if (/^basic$/i.test(scheme) && auth.basic.length) {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        const cred = match(auth.basic, decoded);
        return cred
          ? { principal: { name: cred.name, scopes: cred.scopes, method: 'basic' } }
          : { error: 'invalid', description: 'wrong username or password' };
      }
      if (/^bearer$/i.test(scheme) && value) {
        const cred = match(auth.tokens, value);
        if (cred) return { principal: { name: cred.name, scopes: cred.scopes, method: 'bearer' } };
        if (verifyJwt && value.split('.').length === 3) return verifyJwt(value);
        return { error: 'invalid', description: 'the bearer token is not valid' };
      }
      return { error: 'invalid', description: `the ${scheme} authorization scheme is not accepted here` };
    }

    const refuse = async (
      request: FastifyRequest,
      reply: FastifyReply,
      status: 401 | 403,
      error: string,
      description: string,
      scope?: string[],
    ) => {
      const params = [`resource_metadata="${metadataUrl(request)}"`];
      if (status === 403) params.unshift('error="insufficient_scope"', `scope="${quote(scope!.join(' '))}"`);
      else if (error !== 'missing')
        params.unshift('error="invalid_token"', `error_description="${quote(description)}"`);
      const challenges = [`Bearer ${params.join(', ')}`];
      if (auth.basic.length && status === 401) challenges.push('Basic realm="cnmcp", charset="UTF-8"');
      app.cnmcpMetrics?.authFailure(status === 403 ? 'insufficient_scope' : error);
      await app.cnmcpAudit?.record({
        time: isoNow(),
        type: 'auth_failure',
        principal: request.principal ?? { name: 'anonymous', method: 'anonymous' },
        transport: 'http',
        client: { userAgent: request.headers['user-agent'], ip: request.ip },
        path: requestPath(request.url),
        outcome:
          status === 403 ? 'insufficient_scope' : error === 'missing' ? 'missing_credentials' : 'invalid_credentials',
      });
      const code = coreError(status === 403 ? 'CNMCP_ERR_AUTH_FORBIDDEN' : 'CNMCP_ERR_AUTH_REQUIRED', description).code;
      return reply
        .code(status)
        .header('www-authenticate', challenges.length === 1 ? challenges[0] : challenges)
        .header('content-type', 'application/json')
        .send({
          error: status === 403 ? 'insufficient_scope' : error === 'missing' ? 'unauthorized' : 'invalid_token',
          error_description: `${code}: ${description}`,
        });
    };

    if (!auth.enabled) {
      // Anonymous callers still carry their address, so per-tool limits apply per client IP.
      app.addHook('onRequest', async (request) => {
        const authInfo = {
          token: '',
          clientId: 'anonymous',
          scopes: [],
          extra: { principal: undefined, ip: request.ip },
        };
        request.authInfo = authInfo;
        (request.raw as typeof request.raw & { auth?: unknown }).auth = authInfo;
      });
      return;
    }

    const limits = options.config.failedAuthLimit;
    const limiter = failedAuthLimiter(limits?.max, limits?.windowMs);
    const throttled = app.cnmcpMetrics
      ? new Counter({
          name: 'mcp_auth_throttled_total',
          help: 'Requests refused with 429 because their address sent too many invalid credentials.',
          registers: [app.cnmcpMetrics.registry],
        })
      : undefined;

    app.addHook('onRequest', async (request, reply) => {
      if (isOpen(requestPath(request.url))) return;
      const wait = limiter.retryAfter(request.ip);
      if (wait !== undefined) {
        throttled?.inc();
        const code = coreError('CNMCP_ERR_RATE_LIMITED', '').code;
        return reply
          .code(429)
          .header('retry-after', String(wait))
          .header('content-type', 'application/json')
          .send({
            jsonrpc: '2.0',
            id: null,
            error: {
              code: -32000,
              message: `${code}: too many invalid credentials from this address; retry after ${wait}s`,
            },
          });
      }
      const outcome = await authenticate(request);
      if ('error' in outcome) {
        if (outcome.error === 'invalid') limiter.failed(request.ip);
        return refuse(request, reply, 401, outcome.error, outcome.description);
      }
      const principal = outcome.principal;
      request.principal = principal;
      const authInfo = {
        token: '[redacted]',
        clientId: principal.name,
        scopes: principal.scopes,
        ...(outcome.expiresAt ? { expiresAt: outcome.expiresAt } : {}),
        extra: { principal, ip: request.ip },
      };
      request.authInfo = authInfo;
      (request.raw as typeof request.raw & { auth?: unknown }).auth = authInfo;
    });

    // Scope checks that need the body: the server-wide required scopes, and a tools/call of a tool that needs more.
    app.addHook('preHandler', async (request, reply) => {
      const principal = request.principal;
      if (!principal || isOpen(requestPath(request.url))) return;
      const globalMissing = missingScopes(principal, auth.requiredScopes);
      if (globalMissing.length)
        return refuse(
          request,
          reply,
          403,
          'insufficient_scope',
          `this server needs the scope(s) ${globalMissing.join(', ')}`,
          auth.requiredScopes,
        );
      const body = request.body as { method?: string; params?: { name?: unknown } } | undefined;
      if (body && !Array.isArray(body) && body.method === 'tools/call' && typeof body.params?.name === 'string') {
        const tool = options.findTool(body.params.name);
        const missing = tool ? missingScopes(principal, tool.scopes) : [];
        if (tool && missing.length)
          return refuse(
            request,
            reply,
            403,
            'insufficient_scope',
            `${tool.name} needs the scope(s) ${missing.join(', ')}`,
            [...new Set([...principal.scopes, ...tool.scopes!])],
          );
      }
    });
  },
  { name: 'cnmcp-auth', fastify: '5.x' },
);
