// Tool input schemas of the data view, index pattern, space, alerting and connector toolsets.
import { Type } from '@cnmcp/core';
import { idArg as id, objArg as obj, PageArg as page, perPageArg as perPage, SpaceArg as space } from './schemas.js';

const strings = (description: string) => Type.Array(Type.String(), { description });
const cursor = Type.Optional(Type.String({ description: 'next_cursor from the previous page.' }));

// -- data views and index patterns ------------------------------------------------------------------
export const DataViewsInput = Type.Object({ page, per_page: perPage(), space });
export const DataViewIdInput = Type.Object({ data_view_id: id('Data view ID.'), space });
export const CreateDataViewInput = Type.Object({
  title: id('Index pattern the data view reads, e.g. logs-*.'),
  name: Type.Optional(Type.String({ description: 'Display name (default: the title).' })),
  timeField: Type.Optional(Type.String({ description: 'Time field, e.g. @timestamp.' })),
  sourceFilters: Type.Optional(
    Type.Array(Type.Union([Type.String(), Type.Object({ value: Type.String() })]), {
      description: 'Fields hidden in Discover.',
    }),
  ),
  fieldFormats: Type.Optional(obj('Field formats by field name.')),
  allowNoIndex: Type.Optional(Type.Boolean({ default: false, description: 'Allow it before any index matches.' })),
  space,
});
export const UpdateDataViewInput = Type.Object({
  data_view_id: id('Data view ID.'),
  title: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  timeField: Type.Optional(Type.String()),
  space,
});
export const IndexPatternIdInput = Type.Object({ index_pattern_id: id('Index pattern (data view) ID.'), space });
export const IndexPatternFieldsInput = Type.Object({
  patternID: id('Index pattern (data view) ID.'),
  search: Type.Optional(Type.String({ description: 'Only fields whose name contains this.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  cursor,
  space,
});
export const CreateIndexPatternInput = Type.Object({
  title: id('Index pattern, e.g. logs-*.'),
  timeField: Type.Optional(Type.String({ description: 'Time field, e.g. @timestamp.' })),
  customSource: Type.Optional(obj('Extra attributes stored with the index pattern.')),
  fieldFormatMap: Type.Optional(obj('Field formats by field name.')),
  space,
});
export const UpdateIndexPatternInput = Type.Object({
  index_pattern_id: id('Index pattern ID.'),
  title: Type.Optional(Type.String()),
  timeField: Type.Optional(Type.String()),
  fieldFormatMap: Type.Optional(obj('Field formats by field name.')),
  space,
});

// -- spaces -----------------------------------------------------------------------------------------
const spaceFields = {
  description: Type.Optional(Type.String()),
  color: Type.Optional(Type.String({ description: 'Avatar colour, e.g. #aabbcc.' })),
  initials: Type.Optional(Type.String({ maxLength: 2 })),
  disabledFeatures: Type.Optional(strings('Feature IDs hidden in the space.')),
};
export const SpaceIdInput = Type.Object({ space_id: id('Space ID.') });
export const SpacesSummaryInput = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export const CreateSpaceInput = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9_-]+$', description: 'Space ID: lower case, digits, _ and -.' }),
  name: id('Display name.'),
  ...spaceFields,
});
export const UpdateSpaceInput = Type.Object({
  space_id: id('Space ID.'),
  name: Type.Optional(Type.String()),
  ...spaceFields,
});
export const DeleteSpaceInput = Type.Object({
  space_id: id('Space ID.'),
  force: Type.Optional(
    Type.Boolean({
      default: false,
      description: 'Accepted for compatibility; Kibana always deletes the space with its objects.',
    }),
  ),
});

// -- alerting rules ---------------------------------------------------------------------------------
const schedule = Type.Object({ interval: Type.String({ pattern: '^\\d+[smhd]$', description: 'e.g. 1m, 5m, 1h.' }) });
const action = Type.Object({
  id: Type.String({ description: 'Connector ID.' }),
  group: Type.Optional(Type.String({ description: 'Action group (default: the rule type’s).' })),
  params: Type.Optional(obj('Connector parameters, e.g. {message}.')),
});
export const RuleIdInput = Type.Object({ rule_id: id('Rule ID.'), space });
export const RulesInput = Type.Object({
  page,
  per_page: perPage(100, 20),
  filter: Type.Optional(Type.String({ description: 'KQL on rule attributes, e.g. alert.attributes.tags:prod.' })),
  enabled: Type.Optional(Type.Boolean({ description: 'Only enabled (true) or disabled (false) rules.' })),
  search: Type.Optional(Type.String({ description: 'Words to match in rule names.' })),
  space,
});
export const RuleHistoryInput = Type.Object({
  rule_id: id('Rule ID.'),
  page,
  per_page: perPage(100, 20),
  since: Type.Optional(Type.String({ default: 'now-24h', description: 'Start of the history (now-7d, RFC 3339).' })),
  space,
});
export const AlertsInput = Type.Object({ page, per_page: perPage(100, 20), space });
export const CreateRuleInput = Type.Object({
  name: id('Rule name.'),
  alertTypeId: id('Rule type ID, e.g. .index-threshold, .es-query (see kibana_get_alert_rule_types).'),
  schedule,
  params: Type.Optional(obj('Rule type parameters.')),
  actions: Type.Optional(Type.Array(action)),
  tags: Type.Optional(strings('Tags.')),
  consumer: Type.Optional(Type.String({ default: 'alerts', description: 'Owning app (alerts, stackAlerts, …).' })),
  enabled: Type.Optional(Type.Boolean({ default: true })),
  space,
});
export const UpdateRuleInput = Type.Object({
  rule_id: id('Rule ID.'),
  name: Type.Optional(Type.String()),
  schedule: Type.Optional(schedule),
  params: Type.Optional(obj('Rule type parameters (replace the current ones).')),
  actions: Type.Optional(Type.Array(action)),
  tags: Type.Optional(strings('Tags (replace the current ones).')),
  space,
});
export const MuteRuleInput = Type.Object({
  rule_id: id('Rule ID.'),
  duration: Type.String({ pattern: '^(\\d+[smhd]|indefinite)$', description: 'How long: 30m, 2h, 1d; or indefinite.' }),
  space,
});

// -- connectors -------------------------------------------------------------------------------------
export const ConnectorsInput = Type.Object({ page, per_page: perPage(100, 50), space });
export const ConnectorIdInput = Type.Object({ connector_id: id('Connector ID.'), space });
export const CreateConnectorInput = Type.Object({
  name: id('Connector name.'),
  connectorTypeId: id('Connector type, e.g. .index, .server-log, .webhook, .slack.'),
  config: Type.Optional(obj('Type-specific settings.')),
  secrets: Type.Optional(obj('Type-specific secrets (never returned).')),
  space,
});
export const UpdateConnectorInput = Type.Object({
  connector_id: id('Connector ID.'),
  name: Type.Optional(Type.String()),
  config: Type.Optional(obj('Type-specific settings (replace the current ones).')),
  secrets: Type.Optional(obj('Type-specific secrets.')),
  space,
});
export const TestConnectorInput = Type.Object({
  connector_id: id('Connector ID.'),
  body: obj('Connector parameters, e.g. {message} for .server-log, {documents} for .index.'),
  space,
});
