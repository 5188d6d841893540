// Destructive calls run only after the user says yes (elicitation in 2025-era sessions, an input_required round
// trip with sealed state in 2026-07-28). Split from call.ts, which calls these two functions.
import type { CallToolResult } from '@modelcontextprotocol/server';
import { inputRequired } from '../vendor/mcp-sdk.js';
import { coreError } from '../errors.js';
import type { CallHost, ToolCallRequest } from './call.js';
import { createToolContext } from './context.js';
import { isDestructive } from './policy.js';
import type { RegisteredTool } from './registry.js';

const CONFIRM_KEY = 'cnmcp_confirm';

/**
 * A destructive tool runs only after the user says yes. Only the user can: the question goes to the
 * client as a form elicitation; no argument the model sets counts as consent. 2025-11-25 sessions are
 * asked directly (elicitation/create); 2026-07-28 requests get an input_required result whose sealed
 * requestState proves on the retry that this server asked for this tool. Clients that cannot be asked
 * (no elicitation capability) get confirmDestructive.fallback: deny (default) or allow.
 * Returns an input_required result to send back, or undefined when the call may go ahead.
 */
export async function confirmIfDestructive(
  host: CallHost,
  tool: RegisteredTool,
  request: ToolCallRequest,
): Promise<CallToolResult | undefined> {
  const policy = host.middleware?.policy;
  const confirm = policy?.confirmDestructive;
  if (!policy || !confirm?.enabled || !isDestructive(tool.annotations)) return undefined;
  const { mcp, era, clientCapabilities } = request.context;
  const canAsk = clientCapabilities ? !!clientCapabilities.elicitation : true;
  const message =
    `The assistant wants to run ${tool.name} (${tool.plugin}), which can change or delete data.\n` +
    `Arguments: ${JSON.stringify(policy.redactor.value(request.arguments ?? {})).slice(0, 500)}\nAllow it?`;
  const requestedSchema = {
    type: 'object' as const,
    properties: {
      confirm: { type: 'boolean' as const, title: `Run ${tool.name}`, description: 'Tick to allow this call.' },
    },
    required: ['confirm'],
  };
  const judge = (answer: { action?: unknown; content?: { confirm?: unknown } } | undefined): undefined => {
    if (answer?.action === 'accept' && answer.content?.confirm === true) return undefined;
    const why =
      answer?.action === 'accept' ? 'not confirmed' : typeof answer?.action === 'string' ? answer.action : 'no answer';
    throw coreError('CNMCP_ERR_CONFIRMATION_DECLINED', `the user did not allow ${tool.name} (${why})`);
  };
  if (mcp && canAsk && era === 'modern') {
    const ctx = createToolContext({ ...request.context, signal: mcp.mcpReq.signal, logger: host.logger });
    const askedForThis = ctx.state<{ confirmTool?: string }>()?.confirmTool === tool.name;
    const answer = ctx.inputResponses[CONFIRM_KEY] as { action?: unknown; content?: { confirm?: unknown } } | undefined;
    if (askedForThis && answer) return judge(answer);
    return (await ctx.inputRequired(
      { [CONFIRM_KEY]: inputRequired.elicit({ message, requestedSchema }) },
      { confirmTool: tool.name },
    )) as unknown as CallToolResult;
  }
  if (mcp && canAsk && era === 'legacy') {
    let answer: { action: string; content?: Record<string, unknown> } | undefined;
    try {
      answer = await mcp.mcpReq.elicitInput({ mode: 'form', message, requestedSchema }, { timeout: confirm.timeoutMs });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (
        code !== 'CAPABILITY_NOT_SUPPORTED' &&
        code !== 'METHOD_NOT_SUPPORTED_BY_PROTOCOL_VERSION' &&
        !/does not support/i.test((err as Error).message)
      ) {
        throw coreError(
          'CNMCP_ERR_CONFIRMATION_DECLINED',
          `asking the user to confirm ${tool.name} failed: ${(err as Error).message}`,
        );
      }
    }
    if (answer) return judge(answer);
  }
  if (confirm.fallback === 'allow') return undefined;
  throw coreError(
    'CNMCP_ERR_CONFIRMATION_REQUIRED',
    `${tool.name} is destructive and needs the user's confirmation, but this client cannot be asked (no form elicitation)`,
  );
}

/** Whether this request is the retry of a 2026-era confirmation this server asked for (sealed state + an answer). */
export function isConfirmationRetry(host: CallHost, tool: RegisteredTool, request: ToolCallRequest): boolean {
  const { mcp, era } = request.context;
  if (!mcp || era !== 'modern' || !isDestructive(tool.annotations)) return false;
  const ctx = createToolContext({ ...request.context, signal: mcp.mcpReq.signal, logger: host.logger });
  return (
    ctx.state<{ confirmTool?: string }>()?.confirmTool === tool.name && ctx.inputResponses[CONFIRM_KEY] !== undefined
  );
}
