// Request metrics are queued on the call's path and folded into prom-client when read: a scrape sees every
// request counted before it, in order, and the queue folds itself when long, so it never grows without a scrape.
import t from 'tap';
import { createMetrics } from '../../src/fastify/metrics.js';
import { RequestQueue } from '../../src/fastify/request-queue.js';

const metrics = () =>
  createMetrics({ enabled: true, path: '/metrics', processMetrics: false } as Parameters<typeof createMetrics>[0]);

t.test('a scrape sees every request counted before it', async (t) => {
  const m = metrics();
  m.request('tools/call', 'ok', 0.002);
  m.request('tools/call', 'ok', 0.02);
  m.request('tools/list', '200', 0.001);
  m.request('no/such/method', 'error', 0.001);
  const text = await m.registry.metrics();
  t.match(text, /mcp_requests_total\{method="tools\/call",status="ok"\} 2/);
  t.match(text, /mcp_requests_total\{method="tools\/list",status="200"\} 1/);
  t.match(text, /mcp_requests_total\{method="other",status="error"\} 1/);
  t.match(text, /mcp_request_duration_seconds_bucket\{le="0.005",method="tools\/call"\} 1/);
  t.match(text, /mcp_request_duration_seconds_count\{method="tools\/call"\} 2/);
  m.request('tools/call', 'ok', 0.002);
  const json = await m.registry.getMetricsAsJSON();
  const total = json.find((metric) => metric.name === 'mcp_requests_total');
  t.equal(total?.values.find((v) => v.labels.method === 'tools/call')?.value, 3, 'read as JSON too');
});

t.test('the queue folds itself once long, oldest first', async (t) => {
  const seen: number[] = [];
  const queue = new RequestQueue((_method, _status, seconds) => seen.push(seconds));
  for (let i = 0; i < 511; i++) queue.add('tools/call', 'ok', i);
  t.equal(seen.length, 0, 'below the limit nothing is folded yet');
  queue.add('tools/call', 'ok', 511);
  t.equal(seen.length, 512, 'the 512th request folds the queue');
  t.same(seen.slice(0, 3), [0, 1, 2]);
  queue.add('tools/call', 'ok', 512);
  queue.fold();
  queue.fold();
  t.equal(seen.length, 513, 'a fold takes each request once');
});
