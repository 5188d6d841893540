// A plain fetch transport for driving KibanaClient in emulator tests without the MCP server.
import type { HttpRequest } from '@cnmcp/core';
import type { HttpResponse } from '@cnmcp/core/server';
import type { KibanaTransport } from '../../src/client.js';

export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}: ${JSON.stringify(body)}`);
  }
}

export function fetchTransport(baseUrl: string, authorization: string): KibanaTransport {
  return {
    async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
      const url = new URL(baseUrl + req.path);
      for (const [k, v] of Object.entries(req.query ?? {}))
        if (v !== undefined) for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
      const headers: Record<string, string> = { authorization, ...(req.headers ?? {}) };
      let body: string | Buffer | undefined;
      if (typeof req.body === 'string' || Buffer.isBuffer(req.body)) body = req.body;
      else if (req.body !== undefined) {
        body = JSON.stringify(req.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(url, { method: req.method ?? 'GET', headers, body: body as BodyInit | undefined });
      const text = await res.text();
      const parsed = (req.responseType ?? 'json') === 'json' && text ? (JSON.parse(text) as unknown) : text;
      if (!res.ok) throw new HttpStatusError(res.status, parsed);
      return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed as T, bytes: text.length };
    },
  };
}

export const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
