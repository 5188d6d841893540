// Input schemas; the core adds the optional `target` argument to every tool (the plugin declares a backend).
import { Type } from '@cnmcp/core';

/**
 * The core's own `target` argument, declared only on schemas with defaults: the core's copy of a schema it adds
 * `target` to loses typebox's kind marker, so its defaults (page, per_page, limit …) would not be applied.
 * Remove once the core keeps defaults there.
 */
const Target = Type.Optional(
  Type.String({ description: 'Configured alertmanager target; the default target when omitted.' }),
);

const Bool = (description: string) => Type.Optional(Type.Boolean({ description }));
const TimeArg = (description: string) => Type.Union([Type.String(), Type.Number()], { description });
const Page = Type.Integer({ default: 1, minimum: 1, description: 'Page number, from 1.' });
const PerPage = Type.Integer({
  default: 20,
  minimum: 1,
  description: 'Items per page (capped by alertmanager.limits.maxPerPage).',
});
const Filter = Type.Optional(
  Type.Union([Type.String(), Type.Array(Type.String())], {
    description: 'Label matchers the alerts must match, e.g. alertname="HighLatency",severity=~"crit.*".',
  }),
);
const Receiver = Type.Optional(
  Type.String({ description: 'Only alerts routed to receivers matching this regex, e.g. team-a|default.' }),
);
const SortOrder = (description = 'asc | desc') =>
  Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description }));
const AlertSort = Type.Union(
  ['startsAt', 'updatedAt', 'endsAt', 'alertname', 'severity', 'state'].map((k) => Type.Literal(k)),
  {
    description: 'startsAt | updatedAt | endsAt | alertname | severity | state',
  },
);
/** Matchers: a string such as alertname="X",severity=~"crit.*", or an array of such strings and/or {name, value, isRegex, isEqual}. */
const Matchers = Type.Union(
  [
    Type.String({ minLength: 1 }),
    Type.Array(
      Type.Union([
        Type.String({ minLength: 1 }),
        Type.Object({
          name: Type.String({ minLength: 1 }),
          value: Type.String(),
          isRegex: Type.Optional(Type.Boolean()),
          isEqual: Type.Optional(Type.Boolean()),
        }),
      ]),
      { minItems: 1 },
    ),
  ],
  {
    description:
      'Label matchers: alertname="HighLatency",severity=~"crit.*" or [{"name":"alertname","value":"HighLatency","isRegex":false,"isEqual":true}].',
  },
);

export const NoInput = Type.Object({});

export const AlertGroupsInput = Type.Object({
  receiver: Receiver,
  filter: Filter,
});

export const AlertGroupsPaginatedInput = Type.Object({
  page: Page,
  per_page: PerPage,
  receiver: Receiver,
  active_only: Type.Boolean({ default: false, description: 'Only alerts that are neither silenced nor inhibited.' }),
  sort_by: Type.Optional(
    Type.Union(
      ['alertname', 'receiver', 'count', 'startsAt'].map((k) => Type.Literal(k)),
      { description: 'alertname | receiver | count (most alerts first) | startsAt (oldest first)' },
    ),
  ),
  target: Target,
});

export const AlertsSummaryInput = Type.Object({
  filter: Filter,
  receiver: Receiver,
  silenced: Bool('Include silenced alerts (default true).'),
  active_only: Type.Boolean({
    default: false,
    description: 'Only active alerts (not silenced, inhibited or unprocessed).',
  }),
  limit: Type.Integer({ default: 20, minimum: 1, description: 'Alerts listed at most (the counts cover all).' }),
  target: Target,
});

export const GetAlertsInput = Type.Object({
  filters: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description:
        'Query filters: active, silenced, inhibited, unprocessed (booleans), receiver (regex), filter (matchers); any other key is a label to equal, e.g. {"severity":"critical"}.',
    }),
  ),
});

export const GetSilencesInput = Type.Object({
  filter: Filter,
});

export const SilenceIdInput = Type.Object({
  silenceId: Type.String({
    minLength: 1,
    description: 'Silence ID (a UUID), as returned by alertmanager_create_silence or alertmanager_get_silences.',
  }),
});

