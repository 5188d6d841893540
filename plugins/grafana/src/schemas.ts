// Tool inputs, with the reference server's parameter names (its camelCase spellings; the core also accepts
// snake_case, numbers sent as strings and JSON text for objects).
import { Type } from '@cnmcp/core';

const Limit = (max = 1000) => Type.Optional(Type.Integer({ minimum: 1, maximum: max, description: 'Items per page.' }));
const Cursor = Type.Optional(Type.String({ description: 'next_cursor of the previous page.' }));
const Uid = (what: string) => Type.String({ minLength: 1, description: `${what} UID.` });
const DashboardUID = Uid('Dashboard');
const Time = (what: string) =>
  Type.Optional(
    Type.Union([Type.String(), Type.Number()], { description: `${what}: RFC 3339, Unix s/ms, or now-1h.` }),
  );

export const Empty = Type.Object({});
export const LimitOnly = Type.Object({ limit: Limit(), cursor: Cursor });
export const UidInput = Type.Object({ uid: Uid('Object') });

// --- dashboards ---------------------------------------------------------------------------------------------
export const SearchDashboards = Type.Object({
  query: Type.Optional(Type.String({ description: 'Words in the title.' })),
  tag: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Tag(s) all required.' })),
  folderUID: Type.Optional(Type.String({ description: 'Only this folder ("general" for the root).' })),
  starred: Type.Optional(Type.Boolean({ description: 'Only starred dashboards.' })),
  limit: Limit(),
  cursor: Cursor,
});
export const DashboardsSummary = Type.Object({
  limit: Limit(),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Dashboards to skip.' })),
});
export const DashboardByUid = Type.Object({ uid: DashboardUID });
export const DashboardRef = Type.Object({ dashboardUID: DashboardUID });
export const DashboardProperty = Type.Object({
  dashboardUID: DashboardUID,
  propertyPath: Type.String({
    minLength: 1,
    description: 'JSONPath, e.g. panels[0].targets or $.templating.list[*].name.',
  }),
});
export const DashboardVersions = Type.Object({
  dashboardUID: DashboardUID,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 20, description: 'Versions to list.' })),
  start: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Versions to skip (newest first).' })),
});
export const DashboardVersion = Type.Object({
  dashboardUID: DashboardUID,
  version: Type.Integer({ minimum: 1, description: 'Version number.' }),
});
export const DashboardDiff = Type.Object({
  dashboardUID: DashboardUID,
  fromVersion: Type.Integer({ minimum: 1, description: 'Older version.' }),
  toVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'Newer version (default: the current one).' })),
});
export const UpdateDashboard = Type.Object({
  dashboard: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Dashboard model with title; keep uid and version from a read to update, leave id out to create.',
  }),
  folderUID: Type.Optional(Type.String({ description: 'Folder to save in.' })),
  overwrite: Type.Optional(
    Type.Boolean({ default: false, description: 'Replace even if changed since read (asks to confirm).' }),
  ),
  message: Type.Optional(Type.String({ description: 'Version message.' })),
});

