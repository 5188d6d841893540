// The plugin's tools through the front door: the real server in-process, a real MCP client, and the
// pretend backend as a loopback emulator (or a live backend when CNMCP_TEST_SAMPLE_URL is set).
import t from 'tap';
import { liveUrl, startTestServer } from '@cnmcp/core/testing';
import { SamplePlugin } from '../src/index.js';
import { startBackend } from './fixtures/backend.js';

const live = liveUrl('sample');
const backend = live ? undefined : await startBackend();
const url = live ?? backend!.url;
t.teardown(() => backend?.close());

// Short timeout and no retries keep failures fast; a real config usually gives only the url.
const target = { url, timeoutMs: 5_000, maxResponseBytes: 1_000_000, retries: 0 };
const server = await startTestServer({ plugins: [SamplePlugin], config: { sample: { targets: { main: target } } } });
t.teardown(() => server.close());

t.test('lists its tools, and the core adds sample_list_backends', async (t) => {
  t.same((await server.toolNames()).sort(), ['sample_get_item', 'sample_list_backends', 'sample_list_items']);
  const backends = await server.callJson<{ targets: Array<{ name: string }> }>('sample_list_backends', {});
  t.same(
    backends.targets.map((x) => x.name),
    ['main'],
  );
});

t.test('the prompt renders and names only tools that exist', async (t) => {
  const tools = new Set(await server.toolNames());
  const prompt = await server.client.getPrompt({ name: 'sample_item_review', arguments: { status: 'active' } });
  const text = prompt.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
  t.match(text, /status=active/);
  const named = text.match(/\bsample_[a-z_]+/g) ?? [];
  t.ok(named.length > 0);
  for (const name of named) t.ok(tools.has(name), `${name} exists`);
});

t.test('sample_list_items returns the items and passes the filter to the backend', async (t) => {
  const all = await server.callJson<{ items: Array<{ id: string }>; returned: number }>('sample_list_items', {});
  t.ok(all.returned > 0, 'items are returned');
  if (live) return;
  t.same(
    all.items.map((i) => i.id),
    ['it-3', 'it-2', 'it-1'],
  );
  const active = await server.callJson<{ items: Array<{ status: string }>; total: number }>('sample_list_items', {
    status: 'active',
    limit: 1,
  });
  t.same(
    active.items.map((i) => i.status),
    ['active'],
  );
  t.equal(active.total, 2);
  const last = backend!.requests.at(-1)!;
  t.equal(last.query.get('status'), 'active');
  t.equal(last.query.get('limit'), '1');
});

t.test(
  'sample_get_item reads one item; an unknown id is a clear error',
  { skip: live && 'fixture ids only exist on the emulator' },
  async (t) => {
    const item = await server.callJson<{ name: string }>('sample_get_item', { id: 'it-2' });
    t.equal(item.name, 'second');
    const missing = await server.call('sample_get_item', { id: 'nope' });
    t.ok(missing.isError);
    t.match(missing.text, /^SAMPLE_ERR_ITEM_NOT_FOUND: item "nope" does not exist/);
    t.match(missing.text, /Hint: List the existing ids with sample_list_items/);
  },
);

t.test('bad input is an error result naming the argument', async (t) => {
  const res = await server.call('sample_list_items', { status: 'deleted' });
  t.ok(res.isError);
  t.match(res.text, /status/);
});

t.test('an unknown target and a missing backend are explained', async (t) => {
  const unknown = await server.call('sample_list_items', { target: 'nowhere' });
  t.ok(unknown.isError);
  t.match(unknown.text, /CNMCP_ERR_BACKEND_TARGET_UNKNOWN/);
  const bare = await startTestServer({ plugins: [SamplePlugin], config: {} });
  t.teardown(() => bare.close());
  const res = await bare.call('sample_list_items', {});
  t.ok(res.isError);
  t.match(res.text, /CNMCP_ERR_BACKEND_NOT_CONFIGURED/);
  t.match(res.text, /sample\.targets/);
});
