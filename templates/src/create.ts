// create-cnmcp-plugin: copies the template plugin (a real plugin that builds and passes its tests as it
// is) into a new directory and changes a small, explicit set of names. Never waits for input without a
// terminal. Inside the cnmcp repository the plugin's @cnmcp/core is the workspace's core, packed into the
// plugin's vendor/ folder (or, with --link, symlinked: see workspace.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { findWorkspace, linkWorkspace, vendorCore } from './workspace.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The package root (templates/ in the repository, or the installed create-cnmcp-plugin). */
const PACKAGE_DIR = resolve(HERE, '..');
export const TEMPLATE_DIR = join(PACKAGE_DIR, 'plugin');

/** Same rule as the core (plugins/metadata.ts): the id is the config key, tool prefix and error prefix. */
export const PLUGIN_ID_PATTERN = /^[a-z][a-z0-9]{0,31}$/;
const BASE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SCOPE_PATTERN = /^@[a-z0-9-~][a-z0-9-._~]*$/;
const FIRST_PARTY_IDS = [
  'kubernetes',
  'helm',
  'grafana',
  'prometheus',
  'kibana',
  'elasticsearch',
  'alertmanager',
  'jaeger',
  'opentelemetry',
  'utilities',
];
/** Written into the template only where the CLI replaces them; the template uses these words nowhere else. */
export const TEMPLATE_NAMES = {
  packageName: 'cnmcp-plugin-sample',
  pascal: 'Sample',
  upper: 'SAMPLE',
  id: 'sample',
} as const;
/** Not copied from the template directory (build output of running it in place). */
const SKIP = new Set(['node_modules', 'dist', '.tap', 'coverage', 'package-lock.json']);

const USAGE = `Usage: create-cnmcp-plugin <name> [--dir DIR] [--scope @acme] [--id ID] [--no-interactive] [--no-install] [--link]

Creates a cnmcp plugin package from the template.

  <name>            lowercase letters, digits and hyphens, starting with a letter (e.g. acme-widgets).
                    The package is cnmcp-plugin-<name> (or @scope/cnmcp-plugin-<name>); the plugin id
                    (config key, tool prefix, error prefix) is <name> without hyphens (acmewidgets).
  --dir DIR         where to create it (default ./<name>); must not exist or be empty
  --scope @acme     publish as @acme/cnmcp-plugin-<name>
  --id ID           plugin id instead of the derived one (^[a-z][a-z0-9]{0,31}$)
  --no-interactive  never prompt (also the case when stdin is not a terminal)
  --no-install      do not install or link dependencies
  --link            run from a cnmcp clone: symlink the clone's core and dev tools (no download; npm
                    install <dep> does not work in such a plugin). Without it, a plugin created outside
                    the clone gets the clone's core packed into vendor/ and a normal npm install; one
                    created inside the clone (plugins/<id>) is always linked, as a workspace member.`;

export { UsageError };
export { findWorkspace, linkWorkspace, vendorCore } from './workspace.js';

export interface PluginNames {
  /** The name as given, without scope and prefix: acme-widgets */
  base: string;
  /** cnmcp-plugin-acme-widgets or @acme/cnmcp-plugin-acme-widgets */
  packageName: string;
  /** acmewidgets */
  id: string;
  /** AcmeWidgets (class and type names) */
  pascal: string;
  /** ACMEWIDGETS (error codes, env var) */
  upper: string;
}

function suggestBase(raw: string): string {
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  return s || 'my-plugin';
}

