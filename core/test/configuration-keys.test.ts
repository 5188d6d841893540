// Every config switch is documented (core/docs/configuration.md, generated) and has an MCP_* env override.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadConfig } from '@cnmcp/core/server';
import { ENV_OVERRIDES } from '../dist/config/load.js';

const script = fileURLToPath(new URL('../scripts/config-doc.mjs', import.meta.url));
const doc = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8');

t.test('docs/configuration.md is generated from the schema and up to date', async (t) => {
  t.doesNotThrow(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' }));
  for (const [name, path] of ENV_OVERRIDES)
    t.ok(
      doc.includes(`\`${path.join('.')}\``) && doc.includes(`\`${name}\``),
      `${name} → ${path.join('.')} is documented`,
    );
  for (const key of [
    'auth.apiKeys',
    'auth.bearer.jwt.issuer',
    'audit.file',
    'metrics.enabled',
    'rateLimit.redisUrl',
    'cache.maxBytes',
    'tracing.endpoint',
    'readOnly',
    'disableDestructive',
    'confirmDestructive.fallback',
  ]) {
    t.match(doc, new RegExp(`\\| \`${key.replace(/[.[\]]/g, '\\$&')}\` \\|`), `${key} has a row`);
  }
});

t.test('MCP_* env variables set the security and observability switches', async (t) => {
  const { config } = await loadConfig({
    cwd: fileURLToPath(new URL('./fixtures/', import.meta.url)),
    env: {
      MCP_READ_ONLY: 'true',
      MCP_DISABLE_DESTRUCTIVE: 'true',
      MCP_CONFIRM_FALLBACK: 'allow',
      MCP_API_KEYS: 'ci=k_ci_0123456789abcdef=read write,bot=k_bot_0123456789abcdef',
      MCP_JWT_ISSUER: 'https://issuer.example',
      MCP_JWT_AUDIENCE: 'cnmcp',
      MCP_AUDIT_FILE: 'audit.jsonl',
      MCP_RATE_LIMIT_ENABLED: 'true',
      MCP_RATE_LIMIT_MAX: '10',
      MCP_RATE_LIMIT_TOOLS: '{"k8s_*":{"max":3}}',
      MCP_TRUST_PROXY: '10.0.0.1,10.0.0.2',
      MCP_CACHE_MAX_ENTRIES: '5',
      MCP_TRACING_ENABLED: 'true',
      MCP_OTLP_ENDPOINT: 'http://127.0.0.1:4318/v1/traces',
    },
  });
  t.equal(config.readOnly, true);
  t.equal(config.disableDestructive, true);
  t.equal(config.confirmDestructive.fallback, 'allow');
  t.same(config.auth.apiKeys, [
    { name: 'ci', key: 'k_ci_0123456789abcdef', scopes: ['read', 'write'] },
    { name: 'bot', key: 'k_bot_0123456789abcdef', scopes: [] },
  ]);
  t.equal(config.auth.bearer.jwt?.issuer, 'https://issuer.example');
  t.same(config.auth.bearer.jwt?.algorithms, ['RS256', 'ES256', 'PS256', 'EdDSA']);
  t.equal(config.audit.file, 'audit.jsonl');
  t.equal(config.rateLimit.max, 10);
  t.same(config.rateLimit.tools, { 'k8s_*': { max: 3 } });
  t.same(config.rateLimit.trustProxy, ['10.0.0.1', '10.0.0.2']);
  t.equal(config.cache.maxEntries, 5);
  t.equal(config.tracing.enabled, true);
  await t.rejects(
    loadConfig({
      cwd: fileURLToPath(new URL('./fixtures/', import.meta.url)),
      env: { MCP_RATE_LIMIT_TOOLS: '{not json' },
    }),
    { code: 'CNMCP_ERR_CONFIG_INVALID', message: /MCP_RATE_LIMIT_TOOLS cannot be parsed/ },
  );
});
