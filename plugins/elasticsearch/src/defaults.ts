// Fills an input's absent arguments with the defaults its schema declares (the arguments stay optional for
// clients), typed so a handler sees the defaulted keys as present.
export function withDefaults<T extends object, K extends keyof T>(
  schema: { properties: Record<string, unknown> },
  input: T,
  // Names the defaulted keys for the type only.
  _keys?: readonly K[],
): T & Required<Pick<T, K>> {
  const out = { ...input } as Record<string, unknown>;
  for (const [key, prop] of Object.entries(schema.properties)) {
    const def = (prop as { default?: unknown }).default;
    if (out[key] === undefined && def !== undefined) out[key] = def;
  }
  return out as T & Required<Pick<T, K>>;
}
