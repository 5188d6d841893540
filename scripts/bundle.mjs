#!/usr/bin/env node
// The build's second step, after tsc: fewer, larger modules for start-up. Node loads ESM one file at a time, and
// start-up with every plugin read over a thousand of them. Two kinds of bundle:
// - core/dist/vendor/<package>.js: tsc's re-export of a third-party package that only core imports, replaced by
//   that package bundled into one module (typebox alone is about 680 files). A marker names the versions and a
//   hash of the options it was built with; it is rebuilt from core/src/vendor/<name>.ts when either changes (or
//   tsc wrote the re-export again).
// - core/dist/bundle/: core's own modules (about 90) in its entry points plus shared chunks, so each module is one
//   copy whichever entry (the CLI, @cnmcp/core, /testing, /server) loads it. Vendor bundles stay their own files.
// - plugins/<id>/dist/bundle.js: a first-party plugin's own modules in one file, its package entry ("main"/".").
//   Imports of packages stay imports, so @cnmcp/core and every dependency are shared, never copied. Rebuilt on
//   every run from the entry tsc wrote (exports["."].types with .js).
// Without esbuild (a production-only install) vendor re-exports stay as they are (slower, same behaviour); a
// plugin bundle cannot be made, so that is an error.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    return undefined;
  }
}

function packageVersion(from, name) {
  let dir = dirname(createRequire(from).resolve(name));
  while (!existsSync(join(dir, 'package.json')) || readJson(join(dir, 'package.json')).name !== name) {
    if (dirname(dir) === dir) throw new Error(`no package.json found for ${name}`);
    dir = dirname(dir);
  }
  return readJson(join(dir, 'package.json')).version;
}

// CommonJS packages require() Node's built-in modules: the ES module they are bundled into needs a require.
const REQUIRE_BANNER =
  "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);";

/** Each core/src/vendor module: the packages it re-exports (their versions mark the bundle) and what stays out. */
const VENDOR = {
  typebox: { packages: ['typebox'] },
  'mcp-sdk': {
    packages: ['@modelcontextprotocol/server', '@modelcontextprotocol/node', '@modelcontextprotocol/fastify'],
    // Fastify is core's own server: the fastify bundle's one copy.
    redirect: { fastify: './fastify.js' },
    // The SDK's Node shims default to Ajv, which core never uses (see core/src/vendor/mcp-sdk-shims.ts).
    alias: { '@modelcontextprotocol/server/_shims': './mcp-sdk-shims.js' },
  },
  // The Node adapter, loaded on first use: its imports of the server package are the mcp-sdk bundle's exports.
  'mcp-sdk-node': {
    packages: ['@modelcontextprotocol/node', '@modelcontextprotocol/server'],
    redirect: { '@modelcontextprotocol/server': './mcp-sdk.js' },
  },
  undici: { packages: ['undici'], banner: REQUIRE_BANNER },
  tsyringe: { packages: ['tsyringe', 'reflect-metadata'], banner: REQUIRE_BANNER },
  'prom-client': { packages: ['prom-client'], banner: REQUIRE_BANNER },
  levenshtein: { packages: ['fastest-levenshtein'] },
  // Fastify's schema compilers (ajv, fast-json-stringify: half its size) are required only when a server has no
  // compilersFactory; core always gives one (core/src/fastify/schema-compilers.ts), which loads them on first use.
  fastify: {
    packages: ['fastify', 'pino', 'fastify-plugin', 'semver'],
    banner: REQUIRE_BANNER,
    external: ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler'],
  },
  // Its loaders require typescript for .ts files (not a dependency) and import-fresh only as the fallback of a
  // failed import() of a .js config: both from node_modules, as unbundled.
  cosmiconfig: { packages: ['cosmiconfig'], banner: REQUIRE_BANNER, external: ['typescript', 'import-fresh'] },
};

const exactly = (name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);

/**
 * redirect: imports of the named packages become imports of another vendor module (which must export what they
 * take). alias: imports of the named modules are bundled from a file of core/dist/vendor instead.
 */
function redirectPlugin(redirect, alias, vendor) {
  return {
    name: 'cnmcp-vendor-redirect',
    setup(build) {
      for (const [from, to] of Object.entries(redirect))
        build.onResolve({ filter: exactly(from) }, () => ({ path: to, external: true }));
      for (const [from, to] of Object.entries(alias))
        build.onResolve({ filter: exactly(from) }, () => ({ path: join(vendor, to) }));
    },
  };
}

