// THE tool-call pipeline. Every transport calls this one function, so all of them behave alike:
// find → authorise → health gate → normalise, validate and default the input → run under timeout and
// AbortSignal → format and cap the size → observers (audit, metrics) in `finally`.
import { ProtocolError, ProtocolErrorCode, type CallToolResult } from '@modelcontextprotocol/server';
import { coreError, isCnmcpError, type CnmcpError } from '../errors.js';
import type { Logger } from '../logger.js';
import { formatIssues, validate } from '../validation.js';
import { createToolContext, type ContextInit } from './context.js';
import { normalizeArguments } from './normalize.js';
import type { RegisteredTool, Registry, Scope } from './registry.js';
import { errorResult, formatResult } from './result.js';

export interface ToolCallRecord {
  tool: string;
  plugin: string;
  arguments: unknown;
  principal: string;
  transport: string;
  /** 'ok', the CnmcpError code of an isError result, or 'protocol_error'. */
  outcome: string;
  durationMs: number;
  resultBytes: number;
  cacheHit: boolean;
}

export interface CallHost {
  registry: Registry;
  settings: { toolTimeoutMs: number; maxResultBytes: number };
  logger: Logger;
  /** Throws CNMCP_ERR_SERVICE_UNAVAILABLE while the plugin's backend is failing its health check. */
  assertHealthy(pluginId: string): Promise<void>;
  /** Called once per call, after it ends (audit, metrics). Must not throw. */
  observers: Array<(record: ToolCallRecord) => void | Promise<void>>;
  /** Counts calls in flight, for graceful shutdown. */
  inflight: { add(p: Promise<unknown>): void };
}

export interface ToolCallRequest {
  name: string;
  arguments: unknown;
  scope?: Scope;
  context: Omit<ContextInit, 'logger' | 'signal'> & { signal?: AbortSignal };
}

export async function callTool(host: CallHost, request: ToolCallRequest): Promise<CallToolResult> {
  const started = performance.now();
  const tool = host.registry.getTool(request.name, request.scope);
  if (!tool) {
    const hidden = host.registry.hiddenReason(request.name);
    if (hidden) return errorResult(coreError('CNMCP_ERR_TOOL_DISABLED', `tool ${request.name} is not served by this server: ${hidden}`));
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, `CNMCP_ERR_TOOL_NOT_FOUND: unknown tool ${JSON.stringify(request.name)}. Hint: call tools/list for the available names.`);
  }
  let outcome = 'ok';
  let result: CallToolResult | undefined;
  const run = (async () => {
    try {
      await host.assertHealthy(tool.plugin);
      const input = prepareInput(tool, request.arguments);
      const value = await runHandler(host, tool, input, request);
      result = formatResult(value, { maxBytes: host.settings.maxResultBytes, hasOutputSchema: !!tool.output });
    } catch (err) {
      result = errorResult(toCnmcpError(host.logger, tool, err));
    }
    if (result.isError) outcome = firstWord(result);
    return result;
  })();
  host.inflight.add(run);
  try {
    return await run;
  } finally {
    const record: ToolCallRecord = {
      tool: tool.name, plugin: tool.plugin, arguments: request.arguments,
      principal: request.context.principal?.name ?? 'anonymous', transport: request.context.transport,
      outcome, durationMs: performance.now() - started,
      resultBytes: result ? Buffer.byteLength(JSON.stringify(result.content)) : 0, cacheHit: false,
    };
    for (const observe of host.observers) {
      try { await observe(record); } catch (err) { host.logger.error({ err }, 'tool-call observer failed'); }
    }
  }
}

function prepareInput(tool: RegisteredTool, raw: unknown): unknown {
  const normalized = normalizeArguments(tool.input, raw);
  if (!tool.input) return normalized ?? {};
  const checked = validate(tool.input, normalized, { defaults: true });
  if (!checked.ok) {
    throw coreError('CNMCP_ERR_TOOL_INPUT_INVALID', `invalid arguments for ${tool.name}: ${formatIssues(checked.issues)}`);
  }
  return checked.value;
}

async function runHandler(host: CallHost, tool: RegisteredTool, input: unknown, request: ToolCallRequest): Promise<unknown> {
  const timeoutMs = tool.timeoutMs ?? host.settings.toolTimeoutMs;
  const timeout = new AbortController();
  const signals = [timeout.signal, ...(request.context.signal ? [request.context.signal] : []), ...(request.context.mcp ? [request.context.mcp.mcpReq.signal] : [])];
  const signal = AbortSignal.any(signals);
  const ctx = createToolContext({ ...request.context, signal, logger: host.logger.child({ plugin: tool.plugin, tool: tool.name }) });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timeout.abort();
      reject(coreError('CNMCP_ERR_TOOL_TIMEOUT', `${tool.name} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const cancelled = new Promise<never>((_, reject) => {
    const onAbort = () => { if (!timeout.signal.aborted) reject(coreError('CNMCP_ERR_TOOL_CANCELLED', `${tool.name} was cancelled by the client`)); };
    if (signal.aborted) onAbort(); else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([tool.invoke(input, ctx), timedOut, cancelled]);
  } finally {
    clearTimeout(timer);
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
  const message = err instanceof Error ? err.message.split('\n')[0].replace(/\/\/[^/@\s]+@/g, '//***@').slice(0, 300) : String(err).slice(0, 300);
  return coreError('CNMCP_ERR_TOOL_INTERNAL', `${tool.name} failed: ${message} (reference ${reference} in the server log)`);
}
