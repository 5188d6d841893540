// One JSON-RPC POST to /mcp that settles in every way a killed server can end it: an answer, a refused or reset
// connection, or a reply cut in the middle (rejected: a call whose reply did not arrive whole is not acknowledged).
import { request, type IncomingHttpHeaders } from 'node:http';
import { parseMessages } from './wire.js';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  messages: unknown[];
}

export function call(
  base: string,
  options: { headers: Record<string, string>; body: unknown; timeoutMs?: number },
): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: '/mcp', method: 'POST', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('reply cut')));
        res.on('end', () => {
          if (!res.complete) return reject(new Error('reply cut'));
          const text = Buffer.concat(chunks).toString('utf8');
          const contentType = String(res.headers['content-type'] ?? '');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            messages: parseMessages(contentType, text),
          });
        });
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(JSON.stringify(options.body));
  });
}
