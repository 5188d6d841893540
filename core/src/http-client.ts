// The one way to call an HTTP backend: base URL, auth, TLS, timeout, size cap, retries for idempotent
// requests, a circuit breaker per target, and backend failures mapped to CNMCP_ERR_BACKEND_* errors.
import { readFileSync } from 'node:fs';
import type { Agent, Dispatcher } from 'undici';
import type * as UndiciBundle from './vendor/undici.js';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.js';
import { coreError, type CnmcpError, type ErrorOptions } from './errors.js';
import { secretScrubber } from './helpers/secret-scrub.js';

export {
  DEFAULT_TARGET_TIMEOUT_MS,
  TargetAuthSchema,
  TargetSchema,
  TargetTlsSchema,
  withoutUrlCredentials,
  type TargetConfig,
} from './target-config.js';
import { DEFAULT_TARGET_TIMEOUT_MS, type TargetConfig } from './target-config.js';

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** Path below the base URL; segments the caller interpolates must be encoded with encodeURIComponent. */
  path: string;
  /** Query parameters; arrays repeat the key (`match[]=a&match[]=b`); undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined | Array<string | number>>;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or Buffer as is; URLSearchParams as a form. */
  body?: unknown;
  signal?: AbortSignal;
  /** Defaults to true for GET/HEAD/PUT/DELETE: such requests are retried on transient failures. */
  idempotent?: boolean;
  /** Parse the answer as JSON (default), or return text. */
  responseType?: 'json' | 'text';
  /** Statuses the caller handles itself instead of receiving an error (e.g. [404]). */
  acceptStatus?: number[];
  timeoutMs?: number;
  /** A health probe: it passes an open circuit breaker, and an answer closes it. */
  probe?: boolean;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  bytes: number;
}

export interface HttpClient {
  readonly pluginId: string;
  readonly targetName: string;
  readonly baseUrl: string;
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
  get<T = unknown>(path: string, query?: HttpRequest['query'], options?: Partial<HttpRequest>): Promise<T>;
  post<T = unknown>(path: string, body?: unknown, options?: Partial<HttpRequest>): Promise<T>;
  /** The circuit breaker of this target: closed (calls go through), open (paused) or half-open (one trial). */
  readonly circuit?: { state: CircuitState; retryAfterSeconds?: number };
  close(): Promise<void>;
}

export interface BackendCallObservation {
  pluginId: string;
  target: string;
  method: string;
  status: number | 'error';
  durationMs: number;
}

export interface HttpClientFactory {
  /** A client for one target of the calling plugin. Cached per (target name, config). */
  create(targetName: string, target: TargetConfig): HttpClient;
}

export interface HttpClientFactoryOptions {
  pluginId: string;
  /** Called after every backend request (metrics, tracing). */
  observe?: (observation: BackendCallObservation) => void;
}

export type { CircuitState } from './circuit-breaker.js';

const TRANSIENT_STATUS = new Set([502, 503, 504]);
const BREAKER_FAILURES = 5;
const BREAKER_COOLDOWN_MS = 30_000;

function pem(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}

/** Pulls the backend's own error text out of common error body shapes. */
export function backendErrorText(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) return '';
  try {
    const json = JSON.parse(trimmed) as Record<string, unknown>;
    const pick = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
    const nested = json.error && typeof json.error === 'object' ? (json.error as Record<string, unknown>) : undefined;
    const errors = Array.isArray(json.errors) ? (json.errors[0] as Record<string, unknown> | undefined) : undefined;
    // `{ error: 'Not Found', message: '<the detail>' }` (Kibana, Boom-style): the message is the detail.
    if (pick(json.error) && pick(json.message)) return pick(json.message)!;
    return (
      pick(json.error) ??
      pick(nested?.reason) ??
      pick(nested?.message) ??
      pick(json.message) ??
      pick(errors?.msg) ??
      pick(errors?.message) ??
      pick(json.reason) ??
      trimmed.slice(0, 300)
    );
  } catch {
    return trimmed.slice(0, 300).replace(/\s+/g, ' ');
  }
}

