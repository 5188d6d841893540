// Alertmanager itself: health, status and configuration, receivers.
import { Tool, ToolGroup, annotations, countBy, type Static, type ToolContext } from '@cnmcp/core';
import { orNone } from '../args.js';
import { AlertmanagerApi } from '../client.js';
import { AlertmanagerErrors } from '../errors.js';
import { receiverIntegrations } from '../format.js';
import { HealthSummaryInput, NoInput, ReceiversSummaryInput, TestReceiverInput } from '../schemas.js';

@ToolGroup({
  name: 'status',
  title: 'Status and receivers',
  description: 'Health summary, status and running configuration, and receivers with their integrations.',
  // Not default: the default tools/list of every plugin together must stay under 80 KB; alerts and silences first.
  default: false,
  defaults: { annotations: annotations.read },
})
export class StatusTools {
  @Tool({
    name: 'alertmanager_get_receivers',
    title: 'Receivers',
    description: 'Names of the configured receivers.',
    input: NoInput,
  })
  async getReceivers(_input: Static<typeof NoInput>, ctx: ToolContext) {
    const receivers = await new AlertmanagerApi(ctx.backend).receivers(ctx.signal);
    return { total: receivers.length, receivers: receivers.map((r) => r.name) };
  }

  @Tool({
    name: 'alertmanager_receivers_summary',
    title: 'Receivers (summary)',
    description:
      'Read first: each receiver with its integration kinds (webhook, email, slack …, from the running config) and how many current alerts route to it.',
    input: ReceiversSummaryInput,
  })
  async receiversSummary(input: Static<typeof ReceiversSummaryInput>, ctx: ToolContext) {
    const api = new AlertmanagerApi(ctx.backend);
    const [receivers, status, alerts] = await Promise.all([
      api.receivers(ctx.signal),
      api.status(ctx.signal),
      api.alerts({}, ctx.signal),
    ]);
    const integrations = receiverIntegrations(status.config?.original);
    const routed = countBy(
      alerts.flatMap((a) => (a.receivers ?? []).map((r) => r.name)),
      (n) => n,
    );
    return {
      total: receivers.length,
      receivers: receivers.map((r) => ({
        name: r.name,
        integrations: integrations[r.name] ?? [],
        ...(integrations[r.name]?.length === 0 ? { note: 'no integrations: notifications are dropped' } : {}),
        current_alerts: routed[r.name] ?? 0,
      })),
      ...(input.test_info
        ? {
            test_info:
              'Alertmanager has no receiver-test API. To exercise a receiver, post a synthetic alert whose labels route to it (it notifies for real), or check routing offline with `amtool config routes test`.',
          }
        : {}),
    };
  }

  @Tool({
    name: 'alertmanager_test_receiver',
    title: 'Test a receiver (not supported by Alertmanager)',
    description:
      'Alertmanager has no receiver-test API: this reports that as an error, says whether the receiver exists, and explains what can be done instead. It sends nothing.',
    input: TestReceiverInput,
  })
  async testReceiver(input: Static<typeof TestReceiverInput>, ctx: ToolContext): Promise<never> {
    let name: string | undefined;
    if (typeof input.receiver === 'string') {
      const text = input.receiver.trim();
      if (text.startsWith('{')) {
        try {
          name = (JSON.parse(text) as { name?: string }).name;
        } catch {
          name = text;
        }
      } else name = text;
    } else name = input.receiver.name;
    const receivers = await new AlertmanagerApi(ctx.backend).receivers(ctx.signal);
    const names = receivers.map((r) => r.name);
    const known = name !== undefined && names.includes(name);
    const where = known
      ? `Receiver '${name}' is configured.`
      : `Receiver '${name}' is not configured (known: ${names.join(', ') || 'none'}).`;
    throw AlertmanagerErrors.create(
      'ALERTMANAGER_ERR_RECEIVER_TEST_UNSUPPORTED',
      `Alertmanager has no API to test a receiver, so nothing was sent${input.alerts?.length ? ` (${input.alerts.length} alert(s) given)` : ''}. ${where}`,
      {
        hint:
          `To exercise '${name}', post a synthetic alert whose labels route to it (POST /api/v2/alerts, e.g. \`amtool alert add alertname=ReceiverTest ...\`); it notifies for real, so do it only when the receiver's owners agree. ` +
          "To check routing without sending, run `amtool config routes test --config.file=alertmanager.yml label=value`; alertmanager_receivers_summary shows each receiver's integrations.",
      },
    );
  }

  @Tool({
    name: 'alertmanager_get_status',
    title: 'Status',
    description: 'Alertmanager status: version, uptime, cluster (status, peers) and the running configuration (YAML).',
    input: NoInput,
  })
  async getStatus(_input: Static<typeof NoInput>, ctx: ToolContext) {
    return new AlertmanagerApi(ctx.backend).status(ctx.signal);
  }

  @Tool({
    name: 'alertmanager_health_summary',
    title: 'Health (summary)',
    description:
      'Read first: version, uptime, cluster status and peer count, and alert/silence counts; level=detailed adds receivers and the route receiver.',
    input: HealthSummaryInput,
  })
  async healthSummary(input: Static<typeof HealthSummaryInput>, ctx: ToolContext) {
    const api = new AlertmanagerApi(ctx.backend);
    const [status, alerts, silences] = await Promise.all([
      api.status(ctx.signal),
      api.alerts({}, ctx.signal),
      api.silences(undefined, ctx.signal),
    ]);
    const started = status.uptime ? Date.parse(status.uptime) : NaN;
    const seconds = Number.isNaN(started) ? undefined : Math.max(0, Math.round((Date.now() - started) / 1000));
    const out: Record<string, unknown> = {
      healthy: true,
      version: status.versionInfo?.version,
      up_since: status.uptime,
      ...(seconds !== undefined ? { uptime_seconds: seconds } : {}),
      alerts: { total: alerts.length, by_state: countBy(alerts, (a) => orNone(a.status?.state)) },
      silences: { total: silences.length, by_state: countBy(silences, (s) => orNone(s.status?.state)) },
    };
    if (input.include_cluster) {
      out.cluster = {
        status: status.cluster?.status,
        ...(status.cluster?.name ? { name: status.cluster.name } : {}),
        peers: status.cluster?.peers?.length ?? 0,
      };
    }
    if (input.level === 'detailed') {
      const yaml = status.config?.original ?? '';
      out.receivers = Object.keys(receiverIntegrations(yaml));
      out.route_receiver = /^route:\s*\n(?:\s+.*\n)*?\s+receiver:\s*['"]?([^'"\n]+)/m.exec(yaml)?.[1];
      out.version_info = status.versionInfo;
    }
    return out;
  }
}
