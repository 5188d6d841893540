// The undici values core's backend client uses, bundled into one module by the build (scripts/bundle.mjs):
// undici is about 110 CommonJS files. Loaded on a backend's first request, not at start-up.
export { Agent, request } from 'undici';
