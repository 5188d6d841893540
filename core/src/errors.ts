// The one table of core error codes, and the helper every plugin uses for its own table.
// An error is shown to an agent as `CODE: message` / `Hint: …`; to an operator as one log line.

export interface ErrorSpec {
  /** One line: what this code means. Used in docs. */
  summary: string;
  /** Default advice for the agent or operator: what to try next. */
  hint: string;
}

export interface ErrorOptions {
  /** Replaces the table's default hint for this occurrence. */
  hint?: string;
  cause?: unknown;
  /** Structured detail returned to the agent alongside the message (never secrets). */
  data?: Record<string, unknown>;
  /** For temporary conditions: how long the caller should wait. */
  retryAfterSeconds?: number;
}

export class CnmcpError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly data?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  constructor(code: string, message: string, options: ErrorOptions & { defaultHint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CnmcpError';
    this.code = code;
    this.hint = options.hint ?? options.defaultHint;
    this.data = options.data;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The text an agent sees. */
  toText(): string {
    const lines = [`${this.code}: ${this.message}`];
    if (this.hint) lines.push(`Hint: ${this.hint}`);
    if (this.retryAfterSeconds !== undefined) lines.push(`Retry after: ${this.retryAfterSeconds}s`);
    return lines.join('\n');
  }
}

export function isCnmcpError(value: unknown): value is CnmcpError {
  // Duck-typed so that two copies of core still agree.
  return (
    value instanceof Error &&
    typeof (value as CnmcpError).code === 'string' &&
    typeof (value as CnmcpError).toText === 'function'
  );
}

export interface ErrorTable<Code extends string> {
  readonly specs: Readonly<Record<Code, ErrorSpec>>;
  create(code: Code, message: string, options?: ErrorOptions): CnmcpError;
}

/** Declares a table of codes; `create` fills in the table's hint. Codes must be `<PREFIX>_ERR_<WHAT>`. */
export function defineErrors<const T extends Record<string, ErrorSpec>>(
  specs: T,
): ErrorTable<Extract<keyof T, string>> {
  for (const code of Object.keys(specs)) {
    if (!/^[A-Z][A-Z0-9]*_ERR_[A-Z0-9_]+$/.test(code))
      throw new Error(`error code ${code} does not match <PREFIX>_ERR_<WHAT>`);
  }
  return {
    specs,
    create(code, message, options = {}) {
      return new CnmcpError(code, message, { ...options, defaultHint: specs[code].hint });
    },
  };
}

export const CoreErrors = defineErrors({
  // configuration
  CNMCP_ERR_CONFIG_NOT_FOUND: {
    summary: 'The config file named with --config does not exist.',
    hint: 'Check the path, or leave --config out to search for cnmcp.config.yaml.',
  },
  CNMCP_ERR_CONFIG_PARSE: {
    summary: 'The config file is not valid YAML/JSON/JS.',
    hint: 'Fix the syntax at the position shown, then run `cnmcp check-config`.',
  },
  CNMCP_ERR_CONFIG_INVALID: {
    summary: 'A config key has a value of the wrong type or shape.',
    hint: 'Correct the named key (see core/docs/configuration.md), then run `cnmcp check-config`.',
  },
  CNMCP_ERR_CONFIG_ENV_MISSING: {
    summary: 'A ${VAR} in the config names an environment variable that is not set and has no default.',
    hint: 'Set the variable, or write ${VAR:-default}.',
  },
  // plugins
  CNMCP_ERR_PLUGIN_NOT_FOUND: {
    summary: 'A plugin listed in the config cannot be resolved or imported.',
    hint: 'Install the package, or fix the path (relative paths are relative to the config file).',
  },
  CNMCP_ERR_PLUGIN_NOT_A_PLUGIN: {
    summary: 'A module has no class marked with @Service.',
    hint: 'Export the plugin class (default or named) decorated with @Service from the package entry.',
  },
  CNMCP_ERR_PLUGIN_CORE_RANGE: {
    summary: "The plugin's supported core range does not include the running core.",
    hint: 'Install a plugin version built for this core, or a core version the plugin supports.',
  },
  CNMCP_ERR_PLUGIN_ID_INVALID: {
    summary: 'A plugin id does not match ^[a-z][a-z0-9]{0,31}$ or differs from its package marker.',
    hint: 'Use a short lowercase id, the same in @Service({ name }) and package.json "cnmcp.plugin".',
  },
  CNMCP_ERR_PLUGIN_ID_DUPLICATE: {
    summary: 'Two loaded plugins have the same id.',
    hint: 'Remove one of them from the config or node_modules, or set autoDiscover: false.',
  },
  CNMCP_ERR_PLUGIN_CONFIG_INVALID: {
    summary: "A plugin's config section fails the plugin's config schema.",
    hint: "Correct the named key; the plugin's README lists its settings.",
  },
  CNMCP_ERR_PLUGIN_INIT_FAILED: {
    summary: "A plugin's constructor or init() threw.",
    hint: 'Read the log line for the cause; disable the plugin with disabledServices to start without it.',
  },
  CNMCP_ERR_PLUGIN_METADATA_INVALID: {
    summary: 'A @Tool, @Prompt or @Resource declaration is malformed.',
    hint: 'Fix the decorator options named in the message.',
  },
  // tool, prompt and resource names
  CNMCP_ERR_TOOL_NAME_INVALID: {
    summary: 'A tool name breaks ^[a-z][a-z0-9_]{0,63}$ or lacks the plugin id prefix.',
    hint: 'Name tools <plugin>_<verb>_<object> in snake_case.',
  },
  CNMCP_ERR_TOOL_NAME_DUPLICATE: { summary: 'Two tools (or prompts) have the same name.', hint: 'Rename one of them.' },
  // calls
  CNMCP_ERR_TOOL_NOT_FOUND: {
    summary: 'No tool has this name (protocol error).',
    hint: 'Call tools/list for the available names.',
  },
  CNMCP_ERR_TOOL_DISABLED: {
    summary: 'The tool exists but the server configuration does not serve it.',
    hint: 'Ask the operator; see enabledServices/disabledTools in the config.',
  },
  CNMCP_ERR_TOOL_INPUT_INVALID: {
    summary: "The arguments do not match the tool's input schema.",
    hint: "Correct the arguments named in the message; tools/list shows the tool's inputSchema.",
  },
  CNMCP_ERR_TOOL_TIMEOUT: {
    summary: 'The tool did not finish within its time limit.',
    hint: 'Narrow the request (smaller range, fewer items) or try again later.',
  },
  CNMCP_ERR_TOOL_CANCELLED: {
    summary: 'The client cancelled the call.',
    hint: 'Call the tool again if the result is still needed.',
  },
  CNMCP_ERR_TOOL_INTERNAL: {
    summary: 'The tool failed in an unexpected way; details are in the server log.',
    hint: 'Try again; if it persists, report it with the time of the call.',
  },
  CNMCP_ERR_RESULT_TOO_LARGE: {
    summary: 'The result was larger than the size budget and was cut.',
    hint: 'Use the tool’s filters, limit or pagination to ask for less.',
  },
  CNMCP_ERR_SERVICE_UNAVAILABLE: {
    summary: "The plugin's backend failed its health check; its tools are paused.",
    hint: 'Wait for the retry-after time, or check the backend; `cnmcp health` shows the status.',
  },
  CNMCP_ERR_PROMPT_NOT_FOUND: {
    summary: 'No prompt has this name.',
    hint: 'Call prompts/list for the available names.',
  },
  CNMCP_ERR_PROMPT_ARGS_INVALID: {
    summary: "The prompt's arguments are missing or invalid.",
    hint: 'prompts/list shows each prompt’s arguments.',
  },
  CNMCP_ERR_RESOURCE_NOT_FOUND: {
    summary: 'No resource has this URI.',
    hint: 'Call resources/list or resources/templates/list.',
  },
  // backends (used by the shared HTTP client)
  CNMCP_ERR_BACKEND_NOT_CONFIGURED: {
    summary: 'The plugin has no backend configured for this call.',
    hint: 'Set the config key named in the message (or its env var) and restart.',
  },
  CNMCP_ERR_BACKEND_TARGET_UNKNOWN: {
    summary: 'The `target` argument names no configured target.',
    hint: 'Use one of the target names listed in the message.',
  },
  CNMCP_ERR_BACKEND_UNREACHABLE: {
    summary: 'The backend could not be reached (connection refused, DNS, TLS).',
    hint: 'Check that the backend runs and the configured URL is right.',
  },
  CNMCP_ERR_BACKEND_TIMEOUT: {
    summary: 'The backend did not answer in time.',
    hint: 'Ask for less, or raise the target’s timeoutMs.',
  },
  CNMCP_ERR_BACKEND_AUTH: {
    summary: 'The backend refused the credentials (401/403).',
    hint: 'Check the credentials configured for this target and their permissions.',
  },
  CNMCP_ERR_BACKEND_NOT_FOUND: {
    summary: 'The backend has no such object or API (404).',
    hint: 'Check the name or id; list the objects first.',
  },
  CNMCP_ERR_BACKEND_BAD_REQUEST: {
    summary: 'The backend rejected the request as invalid (400/422).',
    hint: 'Read the backend’s message and correct the argument it names.',
  },
  CNMCP_ERR_BACKEND_CONFLICT: {
    summary: 'The backend reports a conflict (409/412).',
    hint: 'Re-read the object and retry with its current version.',
  },
  CNMCP_ERR_BACKEND_RATE_LIMITED: { summary: 'The backend is throttling requests (429).', hint: 'Wait and retry.' },
  CNMCP_ERR_BACKEND_ERROR: {
    summary: 'The backend failed (5xx or other unexpected status).',
    hint: 'Retry later; check the backend’s health.',
  },
  CNMCP_ERR_BACKEND_BAD_RESPONSE: {
    summary: 'The backend answered with a body that could not be parsed.',
    hint: 'Check that the target URL points at the right kind of server.',
  },
  CNMCP_ERR_BACKEND_RESPONSE_TOO_LARGE: {
    summary: 'The backend answer exceeded the size cap.',
    hint: 'Ask for less (filters, limits, shorter time range).',
  },
  CNMCP_ERR_BACKEND_CIRCUIT_OPEN: {
    summary: 'Recent calls to this backend failed repeatedly; calls are paused briefly.',
    hint: 'Wait for the retry-after time; check the backend.',
  },
  // security: auth, rate limits, confirmation
  CNMCP_ERR_AUTH_CONFIG_INVALID: {
    summary:
      'The auth section is empty while auth is enabled, or names something unsafe (an HS* or none JWT algorithm, a duplicate key); the server refuses to start.',
    hint: 'Fix the auth section (see core/docs/configuration.md); the server never starts with a doubtful auth config.',
  },
  CNMCP_ERR_AUTH_REQUIRED: {
    summary:
      'The request carried no valid credentials (HTTP 401 with WWW-Authenticate and the protected-resource metadata URL).',
    hint: 'Send Authorization: Bearer <token>, Basic, or the X-API-Key header; GET /.well-known/oauth-protected-resource names the authorization server.',
  },
  CNMCP_ERR_AUTH_FORBIDDEN: {
    summary:
      'The caller is authenticated but lacks a scope the server or this tool requires (HTTP 403 insufficient_scope).',
    hint: 'Ask for a token or key with the scopes named in the message.',
  },
  CNMCP_ERR_RATE_LIMITED: {
    summary: 'The caller made more requests or tool calls than its limit allows in the current window (HTTP 429).',
    hint: 'Wait for the retry-after time, then call again; batch work into fewer calls.',
  },
  CNMCP_ERR_CONFIRMATION_REQUIRED: {
    summary: "A destructive tool needs the user's confirmation, and this client cannot be asked (no form elicitation).",
    hint: 'Use a client that supports elicitation, or ask the operator (confirmDestructive.fallback, disableDestructive).',
  },
  CNMCP_ERR_CONFIRMATION_DECLINED: {
    summary: 'The user declined (or did not answer) the confirmation of a destructive tool call.',
    hint: 'Do not retry unless the user asks for it.',
  },
  // client capabilities (tool context)
  CNMCP_ERR_CLIENT_CAPABILITY_MISSING: {
    summary: 'The tool needs a client capability (elicitation, sampling, roots) the client did not declare.',
    hint: 'Use a client that supports it, or call a tool that does not need it.',
  },
  CNMCP_ERR_PUSH_UNSUPPORTED: {
    summary: 'A server-to-client request was attempted outside a 2025-era session.',
    hint: 'Plugin authors: return ctx.inputRequired(...) instead; it works in both protocol eras.',
  },
  // toolsets and plugin composition
  CNMCP_ERR_TOOLSET_UNKNOWN: {
    summary: 'No toolset has this name.',
    hint: 'Call cnmcp_list_toolsets for the names (<plugin>/<group>).',
  },
  CNMCP_ERR_TOOL_CALL_CYCLE: {
    summary: 'A nested tool call (ctx.callTool) would call a tool already in its chain, or nests too deep.',
    hint: 'Plugin authors: call the other plugin once, and never back into the caller.',
  },
  // URLs from requests (the address guard)
  CNMCP_ERR_URL_INVALID: {
    summary: 'A URL argument is not an absolute http(s) URL, or carries credentials.',
    hint: 'Pass an absolute http:// or https:// URL without user:password.',
  },
  CNMCP_ERR_URL_FORBIDDEN: {
    summary: 'A URL argument points at a loopback, private, link-local or metadata address.',
    hint: 'Use a public address, or ask the operator to allow the range (allowCidrs).',
  },
  // server
  CNMCP_ERR_SERVER_LISTEN: {
    summary: 'The HTTP server could not listen on the configured host and port.',
    hint: 'Pick a free port (--port) or stop the other process.',
  },
});

export type CoreErrorCode = keyof typeof CoreErrors.specs;

/**
 * The one-line text of a core error for places that answer with a protocol error or an HTTP body rather than a
 * tool result: `CODE: message. Hint: …` (the hint from the table unless given).
 */
export function coreErrorLine(code: CoreErrorCode, message: string, hint?: string): string {
  const error = coreError(code, message, hint === undefined ? undefined : { hint });
  return `${error.code}: ${error.message}${error.hint ? `. Hint: ${error.hint}` : ''}`;
}

/** Shortcut for core code: `coreError('CNMCP_ERR_TOOL_TIMEOUT', '…')`. */
export function coreError(code: CoreErrorCode, message: string, options?: ErrorOptions): CnmcpError {
  return CoreErrors.create(code, message, options);
}
