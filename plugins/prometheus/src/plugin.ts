import {
  Service,
  Tool,
  Targets,
  inject,
  isCnmcpError,
  tokens,
  type HttpClientFactory,
  type PluginLifecycle,
  type HealthReport,
  type Static,
  type ToolContext,
} from '@cnmcp/core';
import { PrometheusApi } from './client.js';
import { PrometheusConfigSchema, type PrometheusConfig } from './config.js';
import { PrometheusErrors } from './errors.js';
import {
  budgetQueryResult,
  capList,
  countPoints,
  fitSeriesToBytes,
  jsonBytes,
  listResult,
  summarizeAlerts,
  summarizeRules,
  summarizeTargets,
  type PromAlert,
  type PromRuleGroup,
  type PromTarget,
  type QueryData,
} from './format.js';
import {
  LabelNamesInput,
  LabelValuesInput,
  ListBackendsInput,
  MetadataInput,
  NoInput,
  QueryInput,
  QueryRangeInput,
  RulesInput,
  SeriesInput,
  SnapshotInput,
  TargetMetadataInput,
  TargetsInput,
  TsdbInput,
} from './schemas.js';
import { formatDuration, niceStepMs, parseDurationMs, parseTimeMs, toPromTime } from './time.js';

const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true } as const;
const LOCAL = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

const iso = (ms: number) => new Date(ms).toISOString();

/** A selector argument given as one string, a JSON array text, or an array. */
function selectors(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed) && parsed.every((s) => typeof s === 'string')) return parsed as string[];
    } catch {
      /* a selector that starts with '[' is not valid PromQL anyway; Prometheus will say so */
    }
  }
  return [text];
}

function window(input: { start?: string | number; end?: string | number }): { start?: string; end?: string } {
  const now = Date.now();
  const start = input.start !== undefined ? parseTimeMs(input.start, 'start', { now }) : undefined;
  const end = input.end !== undefined ? parseTimeMs(input.end, 'end', { now }) : undefined;
  if (start !== undefined && end !== undefined && end < start) {
    throw PrometheusErrors.create('PROMETHEUS_ERR_RANGE_INVALID', `end (${iso(end)}) is before start (${iso(start)})`);
  }
  return {
    start: start === undefined ? undefined : toPromTime(start),
    end: end === undefined ? undefined : toPromTime(end),
  };
}

@Service({
  name: 'prometheus',
  title: 'Prometheus',
  description:
    'PromQL queries with cost guards, series and label metadata, scrape targets, rules, alerts and TSDB status of Prometheus servers.',
  core: '^0.1.0',
  config: PrometheusConfigSchema,
})
export class PrometheusPlugin implements PluginLifecycle {
  private readonly targets: Targets;

  constructor(
    @inject(tokens.config) private readonly config: PrometheusConfig,
    @inject(tokens.http) http: HttpClientFactory,
  ) {
    this.targets = new Targets({ pluginId: 'prometheus', config, http, urlEnv: 'PROMETHEUS_URL' });
  }

  private api(target?: string): PrometheusApi {
    return new PrometheusApi(this.targets.client(target));
  }

  private limit(asked: number | undefined, cap: number): number {
    return Math.min(asked ?? cap, cap);
  }

