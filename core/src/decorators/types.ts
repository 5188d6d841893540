import type { Static, TSchema } from 'typebox';
import type { ToolContext } from '../tools/context.js';

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

/** A class constructed by the core in the plugin's child container (tool groups, providers). */
export type Constructor<T = object> = new (...args: never[]) => T;

/** An HTTP backend owned by the core: targets in config, the `target` argument, health, `<id>_list_backends`. */
export interface HttpBackendOptions {
  /** Env var whose value becomes a target named `default` when no targets are configured. */
  urlEnv?: string;
  /** Health probe: a GET on this path per target; only connection errors, timeouts and 5xx count as down. */
  health?: { path: string; timeoutMs?: number };
  /** Extra per-target keys (a Type.Object), merged into the core's target schema. */
  targetSchema?: TSchema;
  /** Serve `<id>_list_backends` (default true; a plugin that declares its own keeps its own). */
  listTool?: boolean;
}

/** A non-HTTP backend (Kubernetes contexts, …): a provider class that plugs into the same target concept. */
export interface ProviderBackendOptions {
  /** Built once in the plugin's container; implements BackendProvider. */
  provider: Constructor<BackendProvider>;
  /** Name of the tool argument that chooses the target (default `target`). */
  argument?: string;
  /** Serve `<id>_list_backends` (default true). */
  listTool?: boolean;
}

export interface BackendProvider<B = unknown> {
  /** Names of the targets a call may choose. */
  names(): string[];
  /** The target used when a call names none. */
  defaultName(): string | undefined;
  /** Whether the plugin can serve calls (e.g. a kubeconfig was found). */
  isConfigured(): boolean;
  /** What the operator must set when it is not configured. */
  configHint?(): string;
  /** The backend object handed to handlers as ctx.backend. Throws a CnmcpError for an unknown name. */
  resolve(name?: string): B;
  /** Throws when the target is down (health). */
  probe?(name: string, signal: AbortSignal): Promise<void>;
  /** Rows for `<id>_list_backends` (never credentials). */
  describe?(): Array<Record<string, unknown>>;
}

export interface ServiceOptions {
  /** Plugin id: the package suffix, the config key, the tool prefix. `^[a-z][a-z0-9]{0,31}$`. */
  name: string;
  title?: string;
  description?: string;
  /** Semver range of @cnmcp/core this plugin works with, e.g. '^0.1.0'. */
  core: string;
  /** typebox schema of the plugin's own config section (`<id>:` in cnmcp.config.yaml); defaults are applied. */
  config?: TSchema;
  /** Tool group classes (each marked @ToolGroup), in the order they are listed. */
  tools?: Constructor[];
  /** Classes built once per plugin and injectable by class into groups (API clients, caches). */
  providers?: Constructor[];
  /** The backend the core manages for this plugin. */
  backend?: HttpBackendOptions | ProviderBackendOptions;
}

/** What a tool group sets for all its tools (a tool's own option wins). */
export interface ToolDefaults {
  annotations?: ToolAnnotations;
  cacheTtl?: number;
  redactOutput?: boolean;
  timeoutMs?: number;
  scopes?: string[];
}

export interface ToolGroupOptions {
  /** `^[a-z][a-z0-9-]{0,31}$`; the toolset is `<plugin>/<name>`. */
  name: string;
  title?: string;
  /** One sentence: what an agent gets by enabling this toolset. */
  description: string;
  /** Served without being asked for (toolsets.enabled default). */
  default?: boolean;
  defaults?: ToolDefaults;
}

export interface ToolOptions<S extends TSchema = TSchema> {
  /** `<plugin>_<verb>_<object>`, `^[a-z][a-z0-9_]{0,63}$`. */
  name: string;
  title?: string;
  description: string;
  /** typebox object schema of the arguments; defaults are applied before the handler runs. */
  input?: S;
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

/** The method shape @Tool accepts: its input type must be the schema's static type. */
export type ToolMethod<S extends TSchema> = (input: Static<S>, ctx: ToolContext<any>) => unknown;

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
