// THE tool-call pipeline. Every transport calls this one function, so all of them behave alike:
// find → trace span → authorise (tool scopes) → rate limit → health gate → normalise, validate and
// default the input → cache lookup → confirm a destructive call with the user → run under timeout and
// AbortSignal → redact, format and cap the size → cache store / invalidate → audit, metrics, observers
// in `finally`. The middleware comes from the cnmcp-* Fastify plugins (core/src/fastify/).
import type { CallToolResult } from '@modelcontextprotocol/server';
import { ProtocolError, ProtocolErrorCode } from '../vendor/mcp-sdk.js';
import { coreError, coreErrorLine, isCnmcpError, type CnmcpError } from '../errors.js';
import type {
  AuditMiddleware,
  AuditRecord,
  AuthMiddleware,
  CacheMiddleware,
  MetricsMiddleware,
  PolicyMiddleware,
  RateLimitMiddleware,
  TracingMiddleware,
} from '../fastify/types.js';
import type { Logger } from '../logger.js';
import { formatIssues, validate } from '../validation.js';
import { ANONYMOUS, createToolContext, type ContextInit, type Principal } from './context.js';
import { normalizeArguments } from './normalize.js';
import { isReadOnly } from './policy.js';
import type { RegisteredTool, Registry, Scope } from './registry.js';
import { errorResult, formatResult, isCallToolResult } from './result.js';
import { confirmIfDestructive, isConfirmationRetry } from './confirm.js';
import { argumentLimitProblem } from '../transports/argument-limits.js';
import { callNested } from './nested.js';
import { LazyAbort } from './lazy-abort.js';
import { dropUnknownArguments, withIgnoredNote, type IgnoredArgument } from './unknown-args.js';
import { authorise, rateLimit } from './admission.js';
import { isoNow } from '../helpers/clock.js';

export interface ToolCallRecord {
  time: string;
  requestId?: string | number;
  tool: string;
  plugin: string;
  arguments: unknown;
  principal: string;
  principalMethod: string;
  transport: string;
  client?: { name?: string; version?: string; userAgent?: string };
  /** 'ok', the CnmcpError code of an isError result, or 'protocol_error'. */
  outcome: string;
  durationMs: number;
  resultBytes: number;
  cacheHit: boolean;
  traceId?: string;
  /** The call this one was made from (ctx.callTool). */
  parent?: { tool: string; requestId?: string | number };
  /** The user's answer, for a destructive call confirmed over a 2026-era round trip. */
  confirmation?: 'accepted' | 'declined';
}

/** What the cnmcp-* Fastify plugins provide; every one is optional so a bare host still works. */
export interface PipelineMiddleware {
  auth: AuthMiddleware;
  audit: AuditMiddleware;
  metrics: MetricsMiddleware;
  rateLimit: RateLimitMiddleware;
  cache: CacheMiddleware;
  tracing: TracingMiddleware;
  policy: PolicyMiddleware;
}

export interface CallHost {
  registry: Registry;
  settings: { toolTimeoutMs: number; maxResultBytes: number };
  logger: Logger;
  /** Throws CNMCP_ERR_SERVICE_UNAVAILABLE while the plugin's backend is failing its health check. */
  assertHealthy(pluginId: string, args?: unknown): Promise<void>;
  /** Called once per call, after it ends (and after the audit record is written). Must not throw. */
  observers: Array<(record: ToolCallRecord) => void | Promise<void>>;
  /** Counts calls in flight, for graceful shutdown: a call enters before it runs and leaves once it is reported. */
  inflight: { enter(): void; leave(): void; readonly size: number };
  middleware?: Partial<PipelineMiddleware>;
  /** May this principal call this tool (its scopes)? tools/list shows a caller only these. */
  canCall?(principal: Principal, tool: RegisteredTool): boolean;
}

