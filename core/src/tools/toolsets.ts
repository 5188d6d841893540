// Which toolsets (`<plugin>/<group>`) the configuration serves, and the three meta tools of dynamic toolsets
// (after the GitHub MCP server's): list the toolsets, show one toolset's tools, enable one for this session.
import type { LoadedPlugin } from '../plugins/load.js';
import { globToRegExp } from './policy.js';
import type { Registry, Scope, Toolset, ToolsetPolicy } from './registry.js';

export interface ToolsetsConfig {
  enabled?: string[];
  dynamic: boolean;
  listUnconfigured: boolean;
}

export function createToolsetPolicy(config: ToolsetsConfig, plugins: LoadedPlugin[]): ToolsetPolicy {
  const patterns = config.enabled?.map(globToRegExp);
  const backends = new Map(plugins.map((p) => [p.definition.id, p.backend]));
  return {
    enabled: (toolset: Toolset) => (patterns ? patterns.some((r) => r.test(toolset.name)) : toolset.default),
    listUnconfigured: config.listUnconfigured,
    configured: (plugin) => backends.get(plugin)?.isConfigured() ?? true,
  };
}

export const META_TOOLS = ['cnmcp_list_toolsets', 'cnmcp_get_toolset_tools', 'cnmcp_enable_toolset'] as const;

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** The meta tools' definitions as tools/list shows them. */
export function metaToolDefinitions() {
  const toolsetArg = {
    type: 'object' as const,
    properties: {
      toolset: { type: 'string', description: 'Toolset name, <plugin>/<group> (see cnmcp_list_toolsets).' },
    },
    required: ['toolset'],
  };
  return [
    {
      name: 'cnmcp_list_toolsets',
      title: 'List toolsets',
      description:
        'Lists the toolsets (<plugin>/<group>) with their tool counts, descriptions and whether they are enabled.',
      inputSchema: { type: 'object' as const, properties: {} },
      annotations: readOnly,
    },
    {
      name: 'cnmcp_get_toolset_tools',
      title: 'Show a toolset',
      description: "Lists one toolset's tools (name and description) without enabling it.",
      inputSchema: toolsetArg,
      annotations: readOnly,
    },
    {
      name: 'cnmcp_enable_toolset',
      title: 'Enable a toolset',
      description:
        'Enables a toolset for this session: its tools appear in tools/list (notifications/tools/list_changed is sent).',
      inputSchema: toolsetArg,
      annotations: { ...readOnly, readOnlyHint: false, idempotentHint: true },
    },
  ];
}

export type MetaToolAnswer = { isError?: boolean; text: string; changed?: boolean };

/**
 * Runs a meta tool. `sessionToolsets` is the calling session's own set (undefined on the stateless 2026-07-28
 * era, where toolsets come from config only and the answer says so).
 */
export function runMetaTool(
  registry: Registry,
  scope: Scope | undefined,
  sessionToolsets: Set<string> | undefined,
  name: string,
  args: Record<string, unknown>,
): MetaToolAnswer {
  const all = registry.toolsets(scope);
  if (name === 'cnmcp_list_toolsets') {
    const rows = all.map((t) => ({
      toolset: t.name,
      title: t.title,
      description: t.description,
      tools: t.tools.length,
      enabled: registry.toolsetEnabled(t.name, { ...scope, toolsets: sessionToolsets }),
    }));
    return { text: JSON.stringify({ total: rows.length, toolsets: rows }, null, 2) };
  }
  const wanted = typeof args.toolset === 'string' ? args.toolset : '';
  const toolset = all.find((t) => t.name === wanted);
  if (!toolset) {
    const names = all.map((t) => t.name).join(', ');
    return {
      isError: true,
      text: `CNMCP_ERR_TOOLSET_UNKNOWN: no toolset named ${JSON.stringify(wanted)}\nHint: Use one of: ${names}`,
    };
  }
  if (name === 'cnmcp_get_toolset_tools') {
    const tools = toolset.tools.map((t) => ({ name: t, description: registry.getServedTool(t)?.description }));
    return { text: JSON.stringify({ toolset: toolset.name, description: toolset.description, tools }, null, 2) };
  }
  if (!sessionToolsets) {
    return {
      text: JSON.stringify({
        toolset: toolset.name,
        enabled: registry.toolsetEnabled(toolset.name, scope),
        note: 'Stateless (2026-07-28) requests have no session to enable toolsets in; the configured toolsets (toolsets.enabled) apply.',
      }),
    };
  }
  const already = registry.toolsetEnabled(toolset.name, { ...scope, toolsets: sessionToolsets });
  sessionToolsets.add(toolset.name);
  return {
    text: JSON.stringify({ toolset: toolset.name, enabled: true, tools: toolset.tools }),
    changed: !already,
  };
}
