// The only reader of decorator metadata: turns a plugin class into a checked PluginDefinition.
import semver from 'semver';
import type { TSchema } from 'typebox';
import { MEMBERS_KEY, SERVICE_KEY, type MemberRecord } from '../decorators/keys.js';
import type { PromptOptions, ResourceOptions, ServiceOptions, ToolOptions } from '../decorators/types.js';
import { coreError } from '../errors.js';

export const PLUGIN_ID_PATTERN = /^[a-z][a-z0-9]{0,31}$/;
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const PROMPT_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;

export type PluginClass = (new (...args: never[]) => object) & Record<symbol, unknown>;

export interface Declared<Options> {
  method: string;
  options: Options;
}

export interface PluginDefinition {
  id: string;
  title?: string;
  description?: string;
  coreRange: string;
  configSchema?: TSchema;
  ctor: PluginClass;
  tools: Declared<ToolOptions>[];
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
  if (typeof service.core !== 'string' || !semver.validRange(service.core)) {
    throw coreError(
      'CNMCP_ERR_PLUGIN_CORE_RANGE',
      `plugin ${id} (${source}) declares core range ${JSON.stringify(service.core)}, which is not a semver range`,
    );
  }
  if (!semver.satisfies(where.coreVersion, service.core, { includePrerelease: true })) {
    throw coreError(
      'CNMCP_ERR_PLUGIN_CORE_RANGE',
      `plugin ${id} (${source}) supports @cnmcp/core ${service.core}, but this is core ${where.coreVersion}`,
    );
  }
  const members = (ctor[MEMBERS_KEY] as MemberRecord[] | undefined) ?? [];
  const tools: Declared<ToolOptions>[] = [];
  const prompts: Declared<PromptOptions>[] = [];
  const resources: Declared<ResourceOptions>[] = [];
  const toolNames = new Set<string>();
  for (const member of members) {
    if (typeof (ctor.prototype as Record<string, unknown>)[member.method] !== 'function')
      fail(source, `${member.method} is not a method`);
    if (member.kind === 'tool') {
      const options = member.options as ToolOptions;
      const name = options?.name;
      if (typeof name !== 'string' || !TOOL_NAME_PATTERN.test(name) || !name.startsWith(`${id}_`)) {
        throw coreError(
          'CNMCP_ERR_TOOL_NAME_INVALID',
          `plugin ${id}: tool name ${JSON.stringify(name)} (method ${member.method}) must match ${TOOL_NAME_PATTERN} and start with '${id}_'`,
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
      const options = member.options as PromptOptions;
      if (typeof options?.name !== 'string' || !PROMPT_NAME_PATTERN.test(options.name))
        fail(source, `prompt name ${JSON.stringify(options?.name)} is invalid`);
      prompts.push({ method: member.method, options });
    } else {
      const options = member.options as ResourceOptions;
      if (!options?.name) fail(source, `resource on ${member.method} has no name`);
      if (!!options.uri === !!options.uriTemplate)
        fail(source, `resource ${options.name} needs exactly one of uri and uriTemplate`);
      resources.push({ method: member.method, options });
    }
  }
  return {
    id,
    title: service.title,
    description: service.description,
    coreRange: service.core,
    configSchema: service.config,
    ctor,
    tools,
    prompts,
    resources,
    source,
    version: where.version,
    dir: where.dir,
  };
}
