// What an agent sees when it calls tools: validation, defaults, aliases, errors, limits, structured output.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { OtherPlugin, SamplePlugin } from './fixtures/sample-plugins.js';

const harness = await startTestServer({
  plugins: [SamplePlugin, OtherPlugin],
  config: { sample: { greeting: 'hi' }, server: { maxResultBytes: 2000 } },
});
t.teardown(() => harness.close());

t.test('tools/list shows every tool with schema and annotations, sorted', async (t) => {
  const { tools } = await harness.client.listTools();
  t.same(
    tools.map((x) => x.name),
    [
      'other_ping',
      'sample_backend_down',
      'sample_big',
      'sample_budget',
      'sample_crash',
      'sample_delete_all',
      'sample_echo',
      'sample_structured',
      'sample_wait',
    ],
  );
  const echo = tools.find((x) => x.name === 'sample_echo')!;
  t.equal(echo.title, 'Echo');
  t.equal(echo.inputSchema.type, 'object');
  t.same((echo.inputSchema as { required?: string[] }).required, ['message']);
  t.equal(echo.annotations?.readOnlyHint, true);
  t.ok(tools.find((x) => x.name === 'sample_structured')!.outputSchema, 'output schema is listed');
});

t.test('input is validated and defaulted, plugin config reaches the plugin', async (t) => {
  const ok = await harness.callJson<{ greeting: string; echoed: string }>('sample_echo', { message: 'yo' });
  t.same(ok, { greeting: 'hi', echoed: 'yo', tags: [], labelSelector: null });
  const bad = await harness.call('sample_echo', { times: 9 });
  t.equal(bad.isError, true);
  t.match(bad.text, /^CNMCP_ERR_TOOL_INPUT_INVALID: invalid arguments for sample_echo: /);
  t.match(bad.text, /\(root\): must have required properties message/);
  t.match(bad.text, /times: must be <= 5 \(got 9\)/);
  t.match(bad.text, /Hint: /);
  const extra = await harness.call('sample_echo', { message: 'a', bogus: 1 });
  t.equal(extra.isError, false, 'unknown keys are tolerated (not every schema forbids them)');
});

t.test('the reference spellings are accepted: snake_case, JSON strings, params wrapper', async (t) => {
  t.same(await harness.callJson('sample_echo', { message: 'a', label_selector: 'app=web' }), {
    greeting: 'hi',
    echoed: 'a',
    tags: [],
    labelSelector: 'app=web',
  });
  t.same(await harness.callJson('sample_echo', { message: 'a', times: '2', tags: '["x","y"]' }), {
    greeting: 'hi',
    echoed: 'a a',
    tags: ['x', 'y'],
    labelSelector: null,
  });
  t.same(await harness.callJson('sample_echo', { params: { message: 'b' } }), {
    greeting: 'hi',
    echoed: 'b',
    tags: [],
    labelSelector: null,
  });
});

t.test('an unknown tool is a protocol error naming the tool', async (t) => {
  await t.rejects(
    harness.client.callTool({ name: 'nope_tool', arguments: {} }),
    /CNMCP_ERR_TOOL_NOT_FOUND: unknown tool "nope_tool"/,
  );
});

t.test('an unexpected failure returns CNMCP_ERR_TOOL_INTERNAL without stack or credentials', async (t) => {
  const r = await harness.call('sample_crash');
  t.equal(r.isError, true);
  t.match(
    r.text,
    /^CNMCP_ERR_TOOL_INTERNAL: sample_crash failed: boom at https:\/\/\*\*\*@backend.example\/path \(reference \w+ in the server log\)/,
  );
  t.notMatch(r.text, /hunter2/);
  t.notMatch(r.text, /at .*\.ts:\d+/, 'no stack frames');
});

t.test('a typed backend error keeps its code and hint', async (t) => {
  const r = await harness.call('sample_backend_down');
  t.match(
    r.text,
    /^CNMCP_ERR_BACKEND_UNREACHABLE: cannot reach sample target \(ECONNREFUSED\)\nHint: Check that the backend runs/,
  );
});

t.test('a slow tool is stopped at its time limit', async (t) => {
  const r = await harness.call('sample_wait', { ms: 5_000 });
  t.equal(r.isError, true);
  t.match(r.text, /^CNMCP_ERR_TOOL_TIMEOUT: sample_wait did not finish within 300 ms/);
  t.equal((await harness.call('sample_wait', { ms: 10 })).text, 'waited 10');
});

t.test('a large result is cut with an explicit marker', async (t) => {
  const r = await harness.call('sample_big', { bytes: 10_000 });
  t.equal(r.isError, false);
  t.ok(Buffer.byteLength(r.text) < 2_300, `text is ${Buffer.byteLength(r.text)} bytes`);
  t.match(r.text, /…\[truncated: showed 2000 of 10000 bytes\. CNMCP_ERR_RESULT_TOO_LARGE/);
});

t.test('a handler knows the result budget, so it can fit whole results', async (t) => {
  t.same(await harness.callJson('sample_budget'), { budget: 2000 });
});

t.test('a tool with an output schema returns structuredContent and a JSON text block', async (t) => {
  const r = await harness.call('sample_structured');
  t.same(r.structuredContent, { count: 2, items: ['a', 'b'] });
  t.same(JSON.parse(r.text), { count: 2, items: ['a', 'b'] });
});

t.test('a plugin whose health check fails is degraded; the others keep serving', async (t) => {
  const degraded = await startTestServer({
    plugins: [SamplePlugin, OtherPlugin],
    config: { sample: { failHealth: true } },
  });
  t.teardown(() => degraded.close());
  await degraded.server.health.checkAll();
  const r = await degraded.call('sample_echo', { message: 'x' });
  t.equal(r.isError, true);
  t.match(r.text, /^CNMCP_ERR_SERVICE_UNAVAILABLE: plugin sample is degraded: sample backend is down/);
  t.match(r.text, /Retry after: \d+s/);
  t.equal((await degraded.call('other_ping')).text, 'pong');
  t.same(
    degraded.server.health.snapshot().map((h) => [h.plugin, h.status]),
    [
      ['sample', 'degraded'],
      ['other', 'ok'],
    ],
  );
});

t.test('disabledTools hides tools; calling one says why', async (t) => {
  const filtered = await startTestServer({
    plugins: [SamplePlugin],
    config: { disabledTools: ['sample_delete_*', 'sample_b*'] },
  });
  t.teardown(() => filtered.close());
  const names = await filtered.toolNames();
  t.notOk(names.includes('sample_delete_all'));
  t.notOk(names.includes('sample_big'));
  t.ok(names.includes('sample_echo'));
  const r = await filtered.call('sample_delete_all');
  t.match(
    r.text,
    /^CNMCP_ERR_TOOL_DISABLED: tool sample_delete_all is not served by this server: matched by disabledTools/,
  );
});

t.test('enabledServices leaves other plugins unloaded', async (t) => {
  const only = await startTestServer({ plugins: [SamplePlugin, OtherPlugin], config: { enabledServices: ['other'] } });
  t.teardown(() => only.close());
  t.same(await only.toolNames(), ['other_ping']);
});
