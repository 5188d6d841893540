// Found by the fuzz of every tool: a backend answering JSON of an unexpected shape made a tool fail with a
// TypeError, reported as CNMCP_ERR_TOOL_INTERNAL. It is the backend's answer that is wrong: the agent gets
// CNMCP_ERR_BACKEND_BAD_RESPONSE (the target, not its arguments, needs a look), and no stack.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { ShopPlugin } from '../fixtures/grouped-plugins.js';

t.test('a JSON answer of the wrong shape is a bad backend response, not an internal failure', async (t) => {
  const odd = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ not: 'a list of items' }));
  });
  await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
  t.teardown(() => odd.close());
  const h = await startTestServer({
    plugins: [ShopPlugin],
    config: {
      server: { healthIntervalMs: 0 },
      cache: { enabled: false },
      shop: { targets: { main: { url: `http://127.0.0.1:${(odd.address() as AddressInfo).port}` } } },
    },
  });
  t.teardown(() => h.close());
  const r = await h.call('shop_list_items', {});
  t.equal(r.isError, true);
  t.match(
    r.text,
    /^CNMCP_ERR_BACKEND_BAD_RESPONSE: shop_list_items: the backend's answer did not have the expected shape/,
  );
  t.notMatch(r.text, /\n\s+at |node_modules|\.js:\d+/, 'no stack text or file path');
});

t.test('a time beyond the range of dates is invalid input', async (t) => {
  const { parseTime } = await import('@cnmcp/core');
  t.throws(() => parseTime(9007199254740992, { name: 'start_time' }), {
    code: 'CNMCP_ERR_TOOL_INPUT_INVALID',
    message: /start_time: .* is outside the range of dates/,
  });
  t.equal(parseTime('2026-11-27T00:00:00Z'), Date.parse('2026-11-27T00:00:00Z'), 'an ordinary time still reads');
});
