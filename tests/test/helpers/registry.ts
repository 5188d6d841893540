// A throwaway npm registry for the release test: verdaccio (tools/verdaccio) on 127.0.0.1 with its storage in
// a temporary folder, and an npm environment that knows only that registry (its own userconfig, globalconfig
// and cache, no npm_* variables of the enclosing `npm test`).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitFor } from '@cnmcp/core/testing';

export interface Registry {
  url: string;
  /** Environment for every npm run that must see this registry and nothing else. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
  log(): string;
}

/**
 * The process environment without what the enclosing run adds: npm's npm_* variables (workspace flags among
 * them) and tap's (NODE_OPTIONS loaders, TAP_* child markers), which would make a nested tap or npm misbehave.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(npm_|tap_|_tapjs_|node_options$)/i.test(k)),
  );
  return { ...env, ...extra };
}

/**
 * Starts verdaccio. Packages named `@cnmcp/*`, `create-cnmcp-plugin` and `cnmcp-plugin-*` exist only as
 * published here (never looked up elsewhere); every other package is fetched by verdaccio from `uplink`.
 */
export async function startRegistry(binary: string, work: string, uplink: string): Promise<Registry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  mkdirSync(work, { recursive: true });
  const config = join(work, 'verdaccio.yaml');
  const ours = { access: '$all', publish: '$authenticated' };
  writeFileSync(
    config,
    JSON.stringify({
      storage: join(work, 'storage'),
      auth: { htpasswd: { file: join(work, 'htpasswd') } },
      // A slow answer on a loaded machine must not mark the uplink as down (by default 2 failures pause it 5 min).
      uplinks: {
        upstream: {
          url: uplink,
          timeout: '120s',
          maxage: '30m',
          max_fails: 1000,
          fail_timeout: '1s',
          agent_options: { keepAlive: true, maxSockets: 32 },
        },
      },
      packages: {
        '@cnmcp/*': ours,
        'create-cnmcp-plugin': ours,
        'cnmcp-plugin-*': ours,
        '**': { access: '$all', proxy: 'upstream' },
      },
      listen: `127.0.0.1:${port}`,
      log: { type: 'stdout', format: 'json', level: 'warn' },
      publish: { allow_offline: true },
    }),
  );
  let output = '';
  const child: ChildProcess = spawn(binary, ['--config', config], {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(),
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  child.on('error', (err) => (output += `\n${err.message}`));
  const close = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  try {
    await waitFor(
      'verdaccio to answer',
      60_000,
      async () => child.exitCode !== null || (await fetch(`${url}-/ping`).catch(() => undefined))?.ok,
      () => output,
    );
    if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode}):\n${output}`);
  } catch (err) {
    await close();
    throw err;
  }
  // A user for publishing, made the way `npm adduser` makes one (CouchDB user document, answered with a token).
  const res = await fetch(`${url}-/user/org.couchdb.user:release-test`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release-test', password: 'release-test-password', type: 'user', roles: [] }),
  });
  const { token } = (await res.json()) as { token?: string };
  if (!res.ok || !token) {
    await close();
    throw new Error(`verdaccio refused the test user (${res.status})`);
  }
  const npmrc = join(work, 'npmrc');
  writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  const env = cleanEnv({
    npm_config_userconfig: npmrc,
    npm_config_globalconfig: join(work, 'npmrc-global'),
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_registry: url,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_yes: 'true',
    // Packuments already fetched in this run are taken from the run's own cache without asking again.
    npm_config_prefer_offline: 'true',
  });
  return { url, env, close, log: () => output };
}
