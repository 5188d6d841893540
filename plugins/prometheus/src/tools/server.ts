// The server itself: build and configuration, runtime state, TSDB head and cardinality, WAL replay.
import { Tool, ToolGroup, annotations, formatDuration, type Static, type ToolContext } from '@cnmcp/core';
import { iso } from '../args.js';
import { PrometheusApi } from '../client.js';
import { NoInput, TsdbInput } from '../schemas.js';

@ToolGroup({
  name: 'server',
  title: 'Server and TSDB status',
  description: 'Build, configuration and runtime of the server, TSDB head and cardinality, WAL replay.',
  defaults: { annotations: annotations.read },
})
export class ServerTools {
  @Tool({
    name: 'prometheus_get_server_info',
    title: 'Server configuration',
    description: 'Version and build of the server and its loaded configuration (YAML).',
    input: NoInput,
  })
  async getServerInfo(_input: Static<typeof NoInput>, ctx: ToolContext) {
    const api = new PrometheusApi(ctx.backend);
    const [build, config] = await Promise.all([
      api.get<Record<string, string>>('/api/v1/status/buildinfo', undefined, ctx.signal),
      api.get<{ yaml: string }>('/api/v1/status/config', undefined, ctx.signal),
    ]);
    return { build: build.data, config_yaml: config.data.yaml };
  }

  @Tool({
    name: 'prometheus_get_runtime_info',
    title: 'Runtime information',
    description:
      'Runtime state of the server: start time, uptime, goroutines, storage retention, config reload status, plus its version.',
    input: NoInput,
  })
  async getRuntimeInfo(_input: Static<typeof NoInput>, ctx: ToolContext) {
    const api = new PrometheusApi(ctx.backend);
    const [runtime, build] = await Promise.all([
      api.get<Record<string, unknown>>('/api/v1/status/runtimeinfo', undefined, ctx.signal),
      api.get<Record<string, string>>('/api/v1/status/buildinfo', undefined, ctx.signal),
    ]);
    const startTime = typeof runtime.data.startTime === 'string' ? Date.parse(runtime.data.startTime) : NaN;
    return {
      ...runtime.data,
      ...(Number.isNaN(startTime) ? {} : { uptime: formatDuration(Date.now() - startTime) }),
      version: build.data.version,
      build: build.data,
    };
  }

  @Tool({
    name: 'prometheus_get_tsdb_stats',
    title: 'TSDB cardinality statistics',
    description:
      'Cardinality top lists of the head block: series per metric name, values per label, memory per label, series per label pair (`limit` entries each, default 10).',
    input: TsdbInput,
  })
  async getTsdbStats(input: Static<typeof TsdbInput>, ctx: ToolContext) {
    const limit = input.limit ?? 10;
    const { data } = await new PrometheusApi(ctx.backend).get<Record<string, unknown>>(
      '/api/v1/status/tsdb',
      { limit },
      ctx.signal,
    );
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) out[key] = Array.isArray(value) ? value.slice(0, limit) : value;
    return out;
  }

  @Tool({
    name: 'prometheus_get_tsdb_status',
    title: 'TSDB head status',
    description:
      'Head block status: number of series and chunks, time span held in memory, and the metrics with the most series.',
    input: TsdbInput,
  })
  async getTsdbStatus(input: Static<typeof TsdbInput>, ctx: ToolContext) {
    const limit = input.limit ?? 5;
    const { data } = await new PrometheusApi(ctx.backend).get<{
      headStats?: Record<string, number>;
      seriesCountByMetricName?: unknown[];
    }>('/api/v1/status/tsdb', { limit }, ctx.signal);
    const head = data.headStats ?? {};
    const valid = (t: unknown) => typeof t === 'number' && t > 0 && t < 8.64e15;
    return {
      head: {
        ...head,
        ...(valid(head.minTime) ? { minTimeIso: iso(head.minTime) } : {}),
        ...(valid(head.maxTime) ? { maxTimeIso: iso(head.maxTime) } : {}),
        ...(valid(head.minTime) && valid(head.maxTime) ? { span: formatDuration(head.maxTime - head.minTime) } : {}),
      },
      top_metrics_by_series: (data.seriesCountByMetricName ?? []).slice(0, limit),
    };
  }

  @Tool({
    name: 'prometheus_get_wal_replay_status',
    title: 'WAL replay status',
    description:
      'Progress of the write-ahead-log replay after a restart (segments min/max/current); done when current = max.',
    input: NoInput,
  })
  async getWalReplayStatus(_input: Static<typeof NoInput>, ctx: ToolContext) {
    const { data } = await new PrometheusApi(ctx.backend).get<{ min: number; max: number; current: number }>(
      '/api/v1/status/walreplay',
      undefined,
      ctx.signal,
    );
    const span = data.max - data.min;
    return {
      ...data,
      done: data.current >= data.max,
      progress_percent: span > 0 ? Math.round(((data.current - data.min) / span) * 100) : 100,
    };
  }
}
