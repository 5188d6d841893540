// cnmcp as the bench runs it: the built repository's CLI (`bin/cnmcp.js serve`) with the bench's echo plugin,
// middleware off or full, and the every-plugin configuration used for start-up time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(BENCH_DIR, '..');
export const CNMCP_BIN = join(ROOT, 'bin', 'cnmcp.js');
export const ECHO_PLUGIN = join(BENCH_DIR, 'servers', 'cnmcp-echo-plugin.mjs');
export const API_KEY = 'bench-key-0123456789abcdef';

/**
 * Middleware "off": no auth, no audit, metrics disabled, no rate limit. "full": an API key (X-API-Key), the
 * audit file, Prometheus metrics and a rate limit far above what the bench sends. Everything else is the
 * default in both (redaction, cache, log level info). Over stdio there is no HTTP auth: "full" is the rest.
 */
export function echoConfig({ full, transport = 'http', port = 0, dir }) {
  const config = {
    server: { transport, host: '127.0.0.1', port, healthIntervalMs: 0 },
    plugins: [ECHO_PLUGIN],
    autoDiscover: false,
    metrics: { enabled: full },
  };
  if (full && transport === 'http') {
    config.auth = { enabled: true, apiKeys: [{ name: 'bench', key: API_KEY, scopes: ['*'] }] };
  }
  if (full) {
    config.audit = { file: join(dir, 'audit.jsonl') };
    config.rateLimit = { enabled: true, max: 1_000_000_000, windowMs: 60_000 };
  }
  return config;
}

/** Every first-party plugin with a backend configured; the targets are closed 127.0.0.1 ports, never contacted. */
export function allPluginsConfig({ port, dir }) {
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:9", insecure-skip-tls-verify: true } }]',
      'users: [{ name: u, user: { token: t } }]',
      'contexts: [{ name: main, context: { cluster: c, user: u } }]',
      'current-context: main',
      '',
    ].join('\n'),
  );
  const target = { targets: { main: { url: 'http://127.0.0.1:9' } } };
  return {
    server: { host: '127.0.0.1', port, healthIntervalMs: 0 },
    autoDiscover: true,
    kubernetes: { kubeconfig },
    helm: { kubeconfig },
    grafana: target,
    prometheus: target,
    kibana: target,
    elasticsearch: target,
    alertmanager: target,
    jaeger: target,
    opentelemetry: target,
  };
}

/** A folder of its own for one server's config and files. */
export function serverFolder(dir, name) {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** Writes a config (JSON is YAML) into the folder and returns the file. */
export function writeConfig(folder, config) {
  const file = join(folder, 'cnmcp.config.yaml');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** Node arguments that serve a config with the built CLI; --expose-gc lets bench_memory force a collection. */
export function serveArgs(configFile, extra = []) {
  return ['--expose-gc', CNMCP_BIN, 'serve', '--config', configFile, ...extra];
}
