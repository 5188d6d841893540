// Datasource secrets never leave the plugin: clear-text passwords (Grafana 7 and older returned them) and any
// secureJsonData are dropped; secureJsonFields (names only) says which secrets are set.

const SECRET_FIELDS = ['password', 'basicAuthPassword', 'secureJsonData'] as const;

export function stripDatasourceSecrets<T extends Record<string, unknown>>(
  datasource: T,
): Omit<T, (typeof SECRET_FIELDS)[number]> {
  const out: Record<string, unknown> = { ...datasource };
  for (const key of SECRET_FIELDS) delete out[key];
  return out as Omit<T, (typeof SECRET_FIELDS)[number]>;
}

/** The keys a datasource write sets as secrets (for the result; never their values). */
export function secretKeysSet(input: {
  password?: string;
  basicAuthPassword?: string;
  secureJsonData?: Record<string, unknown>;
  secureJsonSecrets?: Record<string, unknown>;
}): string[] {
  const keys = [...Object.keys(input.secureJsonData ?? {}), ...Object.keys(input.secureJsonSecrets ?? {})];
  if (input.password) keys.push('password');
  if (input.basicAuthPassword) keys.push('basicAuthPassword');
  return [...new Set(keys)].sort();
}
