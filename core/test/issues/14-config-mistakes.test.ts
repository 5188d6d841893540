// Issue 14: config mistakes are caught when the config loads, each as one line naming the key and the fix,
// and never answered with retry advice.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadConfig } from '@cnmcp/core/server';
import { startTestServer } from '@cnmcp/core/testing';
import { ShopPlugin, ReportPlugin } from '../fixtures/grouped-plugins.js';
import { runCli } from '../helpers/cli.js';

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnmcp-14-'));
  writeFileSync(join(dir, 'cnmcp.config.yaml'), text);
  return join(dir, 'cnmcp.config.yaml');
}

async function loadError(text: string, overrides?: Record<string, unknown>) {
  const file = configFile(text);
  return loadConfig({ file, env: {}, overrides }).then(
    () => undefined,
    (err: unknown) => err as Error & { code: string; retryAfterSeconds?: number },
  );
}

async function startError(config: Record<string, unknown>, env: Record<string, string> = {}) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const h = await startTestServer({ plugins: [ShopPlugin, ReportPlugin], config });
    await h.close();
    return undefined;
  } catch (err) {
    return err as Error & { code: string; retryAfterSeconds?: number };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

t.test('a port with a fraction is refused, not rounded', async (t) => {
  const err = await loadError('server:\n  port: 18080.5\n');
  t.equal(err?.code, 'CNMCP_ERR_CONFIG_INVALID');
  t.match(err?.message, /server\.port: must be a whole number \(got 18080\.5\); did you mean 18080\?/);
  t.equal(err?.retryAfterSeconds, undefined, 'no retry advice');
});

t.test('an enum mistake lists the allowed values and the nearest one', async (t) => {
  const err = await loadError('log:\n  level: inf\n', { server: { transport: 'htpp' } });
  t.match(err?.message, /server\.transport: must be one of http \| stdio \(got "htpp"\); did you mean http\?/);
  t.match(err?.message, /log\.level: must be one of fatal \| error \| warn \| info \| debug \| trace \| silent/);
  t.notMatch(err?.message, /must be equal to constant|anyOf/, 'no schema jargon');
  t.match(err?.message, /\(2 mistakes\):\n.*\n.*/, 'one line per mistake');
});

t.test('a misspelled key names the nearest known key', async (t) => {
  const err = await loadError('server:\n  prot: 8080\n');
  t.match(err?.message, /server\.prot: is not a known key \(got 8080\); did you mean port\?/);
});

t.test('an empty plugins: list is an empty list, and text numbers from env still convert', async (t) => {
  const file = configFile('plugins:\nautoDiscover: false\nserver:\n');
  const { config } = await loadConfig({ file, env: { MCP_PORT: '9123', MCP_READ_ONLY: 'true' } });
  t.same(config.plugins, []);
  t.equal(config.server.port, 9123);
  t.equal(config.readOnly, true);
  const bad = await loadConfig({ file, env: { MCP_PORT: '9123.5' } }).catch((e: Error) => e);
  t.match((bad as Error).message, /server\.port: must be a whole number/);
});

t.test('core URL keys need a scheme and a host', async (t) => {
  const err = await loadError('cache:\n  redisUrl: 127.0.0.1:6379\nauth:\n  resource: htps://mcp.example.com\n');
  t.match(err?.message, /cache\.redisUrl: must be a redis or rediss URL .*did you mean redis:\/\/127\.0\.0\.1:6379\?/);
  t.match(
    err?.message,
    /auth\.resource: must use the http or https scheme .*did you mean https:\/\/mcp\.example\.com\?/,
  );
});

t.test('a target URL without a scheme is refused at start, with the URL it meant', async (t) => {
  const err = await startError({ shop: { targets: { main: { url: '127.0.0.1:19090' } } } });
  t.equal(err?.code, 'CNMCP_ERR_PLUGIN_CONFIG_INVALID');
  t.match(err?.message, /shop\.targets\.main\.url: must be a http or https URL/);
  t.match(err?.message, /did you mean http:\/\/127\.0\.0\.1:19090\?/);
  t.equal(err?.retryAfterSeconds, undefined);
  const scheme = await startError({ shop: { targets: { main: { url: 'ftp://files.example.com' } } } });
  t.match(scheme?.message, /shop\.targets\.main\.url: must use the http or https scheme/);
  const fromEnv = await startError({}, { SHOP_URL: 'shop.internal:8080' });
  t.equal(fromEnv?.code, 'CNMCP_ERR_CONFIG_INVALID');
  t.match(fromEnv?.message, /SHOP_URL .*did you mean http:\/\/shop\.internal:8080\?/);
});

t.test('unknown plugin ids in enabledServices and disabledServices are errors naming the loaded ids', async (t) => {
  const enabled = await startError({ enabledServices: ['shpo'] });
  t.equal(enabled?.code, 'CNMCP_ERR_CONFIG_INVALID');
  t.match(enabled?.message, /enabledServices\[0\]: is not the id of an installed plugin \(found: shop, report\)/);
  t.match(enabled?.message, /did you mean shop\?/);
  const disabled = await startError({ disabledServices: ['reprot'] });
  t.match(disabled?.message, /disabledServices\[0\]: .*did you mean report\?/);
  t.equal(await startError({ disabledServices: ['kubernetes'] }), undefined, 'a first-party id not installed is fine');
});

t.test('tool and toolset globs that match nothing are errors with the nearest name', async (t) => {
  const tools = await startError({ enabledTools: ['shop_get_iten'], disabledTools: ['nothing_*'] });
  t.equal(tools?.code, 'CNMCP_ERR_CONFIG_INVALID');
  t.match(tools?.message, /enabledTools\[0\]: matches no tool of the loaded plugins .*did you mean shop_get_item\?/);
  t.match(tools?.message, /disabledTools\[0\]: matches no tool/);
  const toolsets = await startError({ toolsets: { enabled: ['shop/catalgo'] } });
  t.match(toolsets?.message, /toolsets\.enabled\[0\]: matches no toolset .*did you mean shop\/catalog\?/);
  t.equal(
    await startError({ enabledTools: ['shop_*', 'kubernetes_*'], toolsets: { enabled: ['shop/*'] } }),
    undefined,
    'globs that match, and globs aimed at a first-party plugin that is not loaded, are fine',
  );
});

t.test('cnmcp check-config reports every mistake on its own line and exits 1', async (t) => {
  const file = configFile('autoDiscover: false\nplugins:\nserver:\n  port: 18080.5\n  transport: htpp\n');
  const r = await runCli(['check-config', '--config', file], { timeoutMs: 60_000 });
  t.equal(r.code, 1);
  const lines = r.stderr.split('\n').filter(Boolean);
  t.match(lines[0], /^cnmcp: CNMCP_ERR_CONFIG_INVALID: invalid config in .*\(2 mistakes\):$/);
  t.ok(lines.some((l) => /^ {2}server\.port: must be a whole number .*did you mean 18080\?$/.test(l)));
  t.ok(lines.some((l) => /^ {2}server\.transport: must be one of http \| stdio .*did you mean http\?$/.test(l)));
  t.notMatch(r.stderr, /Retry after/);
});
