// What `cnmcp serve` loads before it answers /health with every first-party plugin configured: no heavy client
// that nothing has used yet, and no CommonJS module through the ES module loader (Node scans each one's source for
// its exports first; the build bundles them into ES modules instead). A module loader hook records every module.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, startProcess, waitFor } from '@cnmcp/core/testing';
import t from 'tap';
import { everyBackendConfigured } from './all-plugins.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Loaded only when configured or first used; none is, by a server that has answered nothing but /health. */
const NOT_YET = [
  /\/node_modules\/@opentelemetry\//,
  /\/node_modules\/ioredis\//,
  /\/node_modules\/jose\//,
  /\/node_modules\/(ajv|fast-json-stringify)\//,
  /\/node_modules\/@kubernetes\/client-node\/dist\/(index|api|gen\/)/,
  /\/node_modules\/@elastic\/elasticsearch\//,
  /\/node_modules\/undici\/|\/core\/dist\/vendor\/undici\.js$/,
  /\/core\/dist\/vendor\/mcp-sdk-node\.js$/,
];

t.test('start-up with every plugin loads no unused client and no CommonJS module as ESM', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cnmcp-imports-'));
  const record = join(dir, 'modules.txt');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    [
      "import { appendFileSync } from 'node:fs';",
      `const record = ${JSON.stringify(record)};`,
      'export async function load(url, context, next) {',
      '  const loaded = await next(url, context);',
      '  appendFileSync(record, `${loaded.format} ${url}\\n`);',
      '  return loaded;',
      '}',
    ].join('\n'),
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  const port = await freePort();
  const config = join(dir, 'cnmcp.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      ...everyBackendConfigured(),
      server: { host: '127.0.0.1', port, healthIntervalMs: 0 },
      autoDiscover: true,
    }),
  );
  const server = startProcess(
    process.execPath,
    ['--import', register, `${ROOT}bin/cnmcp.js`, 'serve', '--config', config],
    { cwd: ROOT, cleanupDir: dir },
  );
  t.teardown(() => server.stop());
  await waitFor(
    'cnmcp serve to answer /health',
    60_000,
    async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok,
    server.log,
  );
  const modules = readFileSync(record, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [format, url] = line.split(' ');
      return { format, url };
    });
  const ready = (await (await fetch(`http://127.0.0.1:${port}/ready`)).json()) as { plugins?: { plugin: string }[] };
  t.equal(ready.plugins?.length, 10, 'every first-party plugin is loaded');
  t.ok(
    modules.some((m) => m.url.endsWith('/plugins/kubernetes/dist/bundle.js')),
    'the hook saw the modules loaded',
  );
  t.same(
    modules.filter((m) => m.format === 'commonjs').map((m) => m.url),
    [],
    'no CommonJS module loaded as an ES module import',
  );
  t.same(
    modules.filter((m) => NOT_YET.some((re) => re.test(m.url))).map((m) => m.url),
    [],
    'no client loaded before it is configured or used',
  );
});