export const CreateSilenceInput = Type.Object({
  matchers: Matchers,
  startsAt: Type.Optional(TimeArg('Start: RFC3339, Unix seconds or relative (now, now+10m); default now.')),
  endsAt: TimeArg('End: RFC3339, Unix seconds, now+2h, or a duration after the start (2h).'),
  comment: Type.String({ minLength: 1, description: 'Why the alerts are silenced.' }),
  createdBy: Type.String({ minLength: 1, description: 'Who creates the silence.' }),
});

export const UpdateSilenceInput = Type.Object({
  silenceId: Type.String({ minLength: 1, description: 'ID of the active or pending silence to change.' }),
  matchers: Type.Optional(Matchers),
  startsAt: Type.Optional(TimeArg('New start (RFC3339, Unix seconds or relative).')),
  endsAt: Type.Optional(TimeArg('New end: RFC3339, Unix seconds, now+2h, or a duration after the start (2h).')),
  comment: Type.Optional(Type.String({ minLength: 1 })),
  createdBy: Type.Optional(Type.String({ minLength: 1 })),
});

export const HealthSummaryInput = Type.Object({
  level: Type.Union([Type.Literal('basic'), Type.Literal('detailed')], {
    default: 'basic',
    description: 'basic | detailed (adds the route tree and receiver names)',
  }),
  include_cluster: Type.Boolean({ default: true, description: 'Include cluster status and peers.' }),
  target: Target,
});

export const QueryAlertsInput = Type.Object({
  receiver: Receiver,
  silenced: Bool('Include silenced alerts (default true).'),
  active: Bool('Include active alerts (default true).'),
  unprocessed: Bool('Include unprocessed alerts (default true).'),
  inhibited: Bool('Include inhibited alerts (default true).'),
  filter: Filter,
  sortBy: Type.Optional(AlertSort),
  sortOrder: SortOrder(),
});

export const QueryAlertsAdvancedInput = Type.Object({
  filter: Filter,
  receiver: Receiver,
  silenced: Bool('Include silenced alerts (default true).'),
  active: Bool('Include active alerts (default true).'),
  inhibited: Bool('Include inhibited alerts (default true).'),
  time_range: Type.Optional(
    Type.String({
      description: 'Only alerts that started within this window: a duration (1h, 24h) or a time (now-6h, RFC3339).',
    }),
  ),
  page: Page,
  per_page: PerPage,
  sort_by: Type.Optional(AlertSort),
  sort_order: SortOrder(),
  include_labels: Type.Boolean({ default: false, description: 'Return all labels and annotations of each alert.' }),
  target: Target,
});

export const ReceiversSummaryInput = Type.Object({
  test_info: Type.Boolean({ default: false, description: 'Also explain how a receiver can be tested.' }),
  target: Target,
});

const SilenceStatus = Type.Optional(
  Type.Union([Type.Literal('active'), Type.Literal('pending'), Type.Literal('expired'), Type.Literal('all')], {
    description: 'active | pending | expired | all (default: active and pending)',
  }),
);

export const SilencesPaginatedInput = Type.Object({
  page: Page,
  per_page: PerPage,
  status: SilenceStatus,
  created_by: Type.Optional(
    Type.String({ description: 'Only silences created by this person (case-insensitive substring).' }),
  ),
  comment_filter: Type.Optional(
    Type.String({ description: 'Only silences whose comment contains this text (case-insensitive).' }),
  ),
  target: Target,
});

export const SilencesSummaryInput = Type.Object({
  status: SilenceStatus,
  limit: Type.Integer({ default: 20, minimum: 1, description: 'Silences listed at most (the counts cover all).' }),
  target: Target,
});

export const TestReceiverInput = Type.Object({
  receiver: Type.Union(
    [
      Type.String({ minLength: 1 }),
      Type.Object({ name: Type.String({ minLength: 1 }) }, { additionalProperties: true }),
    ],
    {
      description: 'Receiver name, or an object with its name.',
    },
  ),
  alerts: Type.Optional(
    Type.Array(Type.Unknown(), {
      description: 'Alerts the test would send (not sent: Alertmanager has no receiver-test API).',
    }),
  ),
});
