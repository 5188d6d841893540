// The only reader of decorator metadata: turns a plugin class into a checked PluginDefinition.
import { satisfies, validRange } from '../vendor/fastify.js';
import type { TSchema } from 'typebox';
import { GROUP_KEY, MEMBERS_KEY, SERVICE_KEY, type MemberRecord } from '../decorators/keys.js';
import type {
  Constructor,
  PromptOptions,
  ResourceOptions,
  ServiceOptions,
  ToolDefaults,
  ToolGroupOptions,
  ToolOptions,
} from '../decorators/types.js';
import { coreError } from '../errors.js';

export const PLUGIN_ID_PATTERN = /^[a-z][a-z0-9]{0,31}$/;
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const GROUP_NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
const PROMPT_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;

export type PluginClass = (new (...args: never[]) => object) & Record<symbol, unknown>;

export interface Declared<Options> {
  method: string;
  options: Options;
}

/** One tool group (toolset `<plugin>/<name>`): a @ToolGroup class, or the @Service class's own @Tool methods. */
export interface GroupDefinition {
  name: string;
  title?: string;
  description: string;
  default: boolean;
  defaults: ToolDefaults;
  /** The group class; undefined for the service class's own tools. */
  ctor?: PluginClass;
  tools: Declared<ToolOptions>[];
}

export interface PluginDefinition {
  id: string;
  title?: string;
  description?: string;
  coreRange: string;
  configSchema?: TSchema;
  ctor: PluginClass;
  groups: GroupDefinition[];
  providers: Constructor[];
  backend?: ServiceOptions['backend'];
  prompts: Declared<PromptOptions>[];
  resources: Declared<ResourceOptions>[];
  /** Where it came from, for messages: a package name or a path. */
  source: string;
  version: string;
  dir: string;
}

/** Brand check (not instanceof), so that two copies of core agree. */
export function isPluginClass(value: unknown): value is PluginClass {
  return typeof value === 'function' && Object.prototype.hasOwnProperty.call(value, SERVICE_KEY);
}

function fail(source: string, message: string): never {
  throw coreError('CNMCP_ERR_PLUGIN_METADATA_INVALID', `plugin ${source}: ${message}`);
}

/** Name of the implicit group holding the @Service class's own @Tool methods (single-class plugins). */
export const OWN_GROUP = 'default';

