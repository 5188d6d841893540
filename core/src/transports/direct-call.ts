// The direct path for tools/call: the common case — a well-formed call the client cannot be asked anything
// during — is answered without the SDK's per-request server, transport and web Request/Response. It runs the
// same checks and the same pipeline (tool-call.ts), encodes the answer as the SDK would for the era, and sends
// progress and log notifications through the caller's sink. Anything else (requestState, input responses, a
// task, a meta tool, a client that may be asked for input) is left to the SDK path: `directCallOf` says which.
import type {
  ClientCapabilities,
  JSONRPCMessage,
  JSONRPCNotification,
  RequestId,
  Server,
  ServerContext,
} from '@modelcontextprotocol/server';
import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  isInputRequiredResult,
  LOG_LEVEL_META_KEY,
  ProtocolError,
  SERVER_INFO_META_KEY,
} from '../vendor/mcp-sdk.js';
import { coreErrorLine } from '../errors.js';
import type { Principal, TransportKind } from '../tools/context.js';
import type { LazyAbort } from '../tools/lazy-abort.js';
import type { Scope } from '../tools/registry.js';
import { META_TOOLS } from '../tools/toolsets.js';
import type { McpHost } from './mcp-server.js';
import { checkInputRequired } from './input-required-check.js';
import { isPlainObject, LOG_LEVELS } from './protocol-values.js';
import { answerToolsCall } from './tool-call.js';

export interface DirectCall {
  id: RequestId;
  params: { name: string; arguments?: Record<string, unknown>; _meta?: Record<string, unknown> };
}

/** The call, when a message is a tools/call the direct path serves as the SDK would; undefined otherwise. */
export function directCallOf(message: unknown, dynamicToolsets = false): DirectCall | undefined {
  if (!isPlainObject(message) || message.jsonrpc !== '2.0' || message.method !== 'tools/call') return undefined;
  const id = message.id;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  const params = message.params;
  if (!isPlainObject(params) || typeof params.name !== 'string') return undefined;
  for (const key in params) if (key !== 'name' && key !== 'arguments' && key !== '_meta') return undefined;
  if (params.arguments !== undefined && !isPlainObject(params.arguments)) return undefined;
  const meta = params._meta;
  if (meta !== undefined && !isPlainObject(meta)) return undefined;
  const token = meta?.progressToken;
  if (token !== undefined && typeof token !== 'string' && !Number.isInteger(token)) return undefined;
  if (dynamicToolsets && (META_TOOLS as readonly string[]).includes(params.name)) return undefined;
  return { id, params: params as DirectCall['params'] };
}

/** A 2025-era client that declared a way to be asked for input needs the SDK's request plumbing. */
export function mayBeAskedForInput(capabilities: ClientCapabilities | undefined): boolean {
  return !capabilities || !!capabilities.elicitation || !!capabilities.sampling || !!capabilities.roots;
}

/** The session's logging/setLevel filter: the SDK keeps it on the server instance (not typed as public). */
export function logLevelFilter(server: Server) {
  return (server as unknown as { isMessageIgnored?: (level: string, sessionId?: string) => boolean }).isMessageIgnored;
}

/** notifications/cancelled for a direct call aborts it (the SDK, which never saw the request, ignores it). */
export function cancelDirectCall(calls: Map<RequestId, LazyAbort>, message: unknown): void {
  const m = message as { method?: unknown; params?: { requestId?: unknown } } | undefined;
  const id = m?.method === 'notifications/cancelled' ? m.params?.requestId : undefined;
  if (typeof id === 'string' || typeof id === 'number') calls.get(id)?.abort(new Error('cancelled by the client'));
}

export interface DirectCallOptions {
  era: 'legacy' | 'modern';
  transport: TransportKind;
  scope?: Scope;
  principal: Principal;
  clientIp?: string;
  /** 2025 era: what the client declared at initialize (2026: the request's envelope). */
  clientCapabilities?: ClientCapabilities;
  clientInfo?: { name?: string; version?: string };
  /** 2025 era: the session's log level filter (the SDK server's `isMessageIgnored`). */
  logIgnored?: (level: string) => boolean;
  /** Aborted when the client goes away or cancels the request. */
  cancel: LazyAbort;
  /** Sends a notification related to this call (progress, log) on the call's stream. */
  notify(message: JSONRPCNotification): Promise<void>;
  /** The HTTP request's headers, as the SDK context offers them; undefined off HTTP. */
  headers?: { get(name: string): string | null };
  authInfo?: unknown;
  sessionId?: string;
}

/**
 * Serves one direct call; resolves with the JSON-RPC answer, encoded for the era, or undefined when the call was
 * cancelled (a cancelled request is not answered, as on the SDK path). Never rejects.
 */
