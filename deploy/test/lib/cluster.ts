// Several `cnmcp serve` processes behind a real nginx (round-robin, no affinity) sharing one real redis-server,
// all on 127.0.0.1 with throwaway directories. Used by the replica tests.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startProcess, waitFor, type TestProcess } from '@cnmcp/core/testing';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(REPO, 'bin', 'cnmcp.js');
export const REPLICA_PLUGIN = join(REPO, 'deploy', 'test', 'fixtures', 'cnmcp-plugin-replica');
/** The HMAC key every replica shares, so a 2026 confirmation retry may land on any of them. */
export const REQUEST_STATE_KEY = 'replica-test-request-state-key-0123456789abcdef';

export interface Replica {
  name: string;
  url: string;
  auditFile: string;
  process: TestProcess;
}

export interface Cluster {
  /** The balancer's base URL (nginx). */
  url: string;
  redisUrl: string;
  replicas: Replica[];
  /** Every audit record of every replica. */
  audit(): Array<Record<string, any>>;
  close(): Promise<void>;
}

const tcpOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

async function startRedis(redisServer: string, dir: string): Promise<{ url: string; process: TestProcess }> {
  const port = await freePort();
  const process = startProcess(redisServer, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ]);
  await waitFor('redis-server', 60_000, () => tcpOpen(port), process.log);
  return { url: `redis://127.0.0.1:${port}`, process };
}

function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # Round-robin, no affinity: every request may land on any replica.
  upstream cnmcp {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=30s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://cnmcp;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-For $remote_addr;
      # SSE: pass events as they come, keep long streams open.
      proxy_buffering off;
      proxy_read_timeout 300s;
      proxy_next_upstream error timeout;
    }
  }
}
`;
}

export async function startCluster(options: {
  redisServer: string;
  nginx: string;
  replicas: number;
  /** cnmcp.config.yaml, given the shared Redis URL. */
  config: (redisUrl: string) => string;
  env?: Record<string, string>;
}): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'cnmcp-replicas-'));
  chmodSync(dir, 0o777); // nginx workers run as an unprivileged user when started as root
  const stopped: TestProcess[] = [];
  const redis = await startRedis(options.redisServer, dir);
  stopped.push(redis.process);
  const configPath = join(dir, 'cnmcp.config.yaml');
  writeFileSync(configPath, options.config(redis.url));
  const replicas: Replica[] = [];
  try {
    for (let i = 1; i <= options.replicas; i++) {
      const port = await freePort();
      const name = `r${i}`;
      const auditFile = join(dir, `audit-${name}.jsonl`);
      const process = startProcess(
        globalThis.process.execPath,
        [BIN, 'serve', '--config', configPath, '--port', String(port)],
        {
          env: {
            ...globalThis.process.env,
            CNMCP_REPLICA_NAME: name,
            CNMCP_SESSION_REDIS_URL: redis.url,
            CNMCP_REQUEST_STATE_KEY: REQUEST_STATE_KEY,
            MCP_AUDIT_FILE: auditFile,
            MCP_LOG_LEVEL: 'warn',
            ...options.env,
          },
        },
      );
      stopped.push(process);
      replicas.push({ name, url: `http://127.0.0.1:${port}`, auditFile, process });
    }
    for (const r of replicas)
      await waitFor(`replica ${r.name}`, 240_000, async () => (await fetch(`${r.url}/ready`)).ok, r.process.log);
    const port = await freePort();
    const conf = join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      nginxConfig(
        dir,
        port,
        replicas.map((r) => Number(new URL(r.url).port)),
      ),
    );
    const nginx = startProcess(options.nginx, ['-c', conf, '-p', dir, '-e', join(dir, 'nginx-error.log')]);
    stopped.push(nginx);
    const url = `http://127.0.0.1:${port}`;
    await waitFor('nginx', 60_000, async () => (await fetch(`${url}/health`)).ok, nginx.log);
    return {
      url,
      redisUrl: redis.url,
      replicas,
      audit: () =>
        replicas.flatMap((r) =>
          existsSync(r.auditFile)
            ? readFileSync(r.auditFile, 'utf8')
                .split('\n')
                .filter(Boolean)
                .map((l) => JSON.parse(l) as Record<string, any>)
            : [],
        ),
      async close() {
        for (const p of stopped.reverse()) await p.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    for (const p of stopped.reverse()) await p.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** One Redis command over a plain socket (inline protocol); the raw reply. */
export function redisCommand(redisUrl: string, ...args: string[]): Promise<string> {
  const { hostname, port } = new URL(redisUrl);
  return new Promise((resolve, reject) => {
    let reply = '';
    const socket = connect(Number(port), hostname, () => socket.write(`${args.join(' ')}\r\nQUIT\r\n`));
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });
}

/** Waits until some replica holds the session's GET stream (it subscribed to the session's stream channel). */
export async function waitForSessionStream(redisUrl: string, sessionId: string): Promise<void> {
  await waitFor(`the GET stream of session ${sessionId}`, 15_000, async () => {
    const reply = await redisCommand(redisUrl, 'PUBSUB', 'NUMSUB', `cnmcp:session-stream:${sessionId}`);
    return /:([1-9]\d*)\r\n/.test(reply);
  });
}
