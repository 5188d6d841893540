// @cnmcp/plugin-jaeger/testing — the Jaeger emulator used by this plugin's tests, for reuse.
export * from '../test/emulator/index.js';
