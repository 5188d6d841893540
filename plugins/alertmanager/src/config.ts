import { Type, TargetSchema, TargetsSection, type Static, type TSchema } from '@cnmcp/core';

// The core's target schema, with its defaulted keys optional: the config loader does not apply defaults inside
// `targets.<name>` (a record), and the core's HTTP client falls back to the same defaults itself.
const TargetEntry = Type.Object(
  Object.fromEntries(Object.entries(TargetSchema.properties as Record<string, TSchema>)
    .map(([key, schema]) => [key, 'default' in schema ? Type.Optional(schema) : schema])),
  { additionalProperties: false },
);

const Section = {
  ...TargetsSection.properties,
  targets: Type.Record(Type.String(), TargetEntry, { default: {}, description: 'Backends by name: url, auth (none | basic | bearer), headers, tls, timeoutMs, maxResponseBytes, retries.' }),
};

export const AlertmanagerConfigSchema = Type.Object({
  ...Section,
  limits: Type.Object({
    maxItems: Type.Integer({ default: 200, minimum: 1, description: 'Alerts, groups or silences listed at most by the non-paged tools (the total is always reported).' }),
    maxPerPage: Type.Integer({ default: 100, minimum: 1, description: 'Upper bound of per_page in the paged tools.' }),
  }, { additionalProperties: false, default: {} }),
}, { additionalProperties: false, default: {} });

export type AlertmanagerConfig = Static<typeof AlertmanagerConfigSchema>;
