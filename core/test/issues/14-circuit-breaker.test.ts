// Issue 14: the circuit breaker opens after failures in a row, is half-open after its cool-down with a single
// trial call, and closes as soon as the backend answers; the pause it reports and its Retry after agree.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { startTestServer, type TestServer } from '@cnmcp/core/testing';
import { ShopPlugin } from '../fixtures/grouped-plugins.js';

const COOLDOWN_MS = 300;

/** A real backend on 127.0.0.1 that can be stopped and started again on the same port. */
function backend() {
  let server: Server | undefined;
  let port = 0;
  const start = async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/healthz' ? '"ok"' : JSON.stringify({ id: 'a', cents: 100 }));
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };
  const stop = async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  };
  return { start, stop, url: () => `http://127.0.0.1:${port}` };
}

async function circuitOf(h: TestServer): Promise<{ state: string; retryAfterSeconds?: number } | undefined> {
  const listed = await h.callJson<{ targets: Array<{ circuit?: { state: string; retryAfterSeconds?: number } }> }>(
    'shop_list_backends',
  );
  return listed.targets[0].circuit;
}

/** Polls the breaker's state (not the clock) until it is no longer open; bounded. */
async function untilNotOpen(h: TestServer): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const state = (await circuitOf(h))?.state ?? 'closed';
    if (state !== 'open') return state;
    await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS / 5));
  }
  return 'open';
}

t.test('backend down → open → backend up → closed within one cool-down', async (t) => {
  const shop = backend();
  await shop.start();
  t.teardown(() => shop.stop());
  const h = await startTestServer({
    plugins: [ShopPlugin],
    config: {
      server: { healthIntervalMs: 0 },
      cache: { enabled: false },
      shop: {
        targets: { main: { url: shop.url(), retries: 0, circuitBreaker: { failures: 2, cooldownMs: COOLDOWN_MS } } },
      },
    },
  });
  t.teardown(() => h.close());
  await h.server.health.checkAll(); // healthy while up; with healthIntervalMs 0 it is not probed again

  t.equal((await h.call('shop_get_item', { id: 'a' })).isError, false, 'the backend answers');
  t.equal(await circuitOf(h), undefined, 'closed: list_backends shows no circuit');

  await shop.stop();
  for (let i = 0; i < 2; i++)
    t.match((await h.call('shop_get_item', { id: 'a' })).text, /^CNMCP_ERR_BACKEND_UNREACHABLE/);
  const refused = await h.call('shop_get_item', { id: 'a' });
  t.match(refused.text, /^CNMCP_ERR_BACKEND_CIRCUIT_OPEN: .*2 calls in a row failed; calls are paused for (\d+)s/);
  const paused = /paused for (\d+)s/.exec(refused.text)?.[1];
  const retry = /Retry after: (\d+)s/.exec(refused.text)?.[1];
  t.ok(paused && paused === retry, `the pause (${paused}s) and Retry after (${retry}s) agree`);
  t.equal((await circuitOf(h))?.state, 'open');

  // still down after the cool-down: the one trial call fails and the breaker opens again at once
  t.equal(await untilNotOpen(h), 'half-open');
  t.match((await h.call('shop_get_item', { id: 'a' })).text, /^CNMCP_ERR_BACKEND_UNREACHABLE/, 'the trial call');
  t.match((await h.call('shop_get_item', { id: 'a' })).text, /^CNMCP_ERR_BACKEND_CIRCUIT_OPEN/, 'only one trial');

  await shop.start();
  t.equal(await untilNotOpen(h), 'half-open', 'half-open after one cool-down');
  const trial = await h.call('shop_get_item', { id: 'a' });
  t.equal(trial.isError, false, `the trial call reaches the recovered backend: ${trial.text}`);
  t.equal(await circuitOf(h), undefined, 'closed as soon as the backend answered');
  t.equal((await h.call('shop_get_item', { id: 'a' })).isError, false, 'and calls go through again');
});

t.test('a health probe passes an open breaker, and its answer closes it', async (t) => {
  const shop = backend();
  await shop.start();
  t.teardown(() => shop.stop());
  const h = await startTestServer({
    plugins: [ShopPlugin],
    config: {
      server: { healthIntervalMs: 0 },
      cache: { enabled: false },
      shop: {
        targets: { main: { url: shop.url(), retries: 0, circuitBreaker: { failures: 1, cooldownMs: 600_000 } } },
      },
    },
  });
  t.teardown(() => h.close());
  await h.server.health.checkAll(); // healthy while up; with healthIntervalMs 0 it is not probed again
  await shop.stop();
  t.match((await h.call('shop_get_item', { id: 'a' })).text, /^CNMCP_ERR_BACKEND_UNREACHABLE/);
  t.equal((await circuitOf(h))?.state, 'open');
  await shop.start();
  const health = await h.server.health.checkAll();
  t.equal(health[0].status, 'ok', 'the probe reached the backend although the breaker was open');
  t.equal(await circuitOf(h), undefined, 'and closed it');
  t.equal((await h.call('shop_get_item', { id: 'a' })).isError, false);
});
