import { Type, type Static } from '@cnmcp/core';

export const UtilitiesConfigSchema = Type.Object(
  {
    webFetch: Type.Object(
      {
        enabled: Type.Boolean({ default: true, description: 'Serve utilities_web_fetch.' }),
        allowCidrs: Type.Array(Type.String(), {
          default: [],
          description: 'Address ranges allowed despite the SSRF guard, e.g. 10.0.0.0/8 or 127.0.0.1/32.',
        }),
        maxBytes: Type.Integer({
          default: 2_000_000,
          minimum: 1_000,
          description: 'Bytes read from a response at most.',
        }),
        maxRedirects: Type.Integer({ default: 5, minimum: 0, maximum: 20 }),
        userAgent: Type.String({ default: 'cnmcp-web-fetch' }),
      },
      { additionalProperties: false, default: {} },
    ),
    maxSleepSeconds: Type.Integer({
      default: 300,
      minimum: 1,
      maximum: 3600,
      description: 'Upper bound of utilities_pause and utilities_sleep.',
    }),
  },
  { additionalProperties: false, default: {} },
);

export type UtilitiesConfig = Static<typeof UtilitiesConfigSchema>;