export async function serveDirectCall(
  host: McpHost,
  call: DirectCall,
  options: DirectCallOptions,
): Promise<JSONRPCMessage | undefined> {
  const meta = call.params._meta;
  const modern = options.era === 'modern';
  const envelope = modern ? meta : undefined;
  const clientCapabilities =
    (envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined) ?? options.clientCapabilities ?? {};
  const clientInfo = (envelope?.[CLIENT_INFO_META_KEY] as DirectCallOptions['clientInfo']) ?? options.clientInfo;
  const threshold = envelope?.[LOG_LEVEL_META_KEY];
  const logIgnored = (level: string): boolean => {
    if (modern) return typeof threshold !== 'string' || LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(threshold);
    return options.logIgnored?.(level) ?? false;
  };
  const notify = (notification: { method: string; params?: Record<string, unknown> }) =>
    options.notify({ jsonrpc: '2.0', ...notification } as JSONRPCNotification);
  const ctx = {
    sessionId: options.sessionId,
    mcpReq: new DirectRequest(call.id, meta, envelope, options.cancel, notify, (level, data, logger) =>
      logIgnored(level)
        ? Promise.resolve()
        : notify({ method: 'notifications/message', params: { level, data, logger } }),
    ),
    http: options.headers ? { authInfo: options.authInfo, req: { headers: options.headers } } : undefined,
  } as unknown as ServerContext;
  try {
    let result: Record<string, unknown> = await answerToolsCall(host, {
      params: call.params,
      ctx,
      scope: options.scope,
      era: options.era,
      transport: options.transport,
      principal: options.principal,
      clientCapabilities,
      client: clientInfo,
      clientIp: options.clientIp,
      stateTarget: `tools/call:${call.params.name}`,
      cancel: options.cancel,
    });
    if (options.cancel.aborted) return undefined;
    if (modern && isInputRequiredResult(result as never)) checkInputRequired(result, clientCapabilities);
    if (modern) result = encodeModern(result, host.serverInfo);
    else if (isInputRequiredResult(result as never)) result = legacyInputFailure(result);
    return { result, jsonrpc: '2.0', id: call.id } as JSONRPCMessage;
  } catch (err) {
    if (options.cancel.aborted) return undefined;
    const error =
      err instanceof ProtocolError
        ? { code: modern && err.code === -32002 ? -32602 : err.code, message: err.message, data: err.data }
        : {
            code: -32603,
            message: coreErrorLine('CNMCP_ERR_TOOL_INTERNAL', 'the request failed; details are in the server log'),
          };
    if (!(err instanceof ProtocolError)) host.logger.error({ err, tool: call.params.name }, 'direct tools/call failed');
    return { jsonrpc: '2.0', id: call.id, error } as JSONRPCMessage;
  }
}

const refuse = (what: string) => Promise.reject(new ProtocolError(-32603, `${what} cannot be sent on this request`));

/**
 * The SDK-style request context (ctx.mcp.mcpReq) of a direct call. A class, so that its lazy `signal` getter sits
 * on the prototype: an object literal with a getter is a slow, dictionary-mode object built on every call.
 */
class DirectRequest {
  readonly method = 'tools/call';
  readonly inputResponses = undefined;

  constructor(
    readonly id: RequestId,
    readonly _meta: Record<string, unknown> | undefined,
    readonly envelope: Record<string, unknown> | undefined,
    private readonly cancel: LazyAbort,
    readonly notify: (notification: { method: string; params?: Record<string, unknown> }) => Promise<void>,
    readonly log: (level: string, data: unknown, logger?: string) => Promise<void>,
  ) {}

  /** An AbortSignal only for the rare tool that reads the raw context. */
  get signal(): AbortSignal {
    return this.cancel.signal;
  }

  requestState(): undefined {
    return undefined;
  }

  send(): Promise<never> {
    return refuse('a request');
  }

  elicitInput(): Promise<never> {
    return refuse('elicitation/create');
  }

  requestSampling(): Promise<never> {
    return refuse('sampling/createMessage');
  }
}

/** 2026-07-28 results carry resultType and the server's identity in _meta (as the SDK's codec writes them). */
function encodeModern(result: Record<string, unknown>, serverInfo: McpHost['serverInfo']): Record<string, unknown> {
  const typed = result.resultType === undefined ? { ...result, resultType: 'complete' } : result;
  const meta = typed._meta;
  if (meta === undefined) return { ...typed, _meta: { [SERVER_INFO_META_KEY]: serverInfo } };
  if (!isPlainObject(meta) || meta[SERVER_INFO_META_KEY] !== undefined) return typed;
  return { ...typed, _meta: { ...meta, [SERVER_INFO_META_KEY]: serverInfo } };
}

/** A 2025-era client that cannot be asked for input gets the SDK shim's answer: an isError result. */
function legacyInputFailure(result: Record<string, unknown>): Record<string, unknown> {
  const [key, request] = Object.entries((result.inputRequests ?? {}) as Record<string, { method?: string }>)[0] ?? [];
  const text = key
    ? `Cannot request input '${key}' (${request?.method}): the client on this 2025-era connection did not declare the required capability`
    : 'Handler for tools/call returned an input-required result the client on this 2025-era connection cannot answer';
  return { content: [{ type: 'text', text }], isError: true };
}
