// Every prompt of every first-party plugin lists, renders with its arguments, and names only tools that exist.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { PLUGINS, everyBackendConfigured } from './all-plugins.js';

const h = await startTestServer({
  plugins: PLUGINS,
  config: { ...everyBackendConfigured(), toolsets: { enabled: ['*'] } },
});
t.teardown(() => h.close());
const tools = new Set((await h.client.listTools()).tools.map((x) => x.name));
const { prompts } = await h.client.listPrompts();

t.ok(prompts.length >= 15, `${prompts.length} prompts`);
for (const prompt of prompts) {
  t.test(prompt.name, async (t) => {
    const args = Object.fromEntries((prompt.arguments ?? []).map((a) => [a.name, `example-${a.name}`]));
    const rendered = await h.client.getPrompt({ name: prompt.name, arguments: args });
    const text = rendered.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
    t.ok(text.length > 50, 'renders text');
    const named = [
      ...text.matchAll(
        /\b((?:kubernetes|helm|grafana|prometheus|kibana|elasticsearch|alertmanager|jaeger|opentelemetry|utilities)_[a-z0-9_]+)\b/g,
      ),
    ].map((m) => m[1]);
    const prompts_ = new Set(prompts.map((p) => p.name));
    const missing = [...new Set(named)].filter((n) => !tools.has(n) && !prompts_.has(n));
    t.same(missing, [], 'every tool it names exists');
  });
}