export interface ToolCallRequest {
  name: string;
  arguments: unknown;
  scope?: Scope;
  context: Omit<ContextInit, 'logger' | 'signal'> & {
    signal?: AbortSignal;
    /** The direct path's cancellation (client gone, notifications/cancelled); it carries no AbortSignal until read. */
    cancel?: LazyAbort;
  };
  /** clientInfo from initialize (2025 era) or the request envelope (2026 era), for the audit record. */
  client?: { name?: string; version?: string };
  /** Set for a call one plugin makes through another's tool (ctx.callTool). */
  nested?: NestedCall;
  /** The HTTP client's address (per-IP limits for anonymous callers). */
  clientIp?: string;
}

export interface NestedCall {
  /** Tools of the enclosing calls, outermost first. */
  chain: string[];
  parent: { tool: string; requestId?: string | number };
}

export async function callTool(host: CallHost, request: ToolCallRequest): Promise<CallToolResult> {
  const started = performance.now();
  const middleware = host.middleware ?? {};
  const principal = request.context.principal ?? ANONYMOUS;
  const tool = request.nested
    ? host.registry.getServedTool(request.name)
    : host.registry.getTool(request.name, request.scope);
  if (!tool) {
    const hidden = host.registry.hiddenReason(request.name, request.scope);
    const failure = hidden
      ? errorResult(
          coreError('CNMCP_ERR_TOOL_DISABLED', `tool ${request.name} is not served by this server: ${hidden}`),
        )
      : new ProtocolError(
          ProtocolErrorCode.InvalidParams,
          coreErrorLine('CNMCP_ERR_TOOL_NOT_FOUND', `unknown tool ${JSON.stringify(request.name)}`),
        );
    await report(host, request, { name: request.name, plugin: '' }, principal, {
      outcome: hidden ? 'CNMCP_ERR_TOOL_DISABLED' : 'protocol_error',
      started,
      result: hidden ? (failure as CallToolResult) : undefined,
      cacheHit: false,
    });
    if (failure instanceof ProtocolError) throw failure;
    return failure;
  }

  const span = middleware.tracing?.startToolCall(tool, traceCarrier(request));
  let result: CallToolResult | undefined;
  let cacheHit = false;
  let invoked = false;
  const inSpan = span ? span.run.bind(span) : <T>(fn: () => Promise<T>) => fn();
  // A 2026-07-28 confirmation is two requests (ask, then the retry carrying the answer) but one call: it counts
  // once in the rate limit (the ask) and leaves one audit record (the retry's, with the user's answer).
  const confirmationRetry = isConfirmationRetry(host, tool, request);
  let askedForConfirmation = false;
  let ignored: IgnoredArgument[] = [];
  const run = inSpan(async () => {
    try {
      authorise(middleware.auth, principal, tool);
      const limited = confirmationRetry
        ? undefined
        : rateLimit(middleware.rateLimit, principal, tool, request.context.transport, request.clientIp);
      if (limited) await limited;
      // D4: bounded before any normalising, validating or tool sees them; refused like any invalid input (audited).
      const tooLarge = argumentLimitProblem(tool.inputSchema, request.arguments);
      if (tooLarge)
        throw coreError('CNMCP_ERR_TOOL_INPUT_INVALID', `invalid arguments for ${tool.name}: ${tooLarge}`, {
          hint: 'Send a shorter value; a tool that needs more declares maxLength in its input schema.',
        });
      const known = dropUnknownArguments(tool.input, normalizeArguments(tool.input, request.arguments));
      ignored = known.ignored;
      const input = prepareInput(tool, known.value);
      await host.assertHealthy(tool.plugin, input);
      const cacheKey = cacheKeyFor(middleware, tool, input, principal);
      if (cacheKey) {
        const cached = await middleware.cache!.get(cacheKey, tool.plugin);
        if (cached) middleware.metrics?.cacheHit(tool.plugin);
        else middleware.metrics?.cacheMiss(tool.plugin);
        if (cached) {
          cacheHit = true;
          return (result = cached);
        }
      }
      const askUser = await confirmIfDestructive(host, tool, request);
      if (askUser) {
        askedForConfirmation = true;
        return (result = askUser);
      }
      invoked = true;
      const value = await runHandler(host, tool, input, request);
      result = formatResult(redactOutput(middleware.policy, tool, value), {
        maxBytes: host.settings.maxResultBytes,
        hasOutputSchema: !!tool.output,
      });
      if (cacheKey && !result.isError && isCallToolResult(result))
        await middleware.cache!.set(cacheKey, tool.plugin, result, tool.cacheTtl!);
    } catch (err) {
      // errors are output too: backend text quoted in them is masked like any result
      result = redactOutput(
        middleware.policy,
        tool,
        errorResult(toCnmcpError(host.logger, tool, err)),
      ) as CallToolResult;
    } finally {
      // A call that ran and may have changed something makes the plugin's cached reads stale.
      if (invoked && !isReadOnly(tool.annotations) && middleware.cache?.enabled)
        await middleware.cache.invalidate(tool.plugin);
    }
    return result!;
  });
  host.inflight.enter();
  try {
    return withIgnoredNote(await run, ignored);
  } finally {
    const outcome =
      (result as { resultType?: string } | undefined)?.resultType === 'input_required'
        ? 'input_required'
        : result?.isError
          ? firstWord(result)
          : 'ok';
    span?.end({ errorType: result?.isError ? outcome : undefined, cacheHit });
    try {
      await report(host, request, tool, principal, {
        outcome,
        started,
        result,
        cacheHit,
        traceId: span?.traceId,
        skipAudit: askedForConfirmation && request.context.era === 'modern',
        confirmation: confirmationRetry
          ? outcome === 'CNMCP_ERR_CONFIRMATION_DECLINED'
            ? 'declined'
            : 'accepted'
          : undefined,
      });
    } finally {
      // Shutdown waits for this: the call's audit record is written before the audit file closes.
      host.inflight.leave();
    }
  }
}

