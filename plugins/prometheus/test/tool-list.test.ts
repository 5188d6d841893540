// The tool list: the reference server's 20 names and parameter names, full annotations, and argument aliases.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { PrometheusPlugin } from '../src/index.js';

/** Reference tools and the parameters they take (names as the reference spells them). */
const REFERENCE: Record<string, string[]> = {
  prometheus_alerts_summary: [],
  prometheus_create_snapshot: ['skipHead'],
  prometheus_get_alerts: [],
  prometheus_get_label_names: ['start', 'end'],
  prometheus_get_label_values: ['label', 'start', 'end'],
  prometheus_get_metrics_metadata: ['metric'],
  prometheus_get_rules: ['type'],
  prometheus_get_runtime_info: [],
  prometheus_get_series: ['match', 'start', 'end'],
  prometheus_get_server_info: [],
  prometheus_get_target_metadata: ['metric'],
  prometheus_get_targets: ['state'],
  prometheus_get_tsdb_stats: [],
  prometheus_get_tsdb_status: [],
  prometheus_get_wal_replay_status: [],
  prometheus_query: ['query', 'time'],
  prometheus_query_range: ['query', 'start', 'end', 'step'],
  prometheus_rules_summary: ['type'],
  prometheus_targets_summary: ['state'],
  prometheus_test_connection: [],
};
const REQUIRED: Record<string, string[]> = {
  prometheus_get_label_values: ['label'],
  prometheus_get_series: ['match'],
  prometheus_query: ['query'],
  prometheus_query_range: ['query', 'start', 'end'],
};

const mcp = await startTestServer({ plugins: [PrometheusPlugin], config: {} });
t.teardown(() => mcp.close());
const { tools } = await mcp.client.listTools();

t.test('every reference tool, with its parameter names and an optional target', async (t) => {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  for (const [name, params] of Object.entries(REFERENCE)) {
    const tool = byName.get(name);
    if (!t.ok(tool, `${name} is listed`)) continue;
    const props = Object.keys((tool!.inputSchema as { properties?: object }).properties ?? {});
    for (const p of [...params, 'target']) t.ok(props.includes(p), `${name} takes ${p}`);
    t.same(
      ((tool!.inputSchema as { required?: string[] }).required ?? []).sort(),
      (REQUIRED[name] ?? []).sort(),
      `${name} requires ${REQUIRED[name] ?? 'nothing'}`,
    );
  }
  t.ok(byName.has('prometheus_list_backends'));
  t.equal(tools.length, 21);
});

t.test('full annotations; only create_snapshot writes', async (t) => {
  for (const tool of tools) {
    const a = tool.annotations ?? {};
    t.ok(tool.title ?? a.title, `${tool.name} has a title`);
    for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const)
      t.type(a[hint], 'boolean', `${tool.name}.${hint}`);
    t.equal(a.destructiveHint, false, `${tool.name} is not destructive`);
    t.equal(a.readOnlyHint, tool.name !== 'prometheus_create_snapshot', `${tool.name} readOnlyHint`);
  }
  const snap = tools.find((x) => x.name === 'prometheus_create_snapshot')!;
  t.same(snap.annotations, {
    ...snap.annotations,
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: true,
  });
});

t.test('argument spellings of the reference are accepted (validated before any backend call)', async (t) => {
  // No backend is configured: reaching CNMCP_ERR_BACKEND_NOT_CONFIGURED means the arguments passed validation.
  const cases: Array<[string, Record<string, unknown>]> = [
    ['prometheus_create_snapshot', { skip_head: true }],
    ['prometheus_create_snapshot', { skipHead: 'true' }],
    ['prometheus_query_range', { query: 'up', start: 'now-1h', end: 'now', step: 60, adjustStep: false }],
    ['prometheus_query', { params: { query: 'up' } }],
    ['prometheus_get_target_metadata', { metric: 'up', matchTarget: '{job="x"}' }],
  ];
  for (const [name, args] of cases) {
    const r = await mcp.call(name, args);
    t.match(r.text, /^CNMCP_ERR_BACKEND_NOT_CONFIGURED/, `${name} ${JSON.stringify(args)}`);
  }
  const r = await mcp.call('prometheus_query', { query: 'up', time: 'whenever' });
  t.match(r.text, /^CNMCP_ERR_TOOL_INPUT_INVALID: time:/, 'a bad time is reported before any backend is needed');
});

t.test('list_backends works without a backend', async (t) => {
  const out = await mcp.callJson<{ targets: unknown[]; limits: { maxSeries: number } }>('prometheus_list_backends', {});
  t.same(out.targets, []);
  t.equal(out.limits.maxSeries, 100);
});
