// PromQL instant and range queries, with the point budget of prometheus.limits and the one result budget
// (ctx.resultBudgetBytes = server.maxResultBytes): a result is fitted whole, never cut mid-JSON.
import {
  Tool,
  ToolGroup,
  annotations,
  coreError,
  formatDuration,
  inject,
  niceStep,
  parseDuration,
  tokens,
  type Static,
  type ToolContext,
} from '@cnmcp/core';
import { capped, iso, timeArg } from '../args.js';
import { PrometheusApi, toPromTime } from '../client.js';
import type { PrometheusConfig } from '../config.js';
import { PrometheusErrors } from '../errors.js';
import { budgetQueryResult, countPoints, fitSeriesToBytes, jsonBytes, type QueryData } from '../format.js';
import { QueryInput, QueryRangeInput } from '../schemas.js';

type Adjustment = { from: string; to: string; reason: string };

@ToolGroup({
  name: 'queries',
  title: 'PromQL queries',
  description: 'Instant and range PromQL queries with a cost guard and results fitted to the result budget.',
  default: true,
  defaults: { annotations: annotations.read },
})
export class QueryTools {
  constructor(@inject(tokens.config) private readonly config: PrometheusConfig) {}

  @Tool({
    name: 'prometheus_query',
    title: 'PromQL instant query',
    description:
      'Evaluates a PromQL expression at one instant (default now). Returns at most `limit` series (server cap prometheus.limits.maxSeries) with series_total and a truncation note.',
    input: QueryInput,
  })
  async query(input: Static<typeof QueryInput>, ctx: ToolContext) {
    const time = input.time !== undefined ? timeArg(input.time, 'time') : undefined;
    if (input.timeout !== undefined) parseDuration(input.timeout, { name: 'timeout' });
    const { data, warnings } = await new PrometheusApi(ctx.backend).query<QueryData>(
      '/api/v1/query',
      { query: input.query, time: time === undefined ? undefined : toPromTime(time), timeout: input.timeout },
      ctx.signal,
    );
    return fitSeriesToBytes(
      budgetQueryResult(data, capped(input.limit, this.config.limits.maxSeries)),
      ctx.resultBudgetBytes,
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
  })
  async queryRange(input: Static<typeof QueryRangeInput>, ctx: ToolContext) {
    const L = this.config.limits;
    const budgetBytes = ctx.resultBudgetBytes;
    const now = Date.now();
    const start = timeArg(input.start, 'start', now);
    const end = timeArg(input.end, 'end', now);
    if (end < start)
      throw PrometheusErrors.create(
        'PROMETHEUS_ERR_RANGE_INVALID',
        `end (${iso(end)}) is before start (${iso(start)})`,
      );
    const range = end - start;
    const auto = input.step === undefined;
    let step = auto ? niceStep(range, L.autoStepPoints) : parseDuration(input.step!, { name: 'step' });
    if (step <= 0)
      throw coreError(
        'CNMCP_ERR_TOOL_INPUT_INVALID',
        `step: must be greater than zero (got ${JSON.stringify(input.step)})`,
        { hint: 'Give step as 15s, 1m, 5m … or leave it out for an automatic step.' },
      );
    const adjustments: Adjustment[] = [];
    const perSeries = (s: number) => Math.floor(range / s) + 1;
    /** Records a coarser step, or fails naming it when the caller asked for no adjustment. */
    const coarsen = (coarser: number, reason: string, tail: string) => {
      if (!input.adjust_step)
        throw PrometheusErrors.create(
          'PROMETHEUS_ERR_QUERY_TOO_EXPENSIVE',
          `${reason}; use step=${formatDuration(coarser)} or coarser${tail}`,
        );
      adjustments.push({ from: formatDuration(step), to: formatDuration(coarser), reason });
      step = coarser;
    };

    if (perSeries(step) > L.maxPointsPerSeries) {
      const reason = `step ${formatDuration(step)} over ${formatDuration(range)} gives ${perSeries(step)} points per series, more than ${L.maxPointsPerSeries}`;
      coarsen(niceStep(range, L.maxPointsPerSeries), reason, '');
    }

    const api = new PrometheusApi(ctx.backend);
    const maxSeries = capped(input.limit, L.maxSeries);
    const run = (s: number) =>
      api.query<QueryData>(
        '/api/v1/query_range',
        { query: input.query, start: toPromTime(start), end: toPromTime(end), step: toPromTime(s) },
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
      const reason = `${cost.series} series × up to ${perSeries(step)} points = ${cost.points} points, over the budget of ${L.maxPoints} (prometheus.limits.maxPoints)`;
      coarsen(Math.max(niceStep(range, pointsPerSeries), step * 2), reason, ', or select fewer series');
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
    if (bytes > budgetBytes && cost.points > cost.series * 2) {
      // What the label sets take stays; what the samples take shrinks with the step.
      const fixed = jsonBytes(
        build({
          ...first,
          result: (first.result as Array<{ metric: unknown }>).map((x) => ({ metric: x.metric, values: [] })),
        }),
      );
      const perPoint = Math.max(1, (bytes - fixed) / Math.max(1, cost.points));
      const pointsFit = Math.max(0, budgetBytes * 0.9 - fixed) / perPoint;
      const target = Math.max(2, Math.floor(pointsFit / Math.max(1, cost.series)));
      const reason = `the result would be ${bytes} bytes, over the budget of ${budgetBytes} (server.maxResultBytes)`;
      coarsen(Math.max(niceStep(range, target), step * 2), reason, ', or select fewer series');
      res = await run(step);
      cost = shownPoints(res.data);
    }
    return fitSeriesToBytes(budgetQueryResult(res.data, maxSeries), budgetBytes, build);
  }
}
