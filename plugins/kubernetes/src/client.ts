// Clusters from the kubeconfig (one client per context) or the in-cluster service account, loaded and
// authenticated by @kubernetes/client-node; requests go through a rate limiter, a time limit and a size cap,
// and API Status errors become the core's CNMCP_ERR_BACKEND_* errors with the server's own message.
import { setMaxListeners } from 'node:events';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type RequestOptions } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ContextParts } from '@cnmcp/kube-contexts';
import { CnmcpError, coreError, statusError } from '@cnmcp/core';
import type { KubernetesConfig } from './config.js';
import { KubeErrors } from './errors.js';

export type Obj = Record<string, any>;

export interface KubeRequest {
  method?: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  /** Return the body as text (logs). */
  text?: boolean;
  signal?: AbortSignal;
  /** Bytes read at most (default 64 MiB). */
  maxBytes?: number;
  timeoutMs?: number;
}

class TokenBucket {
  private tokens: number;
  private last = Date.now();
  constructor(
    private readonly qps: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      const wait = Math.ceil(((1 - this.tokens) / this.qps) * 1000);
      await new Promise((r) => setTimeout(r, wait));
      if (signal?.aborted)
        throw coreError('CNMCP_ERR_BACKEND_TIMEOUT', 'the call was cancelled while waiting for the rate limiter');
    }
  }
}

const HINTS: Record<number, string> = {
  400: 'Fix the field named in the message and retry.',
  401: 'Refresh the kubeconfig credentials (token expired?) and retry.',
  403: 'Call kubernetes_check_permissions to see what is allowed, or ask for a role granting this verb.',
  404: 'Check name, namespace and kind; list the kind to see what exists.',
  409: 'Read the object again and retry with the new resourceVersion, or apply with force: true.',
  410: 'The continue token expired: start the listing again without continueToken.',
  422: 'Fix the field named in the message and retry.',
  429: 'Wait and retry; for evictions, wait until more replicas are ready.',
};

/**
 * An API Status answer as an error: the core's CNMCP_ERR_BACKEND_* code for the status (one meaning for every
 * plugin), with the API server's own message and reason, and a Kubernetes hint. 405/415 (the resource does not
 * support the verb or patch type) is this plugin's KUBERNETES_ERR_UNSUPPORTED.
 */
export function statusToError(status: number, body: unknown, what: string): CnmcpError {
  const s = (body && typeof body === 'object' ? body : {}) as Obj;
  const message =
    typeof s.message === 'string' && s.message
      ? s.message
      : typeof body === 'string' && body
        ? body.slice(0, 500)
        : `HTTP ${status}`;
  const reason = s.reason as string | undefined;
  const text = `${message} (${reason ?? 'HTTP ' + status}, ${what})`;
  const base = statusError(what, status, message);
  const data = {
    ...base.data,
    ...(reason ? { reason } : {}),
    ...(s.details?.causes ? { causes: s.details.causes } : {}),
  };
  if (status === 405 || status === 415) return KubeErrors.create('KUBERNETES_ERR_UNSUPPORTED', text, { data });
  const hint =
    status === 409 && reason === 'AlreadyExists'
      ? 'Choose another name, or patch the existing object.'
      : (HINTS[status] ?? (status >= 500 ? 'Retry later, or narrow the request; check the control plane.' : base.hint));
  return new CnmcpError(base.code, text, { data, hint, ...(status === 429 ? { retryAfterSeconds: 1 } : {}) });
}

const UNREACHABLE_HINT =
  'Check the server URL of the context and the network; `kubectl cluster-info` should work from this host.';

export interface ApiResource {
  group: string;
  version: string;
  apiVersion: string;
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  subresources: string[];
  /** True for the group's preferred version. */
  preferred: boolean;
}

export interface Discovery {
  at: number;
  resources: ApiResource[];
  groupVersions: string[];
  failed: string[];
}

export class ClusterClient {
  private readonly limiter: TokenBucket;
  private discovery?: Promise<Discovery>;
  private discoveredAt = 0;
  /** Credential strings of this context, scrubbed from any output. */
  readonly secrets: string[];

