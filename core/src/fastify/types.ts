// The services the cnmcp-* Fastify plugins decorate the instance with. The tool-call pipeline
// (core/src/tools/call.ts) calls them, so stdio, Streamable HTTP and SSE behave the same.
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Registry as PromRegistry } from 'prom-client';
import type { BackendCallObservation } from '../http-client.js';
import type { Principal } from '../tools/context.js';
import type { Redactor } from './redact.js';

export interface ToolRef {
  name: string;
  plugin: string;
  scopes?: string[];
}

export interface AuthMiddleware {
  /** True when credentials are required on the MCP routes. */
  readonly enabled: boolean;
  /** Scopes the principal lacks for this tool (empty: may call). Always empty when auth is off. */
  missingScopes(principal: Principal, tool: ToolRef): string[];
  canCall(principal: Principal, tool: ToolRef): boolean;
}

export interface AuditRecord {
  time: string;
  type: 'tool_call' | 'auth_failure';
  requestId?: string | number;
  principal: { name: string; method: string };
  transport: string;
  client?: { name?: string; version?: string; userAgent?: string; ip?: string };
  tool?: string;
  plugin?: string;
  arguments?: unknown;
  /** 'ok', the isError code, 'protocol_error', or for auth failures the reason. */
  outcome: string;
  durationMs?: number;
  resultBytes?: number;
  cacheHit?: boolean;
  traceId?: string;
  path?: string;
  /** The call this one was made from (ctx.callTool). */
  parent?: { tool: string; requestId?: string | number };
  /** The user's answer, for a destructive call confirmed over a 2026-era round trip. */
  confirmation?: 'accepted' | 'declined';
  /** Auth failures: how many were left out (over the per-minute budget) since the last one written. */
  suppressedBefore?: number;
}

export interface AuditMiddleware {
  readonly enabled: boolean;
  /**
   * Resolves once every sink has the record (file appended); undefined when every sink already has it. Never
   * throws or rejects; failures are logged and counted. The record is the audit's from then on (its arguments
   * are masked in place). `alone`: the record's call is the only one in flight over stdio (the file then writes
   * it at once rather than at the end of the event-loop turn).
   */
  record(record: AuditRecord, alone?: boolean): Promise<void> | undefined;
  failures(): number;
  close(): Promise<void>;
}

export interface MetricsMiddleware {
  readonly registry: PromRegistry;
  request(method: string, status: string, seconds: number): void;
  toolError(code: string): void;
  cacheHit(service: string): void;
  cacheMiss(service: string): void;
  rateLimited(scope: 'http' | 'tool'): void;
  auditFailure(): void;
  authFailure(reason: string): void;
  observeBackend(observation: BackendCallObservation): void;
}

export type RateDecision =
  { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: number; rule: string };

export interface RateLimitMiddleware {
  readonly enabled: boolean;
  /**
   * Per-tool limits (config rateLimit.tools) for every transport; the global limit for tool calls that did not
   * come over HTTP. A decision the counter could make at once (in memory) is returned as it is, not as a promise.
   */
  checkToolCall(
    principal: Principal,
    tool: ToolRef,
    transport: string,
    clientIp?: string,
  ): RateDecision | Promise<RateDecision>;
  close(): Promise<void>;
}

export interface CacheMiddleware {
  readonly enabled: boolean;
  key(parts: { plugin: string; tool: string; arguments: unknown; principal?: string }): string;
  get(key: string, plugin: string): Promise<CallToolResult | undefined>;
  set(key: string, plugin: string, result: CallToolResult, ttlSeconds: number): Promise<void>;
  /** Drops every entry of a plugin (after a mutating call). */
  invalidate(plugin: string): Promise<void>;
  close(): Promise<void>;
}

export interface CallSpan {
  traceId?: string;
  /** Runs fn with this span as the active one (backend calls become its children). */
  run<T>(fn: () => Promise<T>): Promise<T>;
  end(outcome: { errorType?: string; cacheHit?: boolean }): void;
}

export interface TracingMiddleware {
  readonly enabled: boolean;
  startToolCall(tool: ToolRef, carrier: { traceparent?: string; tracestate?: string }): CallSpan;
  observeBackend(observation: BackendCallObservation): void;
  close(): Promise<void>;
}

export interface PolicyMiddleware {
  redactor: Redactor;
  confirmDestructive: { enabled: boolean; fallback: 'deny' | 'allow'; timeoutMs: number };
}

declare module 'fastify' {
  interface FastifyInstance {
    cnmcpAuth: AuthMiddleware;
    cnmcpAudit: AuditMiddleware;
    cnmcpMetrics: MetricsMiddleware;
    cnmcpRateLimit: RateLimitMiddleware;
    cnmcpCache: CacheMiddleware;
    cnmcpTracing: TracingMiddleware;
  }
  interface FastifyRequest {
    /** Set by cnmcp-auth on authenticated requests. */
    principal?: Principal;
    authInfo?: {
      token: string;
      clientId: string;
      scopes: string[];
      expiresAt?: number;
      extra?: Record<string, unknown>;
    };
  }
}
