// How a backend target is written in config (`<plugin>.targets.<name>`): URL, auth, TLS, limits, retries and
// the circuit breaker's settings, plus the one rewrite applied before use (credentials out of the URL).
import type { Static } from 'typebox';
import { Type } from './vendor/typebox.js';

/** Default per-request limit of a backend target. */
export const DEFAULT_TARGET_TIMEOUT_MS = 15_000;

export const TargetAuthSchema = Type.Union(
  [
    Type.Object({ type: Type.Literal('none') }, { additionalProperties: false }),
    Type.Object(
      { type: Type.Literal('basic'), username: Type.String(), password: Type.String() },
      { additionalProperties: false },
    ),
    Type.Object({ type: Type.Literal('bearer'), token: Type.String() }, { additionalProperties: false }),
    Type.Object(
      {
        type: Type.Literal('apiKey'),
        key: Type.String({ description: 'The key (Elastic: the base64 id:api_key).' }),
        header: Type.Optional(
          Type.String({ description: 'Header to send it in; default Authorization with the ApiKey scheme.' }),
        ),
      },
      { additionalProperties: false },
    ),
  ],
  { description: 'none | basic (username, password) | bearer (token) | apiKey (key, header)' },
);

export const TargetTlsSchema = Type.Object(
  {
    ca: Type.Optional(Type.String({ description: 'CA bundle: a file path or PEM text.' })),
    cert: Type.Optional(Type.String({ description: 'Client certificate (mTLS): a file path or PEM text.' })),
    key: Type.Optional(Type.String({ description: 'Client key (mTLS): a file path or PEM text.' })),
    insecureSkipVerify: Type.Boolean({ default: false, description: 'Accept any server certificate. For tests only.' }),
  },
  { additionalProperties: false, default: {} },
);

/** One backend endpoint as plugins declare it in config (`<plugin>.targets.<name>`). */
export const TargetSchema = Type.Object(
  {
    url: Type.String({ description: 'Base URL of the backend, e.g. http://prometheus:9090' }),
    auth: Type.Optional(TargetAuthSchema),
    headers: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'Extra headers sent with every request.' }),
    ),
    tls: Type.Optional(TargetTlsSchema),
    // Optional (the client applies the defaults): defaults inside Record entries are not filled by validation.
    // Well under the default tool time limit (60 s), so a silent backend ends as a backend timeout the agent can act on.
    timeoutMs: Type.Optional(
      Type.Integer({ default: DEFAULT_TARGET_TIMEOUT_MS, minimum: 1, description: 'Per-request time limit.' }),
    ),
    maxResponseBytes: Type.Optional(
      Type.Integer({ default: 20 * 1024 * 1024, minimum: 1024, description: 'Largest answer read.' }),
    ),
    retries: Type.Optional(
      Type.Integer({
        default: 2,
        minimum: 0,
        maximum: 10,
        description: 'Retries of idempotent requests on connection errors and 502/503/504.',
      }),
    ),
    circuitBreaker: Type.Optional(
      Type.Object(
        {
          failures: Type.Optional(
            Type.Integer({ default: 5, minimum: 1, description: 'Failed requests in a row that pause the calls.' }),
          ),
          cooldownMs: Type.Optional(
            Type.Integer({
              default: 30_000,
              minimum: 10,
              description: 'How long calls are paused before one trial call is let through.',
            }),
          ),
        },
        { additionalProperties: false, description: 'Pauses calls to a target that keeps failing.' },
      ),
    ),
  },
  { additionalProperties: false },
);

export type TargetConfig = Static<typeof TargetSchema>;

/**
 * A target with credentials written into its URL (`http://user:pass@host`) moved into its auth (basic), so the URL
 * can be shown anywhere — /ready, errors, list_backends — without them. An explicit `auth` wins; the URL is
 * stripped either way.
 */
export function withoutUrlCredentials(target: TargetConfig): TargetConfig {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return target;
  }
  if (!url.username && !url.password) return target;
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return {
    ...target,
    url: url.toString().replace(/\/$/, target.url.endsWith('/') ? '/' : ''),
    auth: target.auth ?? { type: 'basic', username, password },
  };
}