  /**
   * `parts` is the context as the kubeconfig names it; `kubeConfig` builds the client's KubeConfig (credentials),
   * which loads @kubernetes/client-node: only a request does that, never the construction.
   */
  constructor(
    readonly context: string,
    private readonly parts: ContextParts,
    readonly kubeConfig: () => Promise<KubeConfig>,
    private readonly settings: KubernetesConfig,
  ) {
    this.limiter = new TokenBucket(settings.qps, settings.burst);
    const user = parts.user;
    this.secrets = [user?.token, user?.password, user?.keyData, user?.certData].filter(
      (s): s is string => !!s && s.length >= 8,
    );
  }

  get server(): string {
    return this.parts.cluster?.server ?? '';
  }
  get defaultNamespace(): string {
    return this.parts.context.namespace || 'default';
  }

  async request<T = Obj>(req: KubeRequest): Promise<T> {
    const method = req.method ?? 'GET';
    const server = this.server;
    if (!server)
      throw KubeErrors.create('KUBERNETES_ERR_KUBECONFIG_INVALID', `context ${this.context} has no cluster server URL`);
    const url = new URL(server.replace(/\/$/, '') + req.path);
    for (const [k, v] of Object.entries(req.query ?? {}))
      if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    const what = `${method} ${req.path} on context ${this.context}`;
    await this.limiter.take(req.signal);
    const opts: RequestOptions & Obj = { method, headers: {} };
    const kc = await this.kubeConfig();
    try {
      await kc.applyToHTTPSOptions(opts);
    } catch (err) {
      const msg = (err as Error).message;
      if (/HTTP protocol is not allowed/i.test(msg))
        throw KubeErrors.create(
          'KUBERNETES_ERR_KUBECONFIG_INVALID',
          `context ${this.context} uses an http:// server URL: ${msg}`,
          {
            hint: 'Use the https:// URL of the API server, or set insecure-skip-tls-verify: true on that cluster in the kubeconfig (not recommended).',
          },
        );
      throw coreError('CNMCP_ERR_BACKEND_AUTH', `could not get credentials for context ${this.context}: ${msg}`, {
        hint: HINTS[401],
      });
    }
    const headers: Obj = {
      ...(opts.headers ?? {}),
      accept: req.text ? '*/*' : 'application/json',
      'user-agent': 'cnmcp-kubernetes/0.1',
    };
    if (opts.auth) headers.authorization = 'Basic ' + Buffer.from(opts.auth).toString('base64');
    let payload: Buffer | undefined;
    if (req.body !== undefined) {
      payload = Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const timeoutMs = req.timeoutMs ?? this.settings.timeoutSec * 1000;
    const maxBytes = req.maxBytes ?? 64 * 1024 * 1024;
    const doRequest = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const cleanup = () => {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
      };
      const fail = (e: CnmcpError) => {
        if (!settled) {
          settled = true;
          cleanup();
          reject(e);
        }
      };
      const r = doRequest(
        url,
        {
          method,
          headers,
          agent: opts.agent,
          ...(url.protocol === 'https:'
            ? { ca: opts.ca, cert: opts.cert, key: opts.key, rejectUnauthorized: opts.rejectUnauthorized }
            : {}),
        } as RequestOptions,
        (res) => {
          const chunks: Buffer[] = [];
          let bytes = 0;
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            if (bytes > maxBytes) {
              if (req.text) {
                chunks.push(c);
                res.destroy();
                finish();
                return;
              }
              r.destroy();
              fail(
                coreError(
                  'CNMCP_ERR_BACKEND_RESPONSE_TOO_LARGE',
                  `the API server sent more than ${maxBytes} bytes for ${what}; narrow the request (limit, selectors)`,
                ),
              );
              return;
            }
            chunks.push(c);
          });
          const finish = () => {
            if (settled) return;
            settled = true;
            cleanup();
            const raw = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            let parsed: unknown = raw;
            if (String(res.headers['content-type'] ?? '').includes('json') || (!req.text && raw.startsWith('{'))) {
              try {
                parsed = JSON.parse(raw);
              } catch {
                parsed = raw;
              }
            }
            if (status >= 400) {
              reject(statusToError(status, parsed, what));
              return;
            }
            resolve((req.text ? raw : parsed) as T);
          };
          res.on('end', finish);
          res.on('error', (err) =>
            fail(coreError('CNMCP_ERR_BACKEND_UNREACHABLE', `${what}: ${err.message}`, { hint: UNREACHABLE_HINT })),
          );
        },
      );
      const timer = setTimeout(() => {
        r.destroy();
        fail(
          coreError('CNMCP_ERR_BACKEND_TIMEOUT', `${what} did not answer within ${timeoutMs} ms`, {
            hint: 'Retry, narrow the request (namespace, selectors, limit), or raise kubernetes.timeoutSec.',
          }),
        );
      }, timeoutMs);
      const onAbort = () => {
        r.destroy();
        clearTimeout(timer);
        fail(coreError('CNMCP_ERR_BACKEND_TIMEOUT', `${what} was cancelled`));
      };
      if (req.signal) {
        setMaxListeners(200, req.signal);
        if (req.signal.aborted) onAbort();
        else req.signal.addEventListener('abort', onAbort, { once: true });
      }
      r.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const code = err.code ? `${err.code}: ` : '';
        fail(
          coreError(
            'CNMCP_ERR_BACKEND_UNREACHABLE',
            `cannot reach the API server ${url.origin} of context ${this.context}: ${code}${err.message}`,
            { hint: UNREACHABLE_HINT },
          ),
        );
      });
      if (payload) r.write(payload);
      r.end();
    });
  }

  /** API discovery (core + every group version), cached for discoveryTtlSec. */
  async discover(signal?: AbortSignal, refresh = false): Promise<Discovery> {
    const ttl = this.settings.discoveryTtlSec * 1000;
    if (!refresh && this.discovery && Date.now() - this.discoveredAt < ttl) return this.discovery;
    this.discoveredAt = Date.now();
    this.discovery = this.loadDiscovery(signal);
    this.discovery.catch(() => {
      this.discovery = undefined;
    });
    return this.discovery;
  }

  private async loadDiscovery(signal?: AbortSignal): Promise<Discovery> {
    const groups = await this.request<Obj>({ path: '/apis', signal });
    const gvs: Array<{ gv: string; group: string; version: string; preferred: boolean }> = [
      { gv: 'v1', group: '', version: 'v1', preferred: true },
    ];
    for (const g of groups.groups ?? []) {
      for (const v of g.versions ?? [])
        gvs.push({
          gv: v.groupVersion,
          group: g.name,
          version: v.version,
          preferred: v.groupVersion === g.preferredVersion?.groupVersion,
        });
    }
    const failed: string[] = [];
    const lists = await Promise.all(
      gvs.map(async (x) => {
        try {
          return { x, list: await this.request<Obj>({ path: x.group ? `/apis/${x.gv}` : '/api/v1', signal }) };
        } catch (err) {
          if (x.group === '') throw err;
          failed.push(x.gv);
          return { x, list: { resources: [] } };
        }
      }),
    );
    const resources: ApiResource[] = [];
    for (const { x, list } of lists) {
      const all = (list.resources ?? []) as Obj[];
      for (const r of all.filter((r) => !String(r.name).includes('/'))) {
        resources.push({
          group: x.group,
          version: x.version,
          apiVersion: x.gv,
          name: r.name,
          singularName: r.singularName || String(r.kind).toLowerCase(),
          kind: r.kind,
          namespaced: !!r.namespaced,
          verbs: r.verbs ?? [],
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
          subresources: all
            .filter((s) => String(s.name).startsWith(r.name + '/'))
            .map((s) => String(s.name).split('/')[1]),
          preferred: x.preferred,
        });
      }
    }
    return { at: Date.now(), resources, groupVersions: gvs.map((g) => g.gv), failed };
  }
}
