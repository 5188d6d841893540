// `cnmcp tool-table --plugin <id|path> [--write README.md] [--check]`: the Markdown table of a plugin's tools
// (name, title, read-only/destructive, description, parameters), generated from its metadata, written
// between `<!-- tool-table:start -->` and `<!-- tool-table:end -->` so that READMEs never drift.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_KEYS, type CnmcpConfig } from '../config/schema.js';
import { discoverInstalledPlugins } from '../plugins/discover.js';
import { coreError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createServer } from '../server.js';
import type { RegisteredTool } from '../tools/registry.js';

export const TABLE_START = '<!-- tool-table:start -->';
export const TABLE_END = '<!-- tool-table:end -->';

type JsonSchema = Record<string, unknown>;

const cell = (text: string) =>
  text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();

function typeOf(schema: JsonSchema): string {
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(union)) {
    const parts = union.map((s) => ('const' in s && typeof s.const === 'string' ? s.const : typeOf(s)));
    return [...new Set(parts)].join(' | ');
  }
  if (schema.type === 'array') return `${schema.items ? typeOf(schema.items as JsonSchema) : 'any'}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  return typeof schema.type === 'string' ? schema.type : 'any';
}

/** `` `id` string, `limit`? integer = 50 ``: required parameters have no `?`. */
export function describeParameters(inputSchema: JsonSchema | undefined): string {
  const properties = (inputSchema?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((inputSchema?.required as string[] | undefined) ?? []);
  const parts = Object.entries(properties).map(([name, schema]) => {
    const dflt = 'default' in schema ? ` = ${JSON.stringify(schema.default)}` : '';
    return `\`${name}\`${required.has(name) ? '' : '?'} ${typeOf(schema)}${dflt}`;
  });
  return parts.length ? parts.join(', ') : '—';
}

export function kindOf(tool: Pick<RegisteredTool, 'annotations'>): string {
  if (tool.annotations.readOnlyHint) return 'read-only';
  if (tool.annotations.destructiveHint === false) return 'write';
  return 'destructive';
}

/** The Markdown table, one row per tool, in declaration order. */
export function renderToolTable(
  tools: Array<Pick<RegisteredTool, 'name' | 'title' | 'description' | 'annotations' | 'inputSchema'>>,
): string {
  const rows = tools.map(
    (t) =>
      `| \`${t.name}\` | ${cell(t.title ?? '')} | ${kindOf(t)} | ${cell(t.description)} | ${cell(describeParameters(t.inputSchema))} |`,
  );
  return ['| Tool | Title | Kind | Description | Parameters |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Replaces what lies between the markers; throws when they are missing. */
export function replaceToolTable(text: string, table: string, file = 'the file'): string {
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END, start + 1);
  if (start < 0 || end < 0) {
    throw new Error(
      `${file} has no ${TABLE_START} … ${TABLE_END} block\nHint: add the two marker lines where the tool table belongs, then run the command again.`,
    );
  }
  return `${text.slice(0, start + TABLE_START.length)}\n${table}\n${text.slice(end)}`;
}

function looksLikePath(spec: string): boolean {
  return spec === '.' || spec.startsWith('./') || spec.startsWith('../') || isAbsolute(spec) || spec.includes('/');
}

function markerOf(dir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { cnmcp?: { plugin?: string } }).cnmcp
      ?.plugin;
  } catch {
    return undefined;
  }
}

export interface ToolTableOptions {
  /** A plugin id (configured, installed, or the package in the current directory), or a path to a plugin package. */
  plugin: string;
  /** README to update in place. */
  write?: string;
  /** With write: exit 1 instead of writing when the file is out of date. */
  check?: boolean;
  cwd?: string;
  out?: (text: string) => void;
}

const NOT_LOADED_HINT =
  'Pass the path of the plugin package (--plugin ./plugins/<id>), list it in plugins: of the config, or run the command in its directory.';

export async function toolTable(config: CnmcpConfig, baseDir: string, options: ToolTableOptions): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  if (!options.plugin)
    throw new Error(
      '--plugin <id|path> is required\nHint: e.g. cnmcp tool-table --plugin utilities --write plugins/utilities/README.md',
    );
  // Load only this plugin, by path, so that other plugins (and their config sections) cannot get in the way.
  let id = options.plugin;
  let dir: string | undefined;
  if (looksLikePath(options.plugin)) {
    dir = resolve(cwd, options.plugin);
    id = markerOf(dir) ?? '';
    if (!id)
      throw coreError(
        'CNMCP_ERR_PLUGIN_NOT_FOUND',
        `${dir} is not a plugin package (no "cnmcp": { "plugin": "<id>" } in package.json)`,
      );
  } else if (markerOf(cwd) === id) {
    dir = cwd; // run inside the plugin's own package
  } else {
    const installed = discoverInstalledPlugins(fileURLToPath(import.meta.url));
    dir = installed.find((c) => c.markerId === id)?.dir;
    // Without a package to load, only the config's plugins: list could provide the id.
    if (!dir && !config.plugins?.length) {
      const ids = installed.map((c) => c.markerId).filter(Boolean);
      throw coreError(
        'CNMCP_ERR_PLUGIN_NOT_FOUND',
        `--plugin ${id}: no installed plugin has this id (installed: ${ids.length ? ids.join(', ') : 'none'})`,
        { hint: NOT_LOADED_HINT },
      );
    }
  }
  const section = Object.fromEntries(Object.entries(config).filter(([key]) => CORE_KEYS.has(key) || key === id));
  const server = await createServer({
    // Installed packages were searched above; otherwise only the config's own plugins: list can provide it.
    config: {
      ...section,
      plugins: dir ? [dir] : config.plugins,
      autoDiscover: false,
      enabledServices: [id],
    } as CnmcpConfig,
    baseDir,
    logger: createLogger({ level: 'error', destination: 'stderr' }),
  });
  const tools = server.registry
    .allTools()
    .map(({ tool }) => tool)
    .filter((t) => t.plugin === id);
  const loaded = server.plugins.some((p) => p.definition.id === id);
  await server.close();
  if (!loaded) {
    throw coreError('CNMCP_ERR_PLUGIN_NOT_FOUND', `plugin ${id} is not loaded`, {
      hint: NOT_LOADED_HINT,
    });
  }
  const table = renderToolTable(tools);
  if (!options.write) {
    out(`${table}\n`);
    return;
  }
  const file = resolve(cwd, options.write);
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const after = replaceToolTable(before, table, options.write);
  if (options.check) {
    if (after !== before) {
      throw new Error(
        `${options.write}: the tool table of ${id} is out of date\nHint: run cnmcp tool-table --plugin ${options.plugin} --write ${options.write}.`,
      );
    }
    out(`${options.write}: tool table of ${id} is up to date (${tools.length} tools)\n`);
    return;
  }
  if (after !== before) writeFileSync(file, after);
  out(`${options.write}: ${after === before ? 'unchanged' : 'updated'}, ${tools.length} tools of ${id}\n`);
}
