import { Type, type Static } from '@cnmcp/core';

/** The plugin's own keys; `targets` and `defaultTarget` come from the core (backend). */
export const JaegerConfigSchema = Type.Object({}, { additionalProperties: false, default: {} });
export type JaegerConfig = Static<typeof JaegerConfigSchema>;
