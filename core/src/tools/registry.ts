// What the server serves: tools, prompts and resources of every loaded plugin, with their bound handlers.
import type { TSchema } from 'typebox';
import { UriTemplate } from '@modelcontextprotocol/server';
import type { Completer, PromptArgument, ToolAnnotations } from '../decorators/types.js';
import { coreError } from '../errors.js';
import type { ToolContext } from './context.js';
import type { ServedToolFilter } from './policy.js';

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
  invoke(input: unknown, ctx: ToolContext): Promise<unknown>;
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

/** Which plugins a connection sees: all (aggregate endpoint, stdio) or one (per-service endpoints). */
export type Scope = { plugins?: ReadonlySet<string> };

export class Registry {
  private readonly tools = new Map<string, RegisteredTool>();
  private readonly prompts = new Map<string, RegisteredPrompt>();
  private readonly resources: RegisteredResource[] = [];
  /** Tools loaded but not served (policy): kept so a call can say why, and for `cnmcp tools`. */
  private readonly hidden = new Map<string, { tool: RegisteredTool; reason: string }>();
  /** The served-tools policy, applied to tools added at runtime (ctx.tools.add); set by whoever builds the registry. */
  policy?: ServedToolFilter;

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
  }

  removeTool(name: string): boolean {
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
      .filter((t) => this.inScope(t.plugin, scope))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every loaded tool, served or not, with the reason it is hidden. */
  allTools(): Array<{ tool: RegisteredTool; hiddenReason?: string }> {
    return [
      ...[...this.tools.values()].map((tool) => ({ tool })),
      ...[...this.hidden.values()].map(({ tool, reason }) => ({ tool, hiddenReason: reason })),
    ].sort((a, b) => a.tool.name.localeCompare(b.tool.name));
  }

  getTool(name: string, scope?: Scope): RegisteredTool | undefined {
    const tool = this.tools.get(name);
    return tool && this.inScope(tool.plugin, scope) ? tool : undefined;
  }

  hiddenReason(name: string): string | undefined {
    return this.hidden.get(name)?.reason;
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
