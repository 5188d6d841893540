// The MCP SDK values core uses (server, stdio, the Fastify adapter's guards), from one module that the build
// bundles together with zod (scripts/bundle.mjs): about 100 modules read as one at start-up. The Node adapter is
// ./mcp-sdk-node.ts, loaded when first needed. Types are
// imported from the packages themselves. Every use of these values in core goes through here, so core has one
// copy of the SDK's classes (instanceof ProtocolError holds).
export {
  classifyInboundRequest,
  createMcpHandler,
  createRequestStateCodec,
  DEFAULT_NEGOTIATED_PROTOCOL_VERSION,
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  LOG_LEVEL_META_KEY,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
  SUPPORTED_PROTOCOL_VERSIONS,
  inputRequired,
  acceptedContent,
  inputResponse,
  isInputRequiredResult,
  isJSONRPCRequest,
  isJSONRPCResponse,
  MissingRequiredClientCapabilityError,
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  Server,
  UriTemplate,
  WebStandardStreamableHTTPServerTransport,
  // What the Node adapter's bundle (mcp-sdk-node) takes from the server package.
  DEFAULT_MAX_REQUEST_BODY_SIZE,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  validateHostHeader,
  validateOriginHeader,
} from '@modelcontextprotocol/server';
export { serveStdio } from '@modelcontextprotocol/server/stdio';
export { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/server/validators/cf-worker';
export { hostHeaderValidation, originValidation } from '@modelcontextprotocol/fastify';
