// cnmcp embedded in your own program: load the config, pass the plugin classes you want, listen.
import { createServer, loadConfig } from '@cnmcp/core/server';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';

const { config, baseDir } = await loadConfig({
  overrides: { autoDiscover: false, server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 8080) } },
});
const server = await createServer({ config, baseDir, plugins: [UtilitiesPlugin] });
const url = await server.listen();
console.log(`cnmcp embedded: ${server.registry.size} tools at ${url}/mcp`);

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close().then(() => process.exit(0)));