/** Derives and checks every name from what the user typed. Throws UsageError with a suggested fix. */
export function deriveNames(input: string, options: { scope?: string; id?: string } = {}): PluginNames {
  let raw = input.trim();
  let scope = options.scope?.trim();
  const scoped = /^(@[^/]+)\/(.+)$/.exec(raw);
  if (scoped) {
    if (scope && scope !== scoped[1])
      throw new UsageError(`the name says scope ${scoped[1]} but --scope says ${scope}`, 'Give the scope once.');
    scope = scoped[1];
    raw = scoped[2];
  }
  if (scope && !scope.startsWith('@')) scope = `@${scope}`;
  if (scope && !SCOPE_PATTERN.test(scope)) {
    throw new UsageError(
      `scope ${JSON.stringify(scope)} is not a valid npm scope`,
      'Use lowercase letters, digits and hyphens, e.g. --scope @acme.',
    );
  }
  const base = raw.replace(/^cnmcp-plugin-/, '');
  if (!base) throw new UsageError('a plugin name is required', 'For example: create-cnmcp-plugin acme-widgets');
  if (!BASE_PATTERN.test(base)) {
    throw new UsageError(
      `name ${JSON.stringify(input)} is not allowed: use lowercase letters, digits and single hyphens, starting with a letter`,
      `Try: create-cnmcp-plugin ${suggestBase(base)}`,
    );
  }
  const id = options.id ?? base.replace(/-/g, '');
  if (!PLUGIN_ID_PATTERN.test(id)) {
    const why = options.id
      ? `--id ${JSON.stringify(id)}`
      : `the plugin id ${JSON.stringify(id)} (the name without hyphens)`;
    throw new UsageError(
      `${why} does not match ${PLUGIN_ID_PATTERN}: at most 32 lowercase letters and digits, starting with a letter`,
      options.id
        ? 'Pick an id such as acmewidgets.'
        : `Pick a shorter name, or pass --id ${
            id
              .replace(/[^a-z0-9]/g, '')
              .replace(/^[0-9]+/, '')
              .slice(0, 32) || 'myplugin'
          }.`,
    );
  }
  const packageName = `${scope ? `${scope}/` : ''}cnmcp-plugin-${base}`;
  if (packageName.length > 214)
    throw new UsageError(`package name ${packageName} is longer than 214 characters`, 'Pick a shorter name.');
  const pascal = base
    .split('-')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  return { base, packageName, id, pascal, upper: id.toUpperCase() };
}

/** The explicit, ordered list of replacements applied to every copied file. */
export function replacements(names: PluginNames): Array<[string, string]> {
  return [
    [TEMPLATE_NAMES.packageName, names.packageName],
    [TEMPLATE_NAMES.upper, names.upper],
    [TEMPLATE_NAMES.pascal, names.pascal],
    [TEMPLATE_NAMES.id, names.id],
  ];
}

function isEmptyDir(dir: string): boolean {
  return readdirSync(dir).every((f) => f === '.git');
}

/** Copies the template into `target`, renaming gitignore to .gitignore and applying the replacements. */
export function copyTemplate(target: string, names: PluginNames, from = TEMPLATE_DIR): string[] {
  const written: string[] = [];
  const rules = replacements(names);
  const walk = (src: string, dest: string) => {
    mkdirSync(dest, { recursive: true });
    for (const entry of readdirSync(src)) {
      if (SKIP.has(entry) || entry.endsWith('.tsbuildinfo')) continue;
      const s = join(src, entry);
      // npm leaves .gitignore out of published tarballs, so the template carries it as `gitignore`.
      const d = join(dest, entry === 'gitignore' ? '.gitignore' : entry);
      if (statSync(s).isDirectory()) {
        walk(s, d);
        continue;
      }
      const buf = readFileSync(s);
      if (buf.includes(0)) {
        copyFileSync(s, d);
        written.push(d);
        continue;
      }
      let text = buf.toString('utf8');
      for (const [from, to] of rules) text = text.split(from).join(to);
      writeFileSync(d, text);
      written.push(d);
    }
  };
  walk(from, target);
  return written;
}

/** One readline interface for all questions (a second one would lose input the first had buffered). */
function prompter() {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  let closed = false;
  rl.on('close', () => {
    closed = true;
  });
  return {
    async ask(question: string, fallback = ''): Promise<string> {
      if (closed) return fallback;
      try {
        const answer = (await rl.question(`${question}${fallback ? ` (${fallback})` : ''}: `)).trim();
        return answer || fallback;
      } catch {
        return fallback; // end of input (Ctrl+D): take the default
      }
    },
    close: () => rl.close(),
  };
}

export interface CreateOptions {
  name: string;
  dir?: string;
  scope?: string;
  id?: string;
  install?: boolean;
  /** Inside a cnmcp clone: symlink the workspace instead of vendoring the packed core. */
  link?: boolean;
  cwd?: string;
  log?: (line: string) => void;
}