// --- datasources --------------------------------------------------------------------------------------------
export const DatasourceByName = Type.Object({ name: Type.String({ minLength: 1, description: 'Datasource name.' }) });
const DatasourceFields = {
  access: Type.Optional(
    Type.Union([Type.Literal('proxy'), Type.Literal('direct')], { description: 'proxy (default) or direct.' }),
  ),
  database: Type.Optional(Type.String({ description: 'Database name.' })),
  user: Type.Optional(Type.String({ description: 'User name.' })),
  password: Type.Optional(Type.String({ description: 'Password (stored as a secret; never returned).' })),
  basicAuth: Type.Optional(Type.Boolean({ description: 'Use basic auth to the datasource.' })),
  basicAuthUser: Type.Optional(Type.String({ description: 'Basic auth user.' })),
  basicAuthPassword: Type.Optional(Type.String({ description: 'Basic auth password (secret).' })),
  jsonData: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Type-specific settings.' })),
  secureJsonSecrets: Type.Optional(
    Type.Record(Type.String(), Type.String(), {
      description: 'Secret settings (secureJsonData); masked in audit, never returned.',
    }),
  ),
  secureJsonData: Type.Optional(
    Type.Record(Type.String(), Type.String(), { description: 'Reference name of secureJsonSecrets; prefer that one.' }),
  ),
  isDefault: Type.Optional(Type.Boolean({ description: 'Make it the default datasource.' })),
};
export const CreateDatasource = Type.Object({
  name: Type.String({ minLength: 1, description: 'Datasource name.' }),
  type: Type.String({ minLength: 1, description: 'Plugin type, e.g. prometheus, loki.' }),
  url: Type.String({ description: 'Backend URL.' }),
  uid: Type.Optional(Type.String({ description: 'UID to give it (default: generated).' })),
  ...DatasourceFields,
});
export const UpdateDatasource = Type.Object({
  uid: Uid('Datasource'),
  name: Type.String({ minLength: 1, description: 'Datasource name.' }),
  type: Type.String({ minLength: 1, description: 'Plugin type.' }),
  url: Type.String({ description: 'Backend URL.' }),
  ...DatasourceFields,
});
export const QueryDatasource = Type.Object({
  datasourceUid: Uid('Datasource'),
  expr: Type.String({ minLength: 1, description: 'Query text: PromQL, LogQL, or the datasource language.' }),
  from: Type.Optional(
    Type.Union([Type.String(), Type.Number()], {
      default: 'now-1h',
      description: 'Start (RFC 3339, Unix s/ms, now-1h).',
    }),
  ),
  to: Type.Optional(Type.Union([Type.String(), Type.Number()], { default: 'now', description: 'End.' })),
  step: Type.Optional(
    Type.Union([Type.String(), Type.Number()], { description: 'Resolution (30s, 5m); default automatic.' }),
  ),
  instant: Type.Optional(Type.Boolean({ default: false, description: 'One value per series at `to`.' })),
  adjust_step: Type.Optional(Type.Boolean({ default: true, description: 'Coarsen a too-fine step, else fail.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, description: 'Series shown at most.' })),
  query: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Extra query-model fields.' })),
});

// --- alerting -----------------------------------------------------------------------------------------------
export const RuleUid = Type.Object({ ruleUID: Uid('Alert rule') });
export const Alerts = Type.Object({
  limit: Limit(),
  cursor: Cursor,
  state: Type.Optional(Type.String({ description: 'Only rules in this state: firing, pending, inactive, error.' })),
});
export const ContactPoints = Type.Object({
  name: Type.Optional(Type.String({ description: 'Only this contact point.' })),
  alertmanagerUid: Type.Optional(
    Type.String({ description: 'List receivers of this Alertmanager datasource instead.' }),
  ),
});
const StringMap = (d: string) => Type.Optional(Type.Record(Type.String(), Type.String(), { description: d }));
export const CreateAlertRule = Type.Object({
  title: Type.String({ minLength: 1, description: 'Rule title.' }),
  condition: Type.String({ minLength: 1, description: 'refId of the query/expression that decides firing.' }),
  folderUID: Type.String({ minLength: 1, description: 'Folder UID.' }),
  ruleGroup: Type.Optional(Type.String({ default: 'default', description: 'Evaluation group.' })),
  data: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
    minItems: 1,
    description: 'Queries and expressions: [{refId, datasourceUid, relativeTimeRange, model}].',
  }),
  for: Type.Optional(Type.String({ default: '0s', description: 'Pending period, e.g. 5m.' })),
  noDataState: Type.Optional(Type.String({ default: 'NoData', description: 'NoData, Alerting, OK or KeepLast.' })),
  execErrState: Type.Optional(Type.String({ default: 'Error', description: 'Error, Alerting, OK or KeepLast.' })),
  intervalSeconds: Type.Optional(Type.Integer({ minimum: 10, description: 'Group interval (not set by this call).' })),
  annotations: StringMap('Annotations (summary, description).'),
  labels: StringMap('Labels.'),
});
export const UpdateAlertRule = Type.Object({
  ruleUID: Uid('Alert rule'),
  title: Type.Optional(Type.String({ minLength: 1, description: 'New title.' })),
  condition: Type.Optional(Type.String({ description: 'New condition refId.' })),
  folderUID: Type.Optional(Type.String({ description: 'Move to this folder.' })),
  ruleGroup: Type.Optional(Type.String({ description: 'Move to this group.' })),
  data: Type.Optional(
    Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'New queries and expressions.' }),
  ),
  for: Type.Optional(Type.String({ description: 'Pending period.' })),
  isPaused: Type.Optional(Type.Boolean({ description: 'Pause or resume.' })),
  annotations: StringMap('Replace annotations.'),
  labels: StringMap('Replace labels.'),
});

