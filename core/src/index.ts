// @cnmcp/core — the only public API for plugin authors and embedders.
import 'reflect-metadata';

export { Service, ToolGroup, Tool, Prompt, Resource } from './decorators/index.js';
export type {
  ServiceOptions,
  ToolOptions,
  ToolAnnotations,
  PromptOptions,
  PromptArgument,
  ResourceOptions,
  Completer,
  BackendProvider,
} from './decorators/types.js';
export { annotations } from './helpers/annotations.js';
export { parseTime, parseDuration, formatDuration, niceStep } from './helpers/time.js';
export { listPage, countBy, type ListPage } from './helpers/list.js';
export { AddressGuard } from './helpers/address-guard.js';
export { ownValue } from './helpers/own.js';
export { backendStatus, backendMessage } from './http-client.js';
export { inject } from './di.js';
export { Type, type Static, type TSchema } from 'typebox';
export { tokens, type Token, type PluginInfo } from './tokens.js';
export {
  CnmcpError,
  CoreErrors,
  coreError,
  defineErrors,
  isCnmcpError,
  type ErrorSpec,
  type ErrorTable,
  type ErrorOptions,
} from './errors.js';
export type { ToolContext, Principal, LogLevel, TransportKind } from './tools/context.js';
export type { PluginTools, DynamicToolDefinition } from './tools/dynamic.js';
export { REQUEST_STATE_KEY_ENV } from './tools/request-state.js';
// Multi-round-trip helpers (2026-07-28 input_required): build embedded requests, read the client's answers.
export { inputRequired, acceptedContent, inputResponse } from '@modelcontextprotocol/server';
export type {
  CallToolResult,
  ClientCapabilities,
  GetPromptResult,
  InputRequests,
  InputRequiredResult,
  InputResponseView,
  ReadResourceResult,
} from '@modelcontextprotocol/server';
export type { PluginLifecycle, HealthReport } from './plugins/load.js';
export type { Logger } from './logger.js';
export type { Notifier } from './notifier.js';
export {
  TargetSchema,
  TargetAuthSchema,
  TargetTlsSchema,
  backendErrorText,
  statusError,
  type HttpClient,
  type HttpClientFactory,
  type HttpRequest,
  type HttpResponse,
  type TargetConfig,
} from './http-client.js';
export { Targets, TargetsSection, TargetArgument, type TargetsConfig } from './targets.js';
export { toJsonText } from './tools/result.js';
export { validate, formatIssues } from './validation.js';
export { createServer, CORE_VERSION, type CnmcpServer, type CreateServerOptions } from './server.js';
export { loadConfig, type LoadedConfig, type LoadConfigOptions } from './config/load.js';
export type { CnmcpConfig } from './config/schema.js';
