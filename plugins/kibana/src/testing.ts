// @cnmcp/plugin-kibana/testing — the Kibana emulator used by this plugin's tests, for reuse.
export * from '../test/emulator/index.js';
