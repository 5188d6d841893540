// Helpers of the reliability suite: a seeded random source, raw HTTP exchanges whose replies are read as JSON-RPC
// (a JSON body or the messages of an event stream), and the checks every reply must pass.
import { request } from 'node:http';

/** mulberry32: the same seed gives the same run. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seeded>;

export interface Exchange {
  status: number;
  contentType: string;
  body: string;
  messages: unknown[];
}

/** One HTTP exchange on loopback; the reply's JSON-RPC messages parsed from JSON or SSE `data:` lines. */
export function exchange(
  base: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string>,
  method = 'POST',
): Promise<Exchange> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const contentType = String(res.headers['content-type'] ?? '');
        resolve({ status: res.statusCode ?? 0, contentType, body: text, messages: parseMessages(contentType, text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function parseMessages(contentType: string, text: string): unknown[] {
  if (!text) return [];
  const parse = (s: string) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return { unparsable: s.slice(0, 200) };
    }
  };
  if (contentType.includes('text/event-stream'))
    return text
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trim())
      .filter((d) => d.startsWith('{') || d.startsWith('['))
      .map(parse);
  return [parse(text)];
}

const STACK = /\n\s+at |\bat [\w.<>]+ \(|\.[cm]?[jt]s:\d+:\d+|node_modules|\/work\/|\/home\/|file:\/\//;

/** What is wrong with one reply message, or undefined when it is a well-formed JSON-RPC answer or notification. */
export function malformed(message: unknown): string | undefined {
  const m = message as Record<string, any>;
  if (!m || typeof m !== 'object' || Array.isArray(m)) return 'not an object';
  if (m.jsonrpc !== '2.0') return 'jsonrpc is not 2.0';
  const text = JSON.stringify(m);
  if (STACK.test(text)) return `stack text or a file path: ${text.slice(0, 200)}`;
  if (typeof m.method === 'string') return undefined; // a notification or a server request
  if ('error' in m) {
    if (!Number.isInteger(m.error?.code) || typeof m.error?.message !== 'string') return 'error without code/message';
    return undefined;
  }
  if (!m.result || typeof m.result !== 'object') return 'neither result nor error';
  return undefined;
}

export const STACK_TEXT = STACK;
