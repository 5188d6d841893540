// Tool input schemas. Parameter names are the reference server's (agents' prompts depend on them); the
// core also accepts their camelCase/snake_case twins and JSON text for object and array arguments.
import { Type } from '@cnmcp/core';

const space = Type.Optional(Type.String({ description: "Kibana space ID (default: the target's space)." }));
const page = Type.Optional(Type.Integer({ minimum: 1, default: 1, description: 'Page number.' }));
const perPage = (max = 100, def = 20) =>
  Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: def, description: `Items per page (max ${max}).` }));
const id = (description: string) => Type.String({ minLength: 1, description });
const obj = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });
const ref = Type.Object({ type: Type.String(), id: Type.String(), name: Type.String() });
const objectRef = Type.Object({ type: Type.String({ minLength: 1 }), id: Type.String({ minLength: 1 }) });

export const SpaceOnly = Type.Object({ space });
export const Empty = Type.Object({});

// -- status ---------------------------------------------------------------------------------------
export const HealthSummaryInput = Type.Object({
  level: Type.Optional(
    Type.Union([Type.Literal('basic'), Type.Literal('detailed')], {
      default: 'basic',
      description: 'detailed adds core and plugin statuses.',
    }),
  ),
  include_saved_objects: Type.Optional(
    Type.Boolean({ default: false, description: 'Add saved-object counts per type.' }),
  ),
  space,
});

// -- discover ---------------------------------------------------------------------------------------
export const QueryLogsInput = Type.Object({
  indexPattern: Type.Optional(
    Type.String({ description: 'Data view ID, name or title, or an index pattern (default: the default data view).' }),
  ),
  query: Type.Optional(
    Type.String({ default: '*', description: 'Lucene query string, e.g. level:error AND service:api.' }),
  ),
  size: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Documents to return (max 100).' }),
  ),
  sortBy: Type.Optional(Type.String({ description: "Sort field (default: the data view's time field)." })),
  sortOrder: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' })),
  from: Type.Optional(Type.String({ default: 'now-24h', description: 'Start of the time range (now-1h, RFC 3339).' })),
  to: Type.Optional(Type.String({ default: 'now', description: 'End of the time range.' })),
  fields: Type.Optional(Type.Array(Type.String(), { description: 'Source fields to return (default: all).' })),
  cursor: Type.Optional(Type.String({ description: 'next_cursor of the previous page (same other arguments).' })),
  space,
});

// -- saved objects --------------------------------------------------------------------------------
export const SearchSavedObjectsInput = Type.Object({
  type: Type.Optional(
    Type.String({
      description: 'Saved object type, or comma list (default: dashboard,visualization,search,index-pattern,lens,map).',
    }),
  ),
  search: Type.Optional(Type.String({ description: 'Words to match in titles; word* for a prefix.' })),
  page,
  per_page: perPage(),
  space,
});

export const SearchSavedObjectsAdvancedInput = Type.Object({
  type: Type.Optional(Type.String({ description: 'Saved object type, or comma list.' })),
  search: Type.Optional(Type.String({ description: 'Words to match; word* for a prefix.' })),
  page,
  per_page: perPage(),
  sort_field: Type.Optional(Type.String({ description: 'e.g. updated_at, title.' })),
  sort_order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  has_reference: Type.Optional(
    Type.Union([objectRef, Type.String()], { description: 'Only objects referencing {type, id}.' }),
  ),
  fields: Type.Optional(Type.Array(Type.String(), { description: 'Attributes to return.' })),
  space,
});

export const CreateSavedObjectInput = Type.Object({
  type: id('Saved object type, e.g. dashboard, tag.'),
  attributes: obj('The attributes of the object.'),
  references: Type.Optional(Type.Array(ref, { description: 'References to other objects.' })),
  initialObjectType: Type.Optional(
    Type.String({ description: 'Optional object ID to create with (reference alias).' }),
  ),
  id: Type.Optional(Type.String({ description: 'Object ID (default: generated).' })),
  space,
});

export const UpdateSavedObjectInput = Type.Object({
  type: id('Saved object type.'),
  object_id: id('Saved object ID.'),
  attributes: Type.Optional(obj('Attributes to change (merged).')),
  references: Type.Optional(Type.Array(ref)),
  version: Type.Optional(Type.String({ description: 'Current version; refuses if the object changed since.' })),
  space,
});

export const DeleteSavedObjectInput = Type.Object({
  type: id('Saved object type.'),
  object_id: id('Saved object ID.'),
  force: Type.Optional(Type.Boolean({ default: false, description: 'Delete even if shared with other spaces.' })),
  space,
});

export const BulkDeleteInput = Type.Object({
  objects: Type.Array(objectRef, { minItems: 1, maxItems: 1000, description: 'Objects to delete, [{type, id}].' }),
  force: Type.Optional(Type.Boolean({ default: false, description: 'Delete even if shared with other spaces.' })),
  space,
});

