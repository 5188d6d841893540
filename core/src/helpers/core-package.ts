// Where this @cnmcp/core package is installed. Resolved by the package's own name (Node's self-reference through
// "exports"), so it holds from the sources, the tsc output and the build's bundle alike, whatever the file depth.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const manifest = createRequire(import.meta.url).resolve('@cnmcp/core/package.json');

/** The directory holding core's package.json. */
export const CORE_PACKAGE_DIR = dirname(manifest);

/** core's version, from its package.json. */
export const CORE_VERSION: string = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
