export { OpenTelemetryPlugin, OpenTelemetryPlugin as default } from './plugin.js';
export { OtelConfigSchema, OtelTargetExtras, type OtelConfig } from './config.js';
export { OtelErrors } from './errors.js';
