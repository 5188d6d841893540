// MCP over stdio: one connection, era chosen by its opening message (serveStdio owns that decision). The wire
// is our own: invalid lines are answered, never dropped, and an over-long line does not end the connection.
// On a 2025-era connection whose client cannot be asked for input, tools/call takes the direct path.
import type { Readable, Writable } from 'node:stream';
import type { RequestId, Server } from '@modelcontextprotocol/server';
import type { StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import { serveStdio } from '../vendor/mcp-sdk.js';
import type { Principal } from '../tools/context.js';
import { LazyAbort } from '../tools/lazy-abort.js';
import { cancelDirectCall, directCallOf, logLevelFilter, mayBeAskedForInput, serveDirectCall } from './direct-call.js';
import { createMcpServer, type McpHost } from './mcp-server.js';
import { StdioWire } from './stdio-wire.js';

export interface StdioOptions {
  stdin?: Readable;
  stdout?: Writable;
  /** Longest line accepted as one message (default 10 MiB). */
  maxLineBytes?: number;
}

const STDIO_PRINCIPAL: Principal = { name: 'stdio', scopes: ['*'], method: 'stdio' };

export function serveOverStdio(host: McpHost, options: StdioOptions = {}): StdioServerHandle {
  const transport = new StdioWire(
    options.stdin ?? process.stdin,
    options.stdout ?? process.stdout,
    options.maxLineBytes,
  );
  let session: Server | undefined;
  const directCalls = new Map<RequestId, LazyAbort>();
  transport.direct = (message) => {
    const capabilities = session?.getClientCapabilities();
    if (!session || mayBeAskedForInput(capabilities)) return false;
    const call = directCallOf(message, host.dynamicToolsets);
    if (!call) {
      cancelDirectCall(directCalls, message);
      return false;
    }
    const cancel = new LazyAbort();
    directCalls.set(call.id, cancel);
    const server = session;
    void serveDirectCall(host, call, {
      era: 'legacy',
      transport: 'stdio',
      principal: STDIO_PRINCIPAL,
      cancel,
      notify: (notification) => transport.send(notification),
      clientCapabilities: capabilities,
      clientInfo: server.getClientVersion(),
      logIgnored: (level) => logLevelFilter(server)?.(level) ?? false,
    }).then((answer) => {
      directCalls.delete(call.id);
      if (answer) return transport.send(answer);
      transport.forget(call.id);
    });
    return true;
  };
  return serveStdio(
    (ctx) => {
      const server = createMcpServer(host, { era: ctx.era, transport: 'stdio', principal: STDIO_PRINCIPAL });
      if (ctx.era === 'legacy') session = server;
      return server;
    },
    { transport, onerror: (err) => host.logger.warn({ err: err.message }, 'stdio transport error') },
  );
}
