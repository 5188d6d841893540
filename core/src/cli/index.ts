// The `cnmcp` command: serve, tools, check-config, health. Errors are one line and exit code 1.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { isCnmcpError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createServer, CORE_VERSION } from '../server.js';
import { tuneHeapForServing } from './heap-tuning.js';
import { toolTable } from './tool-table.js';

const HELP: Record<string, string> = {
  main: `cnmcp ${CORE_VERSION} — MCP server for cloud-native infrastructure

Usage: cnmcp <command> [options]

Commands:
  serve          Serve MCP over HTTP (default 127.0.0.1:8080) or stdio
  tools          List the tools of every loaded plugin
  check-config   Validate the configuration and exit 0 (valid) or 1
  health         Probe each plugin's backend and print its status
  tool-table     Print or update the Markdown table of a plugin's tools (for its README)
  help           Print this text, or with a command name that command's options

Run 'cnmcp <command> --help' (or 'cnmcp help <command>') for the options of a command.`,
  serve: `Usage: cnmcp serve [--config FILE] [--transport stdio|http] [--host HOST] [--port PORT]

Serves the MCP endpoints: POST/GET/DELETE /mcp (Streamable HTTP, spec 2025-11-25 and 2026-07-28),
GET /sse + POST /messages (legacy SSE), /api/<plugin>/streamable-http, /api/aggregate/streamable-http,
GET /health and GET /ready. With --transport stdio it speaks MCP on stdin/stdout and logs to stderr.`,
  tools: `Usage: cnmcp tools [--config FILE] [--json]

Lists every tool of every loaded plugin (configured or not) with its plugin id, title and annotations.
--json prints an array of { name, plugin, toolset, title, description, annotations, served, listed, reason }.`,
  'check-config': `Usage: cnmcp check-config [--config FILE]

Loads the configuration and every plugin it names, validates all sections, and exits 0 or 1.`,
  health: `Usage: cnmcp health [--config FILE] [--url URL] [--json]

Probes each plugin's backend in-process, or asks a running server's GET /ready when --url is given.
Exits 1 when a plugin is degraded.`,
  'tool-table': `Usage: cnmcp tool-table --plugin <id|path> [--write README.md] [--check] [--config FILE]

Prints the Markdown table of a plugin's tools (name, title, read-only/destructive, description, parameters),
or with --write replaces the block between <!-- tool-table:start --> and <!-- tool-table:end --> in that file.
--check exits 1 instead of writing when the file is out of date.`,
};

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  transport: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  json: { type: 'boolean' },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  plugin: { type: 'string' },
  write: { type: 'string' },
  check: { type: 'boolean' },
} as const;

