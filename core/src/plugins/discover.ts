// Finds plugin packages: the ones the config lists (by package name or path), plus installed
// @cnmcp/plugin-*, cnmcp-plugin-* and @scope/cnmcp-plugin-* packages found from the host's own module
// resolution (not from the current directory), marked with `"cnmcp": { "plugin": "<id>" }`.
import { existsSync, readdirSync, readFileSync, statSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { coreError } from '../errors.js';

export interface PluginCandidate {
  /** The package name, or the path as the config wrote it. */
  source: string;
  /** Absolute path of the module to import. */
  entry: string;
  /** Package directory (or the file's directory). */
  dir: string;
  packageName?: string;
  version: string;
  /** The `cnmcp.plugin` marker, when the package has one. */
  markerId?: string;
  origin: 'config' | 'discovered';
}

interface PackageJson {
  name?: string;
  version?: string;
  main?: string;
  exports?: unknown;
  cnmcp?: { plugin?: string };
}

const NAME_PATTERNS = [
  /^@cnmcp\/plugin-[a-z0-9-]+$/,
  /^cnmcp-plugin-[a-z0-9-]+$/,
  /^@[a-z0-9-~][a-z0-9-._~]*\/cnmcp-plugin-[a-z0-9-]+$/,
];

export function isPluginPackageName(name: string): boolean {
  return NAME_PATTERNS.some((p) => p.test(name));
}

function readPackageJson(dir: string): PackageJson | undefined {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

/** The ESM entry of a package: exports["."] (import/default) or main or index.js. */
function packageEntry(dir: string, pkg: PackageJson): string {
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      return pick(v['.']) ?? pick(v.import) ?? pick(v.node) ?? pick(v.default);
    }
    return undefined;
  };
  return resolve(dir, pick(pkg.exports) ?? pkg.main ?? 'index.js');
}

function candidateFromDir(dir: string, source: string, origin: PluginCandidate['origin']): PluginCandidate {
  const pkg = readPackageJson(dir);
  if (!pkg) throw coreError('CNMCP_ERR_PLUGIN_NOT_FOUND', `plugin ${source}: ${dir} has no package.json`);
  const entry = packageEntry(dir, pkg);
  if (!existsSync(entry)) {
    throw coreError('CNMCP_ERR_PLUGIN_NOT_FOUND', `plugin ${source}: its entry ${entry} does not exist`, {
      hint: 'Build the plugin first (npm run build in its directory).',
    });
  }
  return {
    source,
    entry,
    dir,
    packageName: pkg.name,
    version: pkg.version ?? '0.0.0',
    markerId: pkg.cnmcp?.plugin,
    origin,
  };
}

function looksLikePath(spec: string): boolean {
  return (
    spec.startsWith('.') || isAbsolute(spec) || spec.startsWith('~') || (!spec.startsWith('@') && spec.includes('/'))
  );
}

/** Resolves a package's directory from several starting points (the config's directory first, then the host). */
function findPackageDir(name: string, from: string[]): string | undefined {
  for (const base of from) {
    try {
      const require = createRequire(join(base, 'noop.js'));
      return dirname(require.resolve(`${name}/package.json`));
    } catch {
      // A package whose exports hide package.json: walk the lookup paths by hand.
      const require = createRequire(join(base, 'noop.js'));
      for (const nm of require.resolve.paths(name) ?? []) {
        const dir = join(nm, name);
        if (existsSync(join(dir, 'package.json'))) return dir;
      }
    }
  }
  return undefined;
}

/** The node_modules folders the host itself resolves from. */
export function hostModuleDirs(hostFile: string): string[] {
  const require = createRequire(hostFile);
  return (require.resolve.paths('x') ?? []).filter((d) => existsSync(d));
}

export function resolveConfiguredPlugin(spec: string, baseDir: string, hostDir: string): PluginCandidate {
  if (looksLikePath(spec)) {
    const abs = resolve(baseDir, spec.replace(/^~(?=\/)/, process.env.HOME ?? '~'));
    if (!existsSync(abs))
      throw coreError('CNMCP_ERR_PLUGIN_NOT_FOUND', `plugin path ${spec} does not exist (resolved to ${abs})`);
    if (statSync(abs).isDirectory()) return candidateFromDir(abs, spec, 'config');
    return { source: spec, entry: abs, dir: dirname(abs), version: '0.0.0', origin: 'config' };
  }
  const dir = findPackageDir(spec, [baseDir, hostDir]);
  if (!dir)
    throw coreError('CNMCP_ERR_PLUGIN_NOT_FOUND', `plugin package ${spec} is not installed`, {
      hint: `npm install ${spec}, or list it by path.`,
    });
  return candidateFromDir(dir, spec, 'config');
}

export function discoverInstalledPlugins(hostFile: string): PluginCandidate[] {
  const found = new Map<string, PluginCandidate>();
  for (const modulesDir of hostModuleDirs(hostFile)) {
    const names: string[] = [];
    for (const entry of readdirSync(modulesDir)) {
      if (entry.startsWith('@')) {
        let scoped: string[] = [];
        try {
          scoped = readdirSync(join(modulesDir, entry));
        } catch {
          continue;
        }
        for (const sub of scoped) names.push(`${entry}/${sub}`);
      } else names.push(entry);
    }
    for (const name of names.filter(isPluginPackageName)) {
      if (found.has(name)) continue; // nearer node_modules wins, as in Node's resolution
      const dir = join(modulesDir, name);
      const pkg = readPackageJson(dir);
      if (!pkg?.cnmcp?.plugin) continue; // the marker makes it a plugin, not the name alone
      try {
        found.set(name, candidateFromDir(realpathSync(dir), name, 'discovered'));
      } catch {
        // An unbuilt package (no entry file) is skipped in discovery; listing it in config reports why.
      }
    }
  }
  return [...found.values()];
}
