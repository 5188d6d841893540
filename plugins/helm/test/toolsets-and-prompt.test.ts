// What an agent sees by default (the releases toolset and the context list), the tool annotations the
// safety policy acts on, the confirmation of destructive tools, and the diagnosis prompt.
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { HelmPlugin } from '../dist/src/index.js';
import { startKubeEmulator } from '@cnmcp/plugin-kubernetes/testing';

t.test('default toolset, annotations, prompt', async (t) => {
  const emu = await startKubeEmulator();
  const helm = { kubeconfig: emu.kubeconfigPath };
  const byDefault = await startTestServer({
    plugins: [HelmPlugin],
    config: { toolsets: { enabled: undefined }, helm },
  });
  const all = await startTestServer({ plugins: [HelmPlugin], config: { helm } });
  t.teardown(async () => {
    await byDefault.close();
    await all.close();
    await emu.close();
  });

  const defaults = (await byDefault.toolNames()).sort();
  t.same(defaults, [
    'helm_compare_revisions',
    'helm_get_release',
    'helm_get_release_history',
    'helm_get_release_manifest',
    'helm_get_release_status',
    'helm_get_release_values',
    'helm_get_resources_of_release',
    'helm_list_backends',
    'helm_list_releases',
  ]);
  const { tools } = await all.client.listTools();
  t.equal(tools.filter((x) => x.name !== 'helm_list_backends').length, 34, 'all 34 reference tools with every toolset');
  const ann = (name: string) => tools.find((x) => x.name === name)!.annotations!;
  for (const name of ['helm_uninstall_release', 'helm_rollback_release'])
    t.equal(ann(name).destructiveHint, true, `${name} is destructive`);
  for (const name of ['helm_install_release', 'helm_upgrade_release'])
    t.match(ann(name), { readOnlyHint: false, destructiveHint: false });
  for (const name of ['helm_list_releases', 'helm_compare_revisions', 'helm_template_chart', 'helm_search_charts'])
    t.equal(ann(name).readOnlyHint, true, `${name} is read-only`);
  const contextArg = (tools.find((x) => x.name === 'helm_list_releases')!.inputSchema as any).properties.context;
  t.ok(contextArg, 'every tool takes the Kubernetes context');
  const bytes = JSON.stringify((await byDefault.client.listTools()).tools).length;
  t.ok(bytes < 8_000, `the default helm tools/list is small (${bytes} bytes)`);

  const backends = await all.callJson<any>('helm_list_backends', {});
  t.match(JSON.stringify(backends), /admin/);
  t.notMatch(JSON.stringify(backends), /admin-token/, 'no credentials');

  const prompts = await all.client.listPrompts();
  t.ok(prompts.prompts.some((p) => p.name === 'helm_release_diagnosis'));
  const p = await all.client.getPrompt({
    name: 'helm_release_diagnosis',
    arguments: { release: 'shop/web', time_range: '6h' },
  });
  const text = (p.messages[0].content as { text: string }).text;
  t.match(text, /helm_get_release_status \(name=web, namespace=shop\)/);
  t.match(text, /helm_compare_revisions/);
  t.match(text, /last 6h/);
});

t.test('destructive tools ask for confirmation', async (t) => {
  const emu = await startKubeEmulator();
  const mcp = await startTestServer({ plugins: [HelmPlugin], config: { helm: { kubeconfig: emu.kubeconfigPath } } });
  t.teardown(async () => {
    await mcp.close();
    await emu.close();
  });
  const r = await mcp.call('helm_uninstall_release', { name: 'web', namespace: 'default' });
  t.ok(r.isError);
  t.match(r.text, /CNMCP_ERR_CONFIRMATION_REQUIRED/);
});
