// The workflow prompts (reference names and arguments) list and render, and every tool they name exists; the
// k8s:// resources list and read, masking Secret values.
import t from 'tap';
import { setup, json, type Setup } from './helpers.js';

let s: Setup;
t.before(async () => {
  s = await setup();
});
t.teardown(async () => {
  await s?.close();
});

const PROMPTS: Record<string, { required: string[]; optional: string[] }> = {
  kubernetes_workload_diagnosis: { required: ['kind', 'name', 'namespace'], optional: ['symptom', 'notes'] },
  kubernetes_safe_remediation: { required: ['action', 'kind', 'name'], optional: ['namespace', 'notes'] },
  kubernetes_service_connectivity_diagnosis: {
    required: ['namespace', 'service'],
    optional: ['source_workload', 'path', 'notes'],
  },
  kubernetes_rollout_recovery: { required: ['kind', 'name', 'namespace'], optional: ['managed_by', 'notes'] },
  k8s_operation_guide: { required: ['scenario'], optional: ['kind', 'name', 'namespace', 'notes'] },
};

const sample: Record<string, string> = {
  kind: 'Deployment',
  name: 'web',
  namespace: 'shop',
  action: 'scale to 3 replicas',
  service: 'web',
  scenario: 'a deployment does not become ready',
  symptom: 'pods restart',
  notes: 'started after the last release',
};

t.test('prompts list with the reference names and arguments', async (t) => {
  const { prompts } = await s.mcp.client.listPrompts();
  for (const [name, spec] of Object.entries(PROMPTS)) {
    const p = prompts.find((x) => x.name === name);
    t.ok(p, `${name} is listed`);
    const args = p?.arguments ?? [];
    t.same(
      args.filter((a) => a.required).map((a) => a.name),
      spec.required,
      `${name}: required arguments`,
    );
    t.same(
      args.filter((a) => !a.required).map((a) => a.name),
      spec.optional,
      `${name}: optional arguments`,
    );
  }
});

t.test('every prompt renders and names only tools that exist', async (t) => {
  const tools = new Set(await s.mcp.toolNames());
  for (const [name, spec] of Object.entries(PROMPTS)) {
    const args = Object.fromEntries([...spec.required, ...spec.optional].map((a) => [a, sample[a] ?? `the-${a}`]));
    const res = await s.mcp.client.getPrompt({ name, arguments: args });
    const text = res.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
    t.match(text, /confirm/i, `${name} asks for confirmation before writes`);
    const named = [...new Set(text.match(/\bkubernetes_[a-z_]+/g) ?? [])];
    t.ok(named.length >= 4, `${name} names tools (${named.join(', ')})`);
    for (const tool of named) t.ok(tools.has(tool), `${name} names ${tool}, which exists`);
    for (const value of Object.values(args).slice(0, 2)) t.match(text, value, `${name} uses its arguments`);
  }
});

t.test('a prompt without its required argument is refused', async (t) => {
  await t.rejects(
    s.mcp.client.getPrompt({ name: 'kubernetes_workload_diagnosis', arguments: { kind: 'Pod' } }),
    /CNMCP_ERR_PROMPT_ARGS_INVALID/,
  );
});

t.test('k8s://contexts and the object template', async (t) => {
  const { resources } = await s.mcp.client.listResources();
  t.ok(resources.some((r) => r.uri === 'k8s://contexts'));
  const { resourceTemplates } = await s.mcp.client.listResourceTemplates();
  t.ok(resourceTemplates.some((r) => r.uriTemplate === 'k8s://{context}/{namespace}/{kind}/{name}'));

  const ctxs = await s.mcp.client.readResource({ uri: 'k8s://contexts' });
  const body = json((ctxs.contents[0] as { text: string }).text);
  t.equal(body.default, 'admin');
  t.same(body.contexts.map((c: { name: string }) => c.name).sort(), ['admin', 'viewer']);
  t.notMatch(JSON.stringify(ctxs), /admin-token|viewer-token/, 'no credentials');

  const pod = await s.mcp.client.readResource({ uri: 'k8s://admin/shop/Pod/db-0' });
  const o = json((pod.contents[0] as { text: string }).text);
  t.equal(o.kind, 'Pod');
  t.equal(o.metadata.name, 'db-0');
  t.notOk(o.metadata.managedFields, 'managedFields stripped');

  const node = json(
    ((await s.mcp.client.readResource({ uri: 'k8s://admin/_/Node/node-a' })).contents[0] as { text: string }).text,
  );
  t.equal(node.metadata.name, 'node-a', '_ stands for no namespace');

  const secret = await s.mcp.client.readResource({ uri: 'k8s://admin/shop/Secret/db-credentials' });
  t.match((secret.contents[0] as { text: string }).text, /<redacted> \(11 bytes\)/);
  t.notMatch((secret.contents[0] as { text: string }).text, /UzNjcjN0LVBhNTU=/);
});

t.test('a missing object or unknown context is an error, not a crash', async (t) => {
  await t.rejects(s.mcp.client.readResource({ uri: 'k8s://admin/shop/Pod/ghost' }), /not found/);
  await t.rejects(s.mcp.client.readResource({ uri: 'k8s://nowhere/shop/Pod/db-0' }), /not available/);
});
