// The semver functions core uses (plugin core ranges), bundled into one module by the build (scripts/bundle.mjs):
// semver is about 50 CommonJS files, ~20 ms of start-up when read one by one. Unbundled it is a plain re-export.
export { satisfies, validRange } from 'semver';
