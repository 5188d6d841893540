// yaml (about 70 modules) is loaded on the first call that reads or writes YAML, not when the server starts.
// It is CommonJS under Node, so a plain require keeps every caller synchronous.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/** The yaml package, required once on first use. */
export function yaml(): typeof Yaml {
  return (loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}
