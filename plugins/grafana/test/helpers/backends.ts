// The backends behind the Grafana emulator: a real Prometheus scraping a tiny exporter with known gauge values,
// and a real Alertmanager holding known alerts, each on 127.0.0.1 with a throwaway data directory. In live mode
// (CNMCP_TEST_GRAFANA_URL and CNMCP_TEST_GRAFANA_TOKEN) none of this starts: the tests use that Grafana.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary, freePort, liveUrl, requireBinary, startProcess, waitFor } from '@cnmcp/core/testing';
import { startGrafanaEmulator, type GrafanaEmulator } from '@cnmcp/plugin-grafana/testing';

/** What the exporter serves; a PromQL query through Grafana must return exactly these. */
export const GAUGES = { alpha: 42, beta: 7.5 } as const;

export const ALERTS = [
  {
    labels: { alertname: 'HighLatency', severity: 'critical', service: 'api' },
    annotations: { summary: 'p99 above 2s' },
  },
  {
    labels: { alertname: 'DiskFull', severity: 'warning', instance: 'db1' },
    annotations: { summary: 'disk 95% full' },
  },
];

interface Stoppable {
  url: string;
  stop(): Promise<void>;
}

async function startExporter() {
  const text = [
    '# TYPE cnmcp_test_gauge gauge',
    `cnmcp_test_gauge{kind="alpha"} ${GAUGES.alpha}`,
    `cnmcp_test_gauge{kind="beta"} ${GAUGES.beta}`,
    '',
  ].join('\n');
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/metrics')) res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function startPrometheus(binary: string): Promise<Stoppable> {
  const dir = await mkdtemp(join(tmpdir(), 'cnmcp-grafana-prom-'));
  const exporter = await startExporter();
  const port = await freePort();
  await writeFile(
    join(dir, 'prometheus.yml'),
    `global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: exporter
    static_configs: [{targets: ['127.0.0.1:${exporter.port}']}]
`,
  );
  const proc = startProcess(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { cleanupDir: dir },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    await exporter.close();
  };
  try {
    // The first scrape comes ~5 s after start (service discovery batches its updates).
    await waitFor(
      'the first scrape of the test exporter',
      30_000,
      async () => {
        const res = await fetch(`${url}/api/v1/query?query=cnmcp_test_gauge`);
        const body = (await res.json()) as { data: { result: unknown[] } };
        return body.data.result.length === 2;
      },
      () => proc.log().slice(-2000),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}

export async function startAlertmanager(binary: string): Promise<Stoppable> {
  const dir = await mkdtemp(join(tmpdir(), 'cnmcp-grafana-am-'));
  const port = await freePort();
  await writeFile(
    join(dir, 'alertmanager.yml'),
    `route:
  receiver: default
  routes:
    - receiver: team-pager
      matchers: ['severity="critical"']
receivers:
  - name: default
  - name: team-pager
`,
  );
  const proc = startProcess(
    binary,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { cleanupDir: dir },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'Alertmanager /-/ready',
      15_000,
      async () => (await fetch(`${url}/-/ready`)).ok,
      () => proc.log().slice(-2000),
    );
    const res = await fetch(`${url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ALERTS.map((a) => ({ ...a, startsAt: new Date(Date.now() - 600_000).toISOString() }))),
    });
    if (!res.ok) throw new Error(`posting alerts failed: ${res.status}`);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { url, stop: () => proc.stop() };
}

export interface GrafanaBackend {
  url: string;
  /** Bearer token of an Admin service account. */
  token: string;
  /** True against a live Grafana (CNMCP_TEST_GRAFANA_URL): fixture values are unknown there. */
  live: boolean;
  emulator?: GrafanaEmulator;
  stop(): Promise<void>;
}

/**
 * A live Grafana when CNMCP_TEST_GRAFANA_URL is set; else the emulator, in front of a real Prometheus and
 * Alertmanager when `withBackends` and their binaries are installed (a skip reason otherwise).
 */
export async function grafanaBackend(
  options: { withBackends?: boolean; renderer?: boolean } = {},
): Promise<GrafanaBackend | { skip: string }> {
  const live = liveUrl('grafana');
  if (live) {
    const token = process.env.CNMCP_TEST_GRAFANA_TOKEN;
    if (!token) return { skip: 'CNMCP_TEST_GRAFANA_URL is set but CNMCP_TEST_GRAFANA_TOKEN is not' };
    return { url: live.replace(/\/+$/, ''), token, live: true, stop: async () => undefined };
  }
  const started: Stoppable[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop();
  };
  if (options.withBackends) {
    const prom = requireBinary('prometheus', 'apt-get install prometheus');
    if (prom.skip) return { skip: prom.skip };
    const amPath =
      findBinary('alertmanager') ??
      requireBinary('prometheus-alertmanager', 'apt-get install prometheus-alertmanager').path;
    if (!amPath) return { skip: 'prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)' };
    try {
      started.push(await startPrometheus(prom.path!));
      started.push(await startAlertmanager(amPath));
    } catch (err) {
      await stopAll();
      throw err;
    }
  }
  const emulator = await startGrafanaEmulator({
    prometheusUrl: started[0]?.url,
    alertmanagerUrl: started[1]?.url,
    renderer: options.renderer,
  });
  return {
    url: emulator.url,
    token: emulator.credentials.adminToken,
    live: false,
    emulator,
    stop: async () => {
      await emulator.close();
      await stopAll();
    },
  };
}
