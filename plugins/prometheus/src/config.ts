// The plugin's own keys; the core adds `targets` and `defaultTarget` (backend in plugin.ts).
import { Type, type Static } from '@cnmcp/core';

export const PrometheusConfigSchema = Type.Object(
  {
    limits: Type.Object(
      {
        maxSeries: Type.Integer({
          default: 100,
          minimum: 1,
          description:
            'Series returned by a query at most (the rest is counted, not shown); a call may ask for fewer with `limit`.',
        }),
        maxPoints: Type.Integer({
          default: 20_000,
          minimum: 100,
          description:
            'Points (series × samples) a range query may return; above it the step is coarsened or the call fails.',
        }),
        maxPointsPerSeries: Type.Integer({
          default: 11_000,
          minimum: 10,
          maximum: 11_000,
          description: 'Samples per series of a range query (Prometheus itself refuses more than 11,000).',
        }),
        autoStepPoints: Type.Integer({
          default: 250,
          minimum: 10,
          maximum: 11_000,
          description: 'Points per series aimed at when a range query gives no step.',
        }),
        maxItems: Type.Integer({
          default: 500,
          minimum: 1,
          description: 'Items (targets, label values, metadata entries, rules) listed at most.',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

export type PrometheusConfig = Static<typeof PrometheusConfigSchema>;
