// What a handler receives besides its input: cancellation, progress, client logging, identity, and the
// raw SDK context for the rare tool that needs it (elicitation, sampling, multi-round-trip state).
import type {
  ClientCapabilities,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestFormParams,
  ElicitRequestURLParams,
  ElicitResult,
  InputRequests,
  InputRequiredResult,
  ServerContext,
} from '@modelcontextprotocol/server';
import { CLIENT_CAPABILITIES_META_KEY } from '../vendor/mcp-sdk.js';
import { coreError } from '../errors.js';
import type { HttpClient } from '../http-client.js';
import type { Logger } from '../logger.js';
import type { PluginTools } from './dynamic.js';
import { requestStateCodec, type SealedState } from './request-state.js';

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical' | 'alert' | 'emergency';

/** Who is calling (set by the auth layer; anonymous when auth is off). */
export interface Principal {
  name: string;
  scopes: string[];
  method: 'anonymous' | 'apiKey' | 'basic' | 'bearer' | 'jwt' | 'stdio';
}

export type TransportKind = 'stdio' | 'http' | 'sse' | 'in-process';

export interface ToolContext<Backend = HttpClient> {
  /** Aborted when the client cancels or the call times out; pass it to every backend call. */
  signal: AbortSignal;
  logger: Logger;
  principal: Principal;
  transport: TransportKind;
  /** `modern` for 2026-07-28 requests, `legacy` for 2025-11-25 and older. */
  era: 'legacy' | 'modern';
  requestId: string | number;
  /** Bytes of result text the server returns before it cuts with a marker: fit whole results within it. */
  resultBudgetBytes: number;
  /** Sends notifications/progress when the client asked for progress (no-op otherwise). */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /** Sends a notifications/message log line to the client (when the client accepts logs). */
  log(level: LogLevel, data: unknown): Promise<void>;
  /** Capabilities the client declared: per request in 2026-07-28, at initialize in older sessions. */
  clientCapabilities: ClientCapabilities;
  /**
   * Multi-round-trip input (SEP-2322), both eras: the answers a retried request carries, keyed as the
   * handler asked for them in `inputRequired(...)`. Untrusted client data: validate before use
   * (`acceptedContent` / `inputResponse` from @cnmcp/core read them). Empty in the first round.
   */
  inputResponses: Record<string, unknown>;
  /** The state this handler passed to `inputRequired` in the previous round, verified by the core; undefined in round 1. */
  state<T = unknown>(): T | undefined;
  /**
   * Ends this round asking the client for input (elicitation, sampling, roots). Return its result from the
   * handler; the call is made again with `inputResponses` and `state()` filled in. `state` is sealed by the
   * core (HMAC, bound to this tool), so a client cannot forge or alter it. On 2025-11-25 sessions the SDK
   * asks the client itself and re-enters the handler, so one handler serves both eras.
   */
  inputRequired(inputRequests: InputRequests, state?: unknown): Promise<InputRequiredResult>;
  /** 2025-era sessions only: asks the user now (elicitation/create) and waits. In 2026-07-28 use inputRequired. */
  elicit(params: ElicitRequestFormParams | ElicitRequestURLParams): Promise<ElicitResult>;
  /** 2025-era sessions only: asks the client's LLM now (sampling/createMessage). In 2026-07-28 use inputRequired. */
  sample(params: CreateMessageRequestParams): Promise<CreateMessageResult>;
  /** Adds and removes the calling plugin's tools at runtime (set for tool calls). */
  tools?: PluginTools;
  /** The SDK's request context, for what the fields above do not cover. */
  mcp?: ServerContext;
  /**
   * The backend of the chosen target (the call's `target` argument, else the default): the target's HttpClient for
   * HTTP backends, the provider's object for others. Throws CNMCP_ERR_BACKEND_NOT_CONFIGURED (naming the config key)
   * when the plugin has no backend configured.
   */
  readonly backend: Backend;
  /** Name of the chosen target (undefined for plugins without a backend). */
  readonly backendTarget: string | undefined;
  /**
   * Calls another plugin's tool through the whole pipeline with this caller's identity (scopes, rate limit, policy,
   * confirmation, cache, audit naming the parent call). Returns the callee's structured value (structuredContent, or
   * its JSON text parsed, else the text); throws a CnmcpError with the callee's code when it answers isError.
   */
  callTool<T = unknown>(name: string, args?: Record<string, unknown>): Promise<T>;
}

export const ANONYMOUS: Principal = { name: 'anonymous', scopes: [], method: 'anonymous' };

export interface ContextInit {
  /** A function is called on the first use of ctx.logger (a per-call child logger costs even when unused). */
  logger: Logger | (() => Logger);
  principal?: Principal;
  transport: TransportKind;
  era: 'legacy' | 'modern';
  mcp?: ServerContext;
  /** A function is called on the first read of ctx.signal (the AbortSignal is made only when a tool reads it). */
  signal: AbortSignal | (() => AbortSignal);
  /** Capabilities the client declared (falls back to the request's _meta envelope, else none). */
  clientCapabilities?: ClientCapabilities;
  /** `tools/call:<name>` etc.: what a minted requestState is bound to. */
  stateTarget?: string;
  tools?: PluginTools;
  /** server.maxResultBytes; defaults to 100,000. */
  resultBudgetBytes?: number;
  /** Resolves ctx.backend lazily (set by the pipeline for plugins with a backend). */
  backend?: { target: string | undefined; resolve(): unknown };
  /** Runs a nested tool call (set by the pipeline). */
  callTool?: (name: string, args: Record<string, unknown>) => Promise<unknown>;
  /** Tools of the calls this one is nested in, outermost first (cycle check, audit). */
  callChain?: string[];
}

