// The SDK's Node adapter (toNodeHandler), apart from the rest of the SDK: it brings hono's Node server, whose
// module reads the global Headers, Request and Response and so loads Node's own fetch implementation (tens of
// milliseconds). Core imports this module on the first HTTP request that needs it, not at start-up. The build
// bundles it with @modelcontextprotocol/server resolved to ./mcp-sdk.js, so the SDK's classes stay one copy.
export { toNodeHandler } from '@modelcontextprotocol/node';
