// The trace investigation prompt names the tools in the order of progressive disclosure.
import { startTestServer } from '@cnmcp/core/testing';
import t from 'tap';
import { JaegerPlugin } from '../dist/src/index.js';

t.test('jaeger_trace_investigation', async (t) => {
  const srv = await startTestServer({
    plugins: [JaegerPlugin],
    config: { jaeger: { targets: { main: { url: 'http://127.0.0.1:9' } } } },
  });
  t.teardown(() => srv.close());
  const prompts = (await srv.client.listPrompts()).prompts.map((p) => p.name);
  t.ok(prompts.includes('jaeger_trace_investigation'));
  const got = await srv.client.getPrompt({
    name: 'jaeger_trace_investigation',
    arguments: { service: 'checkout', time_range: '2h' },
  });
  const text = got.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
  t.match(text, /service checkout/);
  t.match(text, /jaeger_get_traces_summary service=checkout start_time=-2h/);
  t.match(text, /jaeger_get_trace trace_id=<id> view=span/);
  const tools = new Set(await srv.toolNames());
  for (const name of text.match(/jaeger_[a-z_]+/g) ?? []) t.ok(tools.has(name), `${name} exists`);
});
