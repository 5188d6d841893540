// @cnmcp/plugin-kubernetes/testing — the API server emulator used by this plugin's tests, for reuse.
export * from '../test/emulator/index.js';
