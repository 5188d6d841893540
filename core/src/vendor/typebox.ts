// The typebox values core uses, from one module. typebox's ESM build is about 680 small files, and importing them
// one by one was a quarter of start-up; `npm run build` bundles this file's output into a single module
// (scripts/bundle.mjs). Unbundled (sources, tests) it is a plain re-export. Schemas stay plain
// objects with string keys, so a plugin that imports typebox itself still builds schemas core understands.
export { Type } from 'typebox';
export { Compile } from 'typebox/compile';
export { Settings } from 'typebox/system';
export { Value } from 'typebox/value';
