// The metrics diagnosis prompt and the prometheus:// resources, through a real MCP client against a real Prometheus.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { PrometheusPlugin } from '../src/index.js';
import { prometheusBackend } from './helpers/backends.js';

const backend = await prometheusBackend();
if ('skip' in backend) {
  t.plan(0, backend.skip);
} else {
  t.teardown(() => backend.stop());
  const fixture = !backend.live;
  const mcp = await startTestServer({
    plugins: [PrometheusPlugin],
    config: { prometheus: { targets: { main: { url: backend.url } } } },
  });
  t.teardown(() => mcp.close());
  const tools = new Set(await mcp.toolNames());

  t.test('the prompt is listed with the reference arguments', async (t) => {
    const { prompts } = await mcp.client.listPrompts();
    const prompt = prompts.find((p) => p.name === 'prometheus_metrics_diagnosis');
    if (!t.ok(prompt, 'prometheus_metrics_diagnosis is listed')) return;
    t.same(
      prompt!.arguments?.map((a) => [a.name, a.required ?? false]),
      [
        ['query', false],
        ['time_range', false],
        ['notes', false],
      ],
    );
  });

  t.test('the prompt renders, and every tool it names exists', async (t) => {
    const full = await mcp.client.getPrompt({
      name: 'prometheus_metrics_diagnosis',
      arguments: { query: 'rate(http_requests_total[5m])', time_range: '6h', notes: 'p99 doubled' },
    });
    const text = full.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
    t.match(text, /rate\(http_requests_total\[5m\]\)/);
    t.match(text, /now-6h/);
    t.match(text, /p99 doubled/);
    t.match(text, /Ask the user before/, 'confirm before a write');
    const named = new Set(text.match(/\bprometheus_[a-z_]+/g));
    t.ok(named.size >= 8, `${named.size} tools named`);
    for (const name of named) t.ok(tools.has(name), `${name} exists`);
    t.ok(text.indexOf('prometheus_targets_summary') < text.indexOf('prometheus_get_targets'), 'summaries first');
    const bare = await mcp.client.getPrompt({ name: 'prometheus_metrics_diagnosis', arguments: {} });
    t.match(bare.messages[0].content.type === 'text' ? bare.messages[0].content.text : '', /over the last 1h/);
  });

  t.test('resources are listed and read as summaries', async (t) => {
    const { resources } = await mcp.client.listResources();
    t.same(resources.map((r) => r.uri).sort(), [
      'prometheus://alerts',
      'prometheus://label-names',
      'prometheus://rules',
      'prometheus://targets',
    ]);
    const read = async (uri: string) => {
      const res = await mcp.client.readResource({ uri });
      const first = res.contents[0] as { text: string; mimeType?: string };
      t.equal(first.mimeType, 'application/json', `${uri} is JSON`);
      return JSON.parse(first.text);
    };
    const targets = await read('prometheus://targets');
    t.type(targets.active_targets, 'number');
    t.ok(Array.isArray(targets.jobs));
    const rules = await read('prometheus://rules');
    t.type(rules.total_rules, 'number');
    const alerts = await read('prometheus://alerts');
    t.type(alerts.total_alerts, 'number');
    const labels = await read('prometheus://label-names');
    t.ok(labels.labels.includes('job'));
    if (fixture) {
      t.equal(targets.active_targets, 2, 'Prometheus itself and the exporter');
      t.equal(rules.total_rules, 3);
      t.ok(alerts.by_state.firing >= 1, 'AlwaysFiring is firing');
    }
  });
}