// --- annotations --------------------------------------------------------------------------------------------
const Tags = Type.Optional(Type.Array(Type.String(), { description: 'Tags.' }));
export const GetAnnotations = Type.Object({
  dashboardUID: Type.Optional(Type.String({ description: 'Only this dashboard.' })),
  from: Time('From'),
  to: Time('To'),
  tags: Tags,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Annotations at most.' })),
});
export const AnnotationTags = Type.Object({
  tag: Type.Optional(Type.String({ description: 'Tag prefix.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Tags at most.' })),
});
export const CreateAnnotation = Type.Object({
  text: Type.String({ minLength: 1, description: 'Text.' }),
  time: Time('Start (default now)'),
  timeEnd: Time('End, for a region'),
  dashboardUID: Type.Optional(Type.String({ description: 'Dashboard (default: organisation-wide).' })),
  panelID: Type.Optional(Type.Integer({ description: 'Panel id on that dashboard.' })),
  tags: Tags,
});
export const GraphiteAnnotation = Type.Object({
  what: Type.String({ minLength: 1, description: 'What happened.' }),
  data: Type.Optional(Type.String({ description: 'Details.' })),
  timestamp: Time('When (default now)'),
  tags: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Tags.' })),
});
const AnnotationID = Type.Integer({ minimum: 1, description: 'Annotation id.' });
export const AnnotationRef = Type.Object({ annotationID: AnnotationID });
export const UpdateAnnotation = Type.Object({
  annotationID: AnnotationID,
  text: Type.String({ minLength: 1, description: 'Text.' }),
  time: Time('Start'),
  timeEnd: Time('End'),
  tags: Tags,
});
export const PatchAnnotation = Type.Object({
  annotationID: AnnotationID,
  text: Type.Optional(Type.String({ description: 'New text.' })),
  time: Time('New start'),
  timeEnd: Time('New end'),
  tags: Tags,
});

// --- folders ------------------------------------------------------------------------------------------------
export const CreateFolder = Type.Object({
  title: Type.String({ minLength: 1, description: 'Folder title.' }),
  uid: Type.Optional(Type.String({ description: 'UID to give it.' })),
});
export const UpdateFolder = Type.Object({
  uid: Uid('Folder'),
  title: Type.String({ minLength: 1, description: 'New title.' }),
  version: Type.Optional(Type.Integer({ minimum: 0, description: 'Version you read (conflict check).' })),
  overwrite: Type.Optional(Type.Boolean({ default: false, description: 'Ignore the version check.' })),
});
export const DeleteFolder = Type.Object({
  uid: Uid('Folder'),
  forceDeleteRules: Type.Optional(Type.Boolean({ default: false, description: 'Also delete its alert rules.' })),
});

// --- access -------------------------------------------------------------------------------------------------
export const Teams = Type.Object({
  query: Type.Optional(Type.String({ description: 'Name contains.' })),
  limit: Limit(),
  cursor: Cursor,
});
export const RoleRef = Type.Object({ roleUID: Uid('Role') });
export const UserRef = Type.Object({ userID: Type.Integer({ minimum: 1, description: 'User id.' }) });
export const TeamRef = Type.Object({ teamID: Type.Integer({ minimum: 1, description: 'Team id.' }) });
const ResourceType = Type.String({
  minLength: 1,
  description: 'dashboards, folders, datasources, teams, serviceaccounts, receivers.',
});
export const ResourceDescription = Type.Object({ resourceType: ResourceType });
export const ResourcePermissions = Type.Object({
  resourceType: ResourceType,
  resourceUID: Type.String({ minLength: 1, description: 'UID (or id) of the resource.' }),
});

// --- admin and links ----------------------------------------------------------------------------------------
export const PluginRef = Type.Object({ pluginID: Type.String({ minLength: 1, description: 'Plugin id.' }) });
export const PluginsList = Type.Object({
  limit: Limit(),
  cursor: Cursor,
  type: Type.Optional(Type.String({ description: 'datasource, panel, app or renderer.' })),
});
export const Deeplink = Type.Object({
  resourceType: Type.Union([Type.Literal('dashboard'), Type.Literal('panel'), Type.Literal('explore')], {
    description: 'dashboard, panel or explore.',
  }),
  resourceUID: Type.String({ minLength: 1, description: 'Dashboard UID (or datasource UID for explore).' }),
  panelID: Type.Optional(Type.Integer({ description: 'Panel id (panel links).' })),
  datasource: Type.Optional(Type.String({ description: 'Datasource UID (explore).' })),
  query: Type.Optional(Type.String({ description: 'Query to open in explore.' })),
  from: Time('From'),
  to: Time('To'),
});
export const LogsDrilldown = Type.Object({
  from: Time('From'),
  to: Time('To'),
  datasourceUid: Type.Optional(Type.String({ description: 'Loki datasource UID.' })),
  datasourceName: Type.Optional(Type.String({ description: 'Loki datasource name.' })),
  orgId: Type.Optional(Type.Integer({ minimum: 1, description: 'Org id in the link.' })),
});
export const RenderPanel = Type.Object({
  dashboardUID: DashboardUID,
  panelID: Type.Integer({ description: 'Panel id.' }),
  width: Type.Optional(Type.Integer({ minimum: 100, maximum: 3000, default: 1000, description: 'Pixels.' })),
  height: Type.Optional(Type.Integer({ minimum: 100, maximum: 3000, default: 500, description: 'Pixels.' })),
  from: Type.Optional(Type.Union([Type.String(), Type.Number()], { default: 'now-1h', description: 'From.' })),
  to: Type.Optional(Type.Union([Type.String(), Type.Number()], { default: 'now', description: 'To.' })),
  timeout: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 120, default: 30, description: 'Render timeout, seconds.' }),
  ),
});
