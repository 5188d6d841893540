// The core's config schema. Plugin sections (`<plugin id>:`) are validated by each plugin's own schema.
import { Type, type Static } from 'typebox';


export const ServerSection = Type.Object({
  transport: Type.Union([Type.Literal('http'), Type.Literal('stdio')], { default: 'http', description: 'stdio for a local client (Claude Desktop), http for a shared server.' }),
  host: Type.String({ default: '127.0.0.1', description: 'Address to listen on (http).' }),
  port: Type.Integer({ default: 8080, minimum: 0, maximum: 65535, description: 'Port to listen on (http); 0 picks a free one.' }),
  allowedHosts: Type.Optional(Type.Array(Type.String(), { description: 'Host header names accepted (DNS-rebinding guard). Default: loopback names when bound to loopback.' })),
  allowedOrigins: Type.Optional(Type.Array(Type.String(), { description: 'Origin hostnames accepted. A foreign Origin gets 403.' })),
  toolTimeoutMs: Type.Integer({ default: 60_000, minimum: 1, description: 'Default time limit of one tool call.' }),
  maxResultBytes: Type.Integer({ default: 100_000, minimum: 1_000, description: 'Size budget of one tool result; larger results are cut with a marker.' }),
  shutdownTimeoutMs: Type.Integer({ default: 10_000, minimum: 0, description: 'How long shutdown waits for in-flight calls.' }),
  healthIntervalMs: Type.Integer({ default: 30_000, minimum: 0, description: 'How often plugin health checks run (0: only at start and on /ready).' }),
  legacySse: Type.Boolean({ default: true, description: 'Serve the legacy HTTP+SSE transport at /sse + /messages.' }),
}, { additionalProperties: false, default: {} });

export const LogSection = Type.Object({
  level: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
}, { additionalProperties: false, default: {} });

export const CoreConfigSchema = Type.Object({
  server: ServerSection,
  log: LogSection,
  plugins: Type.Array(Type.String(), { default: [], description: 'Plugins to load: package names, or paths (relative to this file).' }),
  autoDiscover: Type.Boolean({ default: true, description: 'Also load installed @cnmcp/plugin-*, cnmcp-plugin-* and @scope/cnmcp-plugin-* packages.' }),
  enabledServices: Type.Optional(Type.Array(Type.String(), { description: 'Only these plugin ids are served.' })),
  disabledServices: Type.Array(Type.String(), { default: [], description: 'These plugin ids are not loaded.' }),
  enabledTools: Type.Optional(Type.Array(Type.String(), { description: 'Only tools matching these glob patterns are served.' })),
  disabledTools: Type.Array(Type.String(), { default: [], description: 'Tools matching these glob patterns are not served.' }),
}, { additionalProperties: true });

export type CoreConfig = Static<typeof CoreConfigSchema>;
export type ServerConfig = Static<typeof ServerSection>;

/** The loaded config: core keys plus each plugin's raw section. */
export interface CnmcpConfig extends CoreConfig {
  [pluginId: string]: unknown;
}

export const CORE_KEYS = new Set(Object.keys(CoreConfigSchema.properties));
