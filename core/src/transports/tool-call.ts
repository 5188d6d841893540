// The tools/call answer both request paths share: the SDK's handler (mcp-server.ts) and the direct path
// (direct-call.ts) hand the call to the pipeline the same way, so it behaves alike whichever path serves it.
import type { CallToolResult, ClientCapabilities, ServerContext } from '@modelcontextprotocol/server';
import { callTool } from '../tools/call.js';
import type { Principal, TransportKind } from '../tools/context.js';
import { pluginTools, type PluginTools } from '../tools/dynamic.js';
import type { LazyAbort } from '../tools/lazy-abort.js';
import type { Scope } from '../tools/registry.js';
import type { McpHost } from './mcp-server.js';

export interface ToolCallInput {
  params: { name: string; arguments?: Record<string, unknown> };
  /** The request context: the SDK's, or the direct path's equivalent. */
  ctx: ServerContext;
  scope?: Scope;
  era: 'legacy' | 'modern';
  transport: TransportKind;
  principal: Principal;
  clientCapabilities: ClientCapabilities;
  client?: { name?: string; version?: string };
  clientIp?: string;
  /** `tools/call:<name>`: what a requestState minted by this call is bound to. */
  stateTarget: string;
  /** The direct path's cancellation (see LazyAbort). */
  cancel?: LazyAbort;
}

/** Each plugin's ctx.tools, made once per host rather than on every call. */
const toolsOfPlugins = new WeakMap<McpHost, Map<string, PluginTools>>();

function toolsOf(host: McpHost, plugin: string): PluginTools {
  let byPlugin = toolsOfPlugins.get(host);
  if (!byPlugin) toolsOfPlugins.set(host, (byPlugin = new Map()));
  let tools = byPlugin.get(plugin);
  if (!tools) byPlugin.set(plugin, (tools = pluginTools(host.registry, host.notifier, plugin)));
  return tools;
}

// Not async: it hands back the pipeline's own promise, without wrapping it in another.
export function answerToolsCall(host: McpHost, input: ToolCallInput): Promise<CallToolResult> {
  const { params, scope } = input;
  const plugin = host.registry.getTool(params.name, scope)?.plugin;
  return callTool(host, {
    name: params.name,
    arguments: params.arguments,
    scope,
    context: {
      principal: input.principal,
      transport: input.transport,
      era: input.era,
      mcp: input.ctx,
      clientCapabilities: input.clientCapabilities,
      stateTarget: input.stateTarget,
      cancel: input.cancel,
      tools: plugin ? toolsOf(host, plugin) : undefined,
    },
    client: input.client ? { name: input.client.name, version: input.client.version } : undefined,
    clientIp: input.clientIp,
  });
}
