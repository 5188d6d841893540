// D6: sessions (2025 Streamable HTTP and legacy SSE) are capped in total and per principal (per client address
// for anonymous callers), and counted in /metrics with the refusals and idle expiries.
import type { FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { Counter, Gauge } from '../vendor/prom-client.js';
import { ownerOf } from './session-owner.js';

export const DEFAULT_MAX_SESSIONS = 1_000;
export const DEFAULT_MAX_SESSIONS_PER_PRINCIPAL = 100;
export const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;

export interface SessionLimitOptions {
  maxSessions?: number;
  maxSessionsPerPrincipal?: number;
  sessionIdleMs?: number;
}

export type SessionRefusal = { status: 429 | 503; message: string; retryAfterSeconds: number };

export class SessionLimits {
  readonly maxTotal: number;
  readonly maxPerPrincipal: number;
  readonly idleMs: number;
  private total = 0;
  private readonly perPrincipal = new Map<string, number>();
  private readonly open = { http: 0, sse: 0 };
  private readonly refused?: Counter<'reason'>;
  private readonly expired?: Counter;

  constructor(options: SessionLimitOptions = {}, registry?: Registry) {
    this.maxTotal = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
    this.maxPerPrincipal = options.maxSessionsPerPrincipal ?? DEFAULT_MAX_SESSIONS_PER_PRINCIPAL;
    this.idleMs = options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
    if (!registry) return;
    const open = this.open;
    new Gauge({
      name: 'mcp_sessions',
      help: 'Open 2025-11-25 Streamable HTTP (http) and legacy SSE (sse) sessions.',
      labelNames: ['transport'],
      registers: [registry],
      collect() {
        this.set({ transport: 'http' }, open.http);
        this.set({ transport: 'sse' }, open.sse);
      },
    });
    this.refused = new Counter({
      name: 'mcp_sessions_refused_total',
      help: 'New sessions refused by the session caps (total, principal).',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.expired = new Counter({
      name: 'mcp_sessions_expired_total',
      help: 'Sessions closed after sessionIdleMs without a request.',
      registers: [registry],
    });
  }

  /** The key a request's sessions are counted under. */
  static keyOf(request: FastifyRequest): string {
    return ownerOf(request) ?? `ip:${request.ip}`;
  }

  /** Takes a slot for a new session, or says why there is none. The release is idempotent. */
  acquire(key: string, transport: 'http' | 'sse'): { release(): void } | SessionRefusal {
    if (this.total >= this.maxTotal) {
      this.refused?.inc({ reason: 'total' });
      return {
        status: 503,
        message: `Service Unavailable: the server holds its maximum of ${this.maxTotal} sessions; retry later`,
        retryAfterSeconds: 30,
      };
    }
    const mine = this.perPrincipal.get(key) ?? 0;
    if (mine >= this.maxPerPrincipal) {
      this.refused?.inc({ reason: 'principal' });
      return {
        status: 429,
        message: `Too Many Requests: ${this.maxPerPrincipal} sessions are open for this caller; end one (DELETE) or let one expire`,
        retryAfterSeconds: 60,
      };
    }
    this.total++;
    this.open[transport]++;
    this.perPrincipal.set(key, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        this.open[transport]--;
        const left = (this.perPrincipal.get(key) ?? 1) - 1;
        if (left > 0) this.perPrincipal.set(key, left);
        else this.perPrincipal.delete(key);
      },
    };
  }

  expiredOne(): void {
    this.expired?.inc();
  }
}
