// The plugin's own config keys (targets, auth and TLS are the core's): result caps and the query cost guard;
// and the per-target extras (orgId, publicUrl).
import { Type, type Static } from '@cnmcp/core';

export const GrafanaTargetExtras = Type.Object({
  orgId: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: "Organisation to act in (sent as X-Grafana-Org-Id); default: the credentials' own org.",
    }),
  ),
  publicUrl: Type.Optional(
    Type.String({ description: 'Base URL users open in a browser, for generated links (default: the target url).' }),
  ),
});

export const GrafanaConfigSchema = Type.Object(
  {
    limits: Type.Object(
      {
        maxItems: Type.Integer({
          default: 100,
          minimum: 1,
          description: 'Items a list tool returns at most per page.',
        }),
        maxPointsPerSeries: Type.Integer({
          default: 11_000,
          minimum: 10,
          description:
            'Points per series a datasource query may ask for (range ÷ step); above it the step is coarsened or the call fails.',
        }),
        autoStepPoints: Type.Integer({
          default: 250,
          minimum: 10,
          description: 'Points per series aimed at when a query gives no step.',
        }),
        maxSeries: Type.Integer({
          default: 50,
          minimum: 1,
          description: 'Series of a query result shown at most (the rest is counted).',
        }),
        pointsShown: Type.Integer({
          default: 20,
          minimum: 0,
          description: 'Latest points shown per series (count, last, min and max are always given).',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

export type GrafanaConfig = Static<typeof GrafanaConfigSchema> & {
  /** Merged in by the core (backend targets), with this plugin's target extras. */
  targets?: Record<string, { url: string } & Static<typeof GrafanaTargetExtras>>;
  defaultTarget?: string;
};