export interface CreateResult {
  names: PluginNames;
  dir: string;
  files: string[];
  install: 'linked' | 'vendored' | 'npm' | 'none';
}

/** Creates the plugin package. Throws UsageError for bad names or a non-empty directory. */
export function create(options: CreateOptions): CreateResult {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const names = deriveNames(options.name, { scope: options.scope, id: options.id });
  const dir = resolve(options.cwd ?? process.cwd(), options.dir ?? names.base);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory())
      throw new UsageError(`${dir} exists and is not a directory`, 'Pass another --dir.');
    if (!isEmptyDir(dir))
      throw new UsageError(`${dir} is not empty`, 'Pass another --dir, or empty that directory first.');
  }
  if (FIRST_PARTY_IDS.includes(names.id)) {
    log(`warning: ${names.id} is the id of a first-party plugin; both cannot be loaded by the same server.`);
  }
  const files = copyTemplate(dir, names);
  log(`created ${names.packageName} (plugin id ${names.id}) in ${dir}`);
  let install: CreateResult['install'] = 'none';
  const root = findWorkspace();
  // A plugin created inside the clone (plugins/<id>) is a workspace member: linking is what npm would do.
  const insideClone = !!root && !relative(root, dir).startsWith('..');
  if (options.install !== false && root && (options.link || insideClone)) {
    linkWorkspace(dir, root);
    install = 'linked';
    log(`linked @cnmcp/core and the dev tools to the workspace at ${root} (no download)`);
  } else if (options.install !== false) {
    if (root) {
      const spec = vendorCore(dir, root);
      log(`@cnmcp/core: the workspace's core, packed into ${spec.slice('file:'.length)}`);
    }
    log('installing dependencies: npm install');
    const res = spawnSync('npm', ['install', '--no-fund', '--no-audit'], {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
      shell: process.platform === 'win32',
    });
    if (res.status !== 0)
      throw new UsageError(`npm install failed in ${dir}`, `Run npm install in ${dir} yourself, then npm run build.`);
    install = root ? 'vendored' : 'npm';
  }
  const fromCwd = relative(options.cwd ?? process.cwd(), dir) || '.';
  const rel = fromCwd.startsWith('..') ? dir : fromCwd;
  log(`
Next:
  cd ${rel}${install === 'none' ? '\n  npm install' : ''}
  npm run build && npm test

Load it without publishing: list its path in cnmcp.config.yaml
  plugins:
    - ${dir}
  ${names.id}:
    targets:
      main: { url: http://127.0.0.1:8080 }
or npm install it next to the server, and auto-discovery finds it.`);
  return { names, dir, files, install };
}

function fail(err: unknown): never {
  if (err instanceof UsageError) {
    process.stderr.write(`create-cnmcp-plugin: ${err.message}\n${err.hint ? `Hint: ${err.hint}\n` : ''}`);
  } else {
    process.stderr.write(`create-cnmcp-plugin: ${(err as Error)?.message ?? String(err)}\n`);
  }
  process.exit(1);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      options: {
        dir: { type: 'string', short: 'd' },
        scope: { type: 'string' },
        id: { type: 'string' },
        interactive: { type: 'boolean', default: true },
        install: { type: 'boolean', default: true },
        link: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    fail(new UsageError((err as Error).message, USAGE));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length > 1) fail(new UsageError(`one name expected, got ${positionals.join(' ')}`, USAGE));
  // Prompts only with a terminal: with no TTY (CI, pipes) the CLI never waits for input.
  const interactive = values.interactive && process.stdin.isTTY === true;
  let name = positionals[0];
  let scope = values.scope;
  const prompts = interactive ? prompter() : undefined;
  try {
    if (!name && prompts) name = await prompts.ask('Plugin name (lowercase, hyphens allowed)', 'my-plugin');
    if (!name) throw new UsageError('a plugin name is required', USAGE);
    if (prompts && scope === undefined && !name.startsWith('@'))
      scope = (await prompts.ask('npm scope, e.g. @acme (empty for none)')) || undefined;
    prompts?.close();
    create({ name, dir: values.dir, scope, id: values.id, install: values.install, link: values.link });
  } catch (err) {
    prompts?.close();
    fail(err);
  }
}
