import { coreError } from '../errors.js';

const PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces `${VAR}` and `${VAR:-default}` in every string of a parsed config. A missing VAR without default is an error. */
export function interpolateEnv<T>(value: T, env: NodeJS.ProcessEnv = process.env, path = ''): T {
  if (typeof value === 'string') {
    return value.replace(PATTERN, (_m, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      throw coreError(
        'CNMCP_ERR_CONFIG_ENV_MISSING',
        `config key ${path || '(root)'} uses \${${name}}, but ${name} is not set`,
      );
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, `${path}[${i}]`)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, path ? `${path}.${k}` : k)]),
    ) as T;
  }
  return value;
}
