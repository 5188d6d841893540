// Bare Fastify 5: parses the JSON-RPC request and returns the reply the SDK 2.x server gives, with no MCP work:
// the ceiling of what a Node HTTP server can do here.
import Fastify from 'fastify';
import { echoResult, portArgument } from './common.mjs';

const SERVER_INFO = { 'io.modelcontextprotocol/serverInfo': { name: 'sdk2-echo', version: '1.0.0' } };

const app = Fastify({ logger: false });
app.post('/mcp', async (request) => {
  const { id, params } = request.body;
  return {
    result: { ...echoResult(params.arguments.message), resultType: 'complete', _meta: SERVER_INFO },
    jsonrpc: '2.0',
    id,
  };
});
await app.listen({ host: '127.0.0.1', port: portArgument() });
