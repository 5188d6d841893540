// Test fixtures: a backend (the emulator, or a live cluster from CNMCP_TEST_ELASTICSEARCH_URL with optional
// CNMCP_TEST_ELASTICSEARCH_API_KEY or _USERNAME/_PASSWORD), seeded with the same documents through the
// official client, and a cnmcp server with this plugin talking to it.
import { randomBytes } from 'node:crypto';
import type { Test } from 'tap';
import { Client } from '@elastic/elasticsearch';
import { backendUrl, startTestServer, type TestServer } from '@cnmcp/core/testing';
import { ElasticsearchPlugin } from '../dist/src/index.js';
import { startElasticsearchEmulator, type ElasticsearchEmulator, type EmulatorOptions } from '../dist/src/testing.js';

export const HOUR = 3_600_000;
export const SERVICES = ['api', 'web', 'db'] as const;

export interface Fixture {
  url: string;
  live: boolean;
  emulator?: ElasticsearchEmulator;
  /** A fresh index name for this test run (its own prefix, so live clusters are left clean). */
  index: string;
  prefix: string;
  base: number;
  client: Client;
  server: TestServer;
  call: TestServer['call'];
  callJson: TestServer['callJson'];
}

function liveAuth(): Record<string, unknown> | undefined {
  const key = process.env.CNMCP_TEST_ELASTICSEARCH_API_KEY;
  if (key) return { type: 'apiKey', key };
  const username = process.env.CNMCP_TEST_ELASTICSEARCH_USERNAME;
  if (username) return { type: 'basic', username, password: process.env.CNMCP_TEST_ELASTICSEARCH_PASSWORD ?? '' };
  return undefined;
}

function clientAuth(auth: Record<string, unknown> | undefined) {
  if (auth?.type === 'apiKey') return { apiKey: String(auth.key) };
  if (auth?.type === 'basic') return { username: String(auth.username), password: String(auth.password) };
  return undefined;
}

/** 24 log documents, one every 5 minutes ending now-5m: services rotate, every 4th is an error. */
export function logDocs(base: number): Array<Record<string, unknown>> {
  return Array.from({ length: 24 }, (_, i) => ({
    '@timestamp': new Date(base + i * 5 * 60_000).toISOString(),
    service: SERVICES[i % 3],
    level: i % 4 === 0 ? 'error' : 'info',
    message: i % 4 === 0 ? `request ${i} failed: upstream timeout` : `request ${i} served`,
    latency_ms: 10 * (i + 1),
    http: { status: i % 4 === 0 ? 503 : 200 },
  }));
}

export async function setup(
  t: Test,
  opts: { emulator?: EmulatorOptions; config?: Record<string, unknown>; seed?: boolean } = {},
): Promise<Fixture> {
  let emulator: ElasticsearchEmulator | undefined;
  const { url, live } = await backendUrl('elasticsearch', async () => {
    emulator = await startElasticsearchEmulator(opts.emulator);
    return emulator.url;
  });
  if (emulator) t.teardown(() => emulator!.close());
  const auth = live
    ? liveAuth()
    : opts.emulator?.auth?.apiKey
      ? { type: 'apiKey', key: opts.emulator.auth.apiKey }
      : undefined;
  const client = new Client({ node: url, auth: clientAuth(auth), maxRetries: 0 });
  const prefix = `cnmcp-test-${randomBytes(4).toString('hex')}`;
  const index = `${prefix}-logs`;
  // The last document is 4 minutes old; document 12 is 59 minutes old, so "now-1h" holds 12 of them.
  const base = Date.now() - 24 * 5 * 60_000 + 60_000;
  if (opts.seed !== false) {
    await client.indices.create({ index, settings: { number_of_replicas: 0 } });
    await client.bulk({
      refresh: true,
      operations: logDocs(base).flatMap((d, i) => [{ index: { _index: index, _id: `doc-${i}` } }, d]),
    });
  }
  t.teardown(async () => {
    if (live) await client.indices.delete({ index: `${prefix}-*` }).catch(() => undefined);
    await client.close();
  });
  const server = await startTestServer({
    plugins: [ElasticsearchPlugin],
    config: { elasticsearch: { targets: { main: { url, ...(auth ? { auth } : {}) } }, ...opts.config } },
  });
  t.teardown(() => server.close());
  return {
    url,
    live,
    emulator,
    index,
    prefix,
    base,
    client,
    server,
    call: server.call.bind(server),
    callJson: server.callJson.bind(server),
  };
}
