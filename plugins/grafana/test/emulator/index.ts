// The Grafana HTTP API emulator, for this plugin's tests and for other plugins that talk to Grafana.
export { startGrafanaEmulator, type GrafanaEmulator, type GrafanaEmulatorOptions } from './server.js';
export { CREDENTIALS, DEAD_URL, type GrafanaState } from './state.js';
export { drawPng } from './png.js';
