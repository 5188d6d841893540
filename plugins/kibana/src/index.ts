// @cnmcp/plugin-kibana — Kibana for cnmcp: saved objects, dashboards, data views, spaces, alerting, Discover search.
export { KibanaPlugin, KibanaPlugin as default } from './plugin.js';
export { KibanaConfigSchema, KibanaTargetExtras, type KibanaConfig } from './config.js';
export { KibanaErrors } from './errors.js';
export { KibanaClient } from './client.js';