function fail(err: unknown): never {
  if (isCnmcpError(err)) process.stderr.write(`cnmcp: ${err.toText().replace(/\n/g, '\n  ')}\n`);
  else process.stderr.write(`cnmcp: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(1);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`cnmcp: ${(err as Error).message}\n\n${HELP.main}\n`);
    process.exit(1);
  }
  const { values } = parsed;
  // `cnmcp help [command]` is the same as `cnmcp [command] --help`.
  const positionals = parsed.positionals[0] === 'help' ? parsed.positionals.slice(1) : parsed.positionals;
  if (parsed.positionals[0] === 'help') values.help = true;
  const command = positionals[0];
  if (values.version) {
    process.stdout.write(`${CORE_VERSION}\n`);
    return;
  }
  if (!command || (values.help && !Object.hasOwn(HELP, command))) {
    process.stdout.write(`${HELP.main}\n`);
    return;
  }
  if (!Object.hasOwn(HELP, command) || command === 'main') {
    process.stderr.write(`cnmcp: unknown command '${command}'\n\n${HELP.main}\n`);
    process.exit(1);
  }
  if (values.help) {
    process.stdout.write(`${HELP[command]}\n`);
    return;
  }

  const overrides: Record<string, unknown> = {};
  const server: Record<string, unknown> = {};
  if (values.transport) server.transport = values.transport;
  if (values.host) server.host = values.host;
  if (values.port) server.port = values.port;
  if (Object.keys(server).length) overrides.server = server;

  try {
    const loaded = await loadConfig({ file: values.config, overrides });
    if (command === 'serve') return await serve(loaded.config, loaded.baseDir);
    if (command === 'tools') return await listTools(loaded.config, loaded.baseDir, !!values.json);
    if (command === 'check-config') return await checkConfig(loaded.config, loaded.baseDir, loaded.filepath);
    if (command === 'health') return await health(loaded.config, loaded.baseDir, values.url, !!values.json);
    if (command === 'tool-table')
      return await toolTable(loaded.config, loaded.baseDir, {
        plugin: values.plugin ?? '',
        write: values.write,
        check: values.check,
      });
  } catch (err) {
    fail(err);
  }
}

async function serve(config: Awaited<ReturnType<typeof loadConfig>>['config'], baseDir: string): Promise<void> {
  const logger = createLogger({ level: config.log.level, destination: 'stderr' });
  const server = await createServer({ config, baseDir, logger });
  // After start-up, whose long-lived objects pretenuring does suit (see heap-tuning.ts).
  tuneHeapForServing();
  // A closed stdout/stderr (the reader of a pipe went away) must not crash or hang the server.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown: exiting now');
      process.exit(1);
    }
    stopping = true;
    const deadlineMs = config.server.shutdownDeadlineMs;
    setTimeout(() => {
      logger.error(
        { signal, deadlineMs },
        `shutdown did not finish within ${deadlineMs} ms (server.shutdownDeadlineMs): exiting`,
      );
      process.exit(1);
    }, deadlineMs).unref();
    logger.info({ signal }, 'shutting down: draining in-flight calls');
    try {
      await server.close();
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  const ids = server.plugins.map((p) => p.definition.id);
  if (config.server.transport === 'stdio') {
    server.serveStdio();
    process.stdin.on('end', () => void stop('stdin closed'));
    logger.info({ plugins: ids, tools: server.registry.size }, 'serving MCP on stdio');
    return;
  }
  const url = await server.listen();
  logger.info({ url: `${url}/mcp`, plugins: ids, tools: server.registry.size }, `cnmcp listening on ${url}/mcp`);
}

async function quietServer(config: Awaited<ReturnType<typeof loadConfig>>['config'], baseDir: string) {
  return createServer({ config, baseDir, logger: createLogger({ level: 'error', destination: 'stderr' }) });
}

async function listTools(
  config: Awaited<ReturnType<typeof loadConfig>>['config'],
  baseDir: string,
  json: boolean,
): Promise<void> {
  const server = await quietServer(config, baseDir);
  const listed = new Set(server.registry.listTools().map((t) => t.name));
  const configured = (plugin: string) =>
    server.plugins.find((p) => p.definition.id === plugin)?.backend?.isConfigured() ?? true;
  const rows = server.registry.allTools().map(({ tool, hiddenReason }) => {
    const why =
      hiddenReason ??
      (listed.has(tool.name)
        ? undefined
        : !server.registry.toolsetEnabled(tool.toolset)
          ? `toolset ${tool.toolset} is not enabled (toolsets.enabled)`
          : !configured(tool.plugin)
            ? `${tool.plugin} is not configured`
            : undefined);
    return {
      name: tool.name,
      plugin: tool.plugin,
      toolset: tool.toolset,
      title: tool.title ?? null,
      description: tool.description,
      annotations: tool.annotations,
      served: !hiddenReason,
      listed: listed.has(tool.name),
      ...(why ? { reason: why } : {}),
    };
  });
  await server.close();
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const flag = (r: (typeof rows)[number]) =>
    r.annotations.readOnlyHint ? 'read-only' : r.annotations.destructiveHint ? 'destructive' : 'write';
  for (const r of rows)
    process.stdout.write(
      `${r.name.padEnd(48)} ${r.toolset.padEnd(28)} ${flag(r).padEnd(12)} ${r.title ?? ''}${r.reason ? `  (not listed: ${r.reason})` : ''}\n`,
    );
  process.stdout.write(
    `${rows.length} tools from ${server.plugins.length} plugins; ${listed.size} listed to agents by this config\n`,
  );
}

async function checkConfig(
  config: Awaited<ReturnType<typeof loadConfig>>['config'],
  baseDir: string,
  filepath?: string,
): Promise<void> {
  const server = await quietServer(config, baseDir);
  await server.close();
  process.stdout.write(
    `config ${filepath ?? '(defaults, no file found)'} is valid: ${server.plugins.length} plugins, ${server.registry.size} tools served\n`,
  );
}

async function health(
  config: Awaited<ReturnType<typeof loadConfig>>['config'],
  baseDir: string,
  url: string | undefined,
  json: boolean,
): Promise<void> {
  let plugins: Array<{ plugin: string; status: string; detail?: string }>;
  if (url) {
    const res = await fetch(new URL('/ready', url));
    plugins = ((await res.json()) as { plugins: typeof plugins }).plugins;
  } else {
    const server = await quietServer(config, baseDir);
    plugins = await server.health.checkAll();
    await server.close();
  }
  if (json) process.stdout.write(`${JSON.stringify(plugins, null, 2)}\n`);
  else
    for (const p of plugins)
      process.stdout.write(`${p.plugin.padEnd(16)} ${p.status}${p.detail ? `  ${p.detail}` : ''}\n`);
  if (plugins.some((p) => p.status === 'degraded')) process.exit(1);
}
