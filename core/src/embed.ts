// @cnmcp/core/server — embedding: build and run a cnmcp server in your own process, load and check its config.
import 'reflect-metadata';

export { createServer, CORE_VERSION, type CnmcpServer, type CreateServerOptions } from './server.js';
export { loadConfig, type LoadedConfig, type LoadConfigOptions } from './config/load.js';
export type { CnmcpConfig } from './config/schema.js';
export { REQUEST_STATE_KEY_ENV } from './tools/request-state.js';
