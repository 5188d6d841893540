// Typed DI tokens, one namespace (Backstage's coreServices idea). Plugins inject them explicitly:
//   constructor(@inject(tokens.config) config: MyConfig, @inject(tokens.logger) log: Logger) {}
import type { Logger } from './logger.js';
import type { HttpClientFactory } from './http-client.js';
import type { Notifier } from './notifier.js';

declare const brand: unique symbol;
/** A token whose type parameter is the injected value's type (for documentation and tokenOf()). */
export type Token<T> = symbol & { readonly [brand]?: T };

function token<T>(name: string): Token<T> {
  return Symbol.for(`cnmcp.token.${name}`) as Token<T>;
}

export interface PluginInfo {
  id: string;
  version: string;
  /** Directory of the plugin package (or of the file it was loaded from). */
  dir: string;
}

export const tokens = {
  /** The plugin's own config section, validated and with defaults applied. */
  config: token<unknown>('config'),
  /** A pino child logger bound to the plugin id. */
  logger: token<Logger>('logger'),
  /** Creates HTTP clients for the plugin's backend targets (the one way to call HTTP backends). */
  http: token<HttpClientFactory>('http'),
  /** Tells connected clients that tools, prompts or resources changed. */
  notifier: token<Notifier>('notifier'),
  /** id, version and directory of the plugin. */
  plugin: token<PluginInfo>('plugin'),
  /** The plugin's core-owned backend (targets, health, list); for plugins that declare `backend`. */
  backend: token<unknown>('backend'),
} as const;
