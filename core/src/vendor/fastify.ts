// Fastify and pino (Fastify's logger factory loads it; core logs with it), bundled into one module by the build
// (scripts/bundle.mjs): read one file at a time from node_modules they are about 150 CommonJS modules and the
// largest single piece of start-up. Unbundled it is a plain re-export.
// The default export is for the SDK's Fastify adapter, whose `import Fastify from 'fastify'` the build points here.
export { fastify, fastify as default } from 'fastify';
export { pino, destination } from 'pino';
export { fastifyPlugin } from 'fastify-plugin';
// Fastify checks plugin versions with semver, so its bundle holds a copy anyway: core's plugin core-range checks use
// that one rather than a second copy in a bundle of its own (~10 ms of start-up to evaluate both).
export { satisfies, validRange } from 'semver';
