// The real helm binary for the tests: CNMCP_TEST_HELM_BINARY, else the cache written by scripts/fetch-helm.mjs,
// else helm on PATH. Missing: the tests skip with the command to run (and fail under CI=true).
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { requireBinary } from '@cnmcp/core/testing';

const pexec = promisify(execFile);
export const CACHED_HELM = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.cache', 'helm');
const INSTALL = 'run `node plugins/helm/scripts/fetch-helm.mjs` from the repository root, or put helm 3 on PATH';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `{ path }` of a helm binary, or `{ skip }` naming how to get one. */
export function helmBinary(): { path?: string; skip?: string } {
  const fromEnv = process.env.CNMCP_TEST_HELM_BINARY;
  if (fromEnv && executable(fromEnv)) return { path: fromEnv };
  if (executable(CACHED_HELM)) return { path: CACHED_HELM };
  return requireBinary('helm', INSTALL);
}

export interface HelmHomes {
  HELM_CONFIG_HOME: string;
  HELM_CACHE_HOME: string;
  HELM_DATA_HOME: string;
}

/** Runs real helm asynchronously (the emulator runs in this process, so a blocking call would starve it). */
export async function runHelm(
  binary: string,
  args: string[],
  opts: { kubeconfig?: string; homes: HelmHomes; cwd?: string; driver?: string },
): Promise<string> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: opts.homes.HELM_DATA_HOME,
    KUBECONFIG: opts.kubeconfig ?? '/nonexistent',
    ...opts.homes,
    ...(opts.driver ? { HELM_DRIVER: opts.driver } : {}),
  };
  try {
    const { stdout } = await pexec(binary, args, { env, cwd: opts.cwd, timeout: 120_000, maxBuffer: 32 << 20 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`helm ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}
