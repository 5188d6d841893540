// @cnmcp/plugin-elasticsearch/testing — the document store and Elasticsearch emulator this plugin's tests use, for reuse.
export * from '../test/emulator/index.js';
