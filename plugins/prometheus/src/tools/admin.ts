// The admin API: TSDB snapshots (needs --web.enable-admin-api on the Prometheus host).
import { Tool, ToolGroup, annotations, backendMessage, isCnmcpError, type Static, type ToolContext } from '@cnmcp/core';
import { PrometheusApi } from '../client.js';
import { PrometheusErrors } from '../errors.js';
import { SnapshotInput } from '../schemas.js';

@ToolGroup({
  name: 'admin',
  title: 'Admin API',
  description: 'TSDB snapshots through the admin API (writes on the Prometheus host).',
  defaults: { annotations: annotations.write },
})
export class AdminTools {
  @Tool({
    name: 'prometheus_create_snapshot',
    title: 'Create a TSDB snapshot',
    description:
      'Writes a snapshot of all current data into snapshots/NAME under the data directory of the Prometheus host (admin API; needs --web.enable-admin-api). Returns the snapshot name.',
    input: SnapshotInput,
  })
  async createSnapshot(input: Static<typeof SnapshotInput>, ctx: ToolContext) {
    try {
      const { data } = await new PrometheusApi(ctx.backend).post<{ name: string }>(
        '/api/v1/admin/tsdb/snapshot',
        { skip_head: input.skipHead },
        ctx.signal,
      );
      return { snapshot: data.name, location: `<data-dir>/snapshots/${data.name}`, skipHead: input.skipHead };
    } catch (err) {
      if (isCnmcpError(err) && /admin APIs disabled/i.test(backendMessage(err) ?? err.message)) {
        throw PrometheusErrors.create(
          'PROMETHEUS_ERR_ADMIN_API_DISABLED',
          `the Prometheus admin API is disabled on target '${ctx.backendTarget ?? 'default'}': ${err.message}`,
          { cause: err },
        );
      }
      throw err;
    }
  }
}
