// The core's config schema. Plugin sections (`<plugin id>:`) are validated by each plugin's own schema.
import type { Static } from 'typebox';
import { Type } from '../vendor/typebox.js';

export const ServerSection = Type.Object(
  {
    transport: Type.Union([Type.Literal('http'), Type.Literal('stdio')], {
      default: 'http',
      description: 'stdio for a local client (Claude Desktop), http for a shared server.',
    }),
    host: Type.String({ default: '127.0.0.1', description: 'Address to listen on (http).' }),
    port: Type.Integer({
      default: 8080,
      minimum: 0,
      maximum: 65535,
      description: 'Port to listen on (http); 0 picks a free one.',
    }),
    allowedHosts: Type.Optional(
      Type.Array(Type.String(), {
        description:
          'Host header names accepted (DNS-rebinding guard). Default: loopback names when bound to loopback.',
      }),
    ),
    allowedOrigins: Type.Optional(
      Type.Array(Type.String(), { description: 'Origin hostnames accepted. A foreign Origin gets 403.' }),
    ),
    toolTimeoutMs: Type.Integer({ default: 60_000, minimum: 1, description: 'Default time limit of one tool call.' }),
    maxResultBytes: Type.Integer({
      default: 100_000,
      minimum: 1_000,
      description: 'Size budget of one tool result; larger results are cut with a marker.',
    }),
    shutdownTimeoutMs: Type.Integer({
      default: 10_000,
      minimum: 0,
      description: 'How long shutdown waits for in-flight calls.',
    }),
    shutdownDeadlineMs: Type.Integer({
      default: 30_000,
      minimum: 1_000,
      description:
        'After SIGTERM/SIGINT the process exits by this time at the latest (exit code 1, with a log line), even if something hangs.',
    }),
    healthIntervalMs: Type.Integer({
      default: 30_000,
      minimum: 0,
      description: 'How often plugin health checks run (0: only at start and on /ready).',
    }),
    legacySse: Type.Boolean({ default: true, description: 'Serve the legacy HTTP+SSE transport at /sse + /messages.' }),
    maxSessions: Type.Integer({
      default: 1_000,
      minimum: 1,
      description: 'Most open sessions (2025-11-25 Streamable HTTP and SSE together); more get 503 + Retry-After.',
    }),
    maxSessionsPerPrincipal: Type.Integer({
      default: 100,
      minimum: 1,
      description: 'Most open sessions of one principal (one client address when anonymous); more get 429.',
    }),
    sessionIdleMs: Type.Integer({
      default: 30 * 60_000,
      minimum: 1_000,
      description: 'A 2025-11-25 session without a request for this long is closed.',
    }),
  },
  { additionalProperties: false, default: {} },
);

export const LogSection = Type.Object(
  {
    level: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info', description: 'Log level; logs go to stderr (never stdout).' },
    ),
  },
  { additionalProperties: false, default: {} },
);

const Scopes = Type.Array(Type.String(), {
  default: [],
  description: 'Scopes this credential grants ("*" grants all).',
});

