// A session belongs to the principal that opened it (2025-11-25 Streamable HTTP and legacy SSE): another
// principal presenting its id is answered as if the session did not exist, and the attempt is audited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../tools/context.js';
import { requestPath } from '../helpers/request-path.js';
import { isoNow } from '../helpers/clock.js';

/** Who owns a session opened by this request: the authenticated principal, or undefined when auth is off. */
export function ownerOf(request: FastifyRequest): string | undefined {
  const p: Principal | undefined = request.principal;
  return p ? `${p.method}:${p.name}` : undefined;
}

/** True when the request may use a session owned by `owner`. */
export function mayUse(request: FastifyRequest, owner: string | undefined): boolean {
  return owner === undefined || ownerOf(request) === owner;
}

/** Records another principal's use of a session id (the reply is the ordinary 404). */
export function auditForeignSession(app: FastifyInstance, request: FastifyRequest, transport: 'http' | 'sse'): void {
  app.cnmcpMetrics?.authFailure('session_not_owned');
  void app.cnmcpAudit?.record({
    time: isoNow(),
    type: 'auth_failure',
    principal: request.principal ?? { name: 'anonymous', method: 'anonymous' },
    transport,
    client: { userAgent: request.headers['user-agent'], ip: request.ip },
    path: requestPath(request.url),
    outcome: 'session_not_owned',
  });
}
