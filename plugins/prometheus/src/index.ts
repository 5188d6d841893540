export { PrometheusPlugin as default, PrometheusPlugin } from './plugin.js';
export { PrometheusConfigSchema, type PrometheusConfig } from './config.js';
export { PrometheusErrors } from './errors.js';
export { toPromTime } from './client.js';