export function readPluginDefinition(
  ctor: PluginClass,
  where: { source: string; version: string; dir: string; coreVersion: string },
): PluginDefinition {
  const service = ctor[SERVICE_KEY] as ServiceOptions;
  const { source } = where;
  if (!service || typeof service.name !== 'string' || !PLUGIN_ID_PATTERN.test(service.name)) {
    throw coreError(
      'CNMCP_ERR_PLUGIN_ID_INVALID',
      `plugin ${source}: id ${JSON.stringify(service?.name)} does not match ${PLUGIN_ID_PATTERN}`,
    );
  }
  const id = service.name;
  if (typeof service.core !== 'string' || !validRange(service.core)) {
    throw coreError(
      'CNMCP_ERR_PLUGIN_CORE_RANGE',
      `plugin ${id} (${source}) declares core range ${JSON.stringify(service.core)}, which is not a semver range`,
    );
  }
  if (!satisfies(where.coreVersion, service.core, { includePrerelease: true })) {
    throw coreError(
      'CNMCP_ERR_PLUGIN_CORE_RANGE',
      `plugin ${id} (${source}) supports @cnmcp/core ${service.core}, but this is core ${where.coreVersion}`,
    );
  }
  const toolNames = new Set<string>();
  const prompts: Declared<PromptOptions>[] = [];
  const resources: Declared<ResourceOptions>[] = [];
  const readMembers = (owner: PluginClass, ownerName: string): Declared<ToolOptions>[] => {
    const tools: Declared<ToolOptions>[] = [];
    for (const member of (owner[MEMBERS_KEY] as MemberRecord[] | undefined) ?? []) {
      if (typeof (owner.prototype as Record<string, unknown>)[member.method] !== 'function')
        fail(source, `${ownerName}.${member.method} is not a method`);
      if (member.kind === 'tool') {
        const options = member.options as ToolOptions;
        const name = options?.name;
        if (typeof name !== 'string' || !TOOL_NAME_PATTERN.test(name) || !name.startsWith(`${id}_`)) {
          throw coreError(
            'CNMCP_ERR_TOOL_NAME_INVALID',
            `plugin ${id}: tool name ${JSON.stringify(name)} (${ownerName}.${member.method}) must match ${TOOL_NAME_PATTERN} and start with '${id}_'`,
          );
        }
        if (toolNames.has(name))
          throw coreError('CNMCP_ERR_TOOL_NAME_DUPLICATE', `plugin ${id}: tool ${name} is declared twice`);
        toolNames.add(name);
        if (!options.description) fail(source, `tool ${name} has no description`);
        if (options.input && (options.input as { type?: string }).type !== 'object')
          fail(source, `tool ${name}: input must be a Type.Object schema`);
        tools.push({ method: member.method, options });
      } else if (member.kind === 'prompt') {
        if (owner !== ctor)
          fail(source, `prompt on ${ownerName}.${member.method}: declare prompts on the @Service class`);
        const options = member.options as PromptOptions;
        if (typeof options?.name !== 'string' || !PROMPT_NAME_PATTERN.test(options.name))
          fail(source, `prompt name ${JSON.stringify(options?.name)} is invalid`);
        prompts.push({ method: member.method, options });
      } else {
        if (owner !== ctor)
          fail(source, `resource on ${ownerName}.${member.method}: declare resources on the @Service class`);
        const options = member.options as ResourceOptions;
        if (!options?.name) fail(source, `resource on ${member.method} has no name`);
        if (!!options.uri === !!options.uriTemplate)
          fail(source, `resource ${options.name} needs exactly one of uri and uriTemplate`);
        resources.push({ method: member.method, options });
      }
    }
    return tools;
  };

  const groups: GroupDefinition[] = [];
  const ownTools = readMembers(ctor, ctor.name);
  if (ownTools.length) {
    groups.push({
      name: OWN_GROUP,
      description: service.description ?? `Tools of ${id}.`,
      default: true,
      defaults: {},
      tools: ownTools,
    });
  }
  for (const [index, groupClass] of (service.tools ?? []).entries()) {
    const group =
      typeof groupClass === 'function'
        ? ((groupClass as PluginClass)[GROUP_KEY] as ToolGroupOptions | undefined)
        : undefined;
    if (!group)
      fail(
        source,
        `tools[${index}] (${(groupClass as { name?: string })?.name ?? typeof groupClass}) is not a class marked @ToolGroup`,
      );
    if (typeof group.name !== 'string' || !GROUP_NAME_PATTERN.test(group.name))
      fail(source, `tool group name ${JSON.stringify(group.name)} does not match ${GROUP_NAME_PATTERN}`);
    if (groups.some((g) => g.name === group.name)) fail(source, `tool group ${group.name} is listed twice`);
    if (!group.description) fail(source, `tool group ${group.name} has no description`);
    const tools = readMembers(groupClass as PluginClass, groupClass.name);
    if (!tools.length) fail(source, `tool group ${group.name} (${groupClass.name}) has no @Tool methods`);
    groups.push({
      name: group.name,
      title: group.title,
      description: group.description,
      default: group.default ?? false,
      defaults: group.defaults ?? {},
      ctor: groupClass as PluginClass,
      tools,
    });
  }
  for (const [index, provider] of (service.providers ?? []).entries()) {
    if (typeof provider !== 'function') fail(source, `providers[${index}] is not a class`);
  }
  return {
    id,
    title: service.title,
    description: service.description,
    coreRange: service.core,
    configSchema: service.config,
    ctor,
    groups,
    providers: service.providers ?? [],
    backend: service.backend,
    prompts,
    resources,
    source,
    version: where.version,
    dir: where.dir,
  };
}
