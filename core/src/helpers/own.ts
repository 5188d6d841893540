// Lookups of caller-supplied keys in plain objects: only the object's own entries count, never what it inherits
// (`constructor`, `toString`, `__proto__` …), so user input cannot reach Object.prototype.

/** The value stored under `key` in `record` itself, or undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