export const ExportInput = Type.Object({
  objects: Type.Array(objectRef, { minItems: 1, maxItems: 1000, description: 'Objects to export, [{type, id}].' }),
  includeReferences: Type.Optional(
    Type.Boolean({ default: true, description: 'Also export the objects they reference.' }),
  ),
  space,
});

export const ImportInput = Type.Object({
  file: Type.Unknown({ description: 'Saved-object NDJSON text (as exported), or a JSON array of saved objects.' }),
  createNewCopies: Type.Optional(
    Type.Boolean({ default: false, description: 'Import under new IDs (avoids conflicts).' }),
  ),
  overwrite: Type.Optional(
    Type.Boolean({ default: false, description: 'Replace existing objects with the same IDs.' }),
  ),
  space,
});

// -- dashboards and visualizations -------------------------------------------------------------------
export const DashboardIdInput = Type.Object({ dashboard_id: id('Dashboard ID.'), space });
export const DashboardsPaginatedInput = Type.Object({
  page,
  per_page: perPage(),
  search: Type.Optional(Type.String({ description: 'Words to match in titles; word* for a prefix.' })),
  include_description: Type.Optional(Type.Boolean({ default: false })),
  space,
});
export const DashboardsSummaryInput = Type.Object({ page, per_page: perPage(), space });
export const DashboardDetailInput = Type.Object({
  dashboard_id: id('Dashboard ID.'),
  include_panels: Type.Optional(Type.Boolean({ default: true })),
  include_ui_state: Type.Optional(Type.Boolean({ default: false })),
  include_time_options: Type.Optional(Type.Boolean({ default: true })),
  output_format: Type.Optional(
    Type.Union([Type.Literal('summary'), Type.Literal('full')], {
      default: 'summary',
      description: 'full adds the raw attributes.',
    }),
  ),
  space,
});
export const CreateDashboardInput = Type.Object({
  title: id('Dashboard title.'),
  description: Type.Optional(Type.String()),
  timeRestore: Type.Optional(Type.Boolean({ default: false, description: 'Store the time range with the dashboard.' })),
  timeFrom: Type.Optional(Type.String({ description: 'e.g. now-24h.' })),
  timeTo: Type.Optional(Type.String({ description: 'e.g. now.' })),
  refreshInterval: Type.Optional(
    Type.Object(
      { pause: Type.Boolean(), value: Type.Integer({ minimum: 0 }) },
      { description: '{pause, value (ms)}.' },
    ),
  ),
  space,
});
export const UpdateDashboardInput = Type.Object({
  dashboard_id: id('Dashboard ID.'),
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  panelsJSON: Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.Unknown())], { description: 'Panels as JSON text or an array.' }),
  ),
  timeFrom: Type.Optional(Type.String()),
  timeTo: Type.Optional(Type.String()),
  version: Type.Optional(
    Type.Union([Type.String(), Type.Number()], { description: 'Current version (refuses if it changed).' }),
  ),
  space,
});
export const CloneDashboardInput = Type.Object({
  dashboard_id: id('Dashboard to copy.'),
  new_title: id('Title of the copy.'),
  space,
});

export const VisualizationIdInput = Type.Object({ visualization_id: id('Visualization ID.'), space });
export const VisualizationsPaginatedInput = Type.Object({
  page,
  per_page: perPage(),
  search: Type.Optional(Type.String({ description: 'Words to match in titles.' })),
  type: Type.Optional(Type.String({ description: 'Only this visualization type (line, pie, …).' })),
  space,
});
export const VisualizationsSummaryInput = Type.Object({ page, space });
export const CreateVisualizationInput = Type.Object({
  title: id('Visualization title.'),
  visState: Type.Optional(obj('Visualization state: {type, params, aggs}.')),
  description: Type.Optional(Type.String()),
  savedSearchRefName: Type.Optional(Type.String({ description: 'ID of the saved search it is built on.' })),
  space,
});
export const UpdateVisualizationInput = Type.Object({
  visualization_id: id('Visualization ID.'),
  title: Type.Optional(Type.String()),
  visState: Type.Optional(obj('New visualization state.')),
  description: Type.Optional(Type.String()),
  version: Type.Optional(
    Type.Union([Type.String(), Type.Number()], { description: 'Current version (refuses if it changed).' }),
  ),
  space,
});
export const CloneVisualizationInput = Type.Object({
  visualization_id: id('Visualization to copy.'),
  new_title: id('Title of the copy.'),
  space,
});
export const SavedSearchIdInput = Type.Object({ search_id: id('Saved search ID.'), space });

export { space as SpaceArg, page as PageArg, perPage as perPageArg, id as idArg, obj as objArg };
