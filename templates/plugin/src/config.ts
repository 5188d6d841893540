// The plugin's own config keys: `sample:` in cnmcp.config.yaml. Defaults are applied by the core, which also adds
// sample.targets.<name> (url, auth, tls, timeoutMs …) and sample.defaultTarget because the plugin declares a backend.
import { Type, type Static } from '@cnmcp/core';

export const SampleConfigSchema = Type.Object(
  {
    maxItems: Type.Integer({
      default: 200,
      minimum: 1,
      maximum: 10_000,
      description: 'Upper bound of the limit argument of sample_list_items.',
    }),
  },
  { additionalProperties: false, default: {} },
);

export type SampleConfig = Static<typeof SampleConfigSchema>;
