// utilities_web_fetch with an SSRF guard: every address a name resolves to (and every redirect hop)
// must be public unless an operator allowed its range; the body read is capped.
import { createRequire } from 'node:module';
import { AddressGuard, inject, tokens } from '@cnmcp/core';
import type * as Undici from 'undici';
import type { Agent } from 'undici';
import type { UtilitiesConfig } from './config.js';
import { UtilitiesErrors } from './errors.js';

// undici (about 100 modules) is required on the first fetch, not when the server starts.
let undiciModule: typeof Undici | undefined;
const undici = () => (undiciModule ??= createRequire(import.meta.url)('undici') as typeof Undici);

export interface WebFetchSettings {
  allowCidrs: string[];
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export interface FetchedPage {
  url: string;
  status: number;
  contentType: string;
  text: string;
  bytes: number;
  truncatedBytes: boolean;
}

export class GuardedFetcher {
  private readonly guard: AddressGuard;
  private agent?: Agent;

  constructor(private readonly settings: WebFetchSettings) {
    this.guard = new AddressGuard({
      allowCidrs: settings.allowCidrs,
      error: (kind, message) =>
        UtilitiesErrors.create(
          kind === 'invalid' ? 'UTILITIES_ERR_URL_INVALID' : 'UTILITIES_ERR_URL_FORBIDDEN',
          message,
        ),
    });
  }

  private dispatcher(): Agent {
    // Checking at connect time (not before) closes the DNS-rebinding gap between check and use.
    this.agent ??= new (undici().Agent)({ connect: { lookup: this.guard.lookup() } });
    return this.agent;
  }

  isAllowed(address: string): boolean {
    return this.guard.isAllowed(address);
  }

  private checkUrl(raw: string): URL {
    return this.guard.checkUrl(raw);
  }

  async fetch(rawUrl: string, timeoutMs: number, signal: AbortSignal): Promise<FetchedPage> {
    let url = this.checkUrl(rawUrl);
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    const { request } = undici();
    const dispatcher = this.dispatcher();
    for (let hop = 0; ; hop++) {
      let res;
      try {
        res = await request(url, {
          method: 'GET',
          dispatcher,
          signal: deadline,
          headers: { 'user-agent': this.settings.userAgent, accept: 'text/html,text/plain,application/json,*/*;q=0.5' },
        });
      } catch (err) {
        const e = err as { code?: string; cause?: { code?: string }; message?: string };
        if (AddressGuard.isRefusal(err)) {
          throw UtilitiesErrors.create(
            'UTILITIES_ERR_URL_FORBIDDEN',
            `${url.hostname} resolves to a loopback, private, link-local or metadata address`,
          );
        }
        if (deadline.aborted && !signal.aborted)
          throw UtilitiesErrors.create(
            'UTILITIES_ERR_FETCH_FAILED',
            `${url.host} did not answer within ${timeoutMs / 1000}s`,
            { hint: 'Raise timeout, or try again later.' },
          );
        throw UtilitiesErrors.create(
          'UTILITIES_ERR_FETCH_FAILED',
          `cannot fetch ${url.origin}: ${e.cause?.code ?? e.code ?? e.message}`,
        );
      }
      res.body.on('error', () => undefined); // we stop reading early on purpose; the abort is not a failure
      const location = res.headers.location;
      if (res.statusCode >= 300 && res.statusCode < 400 && location) {
        await res.body.dump();
        if (hop >= this.settings.maxRedirects)
          throw UtilitiesErrors.create(
            'UTILITIES_ERR_FETCH_FAILED',
            `more than ${this.settings.maxRedirects} redirects`,
          );
        url = this.checkUrl(new URL(String(location), url).toString());
        continue;
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      let truncatedBytes = false;
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        if (bytes + buf.length > this.settings.maxBytes) {
          chunks.push(buf.subarray(0, this.settings.maxBytes - bytes));
          bytes = this.settings.maxBytes;
          truncatedBytes = true;
          res.body.destroy();
          break;
        }
        chunks.push(buf);
        bytes += buf.length;
      }
      const contentType = String(res.headers['content-type'] ?? '');
      const body = Buffer.concat(chunks).toString('utf8');
      return {
        url: url.toString(),
        status: res.statusCode,
        contentType,
        text: contentType.includes('html') ? htmlToText(body) : body,
        bytes,
        truncatedBytes,
      };
    }
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }
}

/** Readable text of an HTML page: scripts and styles dropped, tags removed, entities decoded, blank runs folded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|noscript)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr|section|article)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
}

/** The plugin's one fetcher (a provider: built once, closed by the plugin's dispose). */
export class WebFetcher extends GuardedFetcher {
  constructor(@inject(tokens.config) config: UtilitiesConfig) {
    super(config.webFetch);
  }
}