function prepareInput(tool: RegisteredTool, normalized: unknown): unknown {
  if (!tool.input) return normalized ?? {};
  const checked = validate(tool.input, normalized, { defaults: true });
  if (!checked.ok) {
    throw coreError(
      'CNMCP_ERR_TOOL_INPUT_INVALID',
      `invalid arguments for ${tool.name}: ${formatIssues(checked.issues)}`,
    );
  }
  return checked.value;
}

/** Only read-only tools with a cacheTtl are cached; the key covers the normalised input (target and pagination included). */
function cacheKeyFor(
  middleware: Partial<PipelineMiddleware>,
  tool: RegisteredTool,
  input: unknown,
  principal: Principal,
): string | undefined {
  if (!middleware.cache?.enabled || !isReadOnly(tool.annotations) || !tool.cacheTtl || tool.cacheTtl <= 0)
    return undefined;
  return middleware.cache.key({
    plugin: tool.plugin,
    tool: tool.name,
    arguments: input,
    principal: `${principal.method}:${principal.name}`,
  });
}

async function runHandler(
  host: CallHost,
  tool: RegisteredTool,
  input: unknown,
  request: ToolCallRequest,
): Promise<unknown> {
  const timeoutMs = tool.timeoutMs ?? host.settings.toolTimeoutMs;
  // One cancellation per call, aborted by the timeout or by the caller's; its AbortSignal is made only if read.
  const abort = new LazyAbort();
  const { context } = request;
  // Named, not spread: a spread of the request's context plus the fields below is a large object on every call.
  const ctx = createToolContext({
    principal: context.principal,
    transport: context.transport,
    era: context.era,
    mcp: context.mcp,
    clientCapabilities: context.clientCapabilities,
    stateTarget: context.stateTarget,
    tools: context.tools,
    callChain: context.callChain,
    signal: () => abort.signal,
    logger: () => host.logger.child({ plugin: tool.plugin, tool: tool.name }),
    resultBudgetBytes: host.settings.maxResultBytes,
    backend: tool.backend?.forCall(input),
    callTool: (name, args) => callNested(host, request, tool, abort.signal, name, args),
  });
  const signals: Array<AbortSignal | undefined> = [
    context.signal,
    // The direct path's own cancellation stands for the request's (its SDK-style context makes a signal only on demand).
    context.mcp && !context.cancel ? context.mcp.mcpReq.signal : undefined,
  ];
  let stop!: (error: CnmcpError) => void;
  const end = (reason: unknown, error: () => CnmcpError) => {
    if (abort.aborted) return;
    abort.abort(reason);
    stop(error());
  };
  const cancelled = (reason: unknown) =>
    end(reason, () => coreError('CNMCP_ERR_TOOL_CANCELLED', `${tool.name} was cancelled by the client`));
  const onAbort = (event: Event) => cancelled((event.target as AbortSignal).reason);
  let timer: NodeJS.Timeout | undefined;
  let unlisten: (() => void) | undefined;
  try {
    // The handler's answer, or the timeout's or the caller's cancellation, whichever comes first. A later
    // rejection (the SDK aborts when the response stream closes) meets a settled promise and is ignored.
    return await new Promise<unknown>((resolve, reject) => {
      stop = reject;
      for (const signal of signals) {
        if (signal?.aborted) cancelled(signal.reason);
        else signal?.addEventListener('abort', onAbort, { once: true });
      }
      unlisten = context.cancel?.onAbort(cancelled);
      timer = setTimeout(
        () =>
          end(undefined, () =>
            coreError('CNMCP_ERR_TOOL_TIMEOUT', `${tool.name} did not finish within ${timeoutMs} ms`),
          ),
        timeoutMs,
      );
      tool.invoke(input, ctx).then(resolve, reject);
    });
  } finally {
    clearTimeout(timer);
    unlisten?.();
    for (const signal of signals) signal?.removeEventListener('abort', onAbort);
  }
}

