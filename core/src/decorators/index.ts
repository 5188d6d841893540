import { injectable } from '../di.js';
import { MEMBERS_KEY, SERVICE_KEY, recordMember } from './keys.js';
import type { PromptOptions, ResourceOptions, ServiceOptions, ToolOptions } from './types.js';

/** Marks a class as a cnmcp plugin. Records metadata and makes the class constructible by tsyringe. */
export function Service(options: ServiceOptions): ClassDecorator {
  return (target) => {
    Object.defineProperty(target, SERVICE_KEY, { value: options, configurable: true, enumerable: false });
    injectable()(target as never);
    return target;
  };
}

/** Marks a method as an MCP tool: `(input, ctx) => result`. */
export function Tool(options: ToolOptions): MethodDecorator {
  return (prototype, method) => recordMember(prototype, { kind: 'tool', method: String(method), options });
}

/** Marks a method as an MCP prompt: `(args, ctx) => messages | GetPromptResult`. */
export function Prompt(options: PromptOptions): MethodDecorator {
  return (prototype, method) => recordMember(prototype, { kind: 'prompt', method: String(method), options });
}

/** Marks a method as an MCP resource or resource template: `(uri, variables, ctx) => contents`. */
export function Resource(options: ResourceOptions): MethodDecorator {
  return (prototype, method) => recordMember(prototype, { kind: 'resource', method: String(method), options });
}

export { MEMBERS_KEY, SERVICE_KEY };
export type * from './types.js';
