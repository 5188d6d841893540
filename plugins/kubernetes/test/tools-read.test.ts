// Every read-only tool through a real MCP client against the emulator (or, with CNMCP_TEST_KUBECONFIG, a
// real cluster: then only shape checks that hold anywhere).
import t from 'tap';
import { LIVE_KUBECONFIG, liveServer, setup, json, type Setup } from './helpers.js';

let s: Setup;
t.before(async () => {
  s = await setup();
});
t.teardown(async () => {
  await s?.close();
});

const call = (name: string, args: Record<string, unknown> = {}) => s.mcp.call(name, args);

t.test('lists every reference tool with annotations', async (t) => {
  const { tools } = await s.mcp.client.listTools();
  const names = tools.map((x) => x.name);
  t.equal(names.filter((n) => n.startsWith('kubernetes_')).length, 35);
  for (const tool of tools) {
    t.type(tool.annotations?.readOnlyHint, 'boolean', `${tool.name} readOnlyHint`);
    t.type(tool.annotations?.destructiveHint, 'boolean', `${tool.name} destructiveHint`);
    t.type(tool.annotations?.idempotentHint, 'boolean', `${tool.name} idempotentHint`);
    t.type(tool.annotations?.openWorldHint, 'boolean', `${tool.name} openWorldHint`);
  }
  t.equal(tools.find((x) => x.name === 'kubernetes_delete_resource')?.annotations?.destructiveHint, true);
  t.equal(tools.find((x) => x.name === 'kubernetes_get_resource')?.annotations?.readOnlyHint, true);
});

t.test('contexts, versions and resources come from the kubeconfig and discovery', async (t) => {
  const ctx = json((await call('kubernetes_list_contexts')).text);
  t.same(
    ctx.contexts.map((c: { name: string }) => c.name),
    ['admin', 'viewer'],
  );
  t.equal(ctx.default, 'admin');
  const v = json((await call('kubernetes_get_api_versions')).text);
  t.ok(v.apiVersions.includes('apps/v1') && v.apiVersions.includes('example.com/v1'));
  const r = await call('kubernetes_get_api_resources', { apiGroup: 'apps' });
  t.match(r.text, /deployments\s+deploy\s+apps\/v1\s+true/);
  t.notMatch(r.text, /configmaps/);
  const ns = await call('kubernetes_get_api_resources', { namespaced: false });
  t.match(ns.text, /nodes/);
  t.notMatch(ns.text, /\bpods\b/);
  const discovery = s.emu.requests.filter((q) => q.path === '/apis');
  t.equal(discovery.length, 1, 'discovery is cached');
});

t.test('get, details, summary, jsonpath', async (t) => {
  const dep = json(
    (await call('kubernetes_get_resource', { kind: 'Deployment', name: 'web', namespace: 'shop' })).text,
  );
  t.equal(dep.kind, 'Deployment');
  t.equal(dep.metadata.managedFields, undefined, 'managedFields stripped');
  const jp = json(
    (
      await call('kubernetes_get_resource', {
        kind: 'deploy',
        name: 'web',
        namespace: 'shop',
        jsonpath: '{.spec.template.spec.containers[0].image}',
      })
    ).text,
  );
  t.equal(jp.value, 'nginx:1.27');
  const bare = json(
    (
      await call('kubernetes_get_resource', {
        kind: 'pods',
        name: 'db-0',
        namespace: 'shop',
        jsonpath: 'spec.containers[*].name',
      })
    ).text,
  );
  t.same(bare.value, ['postgres', 'exporter']);
  const det = json((await call('kubernetes_get_resource_details', { kind: 'Node', name: 'node-c' })).text);
  t.equal(det.metadata.name, 'node-c');
  const sum = json(
    (
      await call('kubernetes_get_resource_summary', {
        kind: 'Pod',
        name: 'api-6f9d8c7b5-x9p4d',
        namespace: 'shop',
        includeLabels: true,
      })
    ).text,
  );
  t.equal(sum.status, 'CrashLoopBackOff');
  t.equal(sum.restarts, 7);
  t.same(sum.labels.app, 'api');
  // nested params and JSON-string arguments (normalised by the core)
  const nested = await s.mcp.call('kubernetes_get_resource_summary', {
    params: { kind: 'Deployment', name: 'web', namespace: 'shop' },
  });
  t.notOk(nested.isError, nested.text);
  const crd = json(
    (
      await call('kubernetes_get_resource', {
        kind: 'Widget',
        apiVersion: 'example.com/v1',
        name: 'blue',
        namespace: 'shop',
      })
    ).text,
  );
  t.equal(crd.spec.color, 'blue');
  const crd2 = json(
    (await call('kubernetes_get_resource', { kind: 'widgets.example.com', name: 'blue', namespace: 'shop' })).text,
  );
  t.equal(crd2.kind, 'Widget');
});

