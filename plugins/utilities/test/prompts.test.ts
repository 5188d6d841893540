// The helper usage prompt through a real MCP client: listed with the reference arguments, rendered, and naming
// only tools that exist.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { UtilitiesPlugin } from '../src/index.js';

const h = await startTestServer({ plugins: [UtilitiesPlugin] });
t.teardown(() => h.close());
const text = (res: { messages: Array<{ content: { type: string; text?: string } }> }) =>
  res.messages.map((m) => m.content.text ?? '').join('\n');

t.test('the prompt is listed with the reference arguments', async (t) => {
  const { prompts } = await h.client.listPrompts();
  const prompt = prompts.find((p) => p.name === 'utilities_helper_usage');
  if (!t.ok(prompt, 'utilities_helper_usage is listed')) return;
  t.same(
    prompt!.arguments?.map((a) => [a.name, a.required ?? false]),
    [
      ['task', false],
      ['time_range', false],
      ['notes', false],
    ],
  );
});

t.test('the prompt renders, and every tool it names exists', async (t) => {
  const tools = new Set(await h.toolNames());
  const full = text(
    await h.client.getPrompt({
      name: 'utilities_helper_usage',
      arguments: { task: 'wait for a rollout', time_range: '30m', notes: 'deploy started 10:02' },
    }),
  );
  t.match(full, /this task: wait for a rollout \(time range 30m\)/);
  t.match(full, /deploy started 10:02/);
  t.match(full, /ask/, 'confirm before a write');
  t.match(full, /verify/, 'verify after');
  const named = new Set(full.match(/\butilities_[a-z_]+/g));
  t.equal(named.size, 6, 'every utilities tool is explained');
  for (const name of named) t.ok(tools.has(name), `${name} exists`);
  const bare = text(await h.client.getPrompt({ name: 'utilities_helper_usage', arguments: {} }));
  t.match(bare, /the task at hand/);
});
