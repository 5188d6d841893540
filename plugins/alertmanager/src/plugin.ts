import {
  Service,
  Tool,
  Targets,
  inject,
  tokens,
  type HttpClientFactory,
  type PluginLifecycle,
  type HealthReport,
  type Static,
  type ToolContext,
} from '@cnmcp/core';
import { AlertmanagerApi, type AmAlert, type AmSilence } from './client.js';
import { AlertmanagerConfigSchema, type AlertmanagerConfig } from './config.js';
import { AlertmanagerErrors } from './errors.js';
import { compactAlert, compactSilence, countBy, paginate, receiverIntegrations, sortAlerts } from './format.js';
import { matcherText, parseMatchers } from './matchers.js';
import {
  AlertGroupsInput,
  AlertGroupsPaginatedInput,
  AlertsSummaryInput,
  CreateSilenceInput,
  GetAlertsInput,
  GetSilencesInput,
  HealthSummaryInput,
  ListBackendsInput,
  NoInput,
  QueryAlertsAdvancedInput,
  QueryAlertsInput,
  ReceiversSummaryInput,
  SilenceIdInput,
  SilencesPaginatedInput,
  SilencesSummaryInput,
  TestReceiverInput,
  UpdateSilenceInput,
} from './schemas.js';
import { parseTimeMs } from './time.js';

const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true } as const;
const LOCAL = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/** `filter` argument → the API's repeated `filter` matchers (validated, in Alertmanager's text form). */
function filterMatchers(filter: string | string[] | undefined, param = 'filter'): string[] | undefined {
  if (filter === undefined || (Array.isArray(filter) && filter.length === 0) || filter === '') return undefined;
  return parseMatchers(filter, param).map(matcherText);
}

function bool(value: unknown, key: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw AlertmanagerErrors.create(
    'ALERTMANAGER_ERR_FILTER_INVALID',
    `filters.${key}: expected true or false (got ${JSON.stringify(value)})`,
  );
}

const STATUS_FLAGS = ['active', 'silenced', 'inhibited', 'unprocessed'] as const;

@Service({
  name: 'alertmanager',
  title: 'Alertmanager',
  description:
    'Alerts, alert groups, receivers and silences of Alertmanager (API v2): query and summarise alerts, create, update and expire silences.',
  core: '^0.1.0',
  config: AlertmanagerConfigSchema,
})
export class AlertmanagerPlugin implements PluginLifecycle {
  private readonly targets: Targets;

  constructor(
    @inject(tokens.config) private readonly config: AlertmanagerConfig,
    @inject(tokens.http) http: HttpClientFactory,
  ) {
    this.targets = new Targets({ pluginId: 'alertmanager', config, http, urlEnv: 'ALERTMANAGER_URL' });
  }

  private api(target?: string): AlertmanagerApi {
    return new AlertmanagerApi(this.targets.client(target));
  }

  private perPage(asked: number): number {
    return Math.min(asked, this.config.limits.maxPerPage);
  }

