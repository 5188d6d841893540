// Datasources: lists and details without secrets, health checks, and queries through Grafana (/api/ds/query)
// with the shared time parsing and a cost guard on range ÷ step.
import {
  Tool,
  ToolGroup,
  annotations,
  inject,
  parseDuration,
  parseTime,
  type Static,
  type ToolContext,
} from '@cnmcp/core';
import { page as listPage } from './page.js';
import { GrafanaApis } from '../api.js';
import { GrafanaErrors } from '../errors.js';
import { summariseResults, type QueryResult } from '../frames.js';
import { decideStep } from '../query-cost.js';
import * as S from '../schemas.js';
import { stripDatasourceSecrets } from '../secrets.js';
import type { Datasource } from '../types.js';

const brief = (d: Datasource) => ({
  uid: d.uid,
  name: d.name,
  type: d.type,
  ...(d.isDefault ? { isDefault: true } : {}),
});

@ToolGroup({
  name: 'datasources',
  title: 'Datasources and queries',
  description: 'List and check datasources, and run PromQL/LogQL/any query through Grafana.',
  default: true,
  defaults: { annotations: annotations.read, cacheTtl: 30 },
})
export class DatasourceTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_datasources_summary',
    title: 'Datasources, minimal',
    description: 'Datasources: uid, name, type, default flag.',
    input: S.LimitOnly,
  })
  async summary(input: Static<typeof S.LimitOnly>, ctx: ToolContext) {
    const all = await this.apis.for(ctx).datasources();
    const max = this.apis.limits().maxItems;
    return listPage(all.map(brief), { limit: input.limit ?? max, cursor: input.cursor, max, what: 'datasources' });
  }

  @Tool({
    name: 'grafana_datasources',
    title: 'Datasources',
    description: 'Datasources with URL, access and settings (secrets never included).',
    input: S.LimitOnly,
  })
  async list(input: Static<typeof S.LimitOnly>, ctx: ToolContext) {
    const all = await this.apis.for(ctx).datasources();
    const max = this.apis.limits().maxItems;
    const items = all.map((d) =>
      stripDatasourceSecrets({ ...brief(d), url: d.url, access: d.access, jsonData: d.jsonData, readOnly: d.readOnly }),
    );
    return listPage(items, { limit: input.limit ?? max, cursor: input.cursor, max, what: 'datasources' });
  }

  @Tool({
    name: 'grafana_datasource_detail',
    title: 'Datasource',
    description: 'One datasource by UID (secrets never included).',
    input: S.UidInput,
  })
  async detail(input: Static<typeof S.UidInput>, ctx: ToolContext) {
    return stripDatasourceSecrets(await this.apis.for(ctx).datasourceByUid(input.uid));
  }

  @Tool({
    name: 'grafana_get_datasource_by_name',
    title: 'Datasource by name',
    description: 'One datasource by name (secrets never included).',
    input: S.DatasourceByName,
  })
  async byName(input: Static<typeof S.DatasourceByName>, ctx: ToolContext) {
    return stripDatasourceSecrets(await this.apis.for(ctx).datasourceByName(input.name));
  }

  @Tool({
    name: 'grafana_check_datasource_health',
    title: 'Datasource health',
    description: "Grafana's health check of a datasource (can Grafana reach and query it).",
    input: S.UidInput,
    cacheTtl: 0,
  })
  async health(input: Static<typeof S.UidInput>, ctx: ToolContext) {
    const api = this.apis.for(ctx);
    const ds = await api.datasourceByUid(input.uid);
    const result = await api.datasourceHealth(input.uid);
    return {
      uid: ds.uid,
      name: ds.name,
      type: ds.type,
      healthy: result.status === 'OK',
      status: result.status,
      message: result.message,
    };
  }

  @Tool({
    name: 'grafana_query_datasource',
    title: 'Query a datasource',
    description:
      'Runs a query (PromQL, LogQL, …) through Grafana over [from, to]; series summarised (points, last, min, max, latest values). Step is automatic or cost-guarded.',
    input: S.QueryDatasource,
    cacheTtl: 0,
  })
  async query(input: Static<typeof S.QueryDatasource>, ctx: ToolContext) {
    const now = Date.now();
    const from = parseTime(input.from ?? 'now-1h', { name: 'from', now });
    const to = parseTime(input.to ?? 'now', { name: 'to', now, roundUp: true });
    if (from >= to)
      throw GrafanaErrors.create(
        'GRAFANA_ERR_QUERY_FAILED',
        `from (${new Date(from).toISOString()}) is not before to (${new Date(to).toISOString()})`,
        {
          hint: 'Give a from earlier than to, e.g. from=now-1h to=now.',
        },
      );
    const limits = this.apis.limits();
    const api = this.apis.for(ctx);
    const ds = await api.datasourceByUid(input.datasourceUid);
    const step = input.instant
      ? { stepMs: 60_000, maxDataPoints: 1 }
      : decideStep(
          to - from,
          input.step === undefined ? undefined : parseDuration(input.step, { name: 'step' }),
          limits,
          input.adjust_step ?? true,
        );
    const answer = await api.query({
      from: String(from),
      to: String(to),
      queries: [
        {
          ...(input.query ?? {}),
          refId: 'A',
          datasource: { uid: ds.uid, type: ds.type },
          expr: input.expr,
          range: !input.instant,
          instant: !!input.instant,
          intervalMs: step.stepMs,
          maxDataPoints: step.maxDataPoints,
        },
      ],
    });
    const [result] = summariseResults(answer.results as Record<string, QueryResult>, {
      maxSeries: Math.min(input.limit ?? limits.maxSeries, limits.maxSeries),
      pointsPerSeries: input.instant ? 1 : limits.pointsShown,
      tableRows: 20,
    });
    if (result?.error)
      throw GrafanaErrors.create(
        'GRAFANA_ERR_QUERY_FAILED',
        `${ds.type} datasource ${JSON.stringify(ds.name)} answered: ${result.error}`,
      );
    return {
      datasource: brief(ds),
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      ...(input.instant ? {} : { step: `${step.stepMs / 1000}s` }),
      ...('step_adjusted' in step && step.step_adjusted ? { step_adjusted: step.step_adjusted } : {}),
      ...result,
    };
  }
}
