// Every prompt of every first-party plugin lists, renders with its arguments, and names only tools that exist.
import t from 'tap';
import { startTestServer, type TestServer } from '@cnmcp/core/testing';
import { PLUGINS, everyBackendConfigured } from './all-plugins.js';

const NAMED_TOOL =
  /\b((?:kubernetes|helm|grafana|prometheus|kibana|elasticsearch|alertmanager|jaeger|opentelemetry|utilities)_[a-z0-9_]+)\b/g;

let h: TestServer;
t.before(async () => {
  h = await startTestServer({
    plugins: PLUGINS,
    config: { ...everyBackendConfigured(), toolsets: { enabled: ['*'] } },
  });
});
t.teardown(() => h.close());

t.test('every prompt renders and names only real tools', async (t) => {
  const tools = new Set((await h.client.listTools()).tools.map((x) => x.name));
  const { prompts } = await h.client.listPrompts();
  const promptNames = new Set(prompts.map((p) => p.name));
  t.ok(prompts.length >= 15, `${prompts.length} prompts`);
  for (const prompt of prompts) {
    const args = Object.fromEntries((prompt.arguments ?? []).map((a) => [a.name, `example-${a.name}`]));
    const rendered = await h.client.getPrompt({ name: prompt.name, arguments: args });
    const text = rendered.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
    t.ok(text.length > 50, `${prompt.name} renders text`);
    const named = [...new Set([...text.matchAll(NAMED_TOOL)].map((m) => m[1]))];
    const missing = named.filter((n) => !tools.has(n) && !promptNames.has(n));
    t.same(missing, [], `${prompt.name}: every tool it names exists`);
  }
});
