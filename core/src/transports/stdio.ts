// MCP over stdio: one connection, era chosen by its opening message (serveStdio owns that decision).
import type { Readable, Writable } from 'node:stream';
import { serveStdio, StdioServerTransport, type StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import { createMcpServer, type McpHost } from './mcp-server.js';

export interface StdioOptions {
  stdin?: Readable;
  stdout?: Writable;
}

export function serveOverStdio(host: McpHost, options: StdioOptions = {}): StdioServerHandle {
  const transport = new StdioServerTransport(options.stdin, options.stdout);
  return serveStdio(
    (ctx) =>
      createMcpServer(host, {
        era: ctx.era,
        transport: 'stdio',
        principal: { name: 'stdio', scopes: ['*'], method: 'stdio' },
      }),
    { transport, onerror: (err) => host.logger.warn({ err: err.message }, 'stdio transport error') },
  );
}
