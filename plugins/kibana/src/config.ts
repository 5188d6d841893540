// The plugin's own config keys (targets, auth and TLS are the core's: kibana.targets.<name>).
import { Type, type Static } from '@cnmcp/core';

/** Extra keys of each kibana.targets.<name> entry. */
export const KibanaTargetExtras = Type.Object({
  space: Type.Optional(
    Type.String({
      description: 'Space the calls of this target go to unless a tool names another (default: default).',
    }),
  ),
});

export const KibanaConfigSchema = Type.Object(
  {
    searchTool: Type.String({
      default: 'elasticsearch_search',
      description: 'Elasticsearch plugin tool kibana_query_logs calls to run its query.',
    }),
  },
  { additionalProperties: false, default: {} },
);

export type KibanaConfig = Static<typeof KibanaConfigSchema> & {
  targets?: Record<string, { space?: string } | undefined>;
};
