import type { TSchema } from 'typebox';

export interface ToolAnnotations {
  /** The tool does not change its environment. The `readOnly` server mode serves only these. */
  readOnlyHint?: boolean;
  /** The tool may delete or overwrite (only meaningful when readOnlyHint is false). */
  destructiveHint?: boolean;
  /** Calling it twice with the same arguments has no additional effect. */
  idempotentHint?: boolean;
  /** The tool talks to an outside system (a backend, the internet). */
  openWorldHint?: boolean;
}

export interface ServiceOptions {
  /** Plugin id: the package suffix, the config key, the tool prefix. `^[a-z][a-z0-9]{0,31}$`. */
  name: string;
  title?: string;
  description?: string;
  /** Semver range of @cnmcp/core this plugin works with, e.g. '^0.1.0'. */
  core: string;
  /** typebox schema of the plugin's config section (`<id>:` in cnmcp.config.yaml); defaults are applied. */
  config?: TSchema;
}

export interface ToolOptions {
  /** `<plugin>_<verb>_<object>`, `^[a-z][a-z0-9_]{0,63}$`. */
  name: string;
  title?: string;
  description: string;
  /** typebox object schema of the arguments; defaults are applied before the handler runs. */
  input?: TSchema;
  /** When given, an object result is returned as structuredContent plus a JSON text block. */
  output?: TSchema;
  annotations?: ToolAnnotations;
  /** Seconds a result of this read-only tool may be served from cache. */
  cacheTtl?: number;
  /** OAuth scopes (or API-key scopes) a caller needs for this tool. */
  scopes?: string[];
  /** Per-call time limit; the server default applies when absent. */
  timeoutMs?: number;
  /** Set false only for a tool whose output must carry secret-looking fields verbatim. */
  redactOutput?: boolean;
}

export interface PromptArgument {
  name: string;
  description?: string;
  required?: boolean;
}

export type Completer = (
  value: string,
  context: { arguments?: Record<string, string> },
) => string[] | Promise<string[]>;

export interface PromptOptions {
  name: string;
  title?: string;
  description?: string;
  arguments?: PromptArgument[];
  /** Completion for argument values, by argument name. */
  complete?: Record<string, Completer>;
}

export interface ResourceOptions {
  /** A fixed URI (`k8s://contexts`) … */
  uri?: string;
  /** … or an RFC 6570 template (`k8s://{namespace}/pods/{name}`). Exactly one of the two. */
  uriTemplate?: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  /** Completion for template variables, by variable name. */
  complete?: Record<string, Completer>;
  /** The resource can be subscribed to (resources/subscribe); the plugin calls notifier.resourceUpdated(uri). */
  subscribable?: boolean;
}