/** Secret-looking values are masked in tool output unless the tool sets redactOutput: false. */
function redactOutput(policy: PolicyMiddleware | undefined, tool: RegisteredTool, value: unknown): unknown {
  if (!policy || !tool.redactOutput) return value;
  const { redactor } = policy;
  if (typeof value === 'string') return redactor.text(value);
  if (isCallToolResult(value)) {
    return {
      ...value,
      content: value.content.map((block) =>
        block.type === 'text' ? { ...block, text: redactor.text(block.text) } : block,
      ),
      ...(value.structuredContent ? { structuredContent: redactor.value(value.structuredContent) } : {}),
    };
  }
  if (value && typeof value === 'object' && (value as { resultType?: unknown }).resultType === 'input_required')
    return value;
  return redactor.value(value);
}

function traceCarrier(request: ToolCallRequest): { traceparent?: string; tracestate?: string } {
  const meta = request.context.mcp?.mcpReq._meta as Record<string, unknown> | undefined;
  if (typeof meta?.traceparent === 'string')
    return {
      traceparent: meta.traceparent,
      tracestate: typeof meta.tracestate === 'string' ? meta.tracestate : undefined,
    };
  const headers = request.context.mcp?.http?.req?.headers;
  const traceparent = headers?.get('traceparent') ?? undefined;
  return traceparent ? { traceparent, tracestate: headers?.get('tracestate') ?? undefined } : {};
}

