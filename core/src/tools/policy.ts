// Which loaded tools are served: enabledTools / disabledTools glob patterns, the readOnly and
// disableDestructive modes (from each tool's annotations). Returns the reason a tool is hidden,
// or undefined when it is served. A hidden tool is absent from tools/list and a call to it gets
// CNMCP_ERR_TOOL_DISABLED with this reason.
import type { ToolAnnotations } from '../decorators/types.js';

export type ServedToolFilter = (tool: {
  name: string;
  plugin: string;
  annotations: ToolAnnotations;
}) => string | undefined;

export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

export interface PolicyConfig {
  enabledTools?: string[];
  disabledTools: string[];
  enabledServices?: string[];
  disabledServices?: string[];
  readOnly?: boolean;
  disableDestructive?: boolean;
}

/**
 * MCP semantics: destructiveHint defaults to true for a tool that is not read-only, so a tool
 * without annotations counts as destructive; only `destructiveHint: false` says otherwise.
 */
export function isDestructive(annotations: ToolAnnotations): boolean {
  return annotations.readOnlyHint !== true && annotations.destructiveHint !== false;
}

export function isReadOnly(annotations: ToolAnnotations): boolean {
  return annotations.readOnlyHint === true;
}

export function createToolFilter(config: PolicyConfig): ServedToolFilter {
  const enabled = config.enabledTools?.map(globToRegExp);
  const disabled = config.disabledTools.map(globToRegExp);
  const enabledServices = config.enabledServices?.map(globToRegExp);
  const disabledServices = (config.disabledServices ?? []).map(globToRegExp);
  return (tool) => {
    if (enabledServices && !enabledServices.some((r) => r.test(tool.plugin)))
      return `plugin ${tool.plugin} is not in enabledServices`;
    if (disabledServices.some((r) => r.test(tool.plugin))) return `plugin ${tool.plugin} is in disabledServices`;
    if (enabled && !enabled.some((r) => r.test(tool.name))) return 'not matched by enabledTools';
    if (disabled.some((r) => r.test(tool.name))) return 'matched by disabledTools';
    if (config.readOnly && !isReadOnly(tool.annotations))
      return 'the server runs in readOnly mode and this tool is not annotated readOnlyHint';
    if (config.disableDestructive && isDestructive(tool.annotations))
      return 'disableDestructive is set and this tool is destructive';
    return undefined;
  };
}
