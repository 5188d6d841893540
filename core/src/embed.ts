// @cnmcp/core/server — embedding: build and run a cnmcp server in your own process, load and check its config;
// plus the core's error table and the types a host needs. Plugin authors use @cnmcp/core.
// First: the Reflect metadata polyfill decorators need (with the DI container).
import './vendor/tsyringe.js';

export { createServer, CORE_VERSION, type CnmcpServer, type CreateServerOptions } from './server.js';
export { loadConfig, type LoadedConfig, type LoadConfigOptions } from './config/load.js';
export type { CnmcpConfig } from './config/schema.js';
export { CoreErrors, type ErrorSpec, type ErrorTable, type ErrorOptions } from './errors.js';
export { REQUEST_STATE_KEY_ENV } from './tools/request-state.js';
export type { Principal, LogLevel, TransportKind } from './tools/context.js';
export type { PluginInfo, Token } from './tokens.js';
export type {
  ServiceOptions,
  ToolGroupOptions,
  ToolOptions,
  ToolAnnotations,
  PromptOptions,
  ResourceOptions,
} from './decorators/types.js';
export type { HttpResponse } from './http-client.js';
