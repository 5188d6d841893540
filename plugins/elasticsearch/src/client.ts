// One official client per target: several nodes with the client's own failover, API key / bearer / basic auth,
// CA and client certificates. The cluster version is read once; clusters before 9.x get plain JSON media
// types, because the 9.x client's `compatible-with=9` headers are refused by older servers.
import { readFileSync } from 'node:fs';
import type { Client } from '@elastic/elasticsearch';
import { coreError, type TargetConfig } from '@cnmcp/core';
import type { ElasticsearchTargetExtras } from './config.js';
import { loadElastic } from './elastic.js';
import { translateError } from './errors.js';

export type EsTarget = TargetConfig & ElasticsearchTargetExtras;
export type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;
export interface ClusterVersion {
  number: string;
  major: number;
  minor: number;
}

/** PEM text as given, or read from the file it names; an unreadable file is a config error naming the key. */
function pem(value: string, key: string): string {
  if (value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (err) {
    throw coreError(
      'CNMCP_ERR_CONFIG_INVALID',
      `elasticsearch target tls.${key}: cannot read ${value} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        hint: `Point tls.${key} at a readable PEM file, or give the PEM text itself.`,
      },
    );
  }
}

export function clientOptions(target: EsTarget): ClientOptions {
  const headers: Record<string, string> = { ...target.headers };
  const opts: ClientOptions = {
    nodes: [target.url, ...(target.nodes ?? [])],
    requestTimeout: target.timeoutMs ?? 30_000,
    maxRetries: target.retries ?? 2,
    compression: false,
    headers,
  };
  const auth = target.auth;
  if (auth?.type === 'basic') opts.auth = { username: auth.username, password: auth.password };
  else if (auth?.type === 'bearer') opts.auth = { bearer: auth.token };
  else if (auth?.type === 'apiKey') {
    if (auth.header && auth.header.toLowerCase() !== 'authorization') headers[auth.header.toLowerCase()] = auth.key;
    else opts.auth = { apiKey: auth.key };
  }
  const tls = target.tls;
  if (tls && (tls.ca || tls.cert || tls.key || tls.insecureSkipVerify)) {
    opts.tls = {
      ...(tls.ca ? { ca: pem(tls.ca, 'ca') } : {}),
      ...(tls.cert ? { cert: pem(tls.cert, 'cert') } : {}),
      ...(tls.key ? { key: pem(tls.key, 'key') } : {}),
      rejectUnauthorized: !tls.insecureSkipVerify,
    };
  }
  if (target.caFingerprint) opts.caFingerprint = target.caFingerprint;
  if (target.maxResponseBytes) opts.maxResponseSize = target.maxResponseBytes;
  return opts;
}

/** A target's client plus what the plugin learns about the cluster behind it. */
export class EsConnection {
  private readonly options: ClientOptions;
  private base?: Promise<Client>;
  private plain?: Client;
  private version?: Promise<ClusterVersion>;

  constructor(
    readonly name: string,
    target: EsTarget,
  ) {
    this.options = clientOptions(target); // a config mistake (an unreadable PEM file) is found now
  }

  /** The target's client, built (and the client module loaded) on first use. */
  private baseClient(): Promise<Client> {
    if (!this.base) {
      const base = loadElastic().then(({ Client }) => new Client(this.options));
      this.base = base;
      base.catch(() => {
        if (this.base === base) this.base = undefined;
      });
    }
    return this.base;
  }

  /** The cluster version, read once (GET / with plain JSON headers, which every version accepts). */
  clusterVersion(signal?: AbortSignal): Promise<ClusterVersion> {
    this.version ??= this.baseClient()
      .then((base) =>
        base.transport.request<{ version?: { number?: string } }>(
          { method: 'GET', path: '/' },
          { headers: { accept: 'application/json' }, signal },
        ),
      )
      .then((info) => {
        const number = info.version?.number ?? '0.0.0';
        const [major = 0, minor = 0] = number.split('.').map(Number);
        return { number, major, minor };
      })
      .catch((err: unknown) => {
        this.version = undefined;
        throw translateError(err, this.name);
      });
    return this.version;
  }

  /** The client to use: the compatibility headers only for clusters that understand them. */
  async client(signal?: AbortSignal): Promise<Client> {
    const v = await this.clusterVersion(signal);
    const base = await this.baseClient();
    if (v.major >= 9) return base;
    this.plain ??= base.child({ headers: { accept: 'application/json', 'content-type': 'application/json' } });
    return this.plain;
  }

  /** Runs a client call; failures come back as the core's backend errors or this plugin's domain errors. */
  async call<T>(fn: (client: Client) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const client = await this.client(signal);
    try {
      return await fn(client);
    } catch (err) {
      throw translateError(err, this.name);
    }
  }

  async close(): Promise<void> {
    const base = this.base;
    this.base = undefined;
    if (base) await (await base.catch(() => undefined))?.close();
  }
}

/** Connections by target name, built on first use and closed with the plugin. */
export class EsConnections {
  private readonly byName = new Map<string, { key: string; conn: EsConnection }>();

  get(name: string, target: EsTarget): EsConnection {
    const key = JSON.stringify(target);
    const cached = this.byName.get(name);
    if (cached && cached.key === key) return cached.conn;
    if (cached) void cached.conn.close();
    const conn = new EsConnection(name, target);
    this.byName.set(name, { key, conn });
    return conn;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.byName.values()].map((c) => c.conn.close()));
    this.byName.clear();
  }
}
