#!/usr/bin/env node
// Writes docs/configuration.md from the core's config schema and its MCP_* env overrides
// (dist/config/schema.js, dist/config/load.js): `node scripts/config-doc.mjs [--check]`.
// --check exits 1 when the file is out of date (the test suite runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { CoreConfigSchema } = await import(join(here, '..', 'dist', 'config', 'schema.js'));
const { ENV_OVERRIDES } = await import(join(here, '..', 'dist', 'config', 'load.js'));
const target = join(here, '..', 'docs', 'configuration.md');

const envFor = new Map(ENV_OVERRIDES.map(([name, path]) => [path.join('.'), name]));
const typeOf = (s) => {
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type === 'array') return `${typeOf(s.items ?? {})}[]`;
  if (s.patternProperties) return 'map';
  return s.type ?? 'any';
};
const fmt = (v) => (v === undefined ? '—' : `\`${JSON.stringify(v)}\``);
const rows = [];
function walk(schema, path, required, parentEnv) {
  for (const [key, s] of Object.entries(schema.properties ?? {})) {
    const p = [...path, key];
    const name = p.join('.');
    const isObject = s.type === 'object' && s.properties;
    const isRecord = s.type === 'object' && s.patternProperties;
    const isObjectArray = s.type === 'array' && s.items?.type === 'object' && s.items.properties;
    const optional = !required.includes(key) && s.default === undefined;
    if (!isObject || s.description) {
      rows.push(
        `| \`${name}\` | ${isObject ? 'object' : typeOf(s)} | ${optional ? '(unset)' : fmt(s.default)} | ${envFor.has(name) ? `\`${envFor.get(name)}\`` : parentEnv ? `(in \`${parentEnv}\`)` : '—'} | ${(s.description ?? '').replace(/\|/g, '\\|')} |`,
      );
    }
    if (isObject) walk(s, p, s.required ?? [], parentEnv);
    if (isObjectArray) walk(s.items, [...p.slice(0, -1), `${key}[]`], s.items.required ?? [], envFor.get(name));
    if (isRecord) {
      const inner = Object.values(s.patternProperties)[0];
      if (inner.properties) walk(inner, [...p, '<name>'], inner.required ?? [], envFor.get(name));
    }
  }
}
walk(CoreConfigSchema, [], CoreConfigSchema.required ?? [], undefined);
const text = `# Configuration

Generated from \`core/src/config/schema.ts\` and \`core/src/config/load.ts\` by \`node core/scripts/config-doc.mjs\`; do not edit by hand.

The config file is found by cosmiconfig (\`cnmcp.config.yaml\`, \`.cnmcprc\`, … or \`--config FILE\` / \`CNMCP_CONFIG\`).
\`\${VAR}\` and \`\${VAR:-default}\` in values are read from the environment. Precedence, lowest first: defaults, the file,
the \`MCP_*\` environment variables below, command-line flags. Besides these core keys, each loaded plugin has its own
section under its id (see the plugin's README).

Env values are strings: numbers and booleans (\`true\`/\`false\`) are converted; lists are comma-separated
(\`MCP_DISABLED_TOOLS=k8s_delete_*,helm_uninstall\`); credentials are \`name=secret\` or \`name=secret=scope1 scope2\`
pairs separated by commas (\`MCP_API_KEYS=ci=k_0123456789abcdef=read\`), or a JSON array.

## Mistakes caught when the config loads

\`cnmcp check-config\` (and every start) reports each mistake on its own line, naming the key and the likely fix; none
of them is ever answered later with retry advice:

- URLs need a scheme and a host: plugin targets (\`<plugin>.targets.<name>.url\` and the plugins' \`*_URL\` env vars), and
  \`auth.bearer.jwt.issuer\`/\`jwksUri\`, \`auth.resource\`, \`rateLimit.redisUrl\`, \`cache.redisUrl\`, \`tracing.endpoint\`.
  \`127.0.0.1:19090\` gets "did you mean http://127.0.0.1:19090?".
- Whole numbers stay whole (\`port: 18080.5\` is refused, not rounded); a choice lists its values
  (\`server.transport: must be one of http | stdio (got "htpp"); did you mean http?\`); an unknown key names the nearest
  known one. An empty key (\`plugins:\` with no items) is an empty list or section.
- \`enabledServices\`/\`disabledServices\` must name installed plugins, and the globs of \`enabledTools\`, \`disabledTools\`
  and \`toolsets.enabled\` must match a loaded tool or toolset; the error lists what is loaded, with the nearest name. A
  first-party plugin that is not installed (\`disabledServices: [kubernetes]\`, \`disabledTools: [kubernetes_*]\`) is only a
  warning.

A tool call with an argument the tool does not declare still runs; its result ends with a note naming the ignored
arguments (\`limitt (did you mean limit?)\`).

## Backend targets

Each plugin with an HTTP backend takes \`<plugin>.targets.<name>\`: \`url\`, \`auth\`, \`headers\`, \`tls\`, \`timeoutMs\`,
\`maxResponseBytes\`, \`retries\` and \`circuitBreaker\` (\`failures\`, default 5; \`cooldownMs\`, default 30000). After
\`failures\` failed requests in a row (connection errors, timeouts, 502/503/504) calls to that target are refused with
\`CNMCP_ERR_BACKEND_CIRCUIT_OPEN\` for \`cooldownMs\` (the pause named in the message is its \`Retry after\`); then one trial
call goes through, and any answer from the backend, or a passing health probe, closes the breaker at once.
\`<plugin>_list_backends\` shows a target's \`circuit\` while it is not closed.

## Security behaviour in short

- **Auth** is on when \`auth.enabled\` is true or any credential is configured. It covers the MCP routes (\`/mcp\`, \`/sse\`,
  \`/messages\`, \`/api/*\`); \`/health\`, \`/ready\` and \`/.well-known/oauth-protected-resource*\` stay open, \`/metrics\` unless
  \`auth.protectMetrics\`. Missing or bad credentials get 401 with \`WWW-Authenticate: Bearer resource_metadata="…"\`; a missing
  scope gets 403 \`insufficient_scope\`. API keys are read from the \`X-API-Key\` header only, never from the query string.
  An enabled auth section without credentials, or a JWT algorithm list with \`none\` or \`HS*\`, stops the server at start.
  Listening on a non-loopback address with auth off prints a loud warning.
- **Tool scopes** (\`@Tool({ scopes })\`): a caller sees in tools/list, and may call, only tools whose scopes it holds.
- **readOnly** serves only tools annotated \`readOnlyHint: true\`; **disableDestructive** drops tools that are not read-only
  unless they say \`destructiveHint: false\` (the MCP default for a non-read-only tool is destructive).
- **confirmDestructive**: a destructive call is confirmed by the user through form elicitation: asked directly on 2025-11-25
  sessions, as an \`input_required\` round trip with sealed requestState on 2026-07-28 requests. Clients that cannot be asked
  (no elicitation capability) get \`fallback\` (\`deny\` by default). No argument set by the model counts as consent.
- **redaction** masks values of secret-looking keys (password, token, secret, apiKey, authorization, private keys, …) and the
  \`data\`/\`stringData\` of Kubernetes Secrets in audit records and tool output (unless a tool sets \`redactOutput: false\`).
- **rateLimit**: HTTP requests per principal (per IP for anonymous callers), 429 + \`Retry-After\`; per-tool limits on every
  transport; over stdio, tool calls count against \`rateLimit.max\`. \`X-Forwarded-For\` is used only when
  \`rateLimit.trustProxy\` names the proxy. With \`redisUrl\`, every instance shares the counters.
- **cache**: only tools with \`readOnlyHint\` and a \`cacheTtl\`; keyed by plugin, tool, normalised arguments (target and
  pagination included) and, with \`perPrincipal\`, the caller. A mutating call of a plugin drops that plugin's entries.

## Keys

| key | type | default | env | description |
| --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing */
  }
  if (current !== text) {
    console.error('core/docs/configuration.md is out of date: run node core/scripts/config-doc.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target} (${rows.length} keys)`);
}
