// DNS-rebinding protection for every route: Host and Origin must name this server. The SDK decides (its
// validateHostHeader / validateOriginHeader, and its Fastify guards write the 403); a header value that passed once
// is remembered, so the usual request costs a Set lookup instead of a URL parse.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hostHeaderValidation, originValidation, validateHostHeader, validateOriginHeader } from '../vendor/mcp-sdk.js';
import type { ServerConfig } from '../config/schema.js';

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** Accepted values remembered per header: a server answers to a few names and ports (the cap bounds the rest). */
const MAX_REMEMBERED = 64;

export function isLoopback(host: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) || host.startsWith('127.');
}

export interface Guard {
  /** Whether the request's header is acceptable. */
  passes(request: FastifyRequest): boolean;
  /** Answers a request that did not pass (403 with a JSON-RPC error). */
  refuse(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

function remembering(
  header: 'host' | 'origin',
  accepts: (value: string | undefined) => boolean,
  refuse: Guard['refuse'],
): Guard {
  const passed = new Set<string | undefined>();
  return {
    passes(request) {
      const value = request.headers[header];
      if (passed.has(value)) return true;
      if (!accepts(value)) return false;
      if (passed.size < MAX_REMEMBERED) passed.add(value);
      return true;
    },
    refuse,
  };
}

/** Host validation: configured names, else loopback names when bound to loopback, else none. Origin: likewise. */
export function dnsRebindingGuards(server: ServerConfig): Guard[] {
  const guards: Guard[] = [];
  const loopback = isLoopback(server.host);
  const hosts = server.allowedHosts ?? (loopback ? LOOPBACK : undefined);
  if (hosts)
    guards.push(remembering('host', (value) => validateHostHeader(value, hosts).ok, hostHeaderValidation(hosts)));
  const origins = server.allowedOrigins ?? hosts;
  if (origins)
    guards.push(remembering('origin', (value) => validateOriginHeader(value, origins).ok, originValidation(origins)));
  return guards;
}
