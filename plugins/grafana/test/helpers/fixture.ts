// What the tests create through the tools (so they run the same against the emulator and a live Grafana):
// a folder and a dashboard whose panels query the first Prometheus datasource.
import type { TestServer } from '@cnmcp/core/testing';

export const RUN = `cnmcp-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

export function testDashboard(uid: string, promUid: string, title = `cnmcp test ${uid}`) {
  const ds = { type: 'prometheus', uid: promUid };
  return {
    uid,
    title,
    tags: ['cnmcp-test'],
    schemaVersion: 39,
    time: { from: 'now-1h', to: 'now' },
    panels: [
      {
        id: 1,
        type: 'timeseries',
        title: 'Gauge',
        datasource: ds,
        targets: [{ refId: 'A', expr: 'cnmcp_test_gauge' }],
      },
      {
        id: 2,
        type: 'row',
        title: 'More',
        collapsed: true,
        panels: [{ id: 3, type: 'stat', title: 'Up', datasource: ds, targets: [{ refId: 'A', expr: 'sum(up)' }] }],
      },
    ],
  };
}

/** UID of the first Prometheus datasource the target has (the emulator's is `prometheus`). */
export async function prometheusUid(server: TestServer): Promise<string> {
  const page = await server.callJson<{ items: Array<{ uid: string; type: string }> }>(
    'grafana_datasources_summary',
    {},
  );
  const prom = page.items.find((d) => d.type === 'prometheus');
  if (!prom) throw new Error('the Grafana under test has no Prometheus datasource');
  return prom.uid;
}
