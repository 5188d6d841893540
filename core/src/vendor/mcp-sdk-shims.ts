// What the mcp-sdk bundle takes for the SDK's `@modelcontextprotocol/server/_shims` (scripts/bundle.mjs): the
// SDK's Node shims with its @cfworker/json-schema validator as the default instead of Ajv. core passes that
// validator to every Server it makes (transports/mcp-server.ts), so Ajv is never used; bundled, its ~290 KB were
// still read and evaluated at start-up (~25 ms).
export { CfWorkerJsonSchemaValidator as DefaultJsonSchemaValidator } from '@modelcontextprotocol/server/validators/cf-worker';
export { default as process } from 'node:process';