/**
 * The one meaning of a backend's HTTP failure: status classes map to the CNMCP_ERR_BACKEND_* codes here, once.
 * `data` carries the status and the backend's own message so plugins can branch on them (backendStatus()) and
 * turn e.g. a 404 into a domain error naming the object, without parsing message text. `extra` adds a hint,
 * retry-after or data for one occurrence (non-HTTP clients with their own wording).
 */
export function statusError(label: string, status: number, text: string, extra: ErrorOptions = {}): CnmcpError {
  const detail = text ? `: ${text}` : '';
  const message = `${label} answered HTTP ${status}${detail}`;
  const options: ErrorOptions = { ...extra, data: { ...(extra.data ?? {}), status, backendMessage: text } };
  if (status === 401 || status === 403) return coreError('CNMCP_ERR_BACKEND_AUTH', message, options);
  if (status === 404 || status === 410) return coreError('CNMCP_ERR_BACKEND_NOT_FOUND', message, options);
  if (status === 400 || status === 422) return coreError('CNMCP_ERR_BACKEND_BAD_REQUEST', message, options);
  if (status === 409 || status === 412) return coreError('CNMCP_ERR_BACKEND_CONFLICT', message, options);
  if (status === 429) return coreError('CNMCP_ERR_BACKEND_RATE_LIMITED', message, options);
  if (status === 504 || status === 408) return coreError('CNMCP_ERR_BACKEND_TIMEOUT', message, options);
  return coreError('CNMCP_ERR_BACKEND_ERROR', message, options);
}

/** The HTTP status of a backend failure (from statusError), else undefined. */
export function backendStatus(err: unknown): number | undefined {
  const status = (err as { data?: { status?: unknown } } | undefined)?.data?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The backend's own error text of a backend failure (from statusError), else undefined. */
export function backendMessage(err: unknown): string | undefined {
  const text = (err as { data?: { backendMessage?: unknown } } | undefined)?.data?.backendMessage;
  return typeof text === 'string' ? text : undefined;
}

function buildUrl(base: string, path: string, query?: HttpRequest['query']): string {
  const url = new URL(base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  return url.toString();
}

function encodeBody(body: unknown, headers: Record<string, string>): string | Buffer | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return body.toString();
  }
  headers['content-type'] ??= 'application/json';
  return JSON.stringify(body);
}

function connectionReason(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.code ?? e.cause?.message ?? e.message ?? String(err);
}

