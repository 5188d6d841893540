// The plugin's own keys; the core adds `targets` and `defaultTarget` (backend in plugin.ts).
import { Type, type Static } from '@cnmcp/core';

export const AlertmanagerConfigSchema = Type.Object(
  {
    limits: Type.Object(
      {
        maxItems: Type.Integer({
          default: 200,
          minimum: 1,
          description:
            'Alerts, groups or silences listed at most by the non-paged tools (the total is always reported).',
        }),
        maxPerPage: Type.Integer({
          default: 100,
          minimum: 1,
          description: 'Upper bound of per_page in the paged tools.',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

export type AlertmanagerConfig = Static<typeof AlertmanagerConfigSchema>;
