// Starts a real Prometheus (and a tiny exporter it scrapes) on 127.0.0.1 with random free ports and a throwaway
// data directory; or, in live mode (CNMCP_TEST_PROMETHEUS_URL), uses that server and skips fixture-value checks.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, liveUrl, requireBinary, startProcess, stopProcess, waitFor } from '@cnmcp/core/testing';

export { freePort, stopProcess };

/** Gauge values the exporter serves; tests assert that prometheus_query returns exactly these. */
export const GAUGES = { alpha: 42, beta: 7.5 } as const;
/** Series of `cnmcp_test_many` (for series caps and oversized results). */
export const MANY_SERIES = 150;

function exporterText(): string {
  const lines = [
    '# HELP cnmcp_test_gauge A gauge with known values for tests.',
    '# TYPE cnmcp_test_gauge gauge',
    `cnmcp_test_gauge{kind="alpha"} ${GAUGES.alpha}`,
    `cnmcp_test_gauge{kind="beta"} ${GAUGES.beta}`,
    '# HELP cnmcp_test_many One gauge with many series.',
    '# TYPE cnmcp_test_many gauge',
  ];
  for (let i = 0; i < MANY_SERIES; i++) lines.push(`cnmcp_test_many{i="${i}"} ${i}`);
  return `${lines.join('\n')}\n`;
}

export async function startExporter(): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/metrics'))
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(exporterText());
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

const RULES = `groups:
  - name: cnmcp-test
    interval: 1s
    rules:
      - alert: AlwaysFiring
        expr: vector(1)
        labels: {severity: critical}
        annotations: {summary: "Fires all the time (test fixture)"}
      - alert: GaugeHighPending
        expr: cnmcp_test_gauge > 40
        for: 1h
        labels: {severity: warning}
      - record: cnmcp:test_gauge:sum
        expr: sum(cnmcp_test_gauge)
`;

export interface PrometheusBackend {
  url: string;
  /** True when CNMCP_TEST_PROMETHEUS_URL is used: fixture values are unknown. */
  live: boolean;
  stop(): Promise<void>;
}

/** A real Prometheus scraping itself and the test exporter, with the rule file above; waits for the first scrape. */
export async function startPrometheus(
  binary: string,
  options: { alertmanagerPort?: number } = {},
): Promise<PrometheusBackend> {
  const dir = await mkdtemp(join(tmpdir(), 'cnmcp-prom-'));
  const exporter = await startExporter();
  const port = await freePort();
  const alerting = options.alertmanagerPort
    ? `alerting:\n  alertmanagers: [{static_configs: [{targets: ['127.0.0.1:${options.alertmanagerPort}']}]}]\n`
    : '';
  await writeFile(join(dir, 'rules.yml'), RULES);
  await writeFile(
    join(dir, 'prometheus.yml'),
    `global: {scrape_interval: 1s, evaluation_interval: 1s}
${alerting}rule_files: ['rules.yml']
scrape_configs:
  - job_name: prometheus
    static_configs: [{targets: ['127.0.0.1:${port}']}]
  - job_name: exporter
    static_configs: [{targets: ['127.0.0.1:${exporter.port}']}]
`,
  );
  const server = startProcess(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--rules.alert.resend-delay=1s',
      '--web.enable-lifecycle',
      '--web.enable-admin-api',
    ],
    { cleanupDir: dir },
  );
  const log = () => server.log().slice(-2000);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await server.stop();
    await new Promise<void>((resolve) => exporter.server.close(() => resolve()));
  };
  try {
    await waitFor(
      'Prometheus /-/ready',
      15_000,
      async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
      log,
    );
    // The first scrape comes ~5 s after start (service discovery batches updates).
    // Both targets must have been scraped (each scrape loop starts at its own offset within the interval).
    const count = async (q: string) =>
      (
        (await (await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as {
          data: { result: unknown[] };
        }
      ).data.result.length;
    await waitFor(
      'the first scrapes of Prometheus itself and the exporter',
      30_000,
      async () => {
        return (await count('cnmcp_test_gauge')) === 2 && (await count('up == 1')) === 2 ? true : undefined;
      },
      log,
    );
    // …and the rules have been evaluated on that data: one firing and one pending alert.
    await waitFor(
      'the rule evaluation',
      15_000,
      async () => {
        const body = (await (await fetch(`${url}/api/v1/alerts`)).json()) as { data: { alerts: unknown[] } };
        return body.data.alerts.length === 2 ? true : undefined;
      },
      log,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, live: false, stop };
}

/** Live URL when set, else a local Prometheus; `undefined` (with the reason) when the binary is missing. */
export async function prometheusBackend(): Promise<PrometheusBackend | { skip: string }> {
  const live = liveUrl('prometheus');
  if (live) return { url: live.replace(/\/+$/, ''), live: true, stop: async () => undefined };
  const bin = requireBinary('prometheus', 'apt-get install prometheus');
  if (bin.skip) return { skip: bin.skip };
  return startPrometheus(bin.path!);
}
