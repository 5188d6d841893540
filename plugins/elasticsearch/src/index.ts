// @cnmcp/plugin-elasticsearch — Elasticsearch for cnmcp.
export { ElasticsearchPlugin, ElasticsearchPlugin as default } from './plugin.js';
export { ElasticsearchConfigSchema, ElasticsearchTargetExtras, type ElasticsearchConfig } from './config.js';
export { ElasticsearchErrors } from './errors.js';
