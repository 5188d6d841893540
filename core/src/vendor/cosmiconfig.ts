// cosmiconfig (and the YAML and JSON parsers its loaders use), bundled into one module by the build
// (scripts/bundle.mjs): about 40 CommonJS files read one by one at start-up otherwise. Unbundled it is a plain
// re-export.
export { cosmiconfig } from 'cosmiconfig';
