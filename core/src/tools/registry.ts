// What the server serves: tools, prompts and resources of every loaded plugin, with their bound handlers.
import type { TSchema } from 'typebox';
import { UriTemplate } from '../vendor/mcp-sdk.js';
import type { Completer, PromptArgument, ToolAnnotations } from '../decorators/types.js';
import { coreError } from '../errors.js';
import type { ToolContext } from './context.js';
import type { ServedToolFilter } from './policy.js';
import type { PluginBackend } from '../plugins/backend.js';

export interface RegisteredTool {
  name: string;
  plugin: string;
  title?: string;
  description: string;
  input?: TSchema;
  output?: TSchema;
  /** JSON Schema sent in tools/list. */
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations: ToolAnnotations;
  cacheTtl?: number;
  scopes?: string[];
  timeoutMs?: number;
  redactOutput: boolean;
  /** `<plugin>/<group>`: the toolset this tool is served with. */
  toolset: string;
  /** The plugin's backend, when it declares one: gives each call its ctx.backend. */
  backend?: PluginBackend;
  invoke(input: unknown, ctx: ToolContext): Promise<unknown>;
}

/** A toolset: one tool group of one plugin, as an operator selects it and an agent can enable it. */
export interface Toolset {
  name: string;
  plugin: string;
  title?: string;
  description: string;
  default: boolean;
  tools: string[];
}

/** Which toolsets the configuration serves, and whether unconfigured plugins are listed. */
export interface ToolsetPolicy {
  enabled(toolset: Toolset): boolean;
  listUnconfigured: boolean;
  /** Whether a plugin's backend is configured (plugins without one always are). */
  configured(plugin: string): boolean;
}

export interface RegisteredPrompt {
  name: string;
  plugin: string;
  title?: string;
  description?: string;
  arguments: PromptArgument[];
  complete?: Record<string, Completer>;
  invoke(args: Record<string, string>, ctx: ToolContext): Promise<unknown>;
}

export interface RegisteredResource {
  plugin: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  uri?: string;
  template?: UriTemplate;
  uriTemplate?: string;
  subscribable: boolean;
  complete?: Record<string, Completer>;
  invoke(uri: string, variables: Record<string, string | string[]>, ctx: ToolContext): Promise<unknown>;
}

const EMPTY_OBJECT_SCHEMA = { type: 'object', properties: {} } as const;

/** The schema clients see: a property with a default is optional for them (the core fills it in). */
function listedSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, { default?: unknown }>;
  const required = schema.required as string[] | undefined;
  if (!required) return schema;
  const stillRequired = required.filter((key) => properties[key]?.default === undefined);
  const { required: _dropped, ...rest } = schema;
  return stillRequired.length ? { ...rest, required: stillRequired } : rest;
}

/**
 * What a connection sees: all plugins (aggregate endpoint, stdio) or one (per-service endpoints), plus the
 * toolsets this session enabled at run time (dynamic toolsets).
 */
export type Scope = { plugins?: ReadonlySet<string>; toolsets?: ReadonlySet<string> };

export class Registry {
  private readonly tools = new Map<string, RegisteredTool>();
  private readonly prompts = new Map<string, RegisteredPrompt>();
  private readonly resources: RegisteredResource[] = [];
  /** Tools loaded but not served (policy): kept so a call can say why, and for `cnmcp tools`. */
  private readonly hidden = new Map<string, { tool: RegisteredTool; reason: string }>();
  /** The served-tools policy, applied to tools added at runtime (ctx.tools.add); set by whoever builds the registry. */
  policy?: ServedToolFilter;
  private readonly toolsetMap = new Map<string, Toolset>();
  /** Which toolsets are served; every one when unset (embedding, tests). */
  toolsetPolicy?: ToolsetPolicy;

  addToolset(toolset: Omit<Toolset, 'tools'>): void {
    if (!this.toolsetMap.has(toolset.name)) this.toolsetMap.set(toolset.name, { ...toolset, tools: [] });
  }

  toolsets(scope?: Scope): Toolset[] {
    return [...this.toolsetMap.values()].filter((t) => this.inScope(t.plugin, scope));
  }

  getToolset(name: string): Toolset | undefined {
    return this.toolsetMap.get(name);
  }

  /** Served by the configuration or enabled by this session. */
  toolsetEnabled(name: string, scope?: Scope): boolean {
    const toolset = this.toolsetMap.get(name);
    if (!toolset) return true; // tools added at run time without a declared group
    if (scope?.toolsets?.has(name)) return true;
    return this.toolsetPolicy ? this.toolsetPolicy.enabled(toolset) : true;
  }

  private listed(tool: RegisteredTool, scope?: Scope): boolean {
    if (!this.toolsetEnabled(tool.toolset, scope)) return false;
    const policy = this.toolsetPolicy;
    if (!policy || policy.listUnconfigured || scope?.toolsets?.has(tool.toolset)) return true;
    return policy.configured(tool.plugin);
  }

