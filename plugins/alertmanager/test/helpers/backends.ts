// Starts a real Alertmanager on 127.0.0.1 (random free port, throwaway data dir, clustering off) and posts known
// alerts to it; or, in live mode (CNMCP_TEST_ALERTMANAGER_URL), uses that server without posting anything.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary, freePort, liveUrl, requireBinary, startProcess, waitFor } from '@cnmcp/core/testing';

export { freePort };

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** The alerts the tests post (startsAt relative to the start of the test file). */
export function fixtureAlerts() {
  return [
    {
      labels: { alertname: 'HighLatency', severity: 'critical', service: 'api' },
      annotations: { summary: 'p99 latency above 2s' },
      startsAt: minutesAgo(10),
    },
    {
      labels: { alertname: 'DiskFull', severity: 'warning', instance: 'db1' },
      annotations: { summary: 'disk 95% full' },
      startsAt: minutesAgo(30),
    },
    {
      labels: { alertname: 'DiskFull', severity: 'warning', instance: 'db2' },
      annotations: { summary: 'disk 91% full' },
      startsAt: minutesAgo(180),
    },
    { labels: { alertname: 'Heartbeat', severity: 'info' }, startsAt: minutesAgo(1) },
  ];
}

export interface AlertmanagerBackend {
  url: string;
  live: boolean;
  /** Notifications the webhook receiver got (fixture mode only). */
  webhook: unknown[];
  stop(): Promise<void>;
}

export async function postAlerts(url: string, alerts: unknown[]): Promise<void> {
  const res = await fetch(`${url}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
  });
  if (!res.ok) throw new Error(`posting alerts failed: ${res.status} ${await res.text()}`);
}

export async function startAlertmanager(binary: string): Promise<AlertmanagerBackend> {
  const dir = await mkdtemp(join(tmpdir(), 'cnmcp-am-'));
  const webhook: unknown[] = [];
  const hook: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      try {
        webhook.push(JSON.parse(body));
      } catch {
        webhook.push(body);
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const hookPort = (hook.address() as AddressInfo).port;
  const port = await freePort();
  await writeFile(
    join(dir, 'alertmanager.yml'),
    `route:
  receiver: default
  group_by: ['alertname']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
  routes:
    - receiver: team-pager
      matchers: ['severity="critical"']
receivers:
  - name: default
  - name: team-pager
    webhook_configs:
      - url: 'http://127.0.0.1:${hookPort}/'
`,
  );
  const server = startProcess(
    binary,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { cleanupDir: dir },
  );
  const log = () => server.log().slice(-2000);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await server.stop();
    await new Promise<void>((resolve) => {
      hook.closeAllConnections();
      hook.close(() => resolve());
    });
  };
  try {
    await waitFor('Alertmanager /-/ready', 15_000, async () => (await fetch(`${url}/-/ready`)).ok, log);
    const alerts = fixtureAlerts();
    await postAlerts(url, alerts);
    await waitFor(
      'the posted alerts',
      15_000,
      async () => {
        const list = (await (await fetch(`${url}/api/v2/alerts`)).json()) as Array<{ status: { state: string } }>;
        return list.length === alerts.length && list.every((a) => a.status.state === 'active');
      },
      log,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, live: false, webhook, stop };
}

export async function alertmanagerBackend(): Promise<AlertmanagerBackend | { skip: string }> {
  const live = liveUrl('alertmanager');
  if (live) return { url: live.replace(/\/+$/, ''), live: true, webhook: [], stop: async () => undefined };
  // Debian names the binary prometheus-alertmanager; upstream builds name it alertmanager.
  const upstream = findBinary('alertmanager');
  if (upstream) return startAlertmanager(upstream);
  const bin = requireBinary('prometheus-alertmanager', 'apt-get install prometheus-alertmanager');
  if (bin.skip) return { skip: bin.skip };
  return startAlertmanager(bin.path!);
}