let undiciModule: typeof UndiciBundle | undefined;
const loadUndici = async () => (undiciModule ??= await import('./vendor/undici.js'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class TargetHttpClient implements HttpClient {
  readonly baseUrl: string;
  /** Created on the first request: undici is loaded then, not when the server starts. */
  private agent?: Agent;
  private readonly connect: Agent.Options['connect'];
  private readonly breaker: CircuitBreaker;
  private readonly defaultHeaders: Record<string, string>;
  /** Masks this target's configured credentials in backend text before it is shown. */
  private readonly scrub: (text: string) => string;

  constructor(
    readonly pluginId: string,
    readonly targetName: string,
    private readonly target: TargetConfig,
    private readonly observe?: (o: BackendCallObservation) => void,
  ) {
    let parsed: URL;
    try {
      parsed = new URL(target.url);
    } catch {
      throw coreError(
        'CNMCP_ERR_BACKEND_NOT_CONFIGURED',
        `${pluginId}.targets.${targetName}.url is not a valid URL (got ${JSON.stringify(target.url)})`,
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw coreError(
        'CNMCP_ERR_BACKEND_NOT_CONFIGURED',
        `${pluginId}.targets.${targetName}.url must be http or https (got ${parsed.protocol})`,
      );
    }
    this.baseUrl = target.url;
    this.breaker = new CircuitBreaker(
      target.circuitBreaker?.failures ?? BREAKER_FAILURES,
      target.circuitBreaker?.cooldownMs ?? BREAKER_COOLDOWN_MS,
    );
    const tls = target.tls;
    // Certificate files are read now, so a missing one fails at start-up, not at the first call.
    this.connect = {
      ca: pem(tls?.ca),
      cert: pem(tls?.cert),
      key: pem(tls?.key),
      rejectUnauthorized: !(tls?.insecureSkipVerify ?? false),
    };
    this.defaultHeaders = { accept: 'application/json', 'user-agent': 'cnmcp', ...(target.headers ?? {}) };
    const auth = target.auth;
    if (auth?.type === 'basic')
      this.defaultHeaders.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (auth?.type === 'bearer') this.defaultHeaders.authorization = `Bearer ${auth.token}`;
    if (auth?.type === 'apiKey') {
      if (auth.header) this.defaultHeaders[auth.header.toLowerCase()] = auth.key;
      else this.defaultHeaders.authorization = `ApiKey ${auth.key}`;
    }
    this.scrub = secretScrubber([
      ...Object.values(target.headers ?? {}),
      this.defaultHeaders.authorization?.replace(/^\S+\s+/, ''),
      auth?.type === 'basic' ? auth.password : undefined,
      auth?.type === 'basic' ? `${auth.username}:${auth.password}` : undefined,
      auth?.type === 'bearer' ? auth.token : undefined,
      auth?.type === 'apiKey' ? auth.key : undefined,
    ]);
  }

  get circuit(): { state: CircuitState; retryAfterSeconds?: number } {
    return this.breaker.describe();
  }

  private get label(): string {
    return `${this.pluginId} target '${this.targetName}' (${this.baseUrl})`;
  }

  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const method = req.method ?? 'GET';
    const idempotent = req.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(method);
    const attempts = idempotent ? 1 + (this.target.retries ?? 2) : 1;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(Math.min(100 * 2 ** (attempt - 1), 1000));
      // A health probe always goes through: its answer is what closes the breaker. A retry the breaker
      // refuses ends the loop with the real failure, not the breaker's.
      if (!req.probe) {
        if (attempt > 0 && this.breaker.state !== 'closed') break;
        this.breaker.admit(this.label);
      }
      try {
        const res = await this.once<T>(method, req);
        this.breaker.answered();
        return res;
      } catch (err) {
        lastError = err;
        const retryable = (err as { retryable?: boolean }).retryable === true;
        if (retryable) this.breaker.failed();
        else if (typeof (err as { status?: unknown }).status === 'number') this.breaker.answered();
        else this.breaker.release();
        // A backend that accepted and never answered is not asked again: that would multiply the wait past the
        // tool's own time limit, and it counts once for the breaker.
        const timedOut = (err as CnmcpError).code === 'CNMCP_ERR_BACKEND_TIMEOUT';
        if (!retryable || timedOut || req.signal?.aborted) break;
      }
    }
    throw lastError;
  }

  private async once<T>(method: string, req: HttpRequest): Promise<HttpResponse<T>> {
    const headers = { ...this.defaultHeaders, ...(req.headers ?? {}) };
    const body = encodeBody(req.body, headers);
    const timeoutMs = req.timeoutMs ?? this.target.timeoutMs ?? DEFAULT_TARGET_TIMEOUT_MS;
    // Loaded before the time limit starts: loading code is not the backend's answer time.
    const undici = await loadUndici();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const started = performance.now();
    const observe = (status: number | 'error') =>
      this.observe?.({
        pluginId: this.pluginId,
        target: this.targetName,
        method,
        status,
        durationMs: performance.now() - started,
      });
    let res: Dispatcher.ResponseData;
    try {
      this.agent ??= new undici.Agent({ connect: this.connect, keepAliveTimeout: 10_000 });
      res = await undici.request(buildUrl(this.baseUrl, req.path, req.query), {
        method: method as Dispatcher.HttpMethod,
        headers,
        body,
        signal,
        dispatcher: this.agent,
      });
    } catch (err) {
      observe('error');
      if (req.signal?.aborted) throw coreError('CNMCP_ERR_TOOL_CANCELLED', `request to ${this.label} was cancelled`);
      if (timeout.aborted)
        throw Object.assign(
          coreError('CNMCP_ERR_BACKEND_TIMEOUT', `${this.label} did not answer within ${timeoutMs} ms`),
          { retryable: true },
        );
      throw Object.assign(
        coreError('CNMCP_ERR_BACKEND_UNREACHABLE', `cannot reach ${this.label}: ${connectionReason(err)}`),
        { retryable: true },
      );
    }
    res.body.on('error', () => undefined); // read errors surface through the loop below
    const maxBytes = this.target.maxResponseBytes ?? 20 * 1024 * 1024;
    const chunks: Buffer[] = [];
    let bytes = 0;
    try {
      for await (const chunk of res.body) {
        bytes += (chunk as Buffer).length;
        if (bytes > maxBytes) {
          res.body.destroy();
          observe(res.statusCode);
          throw coreError(
            'CNMCP_ERR_BACKEND_RESPONSE_TOO_LARGE',
            `${this.label} sent more than ${maxBytes} bytes for ${method} ${req.path}`,
          );
        }
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      if ((err as CnmcpError).code === 'CNMCP_ERR_BACKEND_RESPONSE_TOO_LARGE') throw err;
      observe('error');
      if (req.signal?.aborted) throw coreError('CNMCP_ERR_TOOL_CANCELLED', `request to ${this.label} was cancelled`);
      if (timeout.aborted)
        throw Object.assign(
          coreError('CNMCP_ERR_BACKEND_TIMEOUT', `${this.label} did not finish its answer within ${timeoutMs} ms`),
          { retryable: true },
        );
      throw Object.assign(
        coreError('CNMCP_ERR_BACKEND_UNREACHABLE', `connection to ${this.label} broke: ${connectionReason(err)}`),
        { retryable: true },
      );
    }
    observe(res.statusCode);
    // A backend may echo the credential it received in any answer, not only in errors.
    const text = this.scrub(Buffer.concat(chunks).toString('utf8'));
    const status = res.statusCode;
    if ((status < 200 || status >= 300) && !(req.acceptStatus ?? []).includes(status)) {
      const error = statusError(this.label, status, backendErrorText(text));
      throw Object.assign(error, { retryable: TRANSIENT_STATUS.has(status), status });
    }
    let parsed: unknown = text;
    if ((req.responseType ?? 'json') === 'json' && method !== 'HEAD') {
      if (text.trim() === '') parsed = undefined;
      else {
        try {
          parsed = JSON.parse(text);
        } catch {
          throw coreError(
            'CNMCP_ERR_BACKEND_BAD_RESPONSE',
            `${this.label} answered ${method} ${req.path} with a body that is not JSON: ${JSON.stringify(text.slice(0, 120))}`,
          );
        }
      }
    }
    return { status, headers: res.headers, body: parsed as T, bytes };
  }

  async get<T>(path: string, query?: HttpRequest['query'], options: Partial<HttpRequest> = {}): Promise<T> {
    return (await this.request<T>({ ...options, method: 'GET', path, query })).body;
  }

  async post<T>(path: string, body?: unknown, options: Partial<HttpRequest> = {}): Promise<T> {
    return (await this.request<T>({ ...options, method: 'POST', path, body })).body;
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }
}

export function createHttpClientFactory(
  options: HttpClientFactoryOptions,
): HttpClientFactory & { closeAll(): Promise<void> } {
  const clients = new Map<string, TargetHttpClient>();
  return {
    create(targetName, target) {
      const key = `${targetName}\u0000${JSON.stringify(target)}`;
      let client = clients.get(key);
      if (!client) {
        client = new TargetHttpClient(options.pluginId, targetName, target, options.observe);
        clients.set(key, client);
      }
      return client;
    },
    async closeAll() {
      await Promise.allSettled([...clients.values()].map((c) => c.close()));
      clients.clear();
    },
  };
}