t.test('describe: summary, conditions, events, owners and owned objects', async (t) => {
  const d = json(
    (await call('kubernetes_describe_resource', { kind: 'Deployment', name: 'web', namespace: 'shop' })).text,
  );
  t.equal(d.summary.ready, '3/3');
  t.ok(d.conditions.some((c: { type: string }) => c.type === 'Available'));
  t.same(
    d.owned.map((o: { name: string }) => o.name),
    ['web-7d4b9c8f5d'],
  );
  t.ok(d.events.some((e: { reason: string }) => e.reason === 'ScalingReplicaSet'));
  const p = json(
    (await call('kubernetes_describe_resource', { kind: 'Pod', name: 'api-6f9d8c7b5-x9p4d', namespace: 'shop' })).text,
  );
  t.equal(p.owners[0].kind, 'ReplicaSet');
  t.equal(p.owners[0].name, 'api-6f9d8c7b5');
  t.ok(p.events.some((e: { reason: string }) => e.reason === 'BackOff'));
  t.ok(p.issues.some((i: string) => i.includes('CrashLoopBackOff')));
  t.equal(p.containers[0].restartCount, 7);
  const rs = json(
    (await call('kubernetes_describe_resource', { kind: 'ReplicaSet', name: 'web-7d4b9c8f5d', namespace: 'shop' }))
      .text,
  );
  t.equal(rs.owned.length, 3);
  t.equal(rs.owners[0].name, 'web');
  const adv = json(
    (
      await call('kubernetes_get_resource_detail_advanced', {
        kind: 'Job',
        name: 'migrate',
        namespace: 'shop',
        includeConfiguration: true,
        outputFormat: 'verbose',
      })
    ).text,
  );
  t.ok(adv.diagnostics.some((x: string) => x.includes('BackoffLimitExceeded')));
  t.equal(adv.owned[0].name, 'migrate-7xq2v');
  t.ok(adv.spec.template);
  t.ok(adv.object.metadata);
  const compact = json(
    (
      await call('kubernetes_get_resource_detail_advanced', {
        kind: 'Job',
        name: 'migrate',
        namespace: 'shop',
        outputFormat: 'compact',
      })
    ).text,
  );
  t.equal(compact.events, undefined);
  const many = json(
    (
      await call('kubernetes_get_resources_detail', {
        kind: 'Pod',
        names: ['db-0', 'nope'],
        namespace: 'shop',
        includeEvents: true,
      })
    ).text,
  );
  t.equal(many.items[0].name, 'db-0');
  t.equal(many.items[1].error, 'CNMCP_ERR_BACKEND_NOT_FOUND');
});

