// Live mode: with CNMCP_TEST_HELM_KUBECONFIG set, the read-only tools run against that cluster's kubeconfig
// (its releases are whatever is installed there, so only shapes are checked).
import t from 'tap';
import { startTestServer } from '@cnmcp/core/testing';
import { HelmPlugin } from '../dist/src/index.js';

const kubeconfig = process.env.CNMCP_TEST_HELM_KUBECONFIG;

t.test(
  'live: read-only tools against CNMCP_TEST_HELM_KUBECONFIG',
  { skip: kubeconfig ? false : 'set CNMCP_TEST_HELM_KUBECONFIG to run against a real cluster' },
  async (t) => {
    const mcp = await startTestServer({ plugins: [HelmPlugin], config: { helm: { kubeconfig } } });
    t.teardown(() => mcp.close());
    const list = await mcp.callJson<any>('helm_list_releases', { all: true });
    t.type(list.total, 'number');
    const quick = await mcp.callJson<any>('helm_quick_info', {});
    t.equal(quick.releases, list.total);
    const first = list.items[0];
    if (first) {
      const history = await mcp.callJson<any>('helm_get_release_history', {
        name: first.name,
        namespace: first.namespace,
      });
      t.equal(history.revisions.at(-1).revision, first.revision);
      const res = await mcp.callJson<any>('helm_get_resources_of_release', {
        name: first.name,
        namespace: first.namespace,
      });
      t.type(res.total, 'number');
    }
  },
);
