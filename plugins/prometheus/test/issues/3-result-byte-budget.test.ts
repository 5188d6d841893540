// Found by a review against a Prometheus with ~900 series: a range query within the point budget
// (100 series × 200 points) produced ~500 KB of JSON, which the server then cut mid-JSON at its
// result size limit. The plugin now keeps every result within the one result budget, server.maxResultBytes.
import t from 'tap';
import { startEmulator, startTestServer } from '@cnmcp/core/testing';
import { PrometheusPlugin } from '../../src/index.js';

const labels = (i: number) => ({
  __name__: 'node_cpu_seconds_total',
  instance: `host-${i}.example.internal:9100`,
  job: 'node',
  cpu: String(i % 8),
  mode: 'idle',
});

// A matrix of 100 series with one sample per step over [start, end].
const emulator = await startEmulator({
  'GET /-/healthy': () => ({ body: 'Prometheus Server is Healthy.\n' }),
  'GET /api/v1/query_range': (req) => {
    const start = Number(req.query.get('start'));
    const end = Number(req.query.get('end'));
    const step = Number(req.query.get('step'));
    const ts: number[] = [];
    for (let x = start; x <= end; x += step) ts.push(x);
    return {
      body: {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: Array.from({ length: 100 }, (_, i) => ({
            metric: labels(i),
            values: ts.map((x) => [x, String(1234.5678 + i)]),
          })),
        },
      },
    };
  },
  'GET /api/v1/query': () => ({
    body: {
      status: 'success',
      data: {
        resultType: 'vector',
        result: Array.from({ length: 100 }, (_, i) => ({
          metric: { ...labels(i), padding: 'x'.repeat(400) },
          value: [1767366245, String(i)],
        })),
      },
    },
  }),
});
t.teardown(() => emulator.close());

const mcp = await startTestServer({
  plugins: [PrometheusPlugin],
  config: {
    cache: { enabled: false },
    server: { maxResultBytes: 40_000 },
    prometheus: { targets: { main: { url: emulator.url, retries: 0 } } },
  },
});
t.teardown(() => mcp.close());

t.test('a range query inside the point budget but over the byte budget gets a coarser step', async (t) => {
  const r = await mcp.call('prometheus_query_range', {
    query: 'node_cpu_seconds_total',
    start: 1767366000,
    end: 1767366199,
    step: '1s',
  });
  t.notOk(r.isError, r.text.slice(0, 200));
  t.ok(Buffer.byteLength(r.text) <= 40_000, `result is ${Buffer.byteLength(r.text)} bytes`);
  const out = JSON.parse(r.text);
  t.equal(out.series_shown, 100, 'every series is kept');
  t.ok(out.step_seconds > 1, `step coarsened to ${out.step}`);
  t.match(out.step_adjusted.at(-1).reason, /over the budget of 40000 \(server.maxResultBytes\)/);
});

t.test('with adjust_step: false the call fails naming the step to use', async (t) => {
  const r = await mcp.call('prometheus_query_range', {
    query: 'node_cpu_seconds_total',
    start: 1767366000,
    end: 1767366199,
    step: '1s',
    adjust_step: false,
  });
  t.ok(r.isError);
  t.match(
    r.text,
    /^PROMETHEUS_ERR_QUERY_TOO_EXPENSIVE: the result would be \d+ bytes, over the budget of 40000 \(server.maxResultBytes\); use step=\S+ or coarser/,
  );
});

t.test('an instant query with long label sets drops series from the end, with a note', async (t) => {
  const r = await mcp.call('prometheus_query', { query: 'node_cpu_seconds_total' });
  t.notOk(r.isError);
  t.ok(Buffer.byteLength(r.text) <= 40_000, `result is ${Buffer.byteLength(r.text)} bytes`);
  const out = JSON.parse(r.text);
  t.equal(out.series_total, 100);
  t.ok(out.series_shown < 100 && out.series_shown > 0, `${out.series_shown} series shown`);
  t.equal(out.result.length, out.series_shown);
  t.match(out.truncated, /to stay within 40000 bytes \(server.maxResultBytes\)/);
});