/** The capabilities a 2026-07-28 request declares in its _meta envelope (undefined on older requests). */
export function envelopeCapabilities(ctx: ServerContext | undefined): ClientCapabilities | undefined {
  const envelope = ctx?.mcpReq.envelope as Record<string, unknown> | undefined;
  return envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
}

export function createToolContext(init: ContextInit): ToolContext {
  return new CallContext(init);
}

// A class, not an object literal: a literal with getters is built as a slow, dictionary-mode object on every call
// (about three times the memory). The getters live on the prototype; the methods stay own arrow functions, so a
// handler may take them out of ctx (`const { progress } = ctx`) and call them alone.
class CallContext implements ToolContext {
  readonly principal: Principal;
  readonly transport: TransportKind;
  readonly era: 'legacy' | 'modern';
  readonly resultBudgetBytes: number;
  readonly requestId: string | number;
  readonly clientCapabilities: ClientCapabilities;
  readonly inputResponses: Record<string, unknown>;
  readonly tools: PluginTools | undefined;
  readonly mcp: ServerContext | undefined;
  readonly backendTarget: string | undefined;
  private madeSignal: AbortSignal | undefined;
  private madeLogger: Logger | undefined;

  constructor(private readonly init: ContextInit) {
    const mcp = init.mcp;
    this.principal = init.principal ?? ANONYMOUS;
    this.transport = init.transport;
    this.era = init.era;
    this.resultBudgetBytes = init.resultBudgetBytes ?? 100_000;
    this.requestId = mcp?.mcpReq.id ?? 0;
    this.clientCapabilities = init.clientCapabilities ?? envelopeCapabilities(mcp) ?? {};
    this.inputResponses = mcp?.mcpReq.inputResponses ?? {};
    this.tools = init.tools;
    this.mcp = mcp;
    this.backendTarget = init.backend?.target;
    if (typeof init.signal !== 'function') this.madeSignal = init.signal;
    if (typeof init.logger !== 'function') this.madeLogger = init.logger;
  }

  get signal(): AbortSignal {
    return (this.madeSignal ??= (this.init.signal as () => AbortSignal)());
  }

  get logger(): Logger {
    return (this.madeLogger ??= (this.init.logger as () => Logger)());
  }

  get backend(): HttpClient {
    if (!this.init.backend) throw coreError('CNMCP_ERR_BACKEND_NOT_CONFIGURED', 'this plugin declares no backend');
    return this.init.backend.resolve() as HttpClient;
  }

  progress = async (progress: number, total?: number, message?: string): Promise<void> => {
    const progressToken = this.mcp?.mcpReq._meta?.progressToken;
    if (!this.mcp || progressToken === undefined) return;
    await this.mcp.mcpReq
      .notify({ method: 'notifications/progress', params: { progressToken, progress, total, message } })
      .catch(() => undefined);
  };

  log = async (level: LogLevel, data: unknown): Promise<void> => {
    if (!this.mcp) return;
    await this.mcp.mcpReq.log(level, data).catch(() => undefined);
  };

  state = <T>(): T | undefined => {
    const sealed = this.mcp?.mcpReq.requestState<SealedState>();
    if (!sealed || typeof sealed !== 'object' || sealed.target !== this.init.stateTarget) return undefined;
    return sealed.data as T;
  };

  inputRequired = async (inputRequests: InputRequests, state?: unknown): Promise<InputRequiredResult> => {
    const result: InputRequiredResult = { resultType: 'input_required', inputRequests };
    if (state !== undefined)
      result.requestState = await requestStateCodec().mint({ target: this.init.stateTarget ?? '', data: state });
    return result;
  };

  elicit = async (params: ElicitRequestFormParams | ElicitRequestURLParams): Promise<ElicitResult> => {
    if (!this.mcp || this.era !== 'legacy')
      throw coreError('CNMCP_ERR_PUSH_UNSUPPORTED', 'elicitation/create can only be pushed on a 2025-era session');
    if (!this.clientCapabilities.elicitation)
      throw coreError('CNMCP_ERR_CLIENT_CAPABILITY_MISSING', 'the client did not declare the elicitation capability');
    return this.mcp.mcpReq.elicitInput(params);
  };

  sample = async (params: CreateMessageRequestParams): Promise<CreateMessageResult> => {
    if (!this.mcp || this.era !== 'legacy')
      throw coreError('CNMCP_ERR_PUSH_UNSUPPORTED', 'sampling/createMessage can only be pushed on a 2025-era session');
    if (!this.clientCapabilities.sampling)
      throw coreError('CNMCP_ERR_CLIENT_CAPABILITY_MISSING', 'the client did not declare the sampling capability');
    return this.mcp.mcpReq.requestSampling(params) as Promise<CreateMessageResult>;
  };

  callTool = async <T>(name: string, args: Record<string, unknown> = {}): Promise<T> => {
    if (!this.init.callTool)
      throw coreError('CNMCP_ERR_TOOL_NOT_FOUND', `nested tool calls are not available here (${name})`);
    return (await this.init.callTool(name, args)) as T;
  };
}
