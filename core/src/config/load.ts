// Finds the config (cosmiconfig), interpolates ${ENV}, applies env and CLI overrides, validates the core keys.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { cosmiconfig } from '../vendor/cosmiconfig.js';
import { coreError, isCnmcpError } from '../errors.js';
import { formatIssue, validate, type Issue } from '../validation.js';
import { interpolateEnv } from './interpolate.js';
import { CoreConfigSchema, type CnmcpConfig } from './schema.js';
import { coreUrlIssues } from './urls.js';

export interface LoadedConfig {
  config: CnmcpConfig;
  /** The file it came from, or undefined when none was found (defaults only). */
  filepath?: string;
  /** Directory relative plugin paths resolve against. */
  baseDir: string;
}

export interface LoadConfigOptions {
  /** Explicit file (--config). */
  file?: string;
  /** Where to search when no file is given. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Highest precedence: CLI flags, as a partial config. */
  overrides?: Record<string, unknown>;
}

const MODULE = 'cnmcp';
const SEARCH_PLACES = [
  'package.json',
  `${MODULE}.config.yaml`,
  `${MODULE}.config.yml`,
  `${MODULE}.config.json`,
  `${MODULE}.config.js`,
  `${MODULE}.config.mjs`,
  `${MODULE}.config.cjs`,
  `.${MODULE}rc`,
  `.${MODULE}rc.json`,
  `.${MODULE}rc.yaml`,
  `.${MODULE}rc.yml`,
  `.${MODULE}rc.js`,
  `.${MODULE}rc.mjs`,
  `.${MODULE}rc.cjs`,
];

