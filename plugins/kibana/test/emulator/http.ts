// Request and reply plumbing shared by the emulator's routes: Kibana's error body ({statusCode, error,
// message}), the request context a route sees, and multipart form parsing for imports.
import type { IncomingHttpHeaders } from 'node:http';
import type { KibanaBackingStore } from './store.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};

/** An error Kibana answers as `{ statusCode, error, message }` (Hapi Boom's shape). */
export class KibanaHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
  body(): Record<string, unknown> {
    return {
      statusCode: this.statusCode,
      error: REASONS[this.statusCode] ?? 'Error',
      message: this.message,
      ...this.extra,
    };
  }
}

export const badRequest = (message: string): KibanaHttpError => new KibanaHttpError(400, message);
export const notFound = (message = 'Not Found'): KibanaHttpError => new KibanaHttpError(404, message);
export const conflict = (message: string): KibanaHttpError => new KibanaHttpError(409, message);

/** Saved-object style not-found message: `Saved object [dashboard/abc] not found`. */
export const objectNotFound = (type: string, id: string): KibanaHttpError =>
  notFound(`Saved object [${type}/${id}] not found`);

export interface Principal {
  name: string;
  /** `all` may write; `read` may only read. */
  access: 'all' | 'read';
}

export interface RouteContext {
  method: string;
  /** Path below the space prefix, e.g. `/api/saved_objects/_find`. */
  path: string;
  space: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  body: unknown;
  principal: Principal;
  store: KibanaBackingStore;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/api/saved_objects/:type/:id`; a `:param` matches one segment. */
  path: string;
  /** Set on requests that change state: needs `kbn-xsrf` and write access. What a 403 says it could not do. */
  write?: (ctx: RouteContext) => string;
  handler: (ctx: RouteContext) => Reply | Promise<Reply>;
}

export const json = (body: unknown, status = 200): Reply => ({ status, body });
export const empty = (status = 204): Reply => ({ status });

/** Reads a JSON object body, answering 400 like Kibana's route validation when it is not one. */
export function objectBody(ctx: RouteContext): Record<string, unknown> {
  const body = ctx.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('[request body]: expected a plain object value, but found [null] instead.');
  return body as Record<string, unknown>;
}

export function arrayBody(ctx: RouteContext): Array<Record<string, unknown>> {
  if (!Array.isArray(ctx.body)) throw badRequest('[request body]: expected value of type [array] but got [Object]');
  return ctx.body as Array<Record<string, unknown>>;
}

export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value)
    throw badRequest(
      `[request body.${name}]: expected value of type [string] but got [${value === undefined ? 'undefined' : typeof value}]`,
    );
  return value;
}

export function boolQuery(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value === 'true' || value === '';
}

export function intQuery(query: URLSearchParams, name: string, fallback: number): number {
  const value = query.get(name);
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw badRequest(`[request query.${name}]: expected value of type [number] but got [string]`);
  return n;
}

/** Parses a multipart/form-data body with the platform's own parser; returns the named file's text. */
export async function multipartFile(ctx: RouteContext, field: string): Promise<{ name: string; text: string }> {
  const type = String(ctx.headers['content-type'] ?? '');
  if (!type.startsWith('multipart/form-data')) throw new KibanaHttpError(415, `Unsupported Media Type`);
  const form = await new Response(new Uint8Array(ctx.rawBody), { headers: { 'content-type': type } }).formData();
  const file = form.get(field);
  if (!file || typeof file === 'string')
    throw badRequest(`[request body.${field}]: expected value of type [Stream] but got [undefined]`);
  if (!file.name.endsWith('.ndjson'))
    throw badRequest(`Invalid file extension ${file.name.slice(file.name.lastIndexOf('.'))}`);
  return { name: file.name, text: await file.text() };
}
