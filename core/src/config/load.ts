// Finds the config (cosmiconfig), interpolates ${ENV}, applies env and CLI overrides, validates the core keys.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { coreError, isCnmcpError } from '../errors.js';
import { formatIssues, validate } from '../validation.js';
import { interpolateEnv } from './interpolate.js';
import { CoreConfigSchema, type CnmcpConfig } from './schema.js';

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
  `${MODULE}.config.yaml`, `${MODULE}.config.yml`, `${MODULE}.config.json`, `${MODULE}.config.js`, `${MODULE}.config.mjs`, `${MODULE}.config.cjs`,
  `.${MODULE}rc`, `.${MODULE}rc.json`, `.${MODULE}rc.yaml`, `.${MODULE}rc.yml`, `.${MODULE}rc.js`, `.${MODULE}rc.mjs`, `.${MODULE}rc.cjs`,
];

/** MCP_* env variables that override config keys (the reference server's names). */
const ENV_OVERRIDES: Array<[string, string[]]> = [
  ['MCP_TRANSPORT', ['server', 'transport']],
  ['MCP_HOST', ['server', 'host']],
  ['MCP_PORT', ['server', 'port']],
  ['MCP_LOG_LEVEL', ['log', 'level']],
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
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' && !Array.isArray(out[k])
      ? deepMerge(out[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
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
    throw coreError('CNMCP_ERR_CONFIG_INVALID', `config ${filepath}: the top level must be a mapping of keys (got ${Array.isArray(raw) ? 'a list' : typeof raw})`);
  }
  let merged = interpolateEnv(raw as Record<string, unknown>, env);
  const fromEnv: Record<string, unknown> = {};
  for (const [name, path] of ENV_OVERRIDES) if (env[name]) setPath(fromEnv, path, env[name]);
  merged = deepMerge(merged, fromEnv);
  if (options.overrides) merged = deepMerge(merged, options.overrides);

  const result = validate<CnmcpConfig>(CoreConfigSchema, merged, { defaults: true, convert: true });
  if (!result.ok) {
    throw coreError('CNMCP_ERR_CONFIG_INVALID', `invalid config${filepath ? ` in ${filepath}` : ''}: ${formatIssues(result.issues)}`);
  }
  return { config: result.value, filepath, baseDir: filepath ? dirname(filepath) : resolve(options.cwd ?? process.cwd()) };
}
