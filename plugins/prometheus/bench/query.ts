// Benchmark: repeated prometheus_query calls against a real Prometheus, in one run:
//   1. baselines — a direct HTTP GET /api/v1/query, no MCP: with undici.request (keep-alive agent, what the core's
//      HTTP client uses) and with fetch;
//   2. through the MCP pipeline — a real MCP client over the in-memory transport (validation, policy, formatting);
//   3. through the MCP pipeline over Streamable HTTP on 127.0.0.1.
// Prometheus is started locally (as in the tests), or CNMCP_TEST_PROMETHEUS_URL names a live one.
// Usage: npm run bench -w plugins/prometheus   (BENCH_CALLS=2000 for more calls; default 500)
import { startHttpTestServer, startTestServer } from '@cnmcp/core/testing';
import { Agent, request } from 'undici';
import { PrometheusPlugin } from '../src/index.js';
import { prometheusBackend } from '../test/helpers/backends.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 500);
const WARMUP = Math.min(50, CALLS);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(
  label: string,
  once: () => Promise<void>,
): Promise<{ label: string; rate: number; p50: number; p99: number }> {
  for (let i = 0; i < WARMUP; i++) await once();
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    await once();
    times.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  return { label, rate: (CALLS / total) * 1000, p50: percentile(times, 50), p99: percentile(times, 99) };
}

const backend = await prometheusBackend();
if ('skip' in backend) {
  console.log(`bench skipped: ${backend.skip}`);
  process.exit(0);
}
const query = backend.live ? 'up' : 'cnmcp_test_gauge';
const config = { prometheus: { targets: { main: { url: backend.url } } } };
const mcp = await startTestServer({ plugins: [PrometheusPlugin], config });
const http = await startHttpTestServer({ plugins: [PrometheusPlugin], config });
try {
  const results = [];
  const url = `${backend.url}/api/v1/query?query=${encodeURIComponent(query)}`;
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  results.push(
    await measure('baseline: direct GET /api/v1/query (undici.request)', async () => {
      const res = await request(url, { dispatcher: agent });
      const body = (await res.body.json()) as { status: string };
      if (body.status !== 'success') throw new Error('query failed');
    }),
  );
  await agent.close();
  results.push(
    await measure('baseline: direct GET /api/v1/query (fetch)', async () => {
      const res = await fetch(url);
      const body = (await res.json()) as { status: string };
      if (body.status !== 'success') throw new Error('query failed');
    }),
  );
  results.push(
    await measure('MCP pipeline, in-memory client', async () => {
      const r = await mcp.call('prometheus_query', { query });
      if (r.isError) throw new Error(r.text);
    }),
  );
  results.push(
    await measure('MCP pipeline, Streamable HTTP client', async () => {
      const r = await http.call('prometheus_query', { query });
      if (r.isError) throw new Error(r.text);
    }),
  );
  console.log(
    `prometheus_query x ${CALLS} (after ${WARMUP} warm-up calls), query ${JSON.stringify(query)}, Prometheus ${backend.live ? 'live' : 'local'}`,
  );
  console.log('| path | calls/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|');
  for (const r of results)
    console.log(`| ${r.label} | ${r.rate.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`);
  console.log('(No result cache exists in the core yet, so there is no with/without-cache comparison.)');
} finally {
  await http.close();
  await mcp.close();
  await backend.stop();
}
