import type { TSchema } from 'typebox';
import { GROUP_KEY, MEMBERS_KEY, SERVICE_KEY, recordMember } from './keys.js';
import type {
  PromptOptions,
  ResourceOptions,
  ServiceOptions,
  ToolGroupOptions,
  ToolMethod,
  ToolOptions,
} from './types.js';

/** Marks a class as a cnmcp plugin. Records metadata only; the host reads it (plugins/metadata.ts). */
export function Service(options: ServiceOptions): ClassDecorator {
  return (target) => {
    Object.defineProperty(target, SERVICE_KEY, { value: options, configurable: true, enumerable: false });
    return target;
  };
}

/** Marks a class as a tool group: one toolset (`<plugin>/<name>`) holding a handful of @Tool methods. */
export function ToolGroup(options: ToolGroupOptions): ClassDecorator {
  return (target) => {
    Object.defineProperty(target, GROUP_KEY, { value: options, configurable: true, enumerable: false });
    return target;
  };
}

/**
 * Marks a method as an MCP tool: `(input, ctx) => result`. Typed: a handler whose `input` parameter does not
 * accept the schema's static type fails to compile.
 */
export function Tool<S extends TSchema>(options: ToolOptions<S>) {
  return <M extends ToolMethod<S>>(
    prototype: object,
    method: string | symbol,
    _descriptor: TypedPropertyDescriptor<M>,
  ) => recordMember(prototype, { kind: 'tool', method: String(method), options });
}

/** Marks a method as an MCP prompt: `(args, ctx) => messages | GetPromptResult`. */
export function Prompt(options: PromptOptions): MethodDecorator {
  return (prototype, method) => recordMember(prototype, { kind: 'prompt', method: String(method), options });
}

/** Marks a method as an MCP resource or resource template: `(uri, variables, ctx) => contents`. */
export function Resource(options: ResourceOptions): MethodDecorator {
  return (prototype, method) => recordMember(prototype, { kind: 'resource', method: String(method), options });
}

export { GROUP_KEY, MEMBERS_KEY, SERVICE_KEY };
export type * from './types.js';