  async healthCheck(): Promise<HealthReport> {
    // Default target only: a target without /-/healthy (some proxies) must not pause the others' calls.
    return this.targets.healthReport(
      (client) => client.get('/-/healthy', undefined, { responseType: 'text', timeoutMs: 4_000 }),
      { scope: 'default' },
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Alerts

  @Tool({
    name: 'alertmanager_get_alerts',
    title: 'Alerts',
    description:
      'Alerts known to Alertmanager. `filters`: active, silenced, inhibited, unprocessed (booleans), receiver (regex), filter (matchers); other keys are label equalities, e.g. {"severity":"critical"}.',
    input: GetAlertsInput,
    annotations: READ,
  })
  async getAlerts(input: Static<typeof GetAlertsInput>, ctx: ToolContext) {
    const query: Record<string, string | boolean | string[] | undefined> = {};
    const matchers: string[] = [];
    for (const [key, value] of Object.entries(input.filters ?? {})) {
      if ((STATUS_FLAGS as readonly string[]).includes(key)) query[key] = bool(value, key);
      else if (key === 'receiver') query.receiver = String(value);
      else if (key === 'filter') matchers.push(...(filterMatchers(value as string | string[], 'filters.filter') ?? []));
      else matchers.push(matcherText({ name: key, value: String(value), isRegex: false, isEqual: true }));
    }
    if (matchers.length) query.filter = matchers;
    const alerts = await this.api(input.target).alerts(query, ctx.signal);
    const shown = alerts.slice(0, this.config.limits.maxItems);
    return {
      total: alerts.length,
      applied: query,
      alerts: shown,
      ...(shown.length < alerts.length
        ? {
            truncated: `showing ${shown.length} of ${alerts.length} alerts; filter further or use alertmanager_query_alerts_advanced (paged)`,
          }
        : {}),
    };
  }

  @Tool({
    name: 'alertmanager_query_alerts',
    title: 'Query alerts',
    description:
      'Alerts filtered by receiver, state flags (silenced, active, unprocessed, inhibited) and label matchers (`filter`), sorted by sortBy/sortOrder; compact entries.',
    input: QueryAlertsInput,
    annotations: READ,
  })
  async queryAlerts(input: Static<typeof QueryAlertsInput>, ctx: ToolContext) {
    const alerts = await this.api(input.target).alerts(
      {
        receiver: input.receiver,
        silenced: input.silenced,
        active: input.active,
        unprocessed: input.unprocessed,
        inhibited: input.inhibited,
        filter: filterMatchers(input.filter),
      },
      ctx.signal,
    );
    const sorted = sortAlerts(alerts, input.sortBy, input.sortOrder);
    const shown = sorted.slice(0, this.config.limits.maxItems);
    return {
      total: alerts.length,
      alerts: shown.map((a) => compactAlert(a, true)),
      ...(shown.length < alerts.length
        ? {
            truncated: `showing ${shown.length} of ${alerts.length} alerts; narrow the filter or use alertmanager_query_alerts_advanced (paged)`,
          }
        : {}),
    };
  }

  @Tool({
    name: 'alertmanager_query_alerts_advanced',
    title: 'Query alerts (paged)',
    description:
      'Alerts filtered by matchers, receiver, state flags and a start window (time_range, e.g. 1h), sorted and paged; labels and annotations with include_labels.',
    input: QueryAlertsAdvancedInput,
    annotations: READ,
  })
  async queryAlertsAdvanced(input: Static<typeof QueryAlertsAdvancedInput>, ctx: ToolContext) {
    const since =
      input.time_range !== undefined ? parseTimeMs(input.time_range, 'time_range', { bare: 'past' }) : undefined;
    let alerts = await this.api(input.target).alerts(
      {
        receiver: input.receiver,
        silenced: input.silenced,
        active: input.active,
        inhibited: input.inhibited,
        filter: filterMatchers(input.filter),
      },
      ctx.signal,
    );
    if (since !== undefined) alerts = alerts.filter((a) => Date.parse(a.startsAt) >= since);
    const sorted = sortAlerts(alerts, input.sort_by ?? 'startsAt', input.sort_order ?? 'desc');
    const page = paginate(sorted, input.page, this.perPage(input.per_page));
    const { items, ...meta } = page;
    return {
      ...meta,
      ...(since !== undefined ? { since: new Date(since).toISOString() } : {}),
      alerts: items.map((a) => compactAlert(a, input.include_labels)),
    };
  }

  @Tool({
    name: 'alertmanager_alerts_summary',
    title: 'Alerts (summary)',
    description:
      'Read first: alert counts by state, severity and alert name, and the most recent alerts in one line each.',
    input: AlertsSummaryInput,
    annotations: READ,
  })
  async alertsSummary(input: Static<typeof AlertsSummaryInput>, ctx: ToolContext) {
    const only = input.active_only;
    const alerts = await this.api(input.target).alerts(
      {
        receiver: input.receiver,
        filter: filterMatchers(input.filter),
        silenced: only ? false : input.silenced,
        inhibited: only ? false : undefined,
        unprocessed: only ? false : undefined,
      },
      ctx.signal,
    );
    const recent = sortAlerts(alerts, 'startsAt', 'desc').slice(0, Math.min(input.limit, this.config.limits.maxItems));
    return {
      total: alerts.length,
      by_state: countBy(alerts, (a) => a.status?.state),
      by_severity: countBy(alerts, (a) => a.labels.severity),
      by_alertname: countBy(alerts, (a) => a.labels.alertname),
      alerts: recent.map((a) => {
        const c = compactAlert(a);
        return {
          alertname: c.alertname,
          severity: c.severity,
          state: c.state,
          startsAt: c.startsAt,
          summary: c.summary,
          fingerprint: c.fingerprint,
        };
      }),
      ...(recent.length < alerts.length
        ? { truncated: `listing ${recent.length} of ${alerts.length} alerts (newest first); the counts cover all` }
        : {}),
    };
  }

  @Tool({
    name: 'alertmanager_get_alert_groups',
    title: 'Alert groups',
    description:
      'Alerts grouped as Alertmanager routes them (group labels, receiver, alerts); optionally by receiver regex and matchers.',
    input: AlertGroupsInput,
    annotations: READ,
  })
  async getAlertGroups(input: Static<typeof AlertGroupsInput>, ctx: ToolContext) {
    const groups = await this.api(input.target).groups(
      { receiver: input.receiver, filter: filterMatchers(input.filter) },
      ctx.signal,
    );
    const shown = groups.slice(0, this.config.limits.maxItems);
    return {
      total: groups.length,
      groups: shown.map((g) => ({
        labels: g.labels,
        receiver: g.receiver?.name,
        alerts_count: g.alerts.length,
        alerts: g.alerts.map((a) => compactAlert(a)),
      })),
      ...(shown.length < groups.length
        ? { truncated: `showing ${shown.length} of ${groups.length} groups; use alertmanager_alert_groups_paginated` }
        : {}),
    };
  }

  @Tool({
    name: 'alertmanager_alert_groups_paginated',
    title: 'Alert groups (paged)',
    description:
      'Read first for large installations: alert groups one line each (labels, receiver, counts by state, oldest start), sorted and paged.',
    input: AlertGroupsPaginatedInput,
    annotations: READ,
  })
  async alertGroupsPaginated(input: Static<typeof AlertGroupsPaginatedInput>, ctx: ToolContext) {
    const only = input.active_only;
    const groups = await this.api(input.target).groups(
      {
        receiver: input.receiver,
        silenced: only ? false : undefined,
        inhibited: only ? false : undefined,
      },
      ctx.signal,
    );
    const rows = groups
      .filter((g) => g.alerts.length > 0)
      .map((g) => ({
        labels: g.labels,
        receiver: g.receiver?.name,
        alerts_count: g.alerts.length,
        by_state: countBy(g.alerts, (a) => a.status?.state),
        oldest_start: g.alerts.map((a) => a.startsAt).sort()[0],
        alertnames: [...new Set(g.alerts.map((a) => a.labels.alertname))].slice(0, 10),
      }));
    const sortBy = input.sort_by ?? 'count';
    rows.sort((a, b) =>
      sortBy === 'count'
        ? b.alerts_count - a.alerts_count
        : sortBy === 'receiver'
          ? (a.receiver ?? '').localeCompare(b.receiver ?? '')
          : sortBy === 'startsAt'
            ? (a.oldest_start ?? '').localeCompare(b.oldest_start ?? '')
            : (a.labels.alertname ?? '').localeCompare(b.labels.alertname ?? ''),
    );
    const { items, ...meta } = paginate(rows, input.page, this.perPage(input.per_page));
    return { ...meta, groups: items };
  }

  // ---------------------------------------------------------------------------------------------
  // Silences

  @Tool({
    name: 'alertmanager_get_silences',
    title: 'Silences',
    description:
      'All silences (active, pending and expired) with matchers, times, author and comment; optionally only those matching `filter`.',
    input: GetSilencesInput,
    annotations: READ,
  })
  async getSilences(input: Static<typeof GetSilencesInput>, ctx: ToolContext) {
    const silences = await this.api(input.target).silences(filterMatchers(input.filter), ctx.signal);
    const shown = silences.slice(0, this.config.limits.maxItems);
    return {
      total: silences.length,
      by_state: countBy(silences, (s) => s.status?.state),
      silences: shown,
      ...(shown.length < silences.length
        ? { truncated: `showing ${shown.length} of ${silences.length} silences; use alertmanager_silences_paginated` }
        : {}),
    };
  }

  @Tool({
    name: 'alertmanager_get_silence',
    title: 'One silence',
    description: 'One silence by ID: matchers, state, times, author and comment.',
    input: SilenceIdInput,
    annotations: READ,
  })
  async getSilence(input: Static<typeof SilenceIdInput>, ctx: ToolContext) {
    return this.api(input.target).silence(input.silenceId, ctx.signal);
  }

  private filterSilences(silences: AmSilence[], status: string | undefined): AmSilence[] {
    if (status === 'all') return silences;
    if (status) return silences.filter((s) => s.status?.state === status);
    return silences.filter((s) => s.status?.state !== 'expired');
  }

  @Tool({
    name: 'alertmanager_silences_summary',
    title: 'Silences (summary)',
    description:
      'Read first: silence counts by state and one line per silence (matchers, end, author, comment), ending soonest first.',
    input: SilencesSummaryInput,
    annotations: READ,
  })
  async silencesSummary(input: Static<typeof SilencesSummaryInput>, ctx: ToolContext) {
    const all = await this.api(input.target).silences(undefined, ctx.signal);
    const chosen = this.filterSilences(all, input.status).sort((a, b) => a.endsAt.localeCompare(b.endsAt));
    const shown = chosen.slice(0, Math.min(input.limit, this.config.limits.maxItems));
    return {
      total: all.length,
      by_state: countBy(all, (s) => s.status?.state),
      matching: chosen.length,
      silences: shown.map(compactSilence),
      ...(shown.length < chosen.length
        ? {
            truncated: `listing ${shown.length} of ${chosen.length}; raise limit or use alertmanager_silences_paginated`,
          }
        : {}),
    };
  }

  @Tool({
    name: 'alertmanager_silences_paginated',
    title: 'Silences (paged)',
    description: 'Silences filtered by status, author (created_by) and comment text, newest first, paged.',
    input: SilencesPaginatedInput,
    annotations: READ,
  })
  async silencesPaginated(input: Static<typeof SilencesPaginatedInput>, ctx: ToolContext) {
    const all = await this.api(input.target).silences(undefined, ctx.signal);
    const by = input.created_by?.toLowerCase();
    const text = input.comment_filter?.toLowerCase();
    const chosen = this.filterSilences(all, input.status)
      .filter((s) => !by || s.createdBy.toLowerCase().includes(by))
      .filter((s) => !text || s.comment.toLowerCase().includes(text))
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    const { items, ...meta } = paginate(chosen, input.page, this.perPage(input.per_page));
    return { ...meta, silences: items.map(compactSilence) };
  }

  @Tool({
    name: 'alertmanager_create_silence',
    title: 'Create a silence',
    description:
      'Silences alerts matching `matchers` (e.g. alertname="HighLatency",severity=~"crit.*") from startsAt (default now) until endsAt (RFC3339, now+2h, or a duration such as 2h). Returns the silence ID and how many current alerts it matches.',
    input: CreateSilenceInput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  })
  async createSilence(input: Static<typeof CreateSilenceInput>, ctx: ToolContext) {
    const matchers = parseMatchers(input.matchers);
    const now = Date.now();
    const startsAt = input.startsAt !== undefined ? parseTimeMs(input.startsAt, 'startsAt', { now }) : now;
    const endsAt = parseTimeMs(input.endsAt, 'endsAt', { now, base: startsAt, bare: 'future' });
    this.checkWindow(startsAt, endsAt, now);
    const api = this.api(input.target);
    const id = await api.postSilence(
      {
        matchers,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        comment: input.comment,
        createdBy: input.createdBy,
      },
      ctx.signal,
    );
    const matching = await api.alerts({ filter: matchers.map(matcherText) }, ctx.signal).catch(() => undefined);
    return {
      silenceID: id,
      matchers: matchers.map(matcherText).join(','),
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      ...(matching ? { matching_alerts: matching.length } : {}),
    };
  }

  private checkWindow(startsAt: number, endsAt: number, now: number): void {
    if (endsAt <= startsAt) {
      throw AlertmanagerErrors.create(
        'ALERTMANAGER_ERR_RANGE_INVALID',
        `endsAt (${new Date(endsAt).toISOString()}) must be after startsAt (${new Date(startsAt).toISOString()})`,
      );
    }
    if (endsAt <= now)
      throw AlertmanagerErrors.create(
        'ALERTMANAGER_ERR_RANGE_INVALID',
        `endsAt (${new Date(endsAt).toISOString()}) is in the past`,
      );
  }

  @Tool({
    name: 'alertmanager_update_silence',
    title: 'Update a silence',
    description:
      'Changes an active or pending silence: end (endsAt, e.g. now+4h or 4h), comment, author, matchers or start. Alertmanager keeps the ID when only end/comment change; otherwise it expires the old silence and returns a new ID (reported).',
    input: UpdateSilenceInput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  })
  async updateSilence(input: Static<typeof UpdateSilenceInput>, ctx: ToolContext) {
    const api = this.api(input.target);
    const current = await api.silence(input.silenceId, ctx.signal);
    if (current.status?.state === 'expired') {
      throw AlertmanagerErrors.create(
        'ALERTMANAGER_ERR_SILENCE_EXPIRED',
        `silence ${input.silenceId} expired at ${current.endsAt}; it cannot be changed`,
      );
    }
    const now = Date.now();
    const matchers = input.matchers !== undefined ? parseMatchers(input.matchers) : current.matchers;
    const startsAt =
      input.startsAt !== undefined ? parseTimeMs(input.startsAt, 'startsAt', { now }) : Date.parse(current.startsAt);
    const endsAt =
      input.endsAt !== undefined
        ? parseTimeMs(input.endsAt, 'endsAt', { now, base: Math.max(startsAt, now), bare: 'future' })
        : Date.parse(current.endsAt);
    this.checkWindow(startsAt, endsAt, now);
    const id = await api.postSilence(
      {
        id: current.id,
        matchers,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        comment: input.comment ?? current.comment,
        createdBy: input.createdBy ?? current.createdBy,
      },
      ctx.signal,
    );
    const after = await api.silence(id, ctx.signal);
    return {
      silenceID: id,
      previous_id: current.id,
      replaced: id !== current.id,
      ...(id !== current.id
        ? { note: `Alertmanager expired ${current.id} and created ${id} (matchers or start changed)` }
        : {}),
      silence: compactSilence(after),
    };
  }

  private async expire(input: Static<typeof SilenceIdInput>, ctx: ToolContext) {
    const api = this.api(input.target);
    const current = await api.silence(input.silenceId, ctx.signal);
    if (current.status?.state === 'expired') {
      return { silenceID: current.id, expired: true, already_expired: true, endsAt: current.endsAt };
    }
    await api.expireSilence(current.id, ctx.signal);
    const after = await api.silence(current.id, ctx.signal);
    return {
      silenceID: current.id,
      expired: after.status?.state === 'expired',
      state: after.status?.state,
      matchers: current.matchers.map(matcherText).join(','),
    };
  }

  @Tool({
    name: 'alertmanager_delete_silence',
    title: 'Delete (expire) a silence',
    description:
      'Expires a silence by ID so its alerts notify again (Alertmanager keeps expired silences for a while; they cannot be re-activated).',
    input: SilenceIdInput,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  })
  async deleteSilence(input: Static<typeof SilenceIdInput>, ctx: ToolContext) {
    return this.expire(input, ctx);
  }

  @Tool({
    name: 'alertmanager_expire_silence',
    title: 'Expire a silence',
    description:
      'Ends a silence now by ID (the same operation as alertmanager_delete_silence); an already expired silence is reported as such.',
    input: SilenceIdInput,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  })
  async expireSilence(input: Static<typeof SilenceIdInput>, ctx: ToolContext) {
    return this.expire(input, ctx);
  }

  // ---------------------------------------------------------------------------------------------
  // Receivers and status

  @Tool({
    name: 'alertmanager_get_receivers',
    title: 'Receivers',
    description: 'Names of the configured receivers.',
    input: NoInput,
    annotations: READ,
  })
  async getReceivers(input: Static<typeof NoInput>, ctx: ToolContext) {
    const receivers = await this.api(input.target).receivers(ctx.signal);
    return { total: receivers.length, receivers: receivers.map((r) => r.name) };
  }

  @Tool({
    name: 'alertmanager_receivers_summary',
    title: 'Receivers (summary)',
    description:
      'Read first: each receiver with its integration kinds (webhook, email, slack …, from the running config) and how many current alerts route to it.',
    input: ReceiversSummaryInput,
    annotations: READ,
  })
  async receiversSummary(input: Static<typeof ReceiversSummaryInput>, ctx: ToolContext) {
    const api = this.api(input.target);
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
    annotations: READ,
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
    const receivers = await this.api(input.target).receivers(ctx.signal);
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
    annotations: READ,
  })
  async getStatus(input: Static<typeof NoInput>, ctx: ToolContext) {
    return this.api(input.target).status(ctx.signal);
  }

  @Tool({
    name: 'alertmanager_health_summary',
    title: 'Health (summary)',
    description:
      'Read first: version, uptime, cluster status and peer count, and alert/silence counts; level=detailed adds receivers and the route receiver.',
    input: HealthSummaryInput,
    annotations: READ,
  })
  async healthSummary(input: Static<typeof HealthSummaryInput>, ctx: ToolContext) {
    const api = this.api(input.target);
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
      alerts: { total: alerts.length, by_state: countBy(alerts, (a: AmAlert) => a.status?.state) },
      silences: { total: silences.length, by_state: countBy(silences, (s) => s.status?.state) },
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

  @Tool({
    name: 'alertmanager_list_backends',
    title: 'Configured Alertmanager backends',
    description:
      'The Alertmanager targets this server is configured with (name, URL, auth type, which is the default); pass a name as `target` to other tools.',
    input: ListBackendsInput,
    annotations: LOCAL,
  })
  listBackends() {
    return { targets: this.targets.describe(), limits: this.config.limits };
  }
}
