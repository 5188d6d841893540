// @cnmcp/core — the plugin author's API: decorators, tokens, schemas, the tool context, errors, annotations and
// the shared helpers. Embedding (createServer, loadConfig) is @cnmcp/core/server; the test harness is
// @cnmcp/core/testing. test/public-api.test.ts pins these lists, so a change to them is a visible diff.
// First: the Reflect metadata polyfill decorators need (with the DI container).
import './vendor/tsyringe.js';

export { Service, ToolGroup, Tool, Prompt, Resource } from './decorators/index.js';
export type { BackendProvider } from './decorators/types.js';
export { inject } from './di.js';
export { tokens } from './tokens.js';
export type { Static, TSchema } from 'typebox';
export { Type } from './vendor/typebox.js';
export type { ToolContext } from './tools/context.js';
export type { PluginLifecycle, HealthReport } from './plugins/load.js';
export type { Logger } from './logger.js';
export type { Notifier } from './notifier.js';
export { CnmcpError, coreError, defineErrors, isCnmcpError, type ErrorTable } from './errors.js';
export {
  statusError,
  backendStatus,
  backendMessage,
  type HttpClient,
  type HttpClientFactory,
  type HttpRequest,
  type TargetConfig,
} from './http-client.js';
export { annotations } from './helpers/annotations.js';
export { parseTime, parseDuration, formatDuration, niceStep } from './helpers/time.js';
export { listPage, countBy, type ListPage } from './helpers/list.js';
export { ownValue } from './helpers/own.js';
export { AddressGuard } from './helpers/address-guard.js';
// Multi-round-trip helpers (2026-07-28 input_required): build embedded requests, read the client's answers.
export { inputRequired, acceptedContent, inputResponse } from './vendor/mcp-sdk.js';
export type { CallToolResult, GetPromptResult, InputRequests } from '@modelcontextprotocol/server';
