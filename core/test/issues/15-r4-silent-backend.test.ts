// R4: a backend that accepts the connection and never answers. The target's own time limit bounds each call
// (by default well under the tool's), the call ends as CNMCP_ERR_BACKEND_TIMEOUT rather than a tool timeout,
// the silent request is not retried, and the breaker opens after failures in a row.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { ShopPlugin } from '../fixtures/grouped-plugins.js';
import { DEFAULT_TARGET_TIMEOUT_MS } from '../../src/http-client.js';
import { ServerSection } from '../../src/config/schema.js';

t.test('the default target time limit is well under the default tool time limit', async (t) => {
  const toolTimeoutMs = (ServerSection.properties.toolTimeoutMs as { default: number }).default;
  t.ok(
    DEFAULT_TARGET_TIMEOUT_MS * 2 <= toolTimeoutMs,
    `target ${DEFAULT_TARGET_TIMEOUT_MS} ms, tool ${toolTimeoutMs} ms`,
  );
});

t.test('a silent backend ends as a backend timeout, asked once per call, and opens the breaker', async (t) => {
  const sockets: Socket[] = [];
  let requests = 0;
  const silent = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (chunk) => {
      if (/^(GET|POST|PUT|DELETE|HEAD) \/items/.test(chunk.toString('latin1'))) requests++;
    }); // never answers
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });
  const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const h = await startTestServer({
    plugins: [ShopPlugin],
    config: {
      server: { healthIntervalMs: 0, toolTimeoutMs: 30_000 },
      cache: { enabled: false },
      shop: {
        targets: { main: { url, timeoutMs: 300, retries: 2, circuitBreaker: { failures: 2, cooldownMs: 60_000 } } },
      },
    },
  });
  t.teardown(() => h.close());

  const first = await h.call('shop_get_item', { id: 'a' });
  t.equal(first.isError, true);
  t.match(
    first.text,
    /^CNMCP_ERR_BACKEND_TIMEOUT: .*did not answer within 300 ms/,
    'a backend timeout, not a tool timeout',
  );
  t.equal(requests, 1, 'the silent backend was asked once, not once per retry');

  t.match((await h.call('shop_get_item', { id: 'a' })).text, /^CNMCP_ERR_BACKEND_TIMEOUT/);
  t.equal(requests, 2);
  const refused = await h.call('shop_get_item', { id: 'a' });
  t.match(refused.text, /^CNMCP_ERR_BACKEND_CIRCUIT_OPEN: .*2 calls in a row failed/, 'two timeouts in a row open it');
  t.equal(requests, 2, 'an open breaker sends nothing');
});