t.test('lists: table, summaries, full objects, selectors, pagination', async (t) => {
  const tbl = await call('kubernetes_list_resources', { kind: 'Pod', namespace: 'shop', labelSelector: 'app=web' });
  t.match(tbl.text, /NAME\s+NAMESPACE\s+AGE\s+STATUS/);
  t.equal(tbl.text.match(/web-7d4b9c8f5d-/g)?.length, 3);
  const sel = s.emu.requests.filter((q) => q.path === '/api/v1/namespaces/shop/pods').pop()!;
  t.equal(sel.query.get('labelSelector'), 'app=web', 'the selector went to the API server');
  const fs = await call('kubernetes_list_resources', { kind: 'Pod', fieldSelector: 'spec.nodeName=node-c' });
  t.match(fs.text, /node-agent-tt9vn/);
  t.notMatch(fs.text, /web-/);
  const cols = json(
    (
      await call('kubernetes_list_resources', {
        kind: 'Deployment',
        namespace: 'shop',
        jsonpaths: ['.spec.replicas', '{.status.readyReplicas}'],
      })
    ).text,
  );
  t.same(
    cols.items.map((i: Record<string, unknown>) => i['.spec.replicas']),
    [2, 3],
  );
  const p1 = json((await call('kubernetes_list_resources_summary', { kind: 'Pod', namespace: 'shop', limit: 3 })).text);
  t.equal(p1.count, 3);
  t.ok(p1.continueToken);
  t.equal(p1.remaining, 5);
  const p2out = await call('kubernetes_list_resources_summary', {
    kind: 'Pod',
    namespace: 'shop',
    limit: '3',
    continueToken: p1.continueToken,
  });
  t.notOk(p2out.isError, p2out.text);
  const p2 = json(p2out.text);
  t.equal(p2.count, 3, 'a string limit is honoured');
  t.notSame(p2.items[0].name, p1.items[0].name);
  const lastReq = s.emu.requests.filter((q) => q.path === '/api/v1/namespaces/shop/pods').pop()!;
  t.ok(lastReq.query.get('continue'), 'the API continue token is used');
  t.equal(lastReq.query.get('limit'), '3');
  const full = json(
    (await call('kubernetes_list_resources_full', { kind: 'Deployment', namespace: 'shop', includeStatus: false }))
      .text,
  );
  t.equal(full.count, 2);
  t.equal(full.items[0].status, undefined);
  t.ok(full.items[0].spec);
  const nodesOut = await call('kubernetes_list_resources', { kind: 'nodes', output: 'json' });
  t.notOk(nodesOut.isError, nodesOut.text);
  const nodes = json(nodesOut.text);
  t.equal(nodes.items.length, 3);
  t.equal(nodes.items[2].status, 'NotReady');
});

