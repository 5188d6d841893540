export { UtilitiesPlugin as default, UtilitiesPlugin } from './plugin.js';
export { UtilitiesConfigSchema, type UtilitiesConfig } from './config.js';
export { UtilitiesErrors } from './errors.js';
