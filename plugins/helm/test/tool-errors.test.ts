// Error cases through the front door: unknown release or revision, helm missing or failing (its stderr
// summarised), cluster unreachable or too slow, helm timing out, refused paths and values, contexts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { helmBinary } from './helpers/helm-binary.js';
import { NO_OPENAPI } from './helpers/cluster.js';
import { setup } from './helpers/setup.js';

const bin = helmBinary();

t.test('errors', { skip: bin.skip }, async (t) => {
  const s = await setup(bin.path!);
  t.teardown(() => s.close());
  const c = s.cluster;
  const demo = await c.makeChart('demo', '0.1.0');
  await c.helmCmd(['install', 'web', demo, '-n', 'default', NO_OPENAPI]);
  const fails = async (name: string, args: Record<string, unknown>, pattern: RegExp) => {
    const r = await s.mcp.call(name, args);
    t.ok(r.isError, `${name} ${JSON.stringify(args)} is an error`);
    t.match(r.text, pattern, `${name}: ${r.text.split('\n')[0].slice(0, 120)}`);
    t.notMatch(r.text, /\n\s+at /, 'no stack trace');
    return r.text;
  };
  const ref = { name: 'nope', namespace: 'default' };

  t.test('unknown release', async () => {
    for (const tool of [
      'helm_get_release',
      'helm_get_release_status',
      'helm_get_release_values',
      'helm_get_release_manifest',
      'helm_get_release_history',
      'helm_get_release_history_paginated',
      'helm_get_release_summary',
      'helm_get_resources_of_release',
      'helm_validate_release',
      'helm_rollback_release',
      'helm_uninstall_release',
    ])
      await fails(
        tool,
        ref,
        /^HELM_ERR_RELEASE_NOT_FOUND: release "nope" was not found in namespace default of context admin\nHint: Call helm_list_releases/,
      );
    await fails('helm_compare_revisions', { ...ref, revision1: 1, revision2: 2 }, /^HELM_ERR_RELEASE_NOT_FOUND/);
    await fails('helm_upgrade_release', { ...ref, chart: 'demo-0.1.0.tgz' }, /^HELM_ERR_RELEASE_NOT_FOUND/);
  });

  t.test('revision out of range', async () => {
    const web = { name: 'web', namespace: 'default' };
    await fails(
      'helm_get_release',
      { ...web, revision: 9 },
      /^HELM_ERR_REVISION_NOT_FOUND: release "web" in namespace default has no revision 9; revisions: 1/,
    );
    await fails('helm_get_release_values', { ...web, revision: 9 }, /^HELM_ERR_REVISION_NOT_FOUND/);
    await fails('helm_compare_revisions', { ...web, revision1: 1, revision2: 9 }, /^HELM_ERR_REVISION_NOT_FOUND/);
    await fails(
      'helm_compare_revisions',
      { ...web, revision1: 1, revision2: 1 },
      /^HELM_ERR_BAD_INPUT: revision1 and revision2 are both 1/,
    );
    await fails('helm_rollback_release', { ...web, revision: 9 }, /^HELM_ERR_REVISION_NOT_FOUND/);
    await fails('helm_rollback_release', web, /^HELM_ERR_REVISION_NOT_FOUND: release "web" has only revision 1/);
    await fails('helm_get_release', { ...web, revision: 0 }, /^CNMCP_ERR_TOOL_INPUT_INVALID/);
  });

  t.test('helm failing: its stderr, summarised', async () => {
    const text = await fails(
      'helm_install_release',
      { name: 'web', namespace: 'default', chart: 'demo-0.1.0.tgz', create_namespace: false },
      /^HELM_ERR_COMMAND_FAILED: helm install web failed \(exit 1\): INSTALLATION FAILED: cannot re-use a name that is still in use/,
    );
    t.notMatch(text, /cnmcp-helm-test-/, 'no server paths in the message');
    const broken = join(c.work, 'charts', 'broken');
    mkdirSync(join(broken, 'templates'), { recursive: true });
    writeFileSync(join(broken, 'Chart.yaml'), 'apiVersion: v2\nname: broken\nversion: 0.1.0\n');
    writeFileSync(join(broken, 'templates', 'cm.yaml'), 'kind: ConfigMap\nmetadata:\n  name: {{ .Values.name \n');
    await fails(
      'helm_template_chart',
      { name: 'b', namespace: 'default', chart: 'broken' },
      /^HELM_ERR_COMMAND_FAILED: helm template b failed \(exit 1\): parse error/,
    );
  });

  t.test('helm timing out', async () => {
    // the emulator never reports the Deployment ready, so --wait runs into helm's own timeout
    await fails(
      'helm_install_release',
      {
        name: 'slow',
        namespace: 'default',
        chart: 'demo-0.1.0.tgz',
        create_namespace: false,
        wait: true,
        timeout: '2s',
      },
      /^HELM_ERR_TIMEOUT: helm install slow failed: INSTALLATION FAILED: context deadline exceeded/,
    );
    const status = await s.mcp.callJson<any>('helm_get_release_status', { name: 'slow', namespace: 'default' });
    t.equal(status.status, 'failed');
    await fails(
      'helm_install_release',
      { name: 'x', namespace: 'default', chart: 'demo-0.1.0.tgz', timeout: 'soon' },
      /CNMCP_ERR_TOOL_INPUT_INVALID|HELM_ERR_BAD_INPUT/,
    );
  });

  t.test('paths and values from the request', async () => {
    await fails(
      'helm_install_release',
      { name: 'x', namespace: 'default', chart: '/etc/passwd' },
      /^HELM_ERR_CHART_NOT_FOUND: chart "\/etc\/passwd" is outside helm.chartsDir/,
    );
    await fails(
      'helm_template_chart',
      { name: 'x', namespace: 'default', chart: '../../etc' },
      /^HELM_ERR_CHART_NOT_FOUND: chart "..\/..\/etc" is outside helm.chartsDir/,
    );
    await fails(
      'helm_template_chart',
      { name: 'x', namespace: 'default', chart: 'missing-1.0.0.tgz' },
      /^HELM_ERR_CHART_NOT_FOUND: chart "missing-1.0.0.tgz" does not exist/,
    );
    await fails(
      'helm_install_release',
      { name: 'x', namespace: 'default', chart: 'demo-0.1.0.tgz', values_file: '/etc/passwd' },
      /^HELM_ERR_VALUES_FILE_FORBIDDEN: values_file "\/etc\/passwd" is refused: helm.valuesDir is not set/,
    );
    await fails(
      'helm_template_chart',
      { name: 'x', namespace: 'default', chart: 'demo-0.1.0.tgz', values: '[1, 2]' },
      /^HELM_ERR_BAD_INPUT: values must be an object/,
    );
    await fails(
      'helm_template_chart',
      { name: 'x', namespace: 'default', chart: 'demo-0.1.0.tgz', values: '{a: [' },
      /^HELM_ERR_BAD_INPUT: values is not valid JSON or YAML/,
    );
  });

  t.test('contexts: unknown, unreachable, forbidden, slow', async () => {
    await fails(
      'helm_list_releases',
      { context: 'elsewhere' },
      /HELM_ERR_CONTEXT_UNKNOWN: context "elsewhere" is not available; available: admin, viewer/,
    );
    await fails('helm_list_releases', { context: 'viewer' }, /^HELM_ERR_FORBIDDEN: listing Helm release Secrets/);
  });
});

