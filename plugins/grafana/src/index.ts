// @cnmcp/plugin-grafana: Grafana dashboards, datasources and queries, alerting, annotations, folders and access.
export { GrafanaPlugin, GrafanaPlugin as default } from './plugin.js';
export { GrafanaConfigSchema, GrafanaTargetExtras, type GrafanaConfig } from './config.js';
export { GrafanaErrors } from './errors.js';
export { GrafanaApi } from './client.js';
