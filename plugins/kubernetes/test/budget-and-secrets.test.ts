// Agent economy and secret hygiene: a 5,000-pod cluster lists within ~40 KB by default, cursors walk every
// item exactly once, and no Secret value or kubeconfig credential appears in any tool output.
import t from 'tap';
import { makePod } from '../test/emulator/index.js';
import { setup, json, type Setup } from './helpers.js';

let s: Setup;
t.before(async () => {
  s = await setup({ emulator: { rolloutDelayMs: false } });
  for (let i = 0; i < 5000; i++) {
    s.emu.put(
      makePod({
        name: `load-${String(i).padStart(4, '0')}-7f9c8d6b5-${(i * 7919).toString(36).padStart(5, 'x')}`,
        namespace: 'shop',
        labels: { app: 'load', shard: String(i % 10) },
        node: ['node-a', 'node-b'][i % 2],
        ip: `10.244.${i % 250}.${i % 200}`,
      }),
    );
  }
  // Seeding blocked the event loop the emulator shares with the server: probe health again now that it answers.
  await s.mcp.server.health.checkAll();
});
t.teardown(async () => {
  await s?.close();
});
const call = (name: string, args: Record<string, unknown> = {}) => s.mcp.call(name, args);
const KB40 = 40 * 1024;

t.test('listing 5,000 pods by default stays under 40 KB, with totals and a cursor', async (t) => {
  for (const tool of [
    'kubernetes_list_resources',
    'kubernetes_list_resources_summary',
    'kubernetes_list_resources_full',
  ]) {
    const r = await call(tool, { kind: 'Pod' });
    t.notOk(r.isError, r.text.slice(0, 200));
    const size = Buffer.byteLength(r.text);
    t.ok(size <= KB40, `${tool}: ${size} bytes`);
    t.match(r.text, /continueToken/, `${tool} gives a cursor`);
    t.match(r.text, /remaining/, `${tool} gives the remaining count`);
  }
  const big = await call('kubernetes_list_resources', { kind: 'Pod', limit: 500 });
  t.ok(Buffer.byteLength(big.text) <= KB40, `limit 500 is cut to the budget (${Buffer.byteLength(big.text)} bytes)`);
  t.match(big.text, /truncated: cut to the size budget/);
  const req = s.emu.requests.filter((q) => q.path === '/api/v1/pods').pop()!;
  t.equal(req.query.get('limit'), '500', 'the API limit is used, not a full read');
  const search = await call('kubernetes_search_resources', { query: 'load' });
  t.ok(Buffer.byteLength(search.text) <= KB40);
  const found = json(search.text);
  t.ok(found.total >= 4980, `search found ${found.total}`);
  t.ok(
    found.notes.some((n: string) => n.includes('only the first 5000')),
    'the scan cap is reported',
  );
  t.ok(found.continueToken, 'search results are paginated');
  const next = json(
    (await call('kubernetes_search_resources', { query: 'load', continueToken: found.continueToken })).text,
  );
  t.notSame(next.items[0].name, found.items[0].name);
  t.equal(next.total, found.total);
  const un = await call('kubernetes_get_unhealthy_resources', {});
  t.ok(Buffer.byteLength(un.text) <= KB40);
});

t.test('following continueToken visits every pod exactly once, also across budget cuts', async (t) => {
  const seen = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  do {
    const r = json(
      (
        await call('kubernetes_list_resources_summary', {
          kind: 'Pod',
          namespace: 'shop',
          labelSelector: 'app=load',
          limit: 400,
          ...(token ? { continueToken: token } : {}),
        })
      ).text,
    );
    for (const i of r.items) {
      t.notOk(seen.has(i.name), `no duplicate ${i.name}`);
      seen.add(i.name);
    }
    token = r.continueToken;
    pages++;
  } while (token && pages < 100);
  t.equal(seen.size, 5000);
  t.ok(pages > 12, `budget cuts made more pages than limit alone (${pages})`);
});

const SECRET_VALUES = [
  'S3cr3t-Pa55',
  'UzNjcjN0LVBhNTU=',
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IkVtdUtleSJ9',
  'c2hvcA==',
  'admin-token',
  'viewer-token',
  'hunter2-env',
  'aHVudGVyMi1lbnY=',
];

