export { JaegerPlugin, JaegerPlugin as default } from './plugin.js';
export { JaegerConfigSchema, type JaegerConfig } from './config.js';
export { JaegerErrors } from './errors.js';
