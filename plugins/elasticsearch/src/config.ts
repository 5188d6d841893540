// The plugin's own configuration keys (`elasticsearch.*`) and the extra per-target keys; the core adds
// `targets`, `defaultTarget` and the standard target keys (url, auth, tls, timeoutMs, retries…).
import { Type, type Static } from '@cnmcp/core';

export const ElasticsearchConfigSchema = Type.Object(
  {
    allowScripts: Type.Boolean({ default: false, description: 'Allow scripts in queries, sorts and aggregations.' }),
    defaultHits: Type.Integer({
      default: 10,
      minimum: 0,
      maximum: 1000,
      description: 'Hits returned when size is not given.',
    }),
    maxHits: Type.Integer({ default: 100, minimum: 1, maximum: 10_000, description: 'Most hits one search returns.' }),
    searchTimeout: Type.String({ default: '30s', description: 'Timeout sent with every search and count.' }),
    terminateAfter: Type.Integer({
      default: 100_000,
      minimum: 0,
      description: 'Per-shard document limit sent with searches (0: none).',
    }),
    requireTimeRange: Type.Boolean({
      default: true,
      description: 'Refuse aggregations without a time range or range filter.',
    }),
    defaultTimeField: Type.String({
      default: '@timestamp',
      description: 'Time field used by from/to when none is given.',
    }),
    pitKeepAlive: Type.String({ default: '2m', description: 'How long a point in time opened for paging stays open.' }),
  },
  { additionalProperties: false },
);
export type ElasticsearchConfig = Static<typeof ElasticsearchConfigSchema>;

export const ElasticsearchTargetExtras = Type.Object({
  nodes: Type.Optional(Type.Array(Type.String(), { description: 'More node URLs of the same cluster, for failover.' })),
  caFingerprint: Type.Optional(Type.String({ description: 'SHA-256 fingerprint of the CA certificate to trust.' })),
});
export type ElasticsearchTargetExtras = Static<typeof ElasticsearchTargetExtras>;

export const CONFIG_DEFAULTS: ElasticsearchConfig = {
  allowScripts: false,
  defaultHits: 10,
  maxHits: 100,
  searchTimeout: '30s',
  terminateAfter: 100_000,
  requireTimeRange: true,
  defaultTimeField: '@timestamp',
  pitKeepAlive: '2m',
};