t.test('search, events, node conditions, usage, unhealthy, analysis, permissions', async (t) => {
  const sr = json(
    (await call('kubernetes_search_resources', { query: '^web', searchMode: 'regex', namespace: 'shop' })).text,
  );
  t.ok(sr.items.length >= 5);
  t.ok(sr.items.every((i: { name: string }) => i.name.startsWith('web')));
  const exact = json(
    (await call('kubernetes_search_resources', { name: 'DB', searchMode: 'exact', resourceTypes: ['StatefulSet'] }))
      .text,
  );
  t.equal(exact.total, 1);
  const ev = json(
    (await call('kubernetes_get_events', { namespace: 'shop', fieldSelector: 'involvedObject.name=migrate' })).text,
  );
  t.equal(ev.events.length, 1);
  t.equal(ev.events[0].reason, 'BackoffLimitExceeded');
  const recent = json((await call('kubernetes_get_recent_events', {})).text);
  t.ok(recent.events.every((e: { type: string }) => e.type === 'Warning'));
  const detail = json((await call('kubernetes_get_events_detail', { includeNormalEvents: true, limit: 2 })).text);
  t.equal(detail.events.length, 2);
  t.ok(detail.continueToken);
  t.ok(detail.events[0].involvedObject);
  const nc = json((await call('kubernetes_get_node_conditions', { nodeName: 'node-c' })).text);
  t.equal(nc.conditions.find((c: { type: string }) => c.type === 'Ready').status, 'Unknown');
  t.equal(nc.taints[0].key, 'node.kubernetes.io/unreachable');
  const un = json((await call('kubernetes_get_unhealthy_resources', { namespace: 'shop' })).text);
  const names = un.items.map((i: { name: string }) => i.name);
  t.ok(
    names.includes('api-6f9d8c7b5-x9p4d') &&
      names.includes('report-5c7d9f-qq2lm') &&
      names.includes('migrate') &&
      names.includes('api'),
  );
  t.notOk(names.includes('web'));
  const usage = json((await call('kubernetes_get_resource_usage', { resourceType: 'nodes' })).text);
  t.equal(usage.items.length, 3);
  t.match(usage.items[0].cpu, /m$/);
  const pu = json(
    (await call('kubernetes_get_resource_usage', { resourceType: 'pods', namespace: 'shop', name: 'db-0' })).text,
  );
  t.equal(pu.items[0].containers.length, 2);
  const a1 = json(
    (
      await call('kubernetes_analyze_issue', {
        issueType: 'pod_crash',
        resourceKind: 'Pod',
        resourceName: 'api-6f9d8c7b5-x9p4d',
        namespace: 'shop',
      })
    ).text,
  );
  t.ok(a1.previousLogs_api.some((l: string) => l.includes('password authentication failed')));
  const a2 = json(
    (
      await call('kubernetes_analyze_issue', {
        issueType: 'pod_pending',
        resourceKind: 'Pod',
        resourceName: 'report-5c7d9f-qq2lm',
        namespace: 'shop',
      })
    ).text,
  );
  t.ok(a2.recommendations.some((r: string) => r.includes('enough free resources')));
  const a3 = json(
    (
      await call('kubernetes_analyze_issue', {
        issueType: 'deployment_unavailable',
        resourceKind: 'Deployment',
        resourceName: 'api',
        namespace: 'shop',
      })
    ).text,
  );
  t.ok(a3.notReadyPods.some((p: { name: string }) => p.name === 'api-6f9d8c7b5-x9p4d'));
  const a4 = json(
    (
      await call('kubernetes_analyze_issue', {
        issueType: 'job_failed',
        resourceKind: 'Job',
        resourceName: 'migrate',
        namespace: 'shop',
      })
    ).text,
  );
  t.ok(a4.recommendations.some((r: string) => r.includes('backoffLimit')));
  const ok = json(
    (
      await call('kubernetes_check_permissions', {
        verb: 'delete',
        resourceGroup: '',
        resourceResource: 'pods',
        namespace: 'shop',
      })
    ).text,
  );
  t.equal(ok.allowed, true);
  const no = json(
    (
      await call('kubernetes_check_permissions', {
        verb: 'get',
        resourceGroup: '',
        resourceResource: 'secrets',
        namespace: 'shop',
        context: 'viewer',
      })
    ).text,
  );
  t.equal(no.allowed, false);
  const ssar = s.emu.requests.filter((q) => q.path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews').pop()!;
  t.equal(ssar.user, 'viewer', 'the viewer context used its own credentials');
});

t.test('pod logs: container, previous, tailLines, sinceSeconds, size cap', async (t) => {
  const tail = await call('kubernetes_get_pod_logs', { name: 'web-7d4b9c8f5d-2xkqp', namespace: 'shop', tailLines: 5 });
  t.match(tail.text, /lines: 5/);
  t.match(tail.text, /req=299/);
  const since = await call('kubernetes_get_pod_logs', {
    name: 'web-7d4b9c8f5d-2xkqp',
    namespace: 'shop',
    sinceSeconds: 100,
    tailLines: 5000,
  });
  t.ok(Number(since.text.match(/lines: (\d+)/)![1]) <= 11);
  const prev = await call('kubernetes_get_pod_logs', {
    name: 'api-6f9d8c7b5-x9p4d',
    namespace: 'shop',
    previous: true,
  });
  t.match(prev.text, /FATAL: password authentication failed/);
  const grep = await call('kubernetes_get_pod_logs', {
    name: 'api-6f9d8c7b5-x9p4d',
    namespace: 'shop',
    previous: true,
    grep: 'fatal|exit',
  });
  t.match(grep.text, /grep: 2 of 4 lines matched/);
  t.notMatch(grep.text, /starting api/);
  const badGrep = await call('kubernetes_get_pod_logs', { name: 'api-6f9d8c7b5-x9p4d', namespace: 'shop', grep: '(' });
  t.match(badGrep.text, /^KUBERNETES_ERR_BAD_INPUT: grep is not a valid regular expression/);
  const multi = await call('kubernetes_get_pod_logs', { name: 'db-0', namespace: 'shop' });
  t.ok(multi.isError);
  t.match(
    multi.text,
    /CNMCP_ERR_BACKEND_BAD_REQUEST: a container name must be specified for pod db-0, choose one of: \[postgres exporter\]/,
  );
  const one = await call('kubernetes_get_pod_logs', {
    name: 'db-0',
    namespace: 'shop',
    container: 'exporter',
    timestamps: true,
  });
  t.match(one.text, /\d{4}-\d\d-\d\dT.*Listening on address/);
  const noPrev = await call('kubernetes_get_pod_logs', {
    name: 'db-0',
    namespace: 'shop',
    container: 'postgres',
    previous: true,
  });
  t.ok(noPrev.isError);
  t.match(noPrev.text, /previous terminated container "postgres"/);
  s.emu.setLogs(
    'shop/db-0/postgres',
    Array.from({ length: 4000 }, (_, i) => `${new Date().toISOString()} ${'x'.repeat(60)} line ${i}`),
  );
  const big = await call('kubernetes_get_pod_logs', {
    name: 'db-0',
    namespace: 'shop',
    container: 'postgres',
    tailLines: 5000,
  });
  t.ok(Buffer.byteLength(big.text) < 34_000, `capped (${Buffer.byteLength(big.text)} bytes)`);
  t.match(big.text, /truncated: kept the last/);
  t.match(big.text, /line 3999/, 'the newest lines are kept');
});

t.test('kubernetes_test_tool and kubernetes_port_forward', async (t) => {
  const ok = json((await call('kubernetes_test_tool', { confirmed: true })).text);
  t.equal(ok.ok, true);
  const no = await call('kubernetes_test_tool', { confirmed: false });
  t.ok(no.isError);
  t.match(no.text, /^KUBERNETES_ERR_NOT_CONFIRMED/);
  const pf = await call('kubernetes_port_forward', {
    podName: 'db-0',
    namespace: 'shop',
    localPort: 5432,
    podPort: 5432,
  });
  t.ok(pf.isError);
  t.match(pf.text, /KUBERNETES_ERR_PORT_FORWARD_UNSUPPORTED: .*listener.*cannot|no tool could stop it safely/);
  t.match(pf.text, /Hint: Run on your own machine: kubectl port-forward -n shop pod\/db-0 5432:5432/);
  t.notOk(
    s.emu.requests.some((q) => q.path.endsWith('/portforward')),
    'no port-forward request was made',
  );
});

t.test(
  'live mode: read-only tools against CNMCP_TEST_KUBECONFIG',
  { skip: LIVE_KUBECONFIG ? false : 'set CNMCP_TEST_KUBECONFIG to run against a real cluster' },
  async (t) => {
    const live = await liveServer();
    t.teardown(() => live.close());
    const ctx = json((await live.call('kubernetes_list_contexts')).text);
    t.ok(ctx.contexts.length >= 1);
    const v = json((await live.call('kubernetes_get_api_versions')).text);
    t.ok(v.apiVersions.includes('v1'));
    const r = await live.call('kubernetes_get_api_resources', {});
    t.match(r.text, /pods/);
    const ns = json((await live.call('kubernetes_list_resources_summary', { kind: 'Namespace', limit: 5 })).text);
    t.ok(ns.items.length >= 1);
    const pods = await live.call('kubernetes_list_resources', { kind: 'Pod' });
    t.notOk(pods.isError, pods.text);
    t.ok(Buffer.byteLength(pods.text) < 40_000);
    const ev = await live.call('kubernetes_get_recent_events', {});
    t.notOk(ev.isError, ev.text);
    const un = await live.call('kubernetes_get_unhealthy_resources', { resourceTypes: ['Node'] });
    t.notOk(un.isError, un.text);
    const can = json(
      (await live.call('kubernetes_check_permissions', { verb: 'list', resourceResource: 'pods' })).text,
    );
    t.type(can.allowed, 'boolean');
  },
);
