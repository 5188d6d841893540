// Official SDK 1.x over stdio: the same echo tool behind StdioServerTransport.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { TOOL, TOOL_DESCRIPTION, echoResult } from './common.mjs';

const server = new McpServer({ name: 'sdk1-echo', version: '1.0.0' });
server.registerTool(TOOL, { description: TOOL_DESCRIPTION, inputSchema: { message: z.string() } }, ({ message }) =>
  echoResult(message),
);
await server.connect(new StdioServerTransport());
