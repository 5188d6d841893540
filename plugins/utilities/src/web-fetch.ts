// utilities_web_fetch with an SSRF guard: every address a name resolves to (and every redirect hop)
// must be public unless an operator allowed its range; the body read is capped.
import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { UtilitiesErrors } from './errors.js';

const BLOCKED_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/4',
  '240.0.0.0/4',
];
const BLOCKED_V6 = ['::/128', '::1/128', 'fc00::/7', 'fe80::/10', 'ff00::/8', '::ffff:0:0/96', '64:ff9b::/96'];

function cidrList(cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, bits] = cidr.split('/');
    const type = isIP(net) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(net, Number(bits ?? (type === 'ipv6' ? 128 : 32)), type);
  }
  return list;
}

const blocked = (() => {
  const list = new BlockList();
  for (const c of BLOCKED_V4) {
    const [n, b] = c.split('/');
    list.addSubnet(n, Number(b), 'ipv4');
  }
  for (const c of BLOCKED_V6) {
    const [n, b] = c.split('/');
    list.addSubnet(n, Number(b), 'ipv6');
  }
  return list;
})();

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
  private readonly allowed: BlockList;
  private readonly agent: Agent;

  constructor(private readonly settings: WebFetchSettings) {
    this.allowed = cidrList(settings.allowCidrs);
    const guardedLookup: LookupFunction = (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '', 4);
        const list = addresses as unknown as Array<{ address: string; family: number }>;
        const bad = list.find((a) => !this.isAllowed(a.address));
        if (bad)
          return callback(
            Object.assign(new Error(`${hostname} resolves to ${bad.address}`), { code: 'CNMCP_FORBIDDEN_ADDRESS' }),
            '',
            4,
          );
        if ((options as { all?: boolean }).all)
          return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
        return callback(null, list[0].address, list[0].family);
      });
    };
    // Checking at connect time (not before) closes the DNS-rebinding gap between check and use.
    this.agent = new Agent({ connect: { lookup: guardedLookup } });
  }

  isAllowed(address: string): boolean {
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (this.allowed.check(address, type)) return true;
    return !blocked.check(address, type);
  }

  private checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw UtilitiesErrors.create('UTILITIES_ERR_URL_INVALID', `url ${JSON.stringify(raw)} is not an absolute URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw UtilitiesErrors.create('UTILITIES_ERR_URL_INVALID', `url scheme ${url.protocol} is not http or https`);
    if (url.username || url.password)
      throw UtilitiesErrors.create('UTILITIES_ERR_URL_INVALID', 'urls with credentials are not fetched');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !this.isAllowed(host)) {
      throw UtilitiesErrors.create(
        'UTILITIES_ERR_URL_FORBIDDEN',
        `${host} is a loopback, private, link-local or metadata address`,
      );
    }
    return url;
  }

  async fetch(rawUrl: string, timeoutMs: number, signal: AbortSignal): Promise<FetchedPage> {
    let url = this.checkUrl(rawUrl);
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    for (let hop = 0; ; hop++) {
      let res;
      try {
        res = await request(url, {
          method: 'GET',
          dispatcher: this.agent,
          signal: deadline,
          headers: { 'user-agent': this.settings.userAgent, accept: 'text/html,text/plain,application/json,*/*;q=0.5' },
        });
      } catch (err) {
        const e = err as { code?: string; cause?: { code?: string }; message?: string };
        if (e.code === 'CNMCP_FORBIDDEN_ADDRESS' || e.cause?.code === 'CNMCP_FORBIDDEN_ADDRESS') {
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

  close(): Promise<void> {
    return this.agent.close();
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