async function bundleVendor(esbuild) {
  const core = join(ROOT, 'core');
  const vendor = join(core, 'dist', 'vendor');
  if (!existsSync(vendor)) throw new Error('core/dist/vendor does not exist: run tsc -b first');
  for (const [name, { packages, external = [], banner, redirect = {}, alias = {} }] of Object.entries(VENDOR)) {
    const path = join(vendor, `${name}.js`);
    if (!existsSync(path)) throw new Error(`${path} does not exist: run tsc -b first`);
    const versions = packages.map((p) => `${p}@${packageVersion(join(core, 'package.json'), p)}`);
    // Any change to the entry (externals, aliases, redirects, banner) rebuilds it, as a new version does.
    const options = createHash('sha256').update(JSON.stringify(VENDOR[name])).digest('hex').slice(0, 12);
    const marker = `// cnmcp vendor bundle of ${versions.join(' ')} (options ${options})`;
    if (readFileSync(path, 'utf8').startsWith(`${marker}\n`)) continue;
    if (!esbuild) {
      console.error(`bundle: esbuild is not installed; ${name} stays unbundled (start-up is slower)`);
      continue;
    }
    // From the source, never from the file in dist: that may already be a bundle (its marker out of date), and
    // bundling a bundle would copy the vendor modules it imports into it.
    await esbuild.build({
      ...COMMON,
      entryPoints: [join(core, 'src', 'vendor', `${name}.ts`)],
      outfile: path,
      allowOverwrite: true,
      external,
      plugins: [redirectPlugin(redirect, alias, vendor)],
      banner: { js: banner ? `${marker}\n${banner}` : marker },
    });
    rmSync(`${path}.map`, { force: true });
  }
}

async function bundlePlugins(esbuild) {
  for (const id of readdirSync(join(ROOT, 'plugins')).sort()) {
    const dir = join(ROOT, 'plugins', id);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const pkg = readJson(join(dir, 'package.json'));
    const types = pkg.exports?.['.']?.types;
    if (pkg.exports?.['.']?.default !== './dist/bundle.js' || !types) continue;
    const entry = join(dir, types.replace(/\.d\.ts$/, '.js'));
    if (!existsSync(entry)) throw new Error(`${pkg.name}: ${entry} does not exist: run tsc -b first`);
    if (!esbuild) throw new Error(`${pkg.name}: esbuild is not installed (npm install at the repository root)`);
    await esbuild.build({
      ...COMMON,
      entryPoints: [entry],
      outfile: join(dir, 'dist', 'bundle.js'),
      packages: 'external',
      banner: { js: `// ${pkg.name}: its modules bundled by the build from ${types.replace(/\.d\.ts$/, '.js')}` },
    });
  }
}

/** core's package entries (exports and bin point at dist/bundle/<name>.js) and the tsc output each bundles. */
const CORE_ENTRIES = {
  index: 'dist/index.js',
  embed: 'dist/embed.js',
  testing: 'dist/testing/index.js',
  cli: 'dist/cli/index.js',
  bin: 'dist/cli/bin.js',
};

async function bundleCore(esbuild) {
  const core = join(ROOT, 'core');
  const pkg = readJson(join(core, 'package.json'));
  const targets = [...Object.values(pkg.exports).map((e) => e.default), ...Object.values(pkg.bin ?? {})];
  for (const name of Object.keys(CORE_ENTRIES))
    if (!targets.includes(`./dist/bundle/${name}.js`))
      throw new Error(`core/package.json: no export or bin points at ./dist/bundle/${name}.js`);
  for (const entry of Object.values(CORE_ENTRIES))
    if (!existsSync(join(core, entry))) throw new Error(`core/${entry} does not exist: run tsc -b first`);
  if (!esbuild) throw new Error('@cnmcp/core: esbuild is not installed (npm install at the repository root)');
  const outdir = join(core, 'dist', 'bundle');
  const vendor = join(core, 'dist', 'vendor') + sep;
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    ...COMMON,
    entryPoints: Object.fromEntries(Object.entries(CORE_ENTRIES).map(([name, entry]) => [name, join(core, entry)])),
    outdir,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    packages: 'external',
    plugins: [
      {
        // core/dist/vendor/*.js are already bundles (or re-exports): imported from the bundle, not copied into it.
        name: 'cnmcp-core-vendor',
        setup(build) {
          build.onResolve({ filter: /\/vendor\/[^/]+\.js$/ }, (args) => {
            const path = resolve(args.resolveDir, args.path);
            if (!path.startsWith(vendor)) return undefined;
            return { path: relative(outdir, path).split(sep).join('/'), external: true };
          });
        },
      },
    ],
  });
}

// Not minified, so names stay as written (logs, errors, DI diagnostics) except where two modules' top-level names
// collide and esbuild renames one (Registry2). keepNames would restore those, but it wraps every function and arrow
// it creates, per call too, in an Object.defineProperty: several percent of a short tool call's CPU.
const COMMON = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  legalComments: 'inline',
  logLevel: 'warning',
  absWorkingDir: ROOT,
  keepNames: false,
};

const esbuild = await loadEsbuild();
await bundleVendor(esbuild);
await bundleCore(esbuild);
await bundlePlugins(esbuild);
