// Found by a review against an API server the other tests do not use: a user who may list pods but not
// StatefulSets got no unhealthy-object report at all, and a drain refused by thousands of unmanaged pods
// produced an error so long that the cut-off text lost the count and "The node was not cordoned".
import t from 'tap';
import { makePod } from '../emulator/index.js';
import { setup, json, type Setup } from '../helpers.js';

const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } });
const node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'worker-1' },
  spec: {},
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
};

let s: Setup;
t.before(async () => {
  const pods = [
    makePod({
      name: 'crashy',
      namespace: 'team',
      labels: { app: 'crashy' },
      node: 'worker-1',
      restarts: 4,
      waiting: { reason: 'CrashLoopBackOff' },
    }),
    ...Array.from({ length: 1200 }, (_, i) =>
      makePod({ name: `loose-${i}`, namespace: 'team', labels: { app: 'loose' }, node: 'worker-1' }),
    ),
  ];
  s = await setup({
    emulator: {
      objects: [ns('default'), ns('team'), node, ...pods],
      users: {
        'admin-token': { name: 'admin', rules: [{ verbs: ['*'], groups: ['*'], resources: ['*'] }] },
        'pods-token': {
          name: 'pods-only',
          rules: [{ verbs: ['get', 'list'], groups: [''], resources: ['pods', 'nodes'] }],
        },
      },
    },
  });
});
t.teardown(async () => {
  await s?.close();
});

t.test('unhealthy scan with credentials that cannot list every kind still reports what it can read', async (t) => {
  const r = await s.mcp.call('kubernetes_get_unhealthy_resources', { namespace: 'team', context: 'pods-only' });
  t.notOk(r.isError, r.text.slice(0, 200));
  const out = json(r.text);
  t.ok(
    out.items.some((i: { name: string }) => i.name === 'crashy'),
    'the crashing pod is found',
  );
  t.ok(
    out.notes.some((n: string) => /^Deployment: CNMCP_ERR_BACKEND_AUTH/.test(n)),
    'the unreadable kinds are named',
  );
});

t.test('a drain refused by many pods says how many, and that the node was not cordoned', async (t) => {
  const r = await s.mcp.call('kubernetes_drain_node', { name: 'worker-1', timeoutSeconds: 5 });
  t.ok(r.isError);
  t.match(r.text, /^KUBERNETES_ERR_DRAIN_BLOCKED: cannot drain node worker-1: team\/\S+: not managed by a controller/);
  t.match(r.text, /and 1191 more of 1201 refused pods\. The node was not cordoned\./);
  t.ok(r.text.length < 2500, `message stays short (${r.text.length} chars)`);
});

t.test('a forced dry-run drain of a crowded node answers whole JSON with the count', async (t) => {
  const r = await s.mcp.call('kubernetes_drain_node', { name: 'worker-1', force: true, dryRun: true });
  t.notOk(r.isError, r.text.slice(0, 200));
  const out = json(r.text);
  t.equal(out.wouldEvictCount, 1201);
  t.equal(out.wouldEvictTotal, 1201);
  t.equal(out.wouldEvict.length, 100);
  t.ok(Buffer.byteLength(r.text) < 32_000, `${Buffer.byteLength(r.text)} bytes`);
});

t.test('a pending pod beyond the scan cap is still reported as unhealthy', async (t) => {
  const crowded = await setup({
    emulator: {
      objects: [
        ns('default'),
        ns('aaa-load'),
        ns('zzz-app'),
        node,
        ...Array.from({ length: 130 }, (_, i) =>
          makePod({ name: `load-${i}`, namespace: 'aaa-load', labels: { app: 'load' }, node: 'worker-1' }),
        ),
        makePod({ name: 'stuck', namespace: 'zzz-app', labels: { app: 'stuck' }, phase: 'Pending' }),
      ],
    },
    config: { maxScanItems: 100 },
  });
  t.teardown(() => crowded.close());
  const out = json((await crowded.mcp.call('kubernetes_get_unhealthy_resources', { resourceTypes: ['Pod'] })).text);
  t.ok(
    out.items.some((i: { name: string }) => i.name === 'stuck'),
    'the pending pod after 130 healthy ones is found',
  );
  t.ok(
    out.notes.some((n: string) => /pods not Running or Succeeded were checked everywhere/.test(n)),
    'the note says how far the check went',
  );
});
