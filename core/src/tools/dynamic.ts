// Tools a plugin adds or removes while the server runs (a backend gained a feature, a mode was switched on).
// Added tools go through the same pipeline as decorated ones (validation, timeout, size cap, observers), and
// every change tells connected clients that the tool list changed.
import type { ToolOptions } from '../decorators/types.js';
import { TOOL_NAME_PATTERN } from '../plugins/metadata.js';
import { coreError } from '../errors.js';
import type { Notifier } from '../notifier.js';
import type { ToolContext } from './context.js';
import type { Registry } from './registry.js';

/** A tool declared at run time: the same options as @Tool, plus the handler. */
export type DynamicToolDefinition = Pick<
  ToolOptions,
  'name' | 'title' | 'description' | 'input' | 'output' | 'annotations' | 'timeoutMs'
> & {
  handler(input: any, ctx: ToolContext): unknown;
};

/** The calling plugin's runtime tool list (`ctx.tools`). Only the plugin's own tools can be touched. */
export interface PluginTools {
  /** Serves a new tool from now on and notifies clients. Throws CNMCP_ERR_TOOL_NAME_* on a bad or taken name. */
  add(tool: DynamicToolDefinition): void;
  /** Stops serving one of this plugin's tools; false when it was not registered. Notifies clients on change. */
  remove(name: string): boolean;
  /** Whether a tool of this name is registered (served or hidden by policy). */
  has(name: string): boolean;
}

export function pluginTools(registry: Registry, notifier: Notifier, pluginId: string): PluginTools {
  const own = (name: string) => registry.allTools().find((t) => t.tool.name === name && t.tool.plugin === pluginId);
  return {
    add(tool) {
      if (!TOOL_NAME_PATTERN.test(tool.name) || !tool.name.startsWith(`${pluginId}_`)) {
        throw coreError(
          'CNMCP_ERR_TOOL_NAME_INVALID',
          `dynamic tool name ${JSON.stringify(tool.name)} must match ^[a-z][a-z0-9_]{0,63}$ and start with ${pluginId}_`,
        );
      }
      const annotations = { ...(tool.annotations ?? {}) };
      registry.addTool(
        {
          name: tool.name,
          plugin: pluginId,
          title: tool.title,
          description: tool.description,
          input: tool.input,
          output: tool.output,
          annotations,
          timeoutMs: tool.timeoutMs,
          redactOutput: true,
          toolset: `${pluginId}/runtime`,
          invoke: async (input, ctx) => tool.handler(input, ctx),
        },
        registry.policy?.({ name: tool.name, plugin: pluginId, annotations }),
      );
      notifier.toolsChanged();
    },
    remove(name) {
      if (!own(name)) return false;
      registry.removeTool(name);
      notifier.toolsChanged();
      return true;
    },
    has: (name) => !!own(name),
  };
}
