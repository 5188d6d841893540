// The one guard for URLs that come from a tool's arguments (web fetch, Helm repositories, …): only public
// addresses unless the operator allowed a range. IPv6 forms that carry an IPv4 address (mapped, compatible,
// 6to4, NAT64) are judged by that IPv4 address; the special-purpose ranges are IANA's registries for both
// families. The check runs at connect time (a guarded DNS lookup), which closes the DNS-rebinding gap.
import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { coreError } from '../errors.js';

// IANA IPv4 Special-Purpose Address Registry (not globally reachable), plus multicast and reserved.
const SPECIAL_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.31.196.0/24',
  '192.52.193.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '192.175.48.0/24',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];
// IANA IPv6 Special-Purpose Address Registry (the ranges that embed IPv4 are unwrapped before this list is used).
const SPECIAL_V6 = [
  '::/128',
  '::1/128',
  '100::/64',
  '2001::/23',
  '2001:db8::/32',
  '3fff::/20',
  '5f00::/16',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  'ff00::/8',
];

function subnetList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, bits] = cidr.split('/');
    const type = isIP(net) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(net, Number(bits ?? (type === 'ipv6' ? 128 : 32)), type);
  }
  return list;
}

// Built on first use: the first BlockList of a process costs milliseconds that start-up need not pay.
let specialList: BlockList | undefined;
const special = () => (specialList ??= subnetList([...SPECIAL_V4, ...SPECIAL_V6]));

/** The 8 hextets of an IPv6 address as numbers. */
function hextets(address: string): number[] {
  let text = address.toLowerCase().split('%')[0];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1].split('.').map(Number);
    text = text.slice(0, -v4[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((h) => parseInt(h || '0', 16));
}

function v4From(hi: number, lo: number): string {
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, 6to4, NAT64 well-known and local-use), if any. */
export function embeddedIPv4(address: string): string | undefined {
  if (isIP(address) !== 6) return undefined;
  const h = hextets(address);
  const zero = (from: number, to: number) => h.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && h[5] === 0xffff) return v4From(h[6], h[7]); // ::ffff:a.b.c.d
  if (zero(0, 6) && (h[6] !== 0 || h[7] > 1)) return v4From(h[6], h[7]); // ::a.b.c.d (deprecated compatible)
  if (h[0] === 0x2002) return v4From(h[1], h[2]); // 6to4
  if (h[0] === 0x64 && h[1] === 0xff9b && zero(2, 6)) return v4From(h[6], h[7]); // 64:ff9b::/96
  if (h[0] === 0x64 && h[1] === 0xff9b && h[2] === 1) return v4From(h[6], h[7]); // 64:ff9b:1::/48 (local use)
  return undefined;
}

export interface AddressGuardOptions {
  /** Ranges the operator allows although they are special (e.g. an internal chart repository). */
  allowCidrs?: readonly string[];
  /** Builds the error for a refused or malformed URL (default: CNMCP_ERR_URL_FORBIDDEN / CNMCP_ERR_URL_INVALID). */
  error?: (kind: 'invalid' | 'forbidden', message: string) => Error;
}

export class AddressGuard {
  /** Absent when the operator allows no range. */
  private readonly allowed?: BlockList;
  private readonly error: (kind: 'invalid' | 'forbidden', message: string) => Error;

  constructor(options: AddressGuardOptions = {}) {
    if (options.allowCidrs?.length) this.allowed = subnetList(options.allowCidrs);
    this.error =
      options.error ??
      ((kind, message) => coreError(kind === 'invalid' ? 'CNMCP_ERR_URL_INVALID' : 'CNMCP_ERR_URL_FORBIDDEN', message));
  }

  /** Whether a connection to this IP address is allowed. */
  isAllowed(address: string): boolean {
    const family = isIP(address);
    if (!family) return false;
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (this.allowed?.check(address, type)) return true;
    const carried = embeddedIPv4(address);
    if (carried) return this.isAllowed(carried);
    return !special().check(address, type);
  }

  /** Parses a URL from a request and refuses what may never be fetched (scheme, credentials, a special IP literal). */
  checkUrl(raw: string, what = 'url'): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw this.error('invalid', `${what} ${JSON.stringify(String(raw).slice(0, 200))} is not an absolute URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw this.error('invalid', `${what} scheme ${url.protocol} is not http or https`);
    if (url.username || url.password) throw this.error('invalid', 'urls with credentials are not fetched');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !this.isAllowed(host)) {
      throw this.error('forbidden', `${host} is a loopback, private, link-local or metadata address`);
    }
    return url;
  }

  /** A DNS lookup for undici's `connect.lookup` that refuses names resolving to a special address. */
  lookup(): LookupFunction {
    return (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '', 4);
        const list = addresses as unknown as Array<{ address: string; family: number }>;
        const bad = list.find((a) => !this.isAllowed(a.address));
        if (bad) {
          const refused = Object.assign(new Error(`${hostname} resolves to ${bad.address}`), {
            code: FORBIDDEN_ADDRESS,
          });
          return callback(refused, '', 4);
        }
        if ((options as { all?: boolean }).all)
          return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
        return callback(null, list[0].address, list[0].family);
      });
    };
  }

  /** Whether a connection error came from this guard's lookup (to answer it as forbidden). */
  static isRefusal(err: unknown): boolean {
    const e = err as { code?: string; cause?: { code?: string } } | undefined;
    return e?.code === FORBIDDEN_ADDRESS || e?.cause?.code === FORBIDDEN_ADDRESS;
  }
}

const FORBIDDEN_ADDRESS = 'CNMCP_FORBIDDEN_ADDRESS';
