// A real Prometheus (Debian package `prometheus`) scraping the collector's internal metrics every second.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess, waitFor } from '@cnmcp/core/testing';

export async function startPrometheus(
  binary: string,
  scrapeUrl: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cnmcp-otel-prom-'));
  const port = await freePort();
  const target = new URL(scrapeUrl);
  await writeFile(
    join(dir, 'prometheus.yml'),
    `global: {scrape_interval: 1s}
scrape_configs:
  - job_name: otelcol
    metrics_path: ${target.pathname}
    static_configs: [{targets: ['${target.host}']}]
`,
  );
  const server = startProcess(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { cleanupDir: dir },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'Prometheus /-/ready',
      15_000,
      async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
      () => server.log().slice(-2000),
    );
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { url, stop: () => server.stop() };
}
