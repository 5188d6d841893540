// What an agent pays to see the tools: with every first-party plugin configured, the default tools/list stays
// within 80,000 bytes of JSON and every toolset on within 240,000 (the plugin-API issue's budgets).
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { PLUGINS, everyBackendConfigured } from './all-plugins.js';

const DEFAULT_BUDGET = 80_000;
const ALL_BUDGET = 240_000;

async function listed(toolsets: Record<string, unknown>) {
  const h = await startTestServer({ plugins: PLUGINS, config: { ...everyBackendConfigured(), toolsets } });
  try {
    const { tools } = await h.client.listTools();
    return { tools, bytes: Buffer.byteLength(JSON.stringify(tools)) };
  } finally {
    await h.close();
  }
}

t.test('default tools/list with every backend configured', async (t) => {
  const { tools, bytes } = await listed({});
  t.comment(`default: ${tools.length} tools, ${bytes} bytes`);
  t.ok(bytes <= DEFAULT_BUDGET, `default tools/list is ${bytes} bytes (budget ${DEFAULT_BUDGET})`);
  const plugins = new Set(tools.map((x) => x.name.split('_')[0]));
  t.same(
    [...plugins].sort(),
    [
      'alertmanager',
      'elasticsearch',
      'grafana',
      'helm',
      'jaeger',
      'kibana',
      'kubernetes',
      'opentelemetry',
      'prometheus',
      'utilities',
    ],
    'every plugin contributes a default toolset',
  );
});

t.test('every toolset on', async (t) => {
  const { tools, bytes } = await listed({ enabled: ['*'] });
  t.comment(`all: ${tools.length} tools, ${bytes} bytes`);
  t.ok(bytes <= ALL_BUDGET, `tools/list with every toolset is ${bytes} bytes (budget ${ALL_BUDGET})`);
  t.ok(tools.length >= 270, `${tools.length} tools: the 270 reference tools and more`);
});

t.test('dynamic toolsets: the meta tools and the defaults, within the default budget', async (t) => {
  const { tools, bytes } = await listed({ dynamic: true });
  t.ok(tools.some((x) => x.name === 'cnmcp_enable_toolset'));
  t.ok(bytes <= DEFAULT_BUDGET, `${bytes} bytes`);
});