export const AuthSection = Type.Object(
  {
    enabled: Type.Boolean({
      default: false,
      description:
        'Require credentials on the MCP routes. When true, at least one of apiKeys, basic, bearer.tokens or bearer.jwt must be configured, or the server refuses to start.',
    }),
    apiKeys: Type.Array(
      Type.Object(
        {
          name: Type.String({
            minLength: 1,
            description: 'Who this key belongs to (the principal name in audit records).',
          }),
          key: Type.String({
            minLength: 16,
            description: 'The key, sent in the X-API-Key header (never in the query string). At least 16 characters.',
          }),
          scopes: Scopes,
        },
        { additionalProperties: false },
      ),
      { default: [], description: 'API keys accepted in the X-API-Key header.' },
    ),
    basic: Type.Array(
      Type.Object(
        {
          username: Type.String({ minLength: 1, description: 'User name (the principal name); no colon.' }),
          password: Type.String({ minLength: 8, description: 'Password, at least 8 characters.' }),
          scopes: Scopes,
        },
        { additionalProperties: false },
      ),
      { default: [], description: 'Users accepted with HTTP Basic authentication.' },
    ),
    bearer: Type.Object(
      {
        tokens: Type.Array(
          Type.Object(
            {
              name: Type.String({ minLength: 1, description: 'Who this token belongs to (the principal name).' }),
              token: Type.String({ minLength: 16, description: 'The token, at least 16 characters.' }),
              scopes: Scopes,
            },
            { additionalProperties: false },
          ),
          { default: [], description: 'Static bearer tokens (Authorization: Bearer <token>).' },
        ),
        jwt: Type.Optional(
          Type.Object(
            {
              issuer: Type.String({
                minLength: 1,
                description:
                  'OIDC issuer URL; its discovery document gives the JWKS URI. Checked against the iss claim.',
              }),
              audience: Type.Union(
                [Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })],
                { description: 'Accepted aud value(s).' },
              ),
              jwksUri: Type.Optional(Type.String({ description: 'JWKS URL; skips OIDC discovery when set.' })),
              algorithms: Type.Array(Type.String(), {
                default: ['RS256', 'ES256', 'PS256', 'EdDSA'],
                description: 'Accepted signature algorithms (asymmetric only; none and HS* are refused).',
              }),
              clockToleranceSec: Type.Integer({
                default: 30,
                minimum: 0,
                maximum: 300,
                description: 'Clock skew allowed for exp/nbf.',
              }),
              scopeClaim: Type.String({
                default: 'scope',
                description: 'Claim holding the scopes (space-separated string or array; scp is also read).',
              }),
              nameClaim: Type.String({ default: 'sub', description: 'Claim used as the principal name.' }),
              jwksCooldownSec: Type.Integer({
                default: 30,
                minimum: 0,
                description: 'Least time between two JWKS refetches triggered by unknown kids.',
              }),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    resource: Type.Optional(
      Type.String({
        description:
          "This server's resource identifier (its public MCP URL) for OAuth protected-resource metadata. Default: derived from the request.",
      }),
    ),
    requiredScopes: Type.Array(Type.String(), {
      default: [],
      description: 'Scopes every caller needs to use the MCP routes at all (403 insufficient_scope otherwise).',
    }),
    protectMetrics: Type.Boolean({ default: false, description: 'Require credentials on GET /metrics too.' }),
    failedAuthLimit: Type.Object(
      {
        max: Type.Integer({
          default: 20,
          minimum: 1,
          description: 'Invalid credentials one client address may send per window before it gets 429.',
        }),
        windowMs: Type.Integer({
          default: 60_000,
          minimum: 1_000,
          description: 'Window length; an address that trips the limit again right after waits twice as long.',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

export const ConfirmationSection = Type.Object(
  {
    enabled: Type.Boolean({
      default: true,
      description: 'Ask the user (elicitation) before running a destructive tool.',
    }),
    fallback: Type.Union([Type.Literal('deny'), Type.Literal('allow')], {
      default: 'deny',
      description:
        'What happens when the client cannot be asked (it did not declare the elicitation capability): deny or allow.',
    }),
    timeoutMs: Type.Integer({
      default: 120_000,
      minimum: 1_000,
      description: "How long to wait for the user's answer.",
    }),
  },
  { additionalProperties: false, default: {} },
);

export const RedactionSection = Type.Object(
  {
    enabled: Type.Boolean({
      default: true,
      description: 'Mask secret-looking values in audit records and tool output.',
    }),
    extraKeys: Type.Array(Type.String(), {
      default: [],
      description: 'More key names (case-insensitive substrings) whose values are masked.',
    }),
  },
  { additionalProperties: false, default: {} },
);

export const AuditSection = Type.Object(
  {
    file: Type.Optional(
      Type.String({ description: 'Append JSON lines to this file (one record per tool call and per auth failure).' }),
    ),
    stdout: Type.Boolean({ default: false, description: 'Also write records to stdout (refused in stdio mode).' }),
    maxFileBytes: Type.Integer({
      default: 50 * 1024 * 1024,
      minimum: 1024,
      description: 'Rotate the file when it grows past this size.',
    }),
    maxFiles: Type.Integer({ default: 5, minimum: 1, description: 'Rotated files kept (file.1 … file.N).' }),
    fsync: Type.Union([Type.Literal('never'), Type.Literal('batch')], {
      default: 'never',
      description:
        "Records are written before each call is answered; 'batch' also flushes every group write to disk (fdatasync), surviving a power loss at some cost in throughput.",
    }),
  },
  { additionalProperties: false, default: {} },
);

export const MetricsSection = Type.Object(
  {
    enabled: Type.Boolean({ default: true, description: 'Serve Prometheus metrics at GET /metrics.' }),
    path: Type.String({ default: '/metrics', description: 'Path of the metrics endpoint.' }),
    processMetrics: Type.Boolean({ default: true, description: 'Include Node.js process metrics.' }),
  },
  { additionalProperties: false, default: {} },
);

export const RateLimitSection = Type.Object(
  {
    enabled: Type.Boolean({
      default: false,
      description: 'Limit requests per principal (per IP for anonymous callers).',
    }),
    max: Type.Integer({
      default: 300,
      minimum: 1,
      description: 'HTTP requests per window per principal; over stdio, tool calls per window.',
    }),
    windowMs: Type.Integer({ default: 60_000, minimum: 100, description: 'Window length.' }),
    trustProxy: Type.Union([Type.Boolean(), Type.String(), Type.Array(Type.String())], {
      default: false,
      description: 'Trust X-Forwarded-For only from these proxies (true: any; a string or list of addresses/CIDRs).',
    }),
    redisUrl: Type.Optional(
      Type.String({ description: 'redis://host:port — share the limits between server instances.' }),
    ),
    tools: Type.Record(
      Type.String(),
      Type.Object(
        {
          max: Type.Integer({ minimum: 1, description: 'Calls of this tool per window per principal.' }),
          windowMs: Type.Optional(Type.Integer({ minimum: 100, description: 'Window length (default 60000).' })),
        },
        { additionalProperties: false },
      ),
      { default: {}, description: 'Per-tool limits per principal, keyed by tool name or glob.' },
    ),
  },
  { additionalProperties: false, default: {} },
);

export const CacheSection = Type.Object(
  {
    enabled: Type.Boolean({ default: true, description: 'Cache results of tools with readOnlyHint and cacheTtl.' }),
    maxEntries: Type.Integer({
      default: 1000,
      minimum: 1,
      description: 'Most entries kept (least recently used go first).',
    }),
    maxBytes: Type.Integer({ default: 50 * 1024 * 1024, minimum: 1024, description: 'Total size of cached results.' }),
    perPrincipal: Type.Boolean({
      default: true,
      description: "Key entries by the caller's identity as well (results may depend on it).",
    }),
    redisUrl: Type.Optional(
      Type.String({ description: 'redis://host:port — store entries in Redis instead of memory.' }),
    ),
  },
  { additionalProperties: false, default: {} },
);

export const TracingSection = Type.Object(
  {
    enabled: Type.Boolean({ default: false, description: 'Export one OpenTelemetry span per tool call.' }),
    endpoint: Type.String({ default: 'http://127.0.0.1:4318/v1/traces', description: 'OTLP/HTTP traces endpoint.' }),
    serviceName: Type.String({ default: 'cnmcp', description: 'service.name of the exported spans.' }),
    exportIntervalMs: Type.Integer({ default: 5_000, minimum: 100, description: 'Batch export delay.' }),
  },
  { additionalProperties: false, default: {} },
);

export const ToolsetsSection = Type.Object(
  {
    enabled: Type.Optional(
      Type.Array(Type.String(), {
        description:
          'Toolsets served, as globs over <plugin>/<group> (["kubernetes/*", "prometheus/queries"]; ["*"] serves all). Default: the groups each plugin marks default.',
      }),
    ),
    dynamic: Type.Boolean({
      default: false,
      description:
        'Add cnmcp_list_toolsets, cnmcp_get_toolset_tools and cnmcp_enable_toolset, so an agent enables toolsets per session (stdio, 2025-11-25 HTTP, SSE).',
    }),
    listUnconfigured: Type.Boolean({
      default: false,
      description: 'Also list the tools of plugins whose backend is not configured (they answer with the key to set).',
    }),
  },
  { additionalProperties: false, default: {} },
);

export const CoreConfigSchema = Type.Object(
  {
    server: ServerSection,
    log: LogSection,
    plugins: Type.Array(Type.String(), {
      default: [],
      description: 'Plugins to load: package names, or paths (relative to this file).',
    }),
    autoDiscover: Type.Boolean({
      default: true,
      description: 'Also load installed @cnmcp/plugin-*, cnmcp-plugin-* and @scope/cnmcp-plugin-* packages.',
    }),
    enabledServices: Type.Optional(Type.Array(Type.String(), { description: 'Only these plugin ids are served.' })),
    disabledServices: Type.Array(Type.String(), { default: [], description: 'These plugin ids are not loaded.' }),
    enabledTools: Type.Optional(
      Type.Array(Type.String(), { description: 'Only tools matching these glob patterns are served.' }),
    ),
    disabledTools: Type.Array(Type.String(), {
      default: [],
      description: 'Tools matching these glob patterns are not served.',
    }),
    readOnly: Type.Boolean({ default: false, description: 'Serve only tools annotated readOnlyHint: true.' }),
    disableDestructive: Type.Boolean({
      default: false,
      description: 'Do not serve destructive tools (not read-only and destructiveHint not false).',
    }),
    toolsets: ToolsetsSection,
    confirmDestructive: ConfirmationSection,
    redaction: RedactionSection,
    auth: AuthSection,
    audit: AuditSection,
    metrics: MetricsSection,
    rateLimit: RateLimitSection,
    cache: CacheSection,
    tracing: TracingSection,
  },
  { additionalProperties: true },
);

export type CoreConfig = Static<typeof CoreConfigSchema>;
export type ServerConfig = Static<typeof ServerSection>;
export type AuthConfig = Static<typeof AuthSection>;
export type AuditConfig = Static<typeof AuditSection>;
export type MetricsConfig = Static<typeof MetricsSection>;
export type RateLimitConfig = Static<typeof RateLimitSection>;
export type CacheConfig = Static<typeof CacheSection>;
export type TracingConfig = Static<typeof TracingSection>;
export type ConfirmationConfig = Static<typeof ConfirmationSection>;
export type RedactionConfig = Static<typeof RedactionSection>;

/** The loaded config: core keys plus each plugin's raw section. */
export interface CnmcpConfig extends CoreConfig {
  [pluginId: string]: unknown;
}

export const CORE_KEYS = new Set(Object.keys(CoreConfigSchema.properties));
