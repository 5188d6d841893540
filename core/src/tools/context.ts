// What a handler receives besides its input: cancellation, progress, client logging, identity, and the
// raw SDK context for the rare tool that needs it (elicitation, sampling, multi-round-trip state).
import type { ServerContext } from '@modelcontextprotocol/server';
import type { Logger } from '../logger.js';

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical' | 'alert' | 'emergency';

/** Who is calling (set by the auth layer; anonymous when auth is off). */
export interface Principal {
  name: string;
  scopes: string[];
  method: 'anonymous' | 'apiKey' | 'basic' | 'bearer' | 'jwt' | 'stdio';
}

export type TransportKind = 'stdio' | 'http' | 'sse' | 'in-process';

export interface ToolContext {
  /** Aborted when the client cancels or the call times out; pass it to every backend call. */
  signal: AbortSignal;
  logger: Logger;
  principal: Principal;
  transport: TransportKind;
  /** `modern` for 2026-07-28 requests, `legacy` for 2025-11-25 and older. */
  era: 'legacy' | 'modern';
  requestId: string | number;
  /** Sends notifications/progress when the client asked for progress (no-op otherwise). */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /** Sends a notifications/message log line to the client (when the client accepts logs). */
  log(level: LogLevel, data: unknown): Promise<void>;
  /** The SDK's request context, for elicitation/sampling/requestState (see docs/writing-a-plugin.md). */
  mcp?: ServerContext;
}

export const ANONYMOUS: Principal = { name: 'anonymous', scopes: [], method: 'anonymous' };

export interface ContextInit {
  logger: Logger;
  principal?: Principal;
  transport: TransportKind;
  era: 'legacy' | 'modern';
  mcp?: ServerContext;
  signal: AbortSignal;
}

export function createToolContext(init: ContextInit): ToolContext {
  const mcp = init.mcp;
  const progressToken = mcp?.mcpReq._meta?.progressToken;
  return {
    signal: init.signal,
    logger: init.logger,
    principal: init.principal ?? ANONYMOUS,
    transport: init.transport,
    era: init.era,
    requestId: mcp?.mcpReq.id ?? 0,
    async progress(progress, total, message) {
      if (!mcp || progressToken === undefined) return;
      await mcp.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress, total, message } }).catch(() => undefined);
    },
    async log(level, data) {
      if (!mcp) return;
      await mcp.mcpReq.log(level, data).catch(() => undefined);
    },
    mcp,
  };
}
