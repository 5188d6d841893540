// How a plugin scaffolded inside a clone of the cnmcp repository gets its @cnmcp/core. By default the core is
// packed into the plugin's own vendor/ folder and installed from there (`file:vendor/<tarball>`), so the plugin
// is an ordinary npm package: `npm install <dep>` works and its lockfile names no path of the clone. `--link`
// instead symlinks the workspace's core and dev tools (no download at all; the repository's own tests use it),
// at the price that npm commands other than build and test do not work in that plugin.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './errors.js';

/** The package root (templates/ in the repository, or the installed create-cnmcp-plugin). */
const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The cnmcp repository this CLI runs from, when it does (templates/ next to core/). */
export function findWorkspace(): string | undefined {
  const root = resolve(PACKAGE_DIR, '..');
  try {
    const core = JSON.parse(readFileSync(join(root, 'core', 'package.json'), 'utf8')) as { name?: string };
    const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] };
    if (core.name === '@cnmcp/core' && Array.isArray(rootPkg.workspaces)) return root;
  } catch {
    // not inside the repository
  }
  return undefined;
}

function packageDirIn(root: string, name: string): string | undefined {
  for (const base of [
    join(root, 'node_modules'),
    join(root, 'core', 'node_modules'),
    join(root, 'templates', 'node_modules'),
  ]) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return realpathSync(dir);
  }
  return undefined;
}

/**
 * Links the generated package's devDependencies to the repository's copies: @cnmcp/core to core/, the
 * others (typescript, tap, @types/node) to the workspace's installed packages, bins included. No network.
 */
export function linkWorkspace(target: string, root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const nm = join(target, 'node_modules');
  const linked: string[] = [];
  for (const name of Object.keys(pkg.devDependencies ?? {})) {
    const src = name === '@cnmcp/core' ? realpathSync(join(root, 'core')) : packageDirIn(root, name);
    if (!src)
      throw new UsageError(
        `${name} is not installed in the workspace at ${root}`,
        'Run npm ci at the repository root, or use --no-install and npm install.',
      );
    const dest = join(nm, name);
    mkdirSync(dirname(dest), { recursive: true });
    symlinkSync(src, dest, 'dir');
    linked.push(name);
    const meta = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8')) as {
      name: string;
      bin?: string | Record<string, string>;
    };
    const bins = typeof meta.bin === 'string' ? { [basename(meta.name)]: meta.bin } : (meta.bin ?? {});
    for (const [bin, file] of Object.entries(bins)) {
      mkdirSync(join(nm, '.bin'), { recursive: true });
      const link = join(nm, '.bin', bin);
      if (!existsSync(link)) symlinkSync(resolve(src, file), link);
    }
  }
  if (!existsSync(join(root, 'core', 'dist', 'index.js'))) {
    process.stderr.write(
      `note: ${join(root, 'core')} is not built yet; run npm run build at the repository root first.\n`,
    );
  }
  return linked;
}

/**
 * Packs the workspace's core into `<target>/vendor/` and points the plugin's devDependency at that tarball.
 * Returns the dependency spec written (e.g. `file:vendor/cnmcp-core-0.1.0.tgz`).
 */
export function vendorCore(target: string, root: string): string {
  if (!existsSync(join(root, 'core', 'dist', 'index.js')))
    throw new UsageError(`${join(root, 'core')} is not built`, 'Run npm run build at the repository root first.');
  const vendor = join(target, 'vendor');
  mkdirSync(vendor, { recursive: true });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(?!config_)/i.test(k)));
  const res = spawnSync('npm', ['pack', join(root, 'core'), '--json', '--pack-destination', vendor], {
    cwd: target,
    encoding: 'utf8',
    env,
    shell: process.platform === 'win32',
  });
  if (res.status !== 0) throw new UsageError(`npm pack of ${join(root, 'core')} failed:\n${res.stderr}`);
  const [{ filename }] = JSON.parse(res.stdout.slice(res.stdout.indexOf('['))) as Array<{ filename: string }>;
  const spec = `file:vendor/${filename}`;
  const file = join(target, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { devDependencies?: Record<string, string> };
  pkg.devDependencies = { ...pkg.devDependencies, '@cnmcp/core': spec };
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  return spec;
}