  async healthCheck(): Promise<HealthReport> {
    // Default target only: a target without /-/healthy (some proxies) must not pause the others' calls.
    return this.targets.healthReport(
      (client) => client.get('/-/healthy', undefined, { responseType: 'text', timeoutMs: 4_000 }),
      { scope: 'default' },
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  @Tool({
    name: 'prometheus_query',
    title: 'PromQL instant query',
    description:
      'Evaluates a PromQL expression at one instant (default now). Returns at most `limit` series (server cap prometheus.limits.maxSeries) with series_total and a truncation note.',
    input: QueryInput,
    annotations: READ,
  })
  async query(input: Static<typeof QueryInput>, ctx: ToolContext) {
    const time = input.time !== undefined ? parseTimeMs(input.time, 'time') : undefined;
    if (input.timeout !== undefined) parseDurationMs(input.timeout, 'timeout');
    const { data, warnings } = await this.api(input.target).query<QueryData>(
      '/api/v1/query',
      {
        query: input.query,
        time: time === undefined ? undefined : toPromTime(time),
        timeout: input.timeout,
      },
      ctx.signal,
    );
    return fitSeriesToBytes(
      budgetQueryResult(data, this.limit(input.limit, this.config.limits.maxSeries)),
      this.config.limits.maxResultBytes,
      (b) => ({
        query: input.query,
        ...(time !== undefined ? { time: iso(time) } : {}),
        ...b,
        ...(warnings.length ? { warnings } : {}),
      }),
    );
  }

  @Tool({
    name: 'prometheus_query_range',
    title: 'PromQL range query',
    description:
      'Evaluates a PromQL expression over [start, end] at `step`. Without a step one is chosen (~250 points per series). ' +
      'A cost guard caps points per series and series × points (prometheus.limits); above it the step is coarsened (reported in step_adjusted) or, with adjust_step=false, the call fails naming the step to use.',
    input: QueryRangeInput,
    annotations: READ,
  })
  async queryRange(input: Static<typeof QueryRangeInput>, ctx: ToolContext) {
    const L = this.config.limits;
    const now = Date.now();
    const start = parseTimeMs(input.start, 'start', { now });
    const end = parseTimeMs(input.end, 'end', { now });
    if (end < start)
      throw PrometheusErrors.create(
        'PROMETHEUS_ERR_RANGE_INVALID',
        `end (${iso(end)}) is before start (${iso(start)})`,
      );
    const range = end - start;
    const auto = input.step === undefined;
    let step = auto ? niceStepMs(range, L.autoStepPoints) : parseDurationMs(input.step!, 'step');
    if (step <= 0)
      throw PrometheusErrors.create(
        'PROMETHEUS_ERR_DURATION_INVALID',
        `step: must be greater than zero (got ${JSON.stringify(input.step)})`,
        { hint: 'Give step as 15s, 1m, 5m … or leave it out for an automatic step.' },
      );
    const adjustments: Array<{ from: string; to: string; reason: string }> = [];
    const perSeries = (s: number) => Math.floor(range / s) + 1;

    if (perSeries(step) > L.maxPointsPerSeries) {
      const coarser = niceStepMs(range, L.maxPointsPerSeries);
      const reason = `step ${formatDuration(step)} over ${formatDuration(range)} gives ${perSeries(step)} points per series, more than ${L.maxPointsPerSeries}`;
      if (!input.adjust_step)
        throw PrometheusErrors.create(
          'PROMETHEUS_ERR_QUERY_TOO_EXPENSIVE',
          `${reason}; use step=${formatDuration(coarser)} or coarser`,
        );
      adjustments.push({ from: formatDuration(step), to: formatDuration(coarser), reason });
      step = coarser;
    }

    const api = this.api(input.target);
    const maxSeries = this.limit(input.limit, L.maxSeries);
    const run = (s: number) =>
      api.query<QueryData>(
        '/api/v1/query_range',
        {
          query: input.query,
          start: toPromTime(start),
          end: toPromTime(end),
          step: toPromTime(s),
        },
        ctx.signal,
      );
    let res = await run(step);
    // The points budget counts what is returned: the series shown (at most maxSeries) × their samples.
    const shownPoints = (d: QueryData) => {
      const shown = budgetQueryResult(d, maxSeries);
      return { series: shown.series_shown ?? 1, points: shown.samples_shown ?? countPoints(d).points };
    };
    let cost = shownPoints(res.data);
    if (cost.points > L.maxPoints) {
      const pointsPerSeries = Math.max(2, Math.floor(L.maxPoints / Math.max(1, cost.series)));
      const coarser = Math.max(niceStepMs(range, pointsPerSeries), step * 2);
      const reason = `${cost.series} series × up to ${perSeries(step)} points = ${cost.points} points, over the budget of ${L.maxPoints} (prometheus.limits.maxPoints)`;
      if (!input.adjust_step) {
        throw PrometheusErrors.create(
          'PROMETHEUS_ERR_QUERY_TOO_EXPENSIVE',
          `${reason}; use step=${formatDuration(coarser)} or coarser, or select fewer series`,
        );
      }
      adjustments.push({ from: formatDuration(step), to: formatDuration(coarser), reason });
      step = coarser;
      res = await run(step);
      cost = shownPoints(res.data);
    }
    const build = (b: ReturnType<typeof budgetQueryResult>) => ({
      query: input.query,
      start: iso(start),
      end: iso(end),
      step: formatDuration(step),
      step_seconds: step / 1000,
      step_auto: auto,
      ...(adjustments.length ? { step_adjusted: [...adjustments] } : {}),
      points: b.samples_shown ?? cost.points,
      ...b,
      ...(res.warnings.length ? { warnings: res.warnings } : {}),
    });
    // The byte budget: the result must fit the server's result size, or it would be cut mid-JSON.
    const first = budgetQueryResult(res.data, maxSeries);
    const bytes = jsonBytes(build(first));
    if (bytes > L.maxResultBytes && cost.points > cost.series * 2) {
      // What the label sets take stays; what the samples take shrinks with the step.
      const fixed = jsonBytes(
        build({
          ...first,
          result: (first.result as Array<{ metric: unknown }>).map((x) => ({ metric: x.metric, values: [] })),
        }),
      );
      const perPoint = Math.max(1, (bytes - fixed) / Math.max(1, cost.points));
      const pointsFit = Math.max(0, L.maxResultBytes * 0.9 - fixed) / perPoint;
      const target = Math.max(2, Math.floor(pointsFit / Math.max(1, cost.series)));
      const coarser = Math.max(niceStepMs(range, target), step * 2);
      const reason = `the result would be ${bytes} bytes, over the budget of ${L.maxResultBytes} (prometheus.limits.maxResultBytes)`;
      if (!input.adjust_step) {
        throw PrometheusErrors.create(
          'PROMETHEUS_ERR_QUERY_TOO_EXPENSIVE',
          `${reason}; use step=${formatDuration(coarser)} or coarser, or select fewer series`,
        );
      }
      adjustments.push({ from: formatDuration(step), to: formatDuration(coarser), reason });
      step = coarser;
      res = await run(step);
      cost = shownPoints(res.data);
    }
    return fitSeriesToBytes(budgetQueryResult(res.data, maxSeries), L.maxResultBytes, build);
  }

  // ---------------------------------------------------------------------------------------------
  // Series and label metadata

  @Tool({
    name: 'prometheus_get_label_names',
    title: 'Label names',
    description:
      'Label names present in a time window (default: the head block), optionally only those of series matching `match`.',
    input: LabelNamesInput,
    annotations: READ,
  })
  async getLabelNames(input: Static<typeof LabelNamesInput>, ctx: ToolContext) {
    const { data, warnings } = await this.api(input.target).query<string[]>(
      '/api/v1/labels',
      { ...window(input), 'match[]': selectors(input.match) },
      ctx.signal,
    );
    const list = capList(data, this.limit(input.limit, this.config.limits.maxItems), 'label names');
    return { ...listResult('labels', list), ...(warnings.length ? { warnings } : {}) };
  }

  @Tool({
    name: 'prometheus_get_label_values',
    title: 'Label values',
    description: 'Values of one label (e.g. job) in a time window, optionally only of series matching `match`.',
    input: LabelValuesInput,
    annotations: READ,
  })
  async getLabelValues(input: Static<typeof LabelValuesInput>, ctx: ToolContext) {
    const path = `/api/v1/label/${encodeURIComponent(input.label)}/values`;
    const { data, warnings } = await this.api(input.target).query<string[]>(
      path,
      { ...window(input), 'match[]': selectors(input.match) },
      ctx.signal,
    );
    const list = capList(data, this.limit(input.limit, this.config.limits.maxItems), 'values');
    return { label: input.label, ...listResult('values', list), ...(warnings.length ? { warnings } : {}) };
  }

  @Tool({
    name: 'prometheus_get_series',
    title: 'Series',
    description: 'Label sets of the series matching one or more selectors (match[]) in a time window.',
    input: SeriesInput,
    annotations: READ,
  })
  async getSeries(input: Static<typeof SeriesInput>, ctx: ToolContext) {
    const { data, warnings } = await this.api(input.target).query<Array<Record<string, string>>>(
      '/api/v1/series',
      { ...window(input), 'match[]': selectors(input.match) },
      ctx.signal,
    );
    const list = capList(data, this.limit(input.limit, this.config.limits.maxSeries), 'series');
    return { ...listResult('series', list), ...(warnings.length ? { warnings } : {}) };
  }

  @Tool({
    name: 'prometheus_get_metrics_metadata',
    title: 'Metric metadata',
    description: 'Type, help and unit of metrics (one metric, or all), as scraped from targets.',
    input: MetadataInput,
    annotations: READ,
  })
  async getMetricsMetadata(input: Static<typeof MetadataInput>, ctx: ToolContext) {
    const { data } = await this.api(input.target).get<
      Record<string, Array<{ type: string; help: string; unit: string }>>
    >('/api/v1/metadata', { metric: input.metric }, ctx.signal);
    const entries = Object.entries(data).map(([metric, list]) => ({
      metric,
      ...list[0],
      ...(list.length > 1 ? { variants: list.length } : {}),
    }));
    const list = capList(entries, this.limit(input.limit, this.config.limits.maxItems), 'metrics');
    return listResult('metadata', list);
  }

  @Tool({
    name: 'prometheus_get_target_metadata',
    title: 'Target metadata',
    description: 'Metric metadata per scrape target; filter by metric name and a target label selector (match_target).',
    input: TargetMetadataInput,
    annotations: READ,
  })
  async getTargetMetadata(input: Static<typeof TargetMetadataInput>, ctx: ToolContext) {
    const { data } = await this.api(input.target).query<Array<Record<string, unknown>>>(
      '/api/v1/targets/metadata',
      { metric: input.metric, match_target: input.match_target },
      ctx.signal,
    );
    const list = capList(data, this.limit(input.limit, this.config.limits.maxItems), 'entries');
    return listResult('metadata', list);
  }

  // ---------------------------------------------------------------------------------------------
  // Targets, rules, alerts

  @Tool({
    name: 'prometheus_get_targets',
    title: 'Scrape targets',
    description: 'Scrape targets with health, last error and last scrape (state: active, dropped or any).',
    input: TargetsInput,
    annotations: READ,
  })
  async getTargets(input: Static<typeof TargetsInput>, ctx: ToolContext) {
    const { data } = await this.api(input.target).get<{ activeTargets?: PromTarget[]; droppedTargets?: unknown[] }>(
      '/api/v1/targets',
      { state: input.state ?? 'active' },
      ctx.signal,
    );
    const max = this.limit(input.limit, this.config.limits.maxItems);
    const active = capList(data.activeTargets ?? [], max, 'active targets');
    const dropped = capList(data.droppedTargets ?? [], max, 'dropped targets');
    return {
      active_total: active.total,
      active: active.items.map((t) => ({
        job: t.labels?.job ?? t.scrapePool,
        instance: t.labels?.instance,
        health: t.health,
        scrapeUrl: t.scrapeUrl,
        lastScrape: t.lastScrape,
        lastScrapeDuration: t.lastScrapeDuration,
        ...(t.lastError ? { lastError: t.lastError } : {}),
        labels: t.labels,
      })),
      dropped_total: dropped.total,
      dropped: dropped.items,
      ...(active.truncated || dropped.truncated
        ? { truncated: [active.truncated, dropped.truncated].filter(Boolean).join('; ') }
        : {}),
    };
  }

  @Tool({
    name: 'prometheus_targets_summary',
    title: 'Scrape targets (summary)',
    description:
      'Read first: counts of targets by health and, per job, up/down counts with the failing instances and their errors.',
    input: TargetsInput,
    annotations: READ,
  })
  async targetsSummary(input: Static<typeof TargetsInput>, ctx: ToolContext) {
    const { data } = await this.api(input.target).get<{ activeTargets?: PromTarget[]; droppedTargets?: unknown[] }>(
      '/api/v1/targets',
      { state: input.state ?? 'any' },
      ctx.signal,
    );
    return summarizeTargets(
      data.activeTargets ?? [],
      data.droppedTargets ?? [],
      this.limit(input.limit, this.config.limits.maxItems),
    );
  }

  @Tool({
    name: 'prometheus_get_rules',
    title: 'Rules',
    description:
      'Alerting and recording rules by group, with health, last error and active alerts (type: alert or record).',
    input: RulesInput,
    annotations: READ,
  })
  async getRules(input: Static<typeof RulesInput>, ctx: ToolContext) {
    const { data } = await this.api(input.target).get<{ groups: PromRuleGroup[] }>(
      '/api/v1/rules',
      { type: input.type },
      ctx.signal,
    );
    return { groups: data.groups };
  }

  @Tool({
    name: 'prometheus_rules_summary',
    title: 'Rules (summary)',
    description:
      'Read first: rule counts by type and health, and one line per rule (name, type, group, health, state, active alerts, last error).',
    input: RulesInput,
    annotations: READ,
  })
  async rulesSummary(input: Static<typeof RulesInput>, ctx: ToolContext) {
    const { data } = await this.api(input.target).get<{ groups: PromRuleGroup[] }>(
      '/api/v1/rules',
      { type: input.type },
      ctx.signal,
    );
    return summarizeRules(data.groups ?? [], this.config.limits.maxItems);
  }

  @Tool({
    name: 'prometheus_get_alerts',
    title: 'Alerts',
    description:
      'Alerts of the alerting rules that are pending or firing, with labels, annotations, value and since when.',
    input: NoInput,
    annotations: READ,
  })
  async getAlerts(input: Static<typeof NoInput>, ctx: ToolContext) {
    const { data } = await this.api(input.target).get<{ alerts: PromAlert[] }>('/api/v1/alerts', undefined, ctx.signal);
    const list = capList(data.alerts ?? [], this.config.limits.maxItems, 'alerts');
    return listResult('alerts', list);
  }

  @Tool({
    name: 'prometheus_alerts_summary',
    title: 'Alerts (summary)',
    description: 'Read first: alert counts by state and one line per alert name (states, severity, firing since).',
    input: NoInput,
    annotations: READ,
  })
  async alertsSummary(input: Static<typeof NoInput>, ctx: ToolContext) {
    const { data } = await this.api(input.target).get<{ alerts: PromAlert[] }>('/api/v1/alerts', undefined, ctx.signal);
    return summarizeAlerts(data.alerts ?? [], this.config.limits.maxItems);
  }

  // ---------------------------------------------------------------------------------------------
  // Server and TSDB status

  @Tool({
    name: 'prometheus_get_server_info',
    title: 'Server configuration',
    description: 'Version and build of the server and its loaded configuration (YAML).',
    input: NoInput,
    annotations: READ,
  })
  async getServerInfo(input: Static<typeof NoInput>, ctx: ToolContext) {
    const api = this.api(input.target);
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
    annotations: READ,
  })
  async getRuntimeInfo(input: Static<typeof NoInput>, ctx: ToolContext) {
    const api = this.api(input.target);
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
    annotations: READ,
  })
  async getTsdbStats(input: Static<typeof TsdbInput>, ctx: ToolContext) {
    const limit = input.limit ?? 10;
    const { data } = await this.api(input.target).get<Record<string, unknown>>(
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
    annotations: READ,
  })
  async getTsdbStatus(input: Static<typeof TsdbInput>, ctx: ToolContext) {
    const limit = input.limit ?? 5;
    const { data } = await this.api(input.target).get<{
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
    annotations: READ,
  })
  async getWalReplayStatus(input: Static<typeof NoInput>, ctx: ToolContext) {
    const { data } = await this.api(input.target).get<{ min: number; max: number; current: number }>(
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

  @Tool({
    name: 'prometheus_create_snapshot',
    title: 'Create a TSDB snapshot',
    description:
      'Writes a snapshot of all current data into snapshots/NAME under the data directory of the Prometheus host (admin API; needs --web.enable-admin-api). Returns the snapshot name.',
    input: SnapshotInput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  })
  async createSnapshot(input: Static<typeof SnapshotInput>, ctx: ToolContext) {
    try {
      const { data } = await this.api(input.target).post<{ name: string }>(
        '/api/v1/admin/tsdb/snapshot',
        { skip_head: input.skipHead },
        ctx.signal,
      );
      return { snapshot: data.name, location: `<data-dir>/snapshots/${data.name}`, skipHead: input.skipHead };
    } catch (err) {
      if (isCnmcpError(err) && /admin APIs disabled/i.test(err.message)) {
        throw PrometheusErrors.create(
          'PROMETHEUS_ERR_ADMIN_API_DISABLED',
          `the Prometheus admin API is disabled on target '${input.target ?? 'default'}': ${err.message}`,
          { cause: err },
        );
      }
      throw err;
    }
  }

  @Tool({
    name: 'prometheus_test_connection',
    title: 'Test the connection',
    description:
      'Checks that the target answers: its version (build info), the round-trip time, and how many scrape targets are up (query up).',
    input: NoInput,
    annotations: READ,
  })
  async testConnection(input: Static<typeof NoInput>, ctx: ToolContext) {
    const api = this.api(input.target);
    const started = performance.now();
    const build = await api.get<Record<string, string>>('/api/v1/status/buildinfo', undefined, ctx.signal);
    const latency = Math.round(performance.now() - started);
    const up = await api.query<QueryData>('/api/v1/query', { query: 'up' }, ctx.signal);
    const samples = (up.data.result as Array<{ value: [number, string] }>) ?? [];
    return {
      ok: true,
      target: api.http.targetName,
      url: api.http.baseUrl,
      version: build.data.version,
      latency_ms: latency,
      scrape_targets: samples.length,
      scrape_targets_up: samples.filter((s) => s.value[1] === '1').length,
    };
  }

  @Tool({
    name: 'prometheus_list_backends',
    title: 'Configured Prometheus backends',
    description:
      'The Prometheus targets this server is configured with (name, URL, auth type, which is the default) and the query limits; pass a name as `target` to other tools.',
    input: ListBackendsInput,
    annotations: LOCAL,
  })
  listBackends() {
    return { targets: this.targets.describe(), limits: this.config.limits };
  }
}
