// The tool list: the reference server's 16 names and parameter names, full and correct annotations, aliases.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { AlertmanagerPlugin } from '../src/index.js';

const REFERENCE: Record<string, string[]> = {
  alertmanager_alert_groups_paginated: ['page', 'per_page', 'receiver', 'active_only', 'sort_by'],
  alertmanager_alerts_summary: ['filter', 'receiver', 'silenced', 'active_only', 'limit'],
  alertmanager_create_silence: ['matchers', 'startsAt', 'endsAt', 'comment', 'createdBy'],
  alertmanager_delete_silence: ['silenceId'],
  alertmanager_get_alert_groups: [],
  alertmanager_get_alerts: ['filters'],
  alertmanager_get_receivers: [],
  alertmanager_get_silences: [],
  alertmanager_get_status: [],
  alertmanager_health_summary: ['level', 'include_cluster'],
  alertmanager_query_alerts: [
    'receiver',
    'silenced',
    'active',
    'unprocessed',
    'inhibited',
    'filter',
    'sortBy',
    'sortOrder',
  ],
  alertmanager_query_alerts_advanced: [
    'filter',
    'receiver',
    'silenced',
    'active',
    'inhibited',
    'time_range',
    'page',
    'per_page',
    'sort_by',
    'sort_order',
    'include_labels',
  ],
  alertmanager_receivers_summary: ['test_info'],
  alertmanager_silences_paginated: ['page', 'per_page', 'status', 'created_by', 'comment_filter'],
  alertmanager_silences_summary: ['status', 'limit'],
  alertmanager_test_receiver: ['receiver', 'alerts'],
};
const REQUIRED: Record<string, string[]> = {
  alertmanager_create_silence: ['comment', 'createdBy', 'endsAt', 'matchers'],
  alertmanager_delete_silence: ['silenceId'],
  alertmanager_test_receiver: ['receiver'],
  alertmanager_update_silence: ['silenceId'],
  alertmanager_expire_silence: ['silenceId'],
  alertmanager_get_silence: ['silenceId'],
};
const WRITES: Record<string, { destructiveHint: boolean; idempotentHint: boolean }> = {
  alertmanager_create_silence: { destructiveHint: false, idempotentHint: false },
  alertmanager_update_silence: { destructiveHint: false, idempotentHint: false },
  alertmanager_delete_silence: { destructiveHint: true, idempotentHint: true },
  alertmanager_expire_silence: { destructiveHint: true, idempotentHint: true },
};

const mcp = await startTestServer({ plugins: [AlertmanagerPlugin], config: {} });
t.teardown(() => mcp.close());
const { tools } = await mcp.client.listTools();
const byName = new Map(tools.map((tool) => [tool.name, tool]));

t.test('every reference tool with its parameter names; the extra silence tools', async (t) => {
  for (const [name, params] of Object.entries(REFERENCE)) {
    const tool = byName.get(name);
    if (!t.ok(tool, `${name} is listed`)) continue;
    const props = Object.keys((tool!.inputSchema as { properties?: object }).properties ?? {});
    for (const p of [...params, 'target']) t.ok(props.includes(p), `${name} takes ${p}`);
  }
  for (const extra of [
    'alertmanager_update_silence',
    'alertmanager_expire_silence',
    'alertmanager_get_silence',
    'alertmanager_list_backends',
  ])
    t.ok(byName.has(extra), extra);
  t.equal(tools.length, 20);
  for (const tool of tools) {
    t.same(
      ((tool.inputSchema as { required?: string[] }).required ?? []).sort(),
      REQUIRED[tool.name] ?? [],
      `${tool.name} required`,
    );
  }
});

t.test('annotations: every hint set; silence writes marked, delete/expire destructive', async (t) => {
  for (const tool of tools) {
    const a = tool.annotations ?? {};
    t.ok(tool.title, `${tool.name} has a title`);
    for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const)
      t.type(a[hint], 'boolean', `${tool.name}.${hint}`);
    const write = WRITES[tool.name];
    t.equal(a.readOnlyHint, !write, `${tool.name} readOnlyHint`);
    t.equal(a.destructiveHint, write?.destructiveHint ?? false, `${tool.name} destructiveHint`);
    if (write) t.equal(a.idempotentHint, write.idempotentHint, `${tool.name} idempotentHint`);
    t.equal(a.openWorldHint, tool.name !== 'alertmanager_list_backends', `${tool.name} openWorldHint`);
  }
});

t.test('reference spellings pass validation (no backend: the call reaches the not-configured error)', async (t) => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['alertmanager_alert_groups_paginated', { perPage: 5, activeOnly: true, sortBy: 'count' }],
    ['alertmanager_query_alerts_advanced', { timeRange: '1h', includeLabels: 'true', sortOrder: 'asc' }],
    ['alertmanager_silences_paginated', { createdBy: 'me', commentFilter: 'x' }],
    ['alertmanager_delete_silence', { silence_id: 'abc' }],
    ['alertmanager_health_summary', { includeCluster: false }],
    ['alertmanager_get_alerts', { filters: '{"active":true}' }],
    [
      'alertmanager_create_silence',
      { matchers: '["a=\\"b\\""]', starts_at: 'now', ends_at: '1h', comment: 'c', created_by: 'me' },
    ],
  ];
  const allow = await startTestServer({
    plugins: [AlertmanagerPlugin],
    config: { confirmDestructive: { fallback: 'allow' } },
  });
  t.teardown(() => allow.close());
  for (const [name, args] of cases) {
    const r = await allow.call(name, args);
    t.match(r.text, /^CNMCP_ERR_BACKEND_NOT_CONFIGURED/, `${name} ${JSON.stringify(args)}`);
  }
});

t.test('the core acts on destructiveHint: delete and expire need confirmation by default', async (t) => {
  for (const name of ['alertmanager_delete_silence', 'alertmanager_expire_silence']) {
    const r = await mcp.call(name, { silenceId: 'abc' });
    t.ok(r.isError);
    t.match(r.text, /^CNMCP_ERR_CONFIRMATION_REQUIRED: /, name);
  }
  const create = await mcp.call('alertmanager_create_silence', {
    matchers: 'a="b"',
    endsAt: '1h',
    comment: 'c',
    createdBy: 'me',
  });
  t.match(create.text, /^CNMCP_ERR_BACKEND_NOT_CONFIGURED/, 'creating a silence is not destructive');
});
