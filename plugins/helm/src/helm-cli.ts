// The helm binary for changes (install, upgrade, rollback, uninstall, repositories, template): found at
// helm.binary or on PATH, run with its homes under helm.home (never the server's own home), a private
// kubeconfig, a time limit and progress notifications; its stderr becomes a short error.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import type { HelmConfig } from './config.js';
import { HelmErrors } from './errors.js';
import { withKubeconfigFile } from './kubeconfig-file.js';

export interface HelmRun {
  args: string[];
  /** Kubeconfig text for commands that talk to the cluster. */
  kubeconfig?: string;
  /** Process time limit in ms (default helm.timeoutSec + 15 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called about every two seconds while helm runs. */
  onProgress?: (elapsedSec: number, message: string) => void;
  /** Strings scrubbed from anything helm printed (credentials). */
  secrets?: string[];
}

export interface HelmOutput {
  stdout: string;
  stderr: string;
}

const MAX_OUTPUT = 16 * 1024 * 1024;

export interface HelmHomes {
  root: string;
  config: string;
  cache: string;
  data: string;
  tmp: string;
}

export class HelmCli {
  constructor(private readonly config: HelmConfig) {}

  /** The helm binary, or undefined when it cannot be found. */
  binaryPath(): string | undefined {
    const executable = (p: string) => {
      try {
        accessSync(p, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    };
    if (this.config.binary) return executable(this.config.binary) ? this.config.binary : undefined;
    for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      const p = join(dir, 'helm');
      if (isAbsolute(p) && executable(p)) return p;
    }
    return undefined;
  }

  requireBinary(): string {
    const path = this.binaryPath();
    if (path) return path;
    throw HelmErrors.create(
      'HELM_ERR_BINARY_MISSING',
      this.config.binary
        ? `helm.binary names ${this.config.binary}, which is not an executable file`
        : 'helm is not on the server PATH and helm.binary is not set; this tool runs the helm binary',
      {
        hint: 'Install Helm 3 on the server (https://helm.sh/docs/intro/install/, e.g. the official get-helm-3 script or your package manager), or set helm.binary to the path of the helm executable.',
      },
    );
  }

  /** HELM_CONFIG_HOME, HELM_CACHE_HOME and HELM_DATA_HOME under helm.home, created private. */
  homes(): HelmHomes {
    const root = this.config.home ?? join(tmpdir(), `cnmcp-helm-${safeUid()}`);
    const homes = {
      root,
      config: join(root, 'config'),
      cache: join(root, 'cache'),
      data: join(root, 'data'),
      tmp: join(root, 'tmp'),
    };
    for (const dir of Object.values(homes)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    return homes;
  }

  async run(req: HelmRun): Promise<HelmOutput> {
    const binary = this.requireBinary();
    const homes = this.homes();
    if (req.kubeconfig !== undefined)
      return withKubeconfigFile(homes.tmp, req.kubeconfig, (path) => this.spawn(binary, homes, req, path));
    return this.spawn(binary, homes, req, undefined);
  }

  private spawn(
    binary: string,
    homes: HelmHomes,
    req: HelmRun,
    kubeconfigPath: string | undefined,
  ): Promise<HelmOutput> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: homes.root,
      TMPDIR: homes.tmp,
      HELM_CONFIG_HOME: homes.config,
      HELM_CACHE_HOME: homes.cache,
      HELM_DATA_HOME: homes.data,
      HELM_REGISTRY_CONFIG: join(homes.config, 'registry', 'config.json'),
      HELM_REPOSITORY_CONFIG: join(homes.config, 'repositories.yaml'),
      HELM_REPOSITORY_CACHE: join(homes.cache, 'repository'),
      // An unset KUBECONFIG would make helm read ~/.kube/config; point it at nothing when no cluster is used.
      KUBECONFIG: kubeconfigPath ?? join(homes.tmp, 'no-cluster'),
      ...pick(process.env, ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']),
    };
    const timeoutMs = req.timeoutMs ?? (this.config.timeoutSec + 15) * 1000;
    const what = `helm ${req.args
      .filter((a) => !a.startsWith('-'))
      .slice(0, 2)
      .join(' ')}`;
    const scrub = (text: string) =>
      (req.secrets ?? [])
        .reduce((t, s) => (s ? t.split(s).join('<redacted>') : t), text)
        .split(homes.root)
        .join('$HELM_HOME');
    return new Promise<HelmOutput>((resolve, reject) => {
      const child = spawn(binary, req.args, { env, cwd: homes.tmp, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let bytes = 0;
      let done = false;
      const started = Date.now();
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(ticker);
        req.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const collect = (sink: Buffer[]) => (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= MAX_OUTPUT) sink.push(chunk);
      };
      child.stdout.on('data', collect(out));
      child.stderr.on('data', collect(err));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(() =>
          reject(
            HelmErrors.create(
              'HELM_ERR_TIMEOUT',
              `${what} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`,
            ),
          ),
        );
      }, timeoutMs);
      const ticker = setInterval(() => {
        const elapsed = Math.round((Date.now() - started) / 1000);
        req.onProgress?.(elapsed, `${what}: running for ${elapsed} s`);
      }, 2000);
      const onAbort = () => {
        child.kill('SIGKILL');
        finish(() => reject(HelmErrors.create('HELM_ERR_TIMEOUT', `${what} was cancelled`)));
      };
      if (req.signal?.aborted) onAbort();
      else req.signal?.addEventListener('abort', onAbort, { once: true });
      child.on('error', (e) =>
        finish(() => reject(HelmErrors.create('HELM_ERR_COMMAND_FAILED', `${what} could not start: ${e.message}`))),
      );
      child.on('close', (code) =>
        finish(() => {
          const stdout = scrub(Buffer.concat(out).toString('utf8'));
          const stderr = scrub(Buffer.concat(err).toString('utf8'));
          if (code === 0) resolve({ stdout, stderr });
          else reject(commandFailed(what, code, stderr || stdout));
        }),
      );
    });
  }
}

/** helm's error text, shortened: the `Error:` line(s) first, warnings dropped, at most 800 characters. */
export function summariseStderr(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^(WARNING|walk\.go|W\d{4} )/.test(l));
  const errors = lines.filter((l) => l.startsWith('Error:'));
  const text = (errors.length ? errors : lines).join('; ').replace(/^Error:\s*/, '');
  return text.length > 800 ? text.slice(0, 800) + '…' : text || '(helm printed nothing)';
}

function commandFailed(what: string, code: number | null, stderr: string): Error {
  const summary = summariseStderr(stderr);
  if (/context deadline exceeded|timed out waiting/i.test(summary))
    return HelmErrors.create('HELM_ERR_TIMEOUT', `${what} failed: ${summary}`);
  return HelmErrors.create('HELM_ERR_COMMAND_FAILED', `${what} failed (exit ${code ?? 'signal'}): ${summary}`);
}

function pick(env: NodeJS.ProcessEnv, keys: string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(keys.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
}

function safeUid(): string {
  try {
    return String(userInfo().uid);
  } catch {
    return 'user';
  }
}
