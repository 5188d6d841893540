// Config: found by cosmiconfig, ${ENV} interpolation, MCP_* overrides, and clear errors that name the key.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadConfig } from '@cnmcp/core/server';
import { runCli } from './helpers/cli.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnmcp-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

t.test('defaults apply when no file is found', async (t) => {
  const { config, filepath } = await loadConfig({ cwd: dirWith({}), env: {} });
  t.equal(filepath, undefined);
  t.equal(config.server.transport, 'http');
  t.equal(config.server.host, '127.0.0.1');
  t.equal(config.server.port, 8080);
  t.equal(config.autoDiscover, true);
});

t.test('cnmcp.config.yaml is found, with ${VAR} and ${VAR:-default} interpolated', async (t) => {
  const dir = dirWith({
    'cnmcp.config.yaml': 'server:\n  port: ${PORT_FROM_ENV}\n  host: ${HOST_FROM_ENV:-0.0.0.0}\nlog:\n  level: debug\n',
  });
  const { config, filepath } = await loadConfig({ cwd: dir, env: { PORT_FROM_ENV: '9123' } });
  t.equal(filepath, join(dir, 'cnmcp.config.yaml'));
  t.equal(config.server.port, 9123, 'the string from env became a number');
  t.equal(config.server.host, '0.0.0.0');
  t.equal(config.log.level, 'debug');
});

t.test('.cnmcprc.json and package.json#cnmcp are found too', async (t) => {
  t.equal(
    (await loadConfig({ cwd: dirWith({ '.cnmcprc.json': '{"server":{"port":7001}}' }), env: {} })).config.server.port,
    7001,
  );
  t.equal(
    (await loadConfig({ cwd: dirWith({ 'package.json': '{"name":"x","cnmcp":{"server":{"port":7002}}}' }), env: {} }))
      .config.server.port,
    7002,
  );
});

t.test('MCP_* env variables and CLI overrides take precedence, in that order', async (t) => {
  const dir = dirWith({ 'cnmcp.config.yaml': 'server:\n  port: 1000\n' });
  t.equal((await loadConfig({ cwd: dir, env: { MCP_PORT: '2000' } })).config.server.port, 2000);
  t.equal(
    (await loadConfig({ cwd: dir, env: { MCP_PORT: '2000' }, overrides: { server: { port: '3000' } } })).config.server
      .port,
    3000,
  );
});

t.test('errors name the key, the value and what is expected', async (t) => {
  const dir = dirWith({ 'cnmcp.config.yaml': 'server:\n  port: lots\n  transport: carrier-pigeon\n' });
  const err = await loadConfig({ cwd: dir, env: {} }).catch((e: unknown) => e as Error & { code: string });
  t.equal(err.code, 'CNMCP_ERR_CONFIG_INVALID');
  t.match(err.message, /server\.port: must be a whole number \(got "lots"\)/);
  t.match(err.message, /server\.transport: .* \(got "carrier-pigeon"\)/);
  const typo = await loadConfig({ cwd: dirWith({ 'cnmcp.config.yaml': 'server:\n  prot: 1\n' }), env: {} }).catch(
    (e: unknown) => e as Error,
  );
  t.match(typo.message, /server\.prot: is not a known key/);
  const env = await loadConfig({
    cwd: dirWith({ 'cnmcp.config.yaml': 'server:\n  host: ${NOT_SET_ANYWHERE}\n' }),
    env: {},
  }).catch((e: unknown) => e as Error & { code: string });
  t.equal(env.code, 'CNMCP_ERR_CONFIG_ENV_MISSING');
  t.match(env.message, /server\.host uses \$\{NOT_SET_ANYWHERE\}/);
  const syntax = await loadConfig({ cwd: dirWith({ 'cnmcp.config.yaml': 'server: [\n' }), env: {} }).catch(
    (e: unknown) => e as Error & { code: string },
  );
  t.equal(syntax.code, 'CNMCP_ERR_CONFIG_PARSE');
  const missing = await loadConfig({ file: 'nope.yaml', cwd: dirWith({}), env: {} }).catch(
    (e: unknown) => e as Error & { code: string },
  );
  t.equal(missing.code, 'CNMCP_ERR_CONFIG_NOT_FOUND');
});

t.test('cnmcp check-config exits 1 with one line naming the key, 0 when valid', async (t) => {
  const bad = dirWith({ 'cnmcp.config.yaml': 'server:\n  port: 99999\n' });
  const failed = await runCli(['check-config', '--config', join(bad, 'cnmcp.config.yaml')]);
  t.equal(failed.code, 1);
  t.match(
    failed.stderr,
    /^cnmcp: CNMCP_ERR_CONFIG_INVALID: invalid config in .*: server\.port: must be <= 65535 \(got 99999\)/,
  );
  t.notMatch(failed.stderr, /at .*\.js:\d+/, 'no stack trace');
  const unknown = dirWith({ 'cnmcp.config.yaml': 'autoDiscover: false\npromethues:\n  targets: {}\n' });
  const typo = await runCli(['check-config', '--config', join(unknown, 'cnmcp.config.yaml')]);
  t.equal(typo.code, 1);
  t.match(typo.stderr, /config key 'promethues' is neither a core key nor the id of a loaded plugin/);
  const good = dirWith({
    'cnmcp.config.yaml':
      'autoDiscover: false\nplugins: ["@cnmcp/plugin-utilities"]\nserver:\n  port: 8081\nutilities:\n  maxSleepSeconds: 10\n',
  });
  const ok = await runCli(['check-config', '--config', join(good, 'cnmcp.config.yaml')]);
  t.equal(ok.code, 0, ok.stderr);
  t.match(ok.stdout, /is valid: 1 plugins, 6 tools served/);
  const pluginBad = dirWith({
    'cnmcp.config.yaml':
      'autoDiscover: false\nplugins: ["@cnmcp/plugin-utilities"]\nutilities:\n  maxSleepSeconds: forever\n',
  });
  const pb = await runCli(['check-config', '--config', join(pluginBad, 'cnmcp.config.yaml')]);
  t.equal(pb.code, 1);
  t.match(
    pb.stderr,
    /CNMCP_ERR_PLUGIN_CONFIG_INVALID: plugin utilities: utilities\.maxSleepSeconds: must be a whole number \(got "forever"\)/,
  );
});
