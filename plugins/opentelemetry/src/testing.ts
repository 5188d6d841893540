// @cnmcp/plugin-opentelemetry/testing — the collector emulator used by this plugin's tests, for reuse.
export * from '../test/emulator/index.js';
