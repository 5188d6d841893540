// Official SDK 1.x, stateful Streamable HTTP: one McpServer + StreamableHTTPServerTransport per session, as in
// the SDK's own sessionful example, on plain node:http (no framework overhead).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { TOOL, TOOL_DESCRIPTION, echoResult, portArgument, readJson } from './common.mjs';

const transports = new Map();

function newServer() {
  const server = new McpServer({ name: 'sdk1-echo', version: '1.0.0' });
  server.registerTool(TOOL, { description: TOOL_DESCRIPTION, inputSchema: { message: z.string() } }, ({ message }) =>
    echoResult(message),
  );
  return server;
}

function reject(res, status, message) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message } }));
}

async function handle(req, res) {
  if (req.url !== '/mcp') return reject(res, 404, 'Not found');
  const body = req.method === 'POST' ? await readJson(req) : undefined;
  const id = req.headers['mcp-session-id'];
  let transport = id ? transports.get(id) : undefined;
  if (!transport) {
    if (id) return reject(res, 404, 'Session not found');
    if (req.method !== 'POST' || !isInitializeRequest(body)) return reject(res, 400, 'No valid session ID provided');
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => transports.set(sid, transport),
    });
    transport.onclose = () => transports.delete(transport.sessionId);
    await newServer().connect(transport);
  }
  await transport.handleRequest(req, res, body);
}

createServer((req, res) => {
  handle(req, res).catch((err) => {
    if (!res.headersSent) reject(res, 500, String(err?.message ?? err));
  });
}).listen(portArgument(), '127.0.0.1');
