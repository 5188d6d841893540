// The package's entry: the server imports it and loads the class marked with @Service.
export { SamplePlugin as default, SamplePlugin } from './plugin.js';
export { SampleConfigSchema, type SampleConfig } from './config.js';
export { SampleErrors } from './errors.js';
