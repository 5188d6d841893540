// @cnmcp/plugin-grafana/testing — the Grafana HTTP API emulator used by this plugin's tests, for reuse.
export * from '../test/emulator/index.js';
