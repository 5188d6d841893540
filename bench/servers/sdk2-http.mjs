// Official SDK 2.x, stateless: createMcpHandler with a per-request server factory (the 2026-07-28 way), mounted
// on plain node:http through toNodeHandler from @modelcontextprotocol/node.
import { createServer } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { TOOL, TOOL_DESCRIPTION, echoResult, portArgument } from './common.mjs';

const handler = createMcpHandler(() => {
  const server = new McpServer({ name: 'sdk2-echo', version: '1.0.0' });
  server.registerTool(
    TOOL,
    { description: TOOL_DESCRIPTION, inputSchema: z.object({ message: z.string() }) },
    ({ message }) => echoResult(message),
  );
  return server;
});
const serve = toNodeHandler(handler);

createServer((req, res) => {
  if (req.url === '/mcp') return void serve(req, res);
  res.writeHead(404).end();
}).listen(portArgument(), '127.0.0.1');