/** One audit record, the metrics, then the observers: after the call, before its result is returned. */
async function report(
  host: CallHost,
  request: ToolCallRequest,
  tool: { name: string; plugin: string },
  principal: Principal,
  done: {
    outcome: string;
    started: number;
    result?: CallToolResult;
    cacheHit: boolean;
    traceId?: string;
    /** The first round of a 2026-era confirmation: its retry writes the one record. */
    skipAudit?: boolean;
    confirmation?: 'accepted' | 'declined';
  },
): Promise<void> {
  const { audit, metrics } = host.middleware ?? {};
  const { outcome } = done;
  const durationMs = performance.now() - done.started;
  try {
    const status = outcome === 'ok' || outcome === 'protocol_error' || outcome === 'input_required' ? outcome : 'error';
    metrics?.request('tools/call', status, durationMs / 1000);
    if (status === 'error' || status === 'protocol_error')
      metrics?.toolError(outcome === 'protocol_error' ? 'CNMCP_ERR_TOOL_NOT_FOUND' : outcome);
  } catch (err) {
    host.logger.error({ err }, 'metrics failed');
  }
  const audited = !done.skipAudit && !!audit?.enabled;
  // The record (its time, its result size) is built only for someone who reads it.
  if (!audited && host.observers.length === 0) return;
  const userAgent = request.context.mcp?.http?.req?.headers.get('user-agent') ?? undefined;
  const time = isoNow();
  const requestId = request.context.mcp?.mcpReq.id;
  const client = userAgent ? { ...request.client, userAgent } : request.client;
  const rounded = Math.round(durationMs * 1000) / 1000;
  const resultBytes = done.result ? Buffer.byteLength(JSON.stringify(done.result.content ?? done.result)) : 0;
  const parent = request.nested?.parent;
  if (audited) {
    const entry: AuditRecord = {
      time,
      type: 'tool_call',
      requestId,
      principal: { name: principal.name, method: principal.method },
      transport: request.context.transport,
      client,
      tool: tool.name,
      plugin: tool.plugin || undefined,
      arguments: request.arguments,
      outcome,
      durationMs: rounded,
      resultBytes,
      cacheHit: done.cacheHit,
      traceId: done.traceId,
    };
    if (parent) entry.parent = parent;
    if (done.confirmation) entry.confirmation = done.confirmation;
    // Over stdio a call alone in flight has no record to share its write with; over HTTP, calls of other
    // connections answered in the same turn do (they are rarely in flight at the same moment).
    const written = audit!.record(entry, request.context.transport === 'stdio' && host.inflight.size <= 1);
    if (written) await written;
  }
  if (host.observers.length === 0) return;
  const record: ToolCallRecord = {
    time,
    requestId,
    tool: tool.name,
    plugin: tool.plugin,
    arguments: request.arguments,
    principal: principal.name,
    principalMethod: principal.method,
    transport: request.context.transport,
    client,
    outcome,
    durationMs: rounded,
    resultBytes,
    cacheHit: done.cacheHit,
    traceId: done.traceId,
    ...(parent ? { parent } : {}),
    ...(done.confirmation ? { confirmation: done.confirmation } : {}),
  };
  for (const observe of host.observers) {
    try {
      await observe(record);
    } catch (err) {
      host.logger.error({ err }, 'tool-call observer failed');
    }
  }
}

function firstWord(result: CallToolResult): string {
  const first = result.content[0];
  const text = first && first.type === 'text' ? first.text : '';
  const match = /^([A-Z][A-Z0-9_]*_ERR_[A-Z0-9_]+):/.exec(text);
  return match ? match[1] : 'error';
}

/** Known errors pass through; anything else becomes CNMCP_ERR_TOOL_INTERNAL (logged with its stack, never sent). */
function toCnmcpError(logger: Logger, tool: RegisteredTool, err: unknown): CnmcpError {
  if (isCnmcpError(err)) return err;
  const reference = Math.random().toString(36).slice(2, 10);
  logger.error({ err, tool: tool.name, plugin: tool.plugin, reference }, 'tool failed unexpectedly');
  const message =
    err instanceof Error
      ? err.message
          .split('\n')[0]
          .replace(/\/\/[^/@\s]+@/g, '//***@')
          .slice(0, 300)
      : String(err).slice(0, 300);
  // A TypeError in a tool that reads a backend's answer almost always means the answer had a shape the tool did
  // not expect (another version, a proxy's page): say so, so the agent looks at the target, not at its arguments.
  const shapeError = err instanceof TypeError || (err instanceof RangeError && /Invalid time value/.test(err.message));
  if (tool.backend && shapeError)
    return coreError(
      'CNMCP_ERR_BACKEND_BAD_RESPONSE',
      `${tool.name}: the backend's answer did not have the expected shape (${message}; reference ${reference} in the server log)`,
    );
  return coreError(
    'CNMCP_ERR_TOOL_INTERNAL',
    `${tool.name} failed: ${message} (reference ${reference} in the server log)`,
  );
}
