// Tool input schemas. Reference tools keep the reference's parameter names (camelCase); the search tools use
// the Elasticsearch vocabulary (snake_case, as in the query DSL).
import { Type } from '@cnmcp/core';

const Index = Type.String({ minLength: 1, description: 'Index, alias or pattern (logs-*, a,b).' });
// Arguments with a default are optional for clients; handlers apply the same default when one is absent.
const Limit = (def: number, max: number) =>
  Type.Optional(
    Type.Integer({ minimum: 1, maximum: max, default: def, description: `Most items returned (≤${max}).` }),
  );
const Bool = (def: boolean, description?: string) =>
  Type.Optional(Type.Boolean({ default: def, ...(description ? { description } : {}) }));
const ContinueToken = Type.Optional(Type.String({ description: 'continueToken of the previous page (offset:N).' }));
const Json = Type.Record(Type.String(), Type.Unknown());
const Level = Type.Optional(
  Type.Union([Type.Literal('cluster'), Type.Literal('indices'), Type.Literal('shards')], {
    description: 'Detail level.',
  }),
);
const OutputFormat = Type.Optional(
  Type.Union([Type.Literal('summary'), Type.Literal('detailed')], {
    default: 'summary',
    description: 'summary, or detailed (more fields).',
  }),
);

export const NoInput = Type.Object({});
export const HealthInput = Type.Object({ level: Level });
export const HealthSummaryInput = Type.Object({
  level: Level,
  includeIndices: Bool(false, 'Add the index list, unhealthy first.'),
});
export const ClusterDetailInput = Type.Object({
  includeNodes: Bool(true),
  includeIndices: Bool(true),
  includeSettings: Bool(false),
  includeStats: Bool(true),
  includeShards: Bool(false, 'Unassigned and relocating shards.'),
  outputFormat: OutputFormat,
});
export const IndexDetailInput = Type.Object({
  index: Index,
  includeMappings: Bool(true),
  includeSettings: Bool(true),
  includeStats: Bool(true),
  includeSegments: Bool(false),
  outputFormat: OutputFormat,
});
export const IndexInput = Type.Object({ index: Index });
export const ListIndicesInput = Type.Object({ limit: Limit(500, 5000) });
export const ListIndicesPaginatedInput = Type.Object({
  continueToken: ContinueToken,
  limit: Limit(50, 1000),
  indexPattern: Type.Optional(Type.String({ description: 'Index pattern, e.g. logs-*.' })),
  includeHealth: Bool(true),
});
export const SearchIndicesInput = Type.Object({
  query: Type.Optional(Type.String({ description: 'Substring of the index name.' })),
  healthStatus: Type.Optional(Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')])),
  indexStatus: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('close')])),
  minDocCount: Type.Optional(Type.Integer({ minimum: 0 })),
  maxDocCount: Type.Optional(Type.Integer({ minimum: 0 })),
  sortBy: Type.Optional(
    Type.Union([Type.Literal('name'), Type.Literal('docs'), Type.Literal('size'), Type.Literal('health')], {
      default: 'name',
    }),
  ),
  sortOrder: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' })),
  limit: Limit(50, 1000),
  continueToken: ContinueToken,
});
export const NodesSummaryInput = Type.Object({
  role: Type.Optional(Type.String({ description: 'Only nodes with this role (master, data, ingest…).' })),
  includeMetrics: Bool(false, 'Heap, CPU, load and disk per node.'),
  limit: Limit(50, 500),
});

const TimeBound = (what: string) =>
  Type.Optional(Type.Union([Type.String(), Type.Number()], { description: `${what}: now-15m, RFC 3339 or epoch ms.` }));
const QueryParts = {
  index: Index,
  query: Type.Optional(Type.String({ description: 'Lucene query_string, e.g. level:error AND service:api.' })),
  dsl: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), { description: 'Query DSL clause, ANDed with query.' }),
  ),
  from: TimeBound('Start of the time range'),
  to: TimeBound('End of the time range'),
  time_field: Type.Optional(Type.String({ description: 'Time field for from/to (default @timestamp).' })),
};
export const SearchInput = Type.Object({
  ...QueryParts,
  size: Type.Optional(Type.Integer({ minimum: 0, description: 'Hits to return (capped by config).' })),
  sort: Type.Optional(
    Type.Union([Type.String(), Type.Array(Json)], { description: '"field:desc,other" or DSL sort.' }),
  ),
  fields: Type.Optional(Type.Array(Type.String(), { description: '_source fields to return (wildcards).' })),
  exclude_fields: Type.Optional(Type.Array(Type.String())),
  aggs: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Aggregations (DSL).' })),
  track_total_hits: Type.Optional(Type.Union([Type.Boolean(), Type.Integer({ minimum: 0 })])),
  allow_unbounded: Type.Optional(Type.Boolean({ description: 'Allow aggregations without a time range.' })),
  pit: Type.Optional(Type.Boolean({ description: 'Page through a point in time (stable pages).' })),
  cursor: Type.Optional(Type.String({ description: 'next_cursor of the previous page; same other arguments.' })),
});
export const CountInput = Type.Object(QueryParts);
export const EsqlInput = Type.Object({
  query: Type.String({ minLength: 1, description: 'ES|QL, e.g. FROM logs-* | STATS count = COUNT(*) BY host.name' }),
  limit: Limit(100, 10_000),
});
export const GetDocumentInput = Type.Object({ index: Index, id: Type.String({ minLength: 1 }) });
export const MappingsInput = Type.Object({
  index: Index,
  field: Type.Optional(Type.String({ description: 'Field name filter, wildcards allowed (host.*).' })),
  limit: Limit(200, 5000),
});
export const FieldCapsInput = Type.Object({
  index: Index,
  fields: Type.Optional(Type.String({ default: '*', description: 'Field names, comma list with wildcards.' })),
  limit: Limit(200, 5000),
});
export const CatInput = Type.Object({
  view: Type.Union(
    ['indices', 'health', 'nodes', 'shards', 'aliases', 'allocation', 'count'].map((v) => Type.Literal(v)),
    { description: 'The _cat view.' },
  ),
  index: Type.Optional(Type.String({ description: 'Index pattern (indices, shards, count).' })),
  sort: Type.Optional(Type.String({ description: 'Columns to sort by, e.g. store.size:desc.' })),
  columns: Type.Optional(Type.String({ description: 'Columns to keep, comma list.' })),
  limit: Limit(50, 1000),
});
