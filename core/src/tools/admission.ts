// May this call run now? The tool's own scopes, then the rate limits (a refusal is a CnmcpError the pipeline
// turns into an isError result, audited like any other).
import { coreError } from '../errors.js';
import type { AuthMiddleware, RateDecision, RateLimitMiddleware } from '../fastify/types.js';
import type { Principal } from './context.js';
import type { RegisteredTool } from './registry.js';

/** A tool's own scopes (ToolOptions.scopes): the caller must hold every one (auth off: no check). */
export function authorise(auth: AuthMiddleware | undefined, principal: Principal, tool: RegisteredTool): void {
  const missing = auth?.missingScopes(principal, tool) ?? [];
  if (missing.length) {
    throw coreError(
      'CNMCP_ERR_AUTH_FORBIDDEN',
      `${tool.name} needs the scope(s) ${missing.join(', ')}, which ${principal.name} does not have`,
      { data: { requiredScopes: tool.scopes } },
    );
  }
}

/** Throws (or rejects, when the limiter's counter is remote) CNMCP_ERR_RATE_LIMITED for a call over a limit. */
export function rateLimit(
  limiter: RateLimitMiddleware | undefined,
  principal: Principal,
  tool: RegisteredTool,
  transport: string,
  clientIp?: string,
): Promise<void> | undefined {
  if (!limiter?.enabled) return undefined;
  const refuseOver = (decision: RateDecision) => {
    if (decision.allowed) return;
    throw coreError(
      'CNMCP_ERR_RATE_LIMITED',
      `${principal.name} called ${decision.rule.startsWith('tool:') ? tool.name : 'tools'} more than ${decision.limit} times in the current window`,
      { retryAfterSeconds: decision.retryAfterSeconds },
    );
  };
  const decision = limiter.checkToolCall(principal, tool, transport, clientIp);
  if (decision instanceof Promise) return decision.then(refuseOver);
  refuseOver(decision);
  return undefined;
}