/** `name=value` pairs separated by commas; `name=value=scope1 scope2` adds scopes. JSON arrays are accepted too. */
function parseCredentials(field: string): (raw: string) => unknown {
  return (raw) => {
    const text = raw.trim();
    if (text.startsWith('[')) return JSON.parse(text) as unknown;
    return text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
      .map((item) => {
        const [name, value, scopes] = item.split('=');
        return {
          [field === 'password' ? 'username' : 'name']: name,
          [field]: value ?? '',
          scopes: scopes ? scopes.split(/\s+/).filter(Boolean) : [],
        };
      });
  };
}
const list = (raw: string): string[] =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * MCP_* env variables that override config keys (the reference server's names first).
 * Every entry is listed in core/docs/configuration.md; keep the two in step.
 */
export const ENV_OVERRIDES: Array<[string, string[], ((raw: string) => unknown)?]> = [
  ['MCP_TRANSPORT', ['server', 'transport']],
  ['MCP_HOST', ['server', 'host']],
  ['MCP_PORT', ['server', 'port']],
  ['MCP_LOG_LEVEL', ['log', 'level']],
  ['MCP_ALLOWED_HOSTS', ['server', 'allowedHosts'], list],
  ['MCP_ALLOWED_ORIGINS', ['server', 'allowedOrigins'], list],
  ['MCP_TOOL_TIMEOUT_MS', ['server', 'toolTimeoutMs']],
  ['MCP_MAX_RESULT_BYTES', ['server', 'maxResultBytes']],
  ['MCP_LEGACY_SSE', ['server', 'legacySse']],
  ['MCP_SHUTDOWN_TIMEOUT_MS', ['server', 'shutdownTimeoutMs']],
  ['MCP_SHUTDOWN_DEADLINE_MS', ['server', 'shutdownDeadlineMs']],
  ['MCP_HEALTH_INTERVAL_MS', ['server', 'healthIntervalMs']],
  ['MCP_MAX_SESSIONS', ['server', 'maxSessions']],
  ['MCP_MAX_SESSIONS_PER_PRINCIPAL', ['server', 'maxSessionsPerPrincipal']],
  ['MCP_SESSION_IDLE_MS', ['server', 'sessionIdleMs']],
  ['MCP_PLUGINS', ['plugins'], list],
  ['MCP_AUTO_DISCOVER', ['autoDiscover']],
  ['MCP_ENABLED_SERVICES', ['enabledServices'], list],
  ['MCP_DISABLED_SERVICES', ['disabledServices'], list],
  ['MCP_ENABLED_TOOLS', ['enabledTools'], list],
  ['MCP_DISABLED_TOOLS', ['disabledTools'], list],
  ['MCP_READ_ONLY', ['readOnly']],
  ['MCP_DISABLE_DESTRUCTIVE', ['disableDestructive']],
  ['MCP_CONFIRM_DESTRUCTIVE', ['confirmDestructive', 'enabled']],
  ['MCP_CONFIRM_FALLBACK', ['confirmDestructive', 'fallback']],
  ['MCP_CONFIRM_TIMEOUT_MS', ['confirmDestructive', 'timeoutMs']],
  ['MCP_REDACTION', ['redaction', 'enabled']],
  ['MCP_REDACTION_EXTRA_KEYS', ['redaction', 'extraKeys'], list],
  ['MCP_AUTH_ENABLED', ['auth', 'enabled']],
  ['MCP_API_KEYS', ['auth', 'apiKeys'], parseCredentials('key')],
  ['MCP_BASIC_USERS', ['auth', 'basic'], parseCredentials('password')],
  ['MCP_BEARER_TOKENS', ['auth', 'bearer', 'tokens'], parseCredentials('token')],
  ['MCP_JWT_ISSUER', ['auth', 'bearer', 'jwt', 'issuer']],
  ['MCP_JWT_AUDIENCE', ['auth', 'bearer', 'jwt', 'audience']],
  ['MCP_JWT_JWKS_URI', ['auth', 'bearer', 'jwt', 'jwksUri']],
  ['MCP_JWT_ALGORITHMS', ['auth', 'bearer', 'jwt', 'algorithms'], list],
  ['MCP_JWT_CLOCK_TOLERANCE_SEC', ['auth', 'bearer', 'jwt', 'clockToleranceSec']],
  ['MCP_JWT_SCOPE_CLAIM', ['auth', 'bearer', 'jwt', 'scopeClaim']],
  ['MCP_JWT_NAME_CLAIM', ['auth', 'bearer', 'jwt', 'nameClaim']],
  ['MCP_JWT_JWKS_COOLDOWN_SEC', ['auth', 'bearer', 'jwt', 'jwksCooldownSec']],
  ['MCP_AUTH_RESOURCE', ['auth', 'resource']],
  ['MCP_AUTH_REQUIRED_SCOPES', ['auth', 'requiredScopes'], list],
  ['MCP_FAILED_AUTH_MAX', ['auth', 'failedAuthLimit', 'max']],
  ['MCP_FAILED_AUTH_WINDOW_MS', ['auth', 'failedAuthLimit', 'windowMs']],
  ['MCP_METRICS_REQUIRE_AUTH', ['auth', 'protectMetrics']],
  ['MCP_AUDIT_FILE', ['audit', 'file']],
  ['MCP_AUDIT_STDOUT', ['audit', 'stdout']],
  ['MCP_AUDIT_MAX_FILE_BYTES', ['audit', 'maxFileBytes']],
  ['MCP_AUDIT_MAX_FILES', ['audit', 'maxFiles']],
  ['MCP_AUDIT_FSYNC', ['audit', 'fsync']],
  ['MCP_METRICS_ENABLED', ['metrics', 'enabled']],
  ['MCP_METRICS_PATH', ['metrics', 'path']],
  ['MCP_METRICS_PROCESS', ['metrics', 'processMetrics']],
  ['MCP_RATE_LIMIT_ENABLED', ['rateLimit', 'enabled']],
  ['MCP_RATE_LIMIT_MAX', ['rateLimit', 'max']],
  ['MCP_RATE_LIMIT_WINDOW_MS', ['rateLimit', 'windowMs']],
  ['MCP_RATE_LIMIT_REDIS_URL', ['rateLimit', 'redisUrl']],
  ['MCP_RATE_LIMIT_TOOLS', ['rateLimit', 'tools'], (raw) => JSON.parse(raw) as unknown],
  [
    'MCP_TRUST_PROXY',
    ['rateLimit', 'trustProxy'],
    (raw) => (raw === 'true' ? true : raw === 'false' ? false : list(raw)),
  ],
  ['MCP_CACHE_ENABLED', ['cache', 'enabled']],
  ['MCP_CACHE_MAX_ENTRIES', ['cache', 'maxEntries']],
  ['MCP_CACHE_MAX_BYTES', ['cache', 'maxBytes']],
  ['MCP_CACHE_REDIS_URL', ['cache', 'redisUrl']],
  ['MCP_CACHE_PER_PRINCIPAL', ['cache', 'perPrincipal']],
  ['MCP_TRACING_ENABLED', ['tracing', 'enabled']],
  ['MCP_OTLP_ENDPOINT', ['tracing', 'endpoint']],
  ['MCP_TRACING_SERVICE_NAME', ['tracing', 'serviceName']],
  ['MCP_TRACING_EXPORT_INTERVAL_MS', ['tracing', 'exportIntervalMs']],
];

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = target;
  for (const key of path.slice(0, -1)) {
    if (!cur[key] || typeof cur[key] !== 'object') cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
}

function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) continue;
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' && !Array.isArray(out[k])
        ? deepMerge(out[k] as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** One error for all mistakes found, one line each: the key, what is wrong, what it got, the likely fix. */
export function configIssuesError(issues: Issue[], filepath?: string, prefix = '') {
  const lines = issues.map((issue) => formatIssue(issue, prefix));
  return coreError(
    'CNMCP_ERR_CONFIG_INVALID',
    `invalid config${filepath ? ` in ${filepath}` : ''}${lines.length > 1 ? ` (${lines.length} mistakes):\n` : ': '}${lines.join('\n')}`,
  );
}

export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const explorer = cosmiconfig(MODULE, { searchPlaces: SEARCH_PLACES, cache: false });
  let raw: unknown = {};
  let filepath: string | undefined;
  const file = options.file ?? env.CNMCP_CONFIG;
  try {
    if (file) {
      const abs = resolve(options.cwd ?? process.cwd(), file);
      if (!existsSync(abs)) throw coreError('CNMCP_ERR_CONFIG_NOT_FOUND', `config file ${file} does not exist`);
      const found = await explorer.load(abs);
      raw = found?.config ?? {};
      filepath = abs;
    } else {
      const found = await explorer.search(options.cwd ?? process.cwd());
      if (found && !found.isEmpty) {
        raw = found.config;
        filepath = found.filepath;
      }
    }
  } catch (err) {
    if (isCnmcpError(err)) throw err;
    const reason = err instanceof Error ? err.message.split('\n').slice(0, 3).join(' ') : String(err);
    throw coreError('CNMCP_ERR_CONFIG_PARSE', `cannot read config ${file ?? filepath ?? ''}: ${reason}`);
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw coreError(
      'CNMCP_ERR_CONFIG_INVALID',
      `config ${filepath}: the top level must be a mapping of keys (got ${Array.isArray(raw) ? 'a list' : typeof raw})`,
    );
  }
  let merged = interpolateEnv(raw as Record<string, unknown>, env);
  const fromEnv: Record<string, unknown> = {};
  for (const [name, path, parse] of ENV_OVERRIDES) {
    const value = env[name];
    if (!value) continue;
    try {
      setPath(fromEnv, path, parse ? parse(value) : value);
    } catch (err) {
      throw coreError(
        'CNMCP_ERR_CONFIG_INVALID',
        `environment variable ${name} cannot be parsed: ${(err as Error).message}`,
      );
    }
  }
  merged = deepMerge(merged, fromEnv);
  if (options.overrides) merged = deepMerge(merged, options.overrides);

  const result = validate<CnmcpConfig>(CoreConfigSchema, merged, { defaults: true, convert: true });
  const issues = result.ok ? coreUrlIssues(result.value) : result.issues;
  if (!result.ok || issues.length) throw configIssuesError(issues, filepath);
  return {
    config: result.value,
    filepath,
    baseDir: filepath ? dirname(filepath) : resolve(options.cwd ?? process.cwd()),
  };
}