t.test('cluster unreachable, slow, and helm missing', { skip: bin.skip }, async (t) => {
  const s2 = await setup(bin.path!, {
    config: { binary: '/nonexistent/helm', readTimeoutSec: 1 },
    extraContexts: [{ name: 'down', server: 'https://127.0.0.1:1', token: 'down-token-123' }],
  });
  t.teardown(() => s2.close());
  const call = (name: string, args: Record<string, unknown>) => s2.mcp.call(name, args);

  const down = await call('helm_list_releases', { context: 'down' });
  t.ok(down.isError);
  // the core's health probe may have marked the context down first; either way the agent learns it is unreachable
  t.match(down.text, /^(HELM_ERR_CLUSTER_UNREACHABLE|CNMCP_ERR_SERVICE_UNAVAILABLE): .*cannot reach the API server/);
  t.notMatch(down.text, /down-token-123/);

  s2.cluster.emu.faults.push({ path: /\/secrets/, delayMs: 3_000, times: 1 });
  const slow = await call('helm_list_releases', {});
  t.ok(slow.isError);
  t.match(slow.text, /^HELM_ERR_CLUSTER_UNREACHABLE: .*no answer within 1000 ms/);

  const reads = await call('helm_list_releases', {});
  t.notOk(reads.isError, 'reads need no helm binary');
  const missing = await call('helm_install_release', { name: 'x', namespace: 'default', chart: 'demo-0.1.0.tgz' });
  t.ok(missing.isError);
  t.match(
    missing.text,
    /^HELM_ERR_BINARY_MISSING: helm.binary names \/nonexistent\/helm, which is not an executable file\nHint: Install Helm 3 .*set helm.binary/,
  );
  const health = await s2.mcp.callJson<any>('helm_health_check', { checkKubernetes: false });
  t.match(health, { healthy: false, client: { ok: false, detail: /helm not found/ } });
});

t.test('no kubeconfig at all', async (t) => {
  const { startTestServer } = await import('@cnmcp/core/testing');
  const { HelmPlugin } = await import('../dist/src/index.js');
  const mcp = await startTestServer({
    plugins: [HelmPlugin],
    config: { helm: { kubeconfig: '/nonexistent/kubeconfig' } },
  });
  t.teardown(() => mcp.close());
  const r = await mcp.call('helm_list_releases', {});
  t.ok(r.isError);
  t.match(r.text, /helm/);
  t.match(r.text, /kubeconfig/);
});
