// URLs in the config are checked when it loads: a scheme the server can use and a host. A bare
// `127.0.0.1:19090` or `prometheus:9090` gets the URL it most likely meant.
import { closestName } from '../helpers/suggest.js';
import type { Issue } from '../validation.js';

const HTTP = ['http:', 'https:'];

/** What is wrong with `value` as a URL with one of `schemes`, or undefined when it is fine. */
export function urlIssue(path: string, value: unknown, schemes: string[] = HTTP): Issue | undefined {
  if (typeof value !== 'string') return undefined; // the schema reports the type
  const wanted = schemes.map((s) => s.replace(/:$/, '')).join(' or ');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  if (!hasScheme) {
    return {
      path,
      value,
      message: `must be a ${wanted} URL with a scheme and host`,
      suggestion: value.trim() ? `${schemes[0].replace(/:$/, '')}://${value.trim().replace(/^\/+/, '')}` : undefined,
    };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { path, value, message: `is not a valid URL (expected ${wanted}://host[:port][/path])` };
  }
  if (!schemes.includes(url.protocol)) {
    const near = closestName(url.protocol, schemes);
    return {
      path,
      value,
      message: `must use the ${wanted} scheme`,
      suggestion: near ? value.replace(/^[^:]+:/, near) : undefined,
    };
  }
  if (!url.hostname) return { path, value, message: 'has no host' };
  return undefined;
}

type Section = Record<string, unknown> | undefined;

/** The URL-valued core keys that are set. */
export function coreUrlIssues(config: Record<string, unknown>): Issue[] {
  const section = (key: string) => config[key] as Section;
  const auth = section('auth');
  const jwt = (auth?.bearer as Section)?.jwt as Section;
  const tracing = section('tracing');
  const checks: Array<[string, unknown, string[]?]> = [
    ['auth.bearer.jwt.issuer', jwt?.issuer],
    ['auth.bearer.jwt.jwksUri', jwt?.jwksUri],
    ['auth.resource', auth?.resource],
    ['rateLimit.redisUrl', section('rateLimit')?.redisUrl, ['redis:', 'rediss:']],
    ['cache.redisUrl', section('cache')?.redisUrl, ['redis:', 'rediss:']],
    ...(tracing?.enabled ? [['tracing.endpoint', tracing.endpoint] as [string, unknown]] : []),
  ];
  return checks
    .filter(([, value]) => value !== undefined)
    .map(([path, value, schemes]) => urlIssue(path, value, schemes))
    .filter((issue): issue is Issue => !!issue);
}
