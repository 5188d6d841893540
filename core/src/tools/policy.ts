// Which loaded tools are served: enabledTools / disabledTools glob patterns.
// Returns the reason a tool is hidden, or undefined when it is served.
import type { ToolAnnotations } from '../decorators/types.js';

export type ServedToolFilter = (tool: { name: string; plugin: string; annotations: ToolAnnotations }) => string | undefined;

export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

export interface PolicyConfig {
  enabledTools?: string[];
  disabledTools: string[];
}

export function createToolFilter(config: PolicyConfig): ServedToolFilter {
  const enabled = config.enabledTools?.map(globToRegExp);
  const disabled = config.disabledTools.map(globToRegExp);
  return (tool) => {
    if (enabled && !enabled.some((r) => r.test(tool.name))) return 'not matched by enabledTools';
    if (disabled.some((r) => r.test(tool.name))) return 'matched by disabledTools';
    return undefined;
  };
}
