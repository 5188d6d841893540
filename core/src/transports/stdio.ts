// MCP over stdio: one connection, era chosen by its opening message (serveStdio owns that decision). The wire
// is our own: invalid lines are answered, never dropped, and an over-long line does not end the connection.
import type { Readable, Writable } from 'node:stream';
import { serveStdio, type StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import { createMcpServer, type McpHost } from './mcp-server.js';
import { StdioWire } from './stdio-wire.js';

export interface StdioOptions {
  stdin?: Readable;
  stdout?: Writable;
  /** Longest line accepted as one message (default 10 MiB). */
  maxLineBytes?: number;
}

export function serveOverStdio(host: McpHost, options: StdioOptions = {}): StdioServerHandle {
  const transport = new StdioWire(
    options.stdin ?? process.stdin,
    options.stdout ?? process.stdout,
    options.maxLineBytes,
  );
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
