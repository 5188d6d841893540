// DNS-rebinding protection for the MCP routes: Host and Origin must name this server.
import { hostHeaderValidation, originValidation } from '../vendor/mcp-sdk.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config/schema.js';

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

export function isLoopback(host: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) || host.startsWith('127.');
}

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Host validation: configured names, else loopback names when bound to loopback, else none. Origin: likewise. */
export function dnsRebindingGuards(server: ServerConfig): Guard[] {
  const guards: Guard[] = [];
  const loopback = isLoopback(server.host);
  const hosts = server.allowedHosts ?? (loopback ? LOOPBACK : undefined);
  if (hosts) guards.push(hostHeaderValidation(hosts));
  const origins = server.allowedOrigins ?? hosts;
  if (origins) guards.push(originValidation(origins));
  return guards;
}
