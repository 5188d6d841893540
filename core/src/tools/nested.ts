// ctx.callTool: one plugin calling another plugin's tool through the same pipeline (split from call.ts).
import type { CallToolResult } from '@modelcontextprotocol/server';
import { ProtocolError } from '../vendor/mcp-sdk.js';
import { CnmcpError, coreError } from '../errors.js';
import { callTool, type CallHost, type ToolCallRequest } from './call.js';
import type { RegisteredTool } from './registry.js';

/** How deep ctx.callTool may nest (a calls b calls c …). */
const MAX_NESTING = 4;

/**
 * ctx.callTool: another plugin's tool through this same pipeline, as the same caller (scopes, rate limit, policy,
 * confirmation, cache), audited with its parent. Its isError answer comes back as a thrown CnmcpError.
 */
export async function callNested(
  host: CallHost,
  request: ToolCallRequest,
  caller: RegisteredTool,
  signal: AbortSignal,
  name: string,
  args: Record<string, unknown>,
): Promise<unknown> {
  const chain = [...(request.nested?.chain ?? []), caller.name];
  if (chain.includes(name) || chain.length > MAX_NESTING) {
    throw coreError(
      'CNMCP_ERR_TOOL_CALL_CYCLE',
      `${caller.name} may not call ${name}: the call chain ${[...chain, name].join(' → ')} ${chain.includes(name) ? 'is a cycle' : `nests deeper than ${MAX_NESTING}`}`,
    );
  }
  let result: CallToolResult;
  try {
    result = await callTool(host, {
      name,
      arguments: args,
      context: { ...request.context, signal },
      client: request.client,
      nested: { chain, parent: { tool: caller.name, requestId: request.context.mcp?.mcpReq.id } },
    });
  } catch (err) {
    if (err instanceof ProtocolError) {
      throw coreError(
        'CNMCP_ERR_TOOL_NOT_FOUND',
        `${caller.name} needs the tool ${name}, which no loaded plugin serves`,
        {
          hint: `Install and configure the plugin that provides ${name} (its id is the part before the first _).`,
        },
      );
    }
    throw err;
  }
  if ((result as { resultType?: string }).resultType === 'input_required') {
    throw coreError(
      'CNMCP_ERR_CONFIRMATION_REQUIRED',
      `${name}, called by ${caller.name}, needs the user's confirmation`,
      {
        hint: `Call ${name} directly so the user can be asked.`,
      },
    );
  }
  const text = result.content
    .filter((block): block is { type: 'text'; text: string } => block.type === 'text')
    .map((block) => block.text)
    .join('\n');
  if (result.isError) throw errorFromText(text, name);
  if (result.structuredContent !== undefined) return result.structuredContent;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Rebuilds the CnmcpError a nested tool answered (`CODE: message` / `Hint: …` / `Retry after: Ns`). */
function errorFromText(text: string, tool: string): CnmcpError {
  const match = /^([A-Z][A-Z0-9]*_ERR_[A-Z0-9_]+): ([\s\S]*?)(?:\nHint: ([\s\S]*?))?(?:\nRetry after: (\d+)s)?$/.exec(
    text.trim(),
  );
  if (!match) return coreError('CNMCP_ERR_TOOL_INTERNAL', `${tool} failed: ${text.slice(0, 300)}`);
  return new CnmcpError(match[1], match[2], {
    hint: match[3],
    retryAfterSeconds: match[4] ? Number(match[4]) : undefined,
  });
}
