// The emulator's HTTP plumbing: a small router, request parsing, and the headers every Elasticsearch response
// carries (X-Elastic-Product, the compatible-with media type).
import type { IncomingMessage } from 'node:http';
import { StoreError } from './errors.js';

export interface EsRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body text ('' when none). */
  text: string;
  /** The JSON body, or undefined when the body is empty or NDJSON. */
  body: Record<string, unknown> | undefined;
}
export interface EsReply {
  status?: number;
  body?: unknown;
  /** Sent as text/plain (the _cat text tables). */
  text?: string;
  headers?: Record<string, string>;
}
export type Handler = (req: EsRequest) => EsReply | Promise<EsReply>;
interface Route {
  method: string;
  re: RegExp;
  names: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** `path` segments starting with `:` are parameters; one may end with `?` to be optional. */
  add(methods: string | string[], path: string, handler: Handler): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .filter(Boolean)
      .map((seg) => {
        if (!seg.startsWith(':')) return `/${seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
        const optional = seg.endsWith('?');
        names.push(seg.slice(1).replace('?', ''));
        return optional ? '(?:/([^/]+))?' : '/([^/]+)';
      })
      .join('');
    for (const method of Array.isArray(methods) ? methods : [methods]) {
      this.routes.push({ method, re: new RegExp(`^${source || '/'}/?$`), names, handler });
    }
    return this;
  }

  /** The handler for a request, or undefined (with `allowed` methods when only the method is wrong). */
  match(method: string, path: string): { handler?: Handler; params: Record<string, string>; allowed: string[] } {
    const allowed: string[] = [];
    for (const r of this.routes) {
      const m = r.re.exec(path);
      if (!m) continue;
      if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) {
        allowed.push(r.method);
        continue;
      }
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        if (m[i + 1] !== undefined) params[n] = decodeURIComponent(m[i + 1]!);
      });
      return { handler: r.handler, params, allowed };
    }
    if (allowed.includes('GET')) allowed.unshift('HEAD');
    return { params: {}, allowed: [...new Set(allowed)] };
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonBody(text: string, contentType: string): Record<string, unknown> | undefined {
  if (!text.trim() || /x-ndjson/.test(contentType)) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw new StoreError('x_content_parse_exception', `[1:1] Unexpected character: request body is not a JSON object`, {
    line: 1,
    col: 1,
  });
}

const COMPAT = /compatible-with\s*=\s*(\d+)/;

/** Checks the compatibility media types the way Elasticsearch does; returns the content type to answer with. */
export function negotiate(
  headers: Record<string, string | string[] | undefined>,
  major: number,
  hasBody: boolean,
): string {
  const accept = String(headers.accept ?? '');
  const contentType = String(headers['content-type'] ?? '');
  const a = COMPAT.exec(accept)?.[1];
  const c = hasBody ? COMPAT.exec(contentType)?.[1] : undefined;
  const bad = [a, c].filter((v) => v !== undefined && (Number(v) > major || Number(v) < major - 1));
  if (bad.length || (hasBody && a !== undefined && c !== undefined && a !== c)) {
    const err = new StoreError(
      'media_type_header_exception',
      'Invalid media-type value on headers [Accept, Content-Type]',
      {},
      400,
    );
    err.extra.caused_by = {
      type: 'status_exception',
      reason: `A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version and the compatible versions must match. Accept=${accept || 'null'}, Content-Type=${contentType || 'null'}`,
    };
    throw err;
  }
  return a ? `application/vnd.elasticsearch+json;compatible-with=${a}` : 'application/json';
}

export function queryRecord(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) out[k] = v;
  return out;
}

/** A boolean query-string flag: present without value, `true`, or absent/`false`. */
export const flag = (q: Record<string, string>, name: string): boolean => name in q && q[name] !== 'false';