t.test('no Secret value or credential appears in any tool output', async (t) => {
  s.emu.put({
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: 'applied',
      namespace: 'shop',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration':
          '{"apiVersion":"v1","data":{"pw":"aHVudGVyMi1lbnY="},"kind":"Secret"}',
      },
    },
    data: { pw: 'aHVudGVyMi1lbnY=' },
  });
  s.emu.put({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'envy', namespace: 'shop' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'envy' } },
      template: {
        metadata: { labels: { app: 'envy' } },
        spec: {
          containers: [
            {
              name: 'c',
              image: 'busybox',
              env: [
                { name: 'DB_PASSWORD', value: 'hunter2-env' },
                { name: 'MODE', value: 'prod' },
              ],
            },
          ],
        },
      },
    },
  });
  const outputs: Array<[string, string]> = [];
  const run = async (name: string, args: Record<string, unknown>) => {
    const r = await call(name, args);
    outputs.push([`${name} ${JSON.stringify(args)}`, r.text]);
    return r;
  };
  const sec = { kind: 'Secret', namespace: 'shop' };
  for (const name of ['db-credentials', 'api-token', 'applied']) {
    await run('kubernetes_get_resource', { ...sec, name });
    await run('kubernetes_get_resource', { ...sec, name, jsonpath: '{.data}' });
    await run('kubernetes_get_resource_details', { ...sec, name });
    await run('kubernetes_describe_resource', { ...sec, name });
    await run('kubernetes_get_resource_summary', { ...sec, name, includeLabels: true });
    await run('kubernetes_get_resource_detail_advanced', {
      ...sec,
      name,
      includeConfiguration: true,
      outputFormat: 'verbose',
    });
  }
  await run('kubernetes_get_resource', { ...sec, name: 'db-credentials', jsonpath: '.data.password' });
  await run('kubernetes_get_resources_detail', { ...sec, names: ['db-credentials', 'api-token'] });
  await run('kubernetes_list_resources', sec);
  await run('kubernetes_list_resources', { ...sec, jsonpaths: ['.data', '.data.password', '.metadata.annotations'] });
  await run('kubernetes_list_resources', { ...sec, output: 'json' });
  await run('kubernetes_list_resources_full', sec);
  await run('kubernetes_list_resources_summary', { ...sec, includeLabels: true });
  await run('kubernetes_search_resources', { query: '', resourceTypes: ['Secret'] });
  await run('kubernetes_get_resource', { kind: 'Deployment', name: 'envy', namespace: 'shop' });
  await run('kubernetes_list_resources_full', { kind: 'Deployment', namespace: 'shop', labelSelector: '', limit: 50 });
  await run('kubernetes_describe_resource', { kind: 'Deployment', name: 'envy', namespace: 'shop' });
  await run('kubernetes_list_contexts', {});
  await run('kubernetes_patch_resource', {
    ...sec,
    name: 'db-credentials',
    patch: { metadata: { labels: { touched: 'yes' } } },
  });
  await run('kubernetes_create_resource', {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { name: 'new-one', namespace: 'shop' },
    stringData: { password: 'S3cr3t-Pa55' },
  });
  t.ok(outputs.length > 25);
  for (const [what, text] of outputs) {
    for (const v of SECRET_VALUES) t.notOk(text.includes(v), `${what} does not contain ${v.slice(0, 6)}…`);
  }
  const one = json(outputs[0][1]);
  t.match(one.data.password, /^<redacted> \(11 bytes\)$/, 'masked values say how long they are');
  t.match(
    outputs.find(([w]) => w.startsWith('kubernetes_get_resource {"kind":"Deployment","name":"envy"'))![1],
    /"MODE",\s*"value": "prod"/,
    'other env values stay',
  );
});

t.test('showSecretValues: true shows Secret data, never service-account tokens or credentials', async (t) => {
  const open = await setup({ config: { showSecretValues: true }, emulator: { objects: undefined } });
  t.teardown(() => open.close());
  const r = json(
    (await open.mcp.call('kubernetes_get_resource', { kind: 'Secret', name: 'db-credentials', namespace: 'shop' }))
      .text,
  );
  t.equal(r.data.password, 'UzNjcjN0LVBhNTU=');
  const sa = json(
    (await open.mcp.call('kubernetes_get_resource', { kind: 'Secret', name: 'api-token', namespace: 'shop' })).text,
  );
  t.match(sa.data.token, /^<redacted>/);
  t.equal(sa.data.namespace, 'c2hvcA==');
});