  addTool(tool: Omit<RegisteredTool, 'inputSchema' | 'outputSchema'>, hiddenReason?: string): void {
    if (this.tools.has(tool.name) || this.hidden.has(tool.name)) {
      throw coreError(
        'CNMCP_ERR_TOOL_NAME_DUPLICATE',
        `tool ${tool.name} of plugin ${tool.plugin} is already registered`,
      );
    }
    const full: RegisteredTool = {
      ...tool,
      inputSchema: tool.input ? listedSchema(tool.input as Record<string, unknown>) : { ...EMPTY_OBJECT_SCHEMA },
      outputSchema: tool.output as Record<string, unknown> | undefined,
    };
    if (hiddenReason) this.hidden.set(tool.name, { tool: full, reason: hiddenReason });
    else this.tools.set(tool.name, full);
    const toolset = this.toolsetMap.get(tool.toolset);
    if (toolset && !hiddenReason) toolset.tools.push(tool.name);
  }

  removeTool(name: string): boolean {
    const tool = this.tools.get(name);
    const toolset = tool ? this.toolsetMap.get(tool.toolset) : undefined;
    if (toolset) toolset.tools = toolset.tools.filter((t) => t !== name);
    return this.tools.delete(name) || this.hidden.delete(name);
  }

  addPrompt(prompt: RegisteredPrompt): void {
    if (this.prompts.has(prompt.name))
      throw coreError(
        'CNMCP_ERR_TOOL_NAME_DUPLICATE',
        `prompt ${prompt.name} of plugin ${prompt.plugin} is already registered`,
      );
    this.prompts.set(prompt.name, prompt);
  }

  addResource(resource: Omit<RegisteredResource, 'template'>): void {
    this.resources.push({
      ...resource,
      template: resource.uriTemplate ? new UriTemplate(resource.uriTemplate) : undefined,
    });
  }

  private inScope(plugin: string, scope?: Scope): boolean {
    return !scope?.plugins || scope.plugins.has(plugin);
  }

  /** Served tools in a deterministic order (2026-07-28 asks tools/list to be stable). */
  listTools(scope?: Scope): RegisteredTool[] {
    return [...this.tools.values()]
      .filter((t) => this.inScope(t.plugin, scope) && this.listed(t, scope))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every loaded tool, served or not, with the reason it is hidden. */
  allTools(): Array<{ tool: RegisteredTool; hiddenReason?: string }> {
    return [
      ...[...this.tools.values()].map((tool) => ({ tool })),
      ...[...this.hidden.values()].map(({ tool, reason }) => ({ tool, hiddenReason: reason })),
    ].sort((a, b) => a.tool.name.localeCompare(b.tool.name));
  }

  /** A tool a client may call: served by policy and in an enabled toolset. */
  getTool(name: string, scope?: Scope): RegisteredTool | undefined {
    const tool = this.tools.get(name);
    return tool && this.inScope(tool.plugin, scope) && this.toolsetEnabled(tool.toolset, scope) ? tool : undefined;
  }

  /** A tool another plugin may call (ctx.callTool): served by policy, whatever the toolsets. */
  getServedTool(name: string): RegisteredTool | undefined {
    return this.tools.get(name);
  }

  hiddenReason(name: string, scope?: Scope): string | undefined {
    const hidden = this.hidden.get(name)?.reason;
    if (hidden) return hidden;
    const tool = this.tools.get(name);
    if (tool && this.inScope(tool.plugin, scope) && !this.toolsetEnabled(tool.toolset, scope)) {
      return `it belongs to toolset ${tool.toolset}, which is not enabled (config toolsets.enabled; with toolsets.dynamic, cnmcp_enable_toolset)`;
    }
    return undefined;
  }

  listPrompts(scope?: Scope): RegisteredPrompt[] {
    return [...this.prompts.values()]
      .filter((p) => this.inScope(p.plugin, scope))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  getPrompt(name: string, scope?: Scope): RegisteredPrompt | undefined {
    const prompt = this.prompts.get(name);
    return prompt && this.inScope(prompt.plugin, scope) ? prompt : undefined;
  }

  listResources(scope?: Scope): RegisteredResource[] {
    return this.resources.filter((r) => r.uri && this.inScope(r.plugin, scope));
  }

  listTemplates(scope?: Scope): RegisteredResource[] {
    return this.resources.filter((r) => r.template && this.inScope(r.plugin, scope));
  }

  /** The resource serving `uri`, with template variables. Static URIs win over templates. */
  findResource(
    uri: string,
    scope?: Scope,
  ): { resource: RegisteredResource; variables: Record<string, string | string[]> } | undefined {
    for (const resource of this.resources) {
      if (resource.uri === uri && this.inScope(resource.plugin, scope)) return { resource, variables: {} };
    }
    for (const resource of this.resources) {
      if (!resource.template || !this.inScope(resource.plugin, scope)) continue;
      const variables = resource.template.match(uri);
      if (variables) return { resource, variables };
    }
    return undefined;
  }

  findTemplate(uriTemplate: string, scope?: Scope): RegisteredResource | undefined {
    return this.resources.find((r) => r.uriTemplate === uriTemplate && this.inScope(r.plugin, scope));
  }

  get size(): number {
    return this.tools.size;
  }
}
