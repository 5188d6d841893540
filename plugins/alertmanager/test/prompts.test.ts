// The alert triage prompt, through a real MCP client against a real Alertmanager: listed with the reference
// arguments, rendered, and naming only tools that exist.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { AlertmanagerPlugin } from '../src/index.js';
import { alertmanagerBackend } from './helpers/backends.js';

const backend = await alertmanagerBackend();
if ('skip' in backend) {
  t.plan(0, backend.skip);
} else {
  t.teardown(() => backend.stop());
  const mcp = await startTestServer({
    plugins: [AlertmanagerPlugin],
    config: { alertmanager: { targets: { main: { url: backend.url } } } },
  });
  t.teardown(() => mcp.close());
  const tools = new Set(await mcp.toolNames());
  const text = (res: { messages: Array<{ content: { type: string; text?: string } }> }) =>
    res.messages.map((m) => m.content.text ?? '').join('\n');

  t.test('the prompt is listed with the reference arguments', async (t) => {
    const { prompts } = await mcp.client.listPrompts();
    const prompt = prompts.find((p) => p.name === 'alertmanager_alert_triage');
    if (!t.ok(prompt, 'alertmanager_alert_triage is listed')) return;
    t.same(
      prompt!.arguments?.map((a) => [a.name, a.required ?? false]),
      [
        ['alert', false],
        ['time_range', false],
        ['notes', false],
      ],
    );
  });

  t.test('the prompt renders, and every tool it names exists', async (t) => {
    const full = text(
      await mcp.client.getPrompt({
        name: 'alertmanager_alert_triage',
        arguments: { alert: 'HighLatency', time_range: '6h', notes: 'pager went off twice' },
      }),
    );
    t.match(full, /alertname="HighLatency"/);
    t.match(full, /time_range=6h/);
    t.match(full, /pager went off twice/);
    t.match(full, /Ask the user before any write/, 'confirm before a write');
    t.match(full, /Verify after: alertmanager_get_silence/, 'verify after');
    const named = new Set(full.match(/\balertmanager_[a-z_]+/g));
    t.ok(named.size >= 8, `${named.size} tools named`);
    for (const name of named) t.ok(tools.has(name), `${name} exists`);
    t.ok(full.indexOf('alertmanager_alerts_summary') < full.indexOf('alertmanager_create_silence'), 'read first');
    const bare = text(await mcp.client.getPrompt({ name: 'alertmanager_alert_triage', arguments: {} }));
    t.match(bare, /the current alerts .* over the last 1h/);
  });

  t.test('the tools the prompt starts with answer', async (t) => {
    const health = await mcp.callJson<{ healthy: boolean }>('alertmanager_health_summary', {});
    t.equal(health.healthy, true);
    const summary = await mcp.callJson<{ total: number }>('alertmanager_alerts_summary', {});
    t.type(summary.total, 'number');
  });
}
