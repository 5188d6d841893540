// Named backend targets of a plugin (`<plugin>.targets.<name>`, `<plugin>.defaultTarget`).
// A tool takes an optional `target` argument; the URL always comes from config, never from the request.
import type { Static } from 'typebox';
import { Type } from './vendor/typebox.js';
import { urlIssue } from './config/urls.js';
import { coreError } from './errors.js';
import { ownValue } from './helpers/own.js';
import {
  DEFAULT_TARGET_TIMEOUT_MS,
  TargetSchema,
  withoutUrlCredentials,
  type HttpClient,
  type HttpClientFactory,
  type TargetConfig,
} from './http-client.js';
import type { HealthReport } from './plugins/load.js';

export const TargetsSection = Type.Object({
  targets: Type.Record(Type.String(), TargetSchema, { default: {}, description: 'Backends by name.' }),
  defaultTarget: Type.Optional(
    Type.String({ description: 'Target used when a tool call names none; defaults to the first one.' }),
  ),
});

export type TargetsConfig = Static<typeof TargetsSection>;

/** The optional `target` tool argument every backend tool accepts. */
export const TargetArgument = Type.Optional(
  Type.String({ description: 'Name of a configured backend target; the default target when omitted.' }),
);

export interface TargetsOptions {
  pluginId: string;
  config: Partial<TargetsConfig>;
  http: HttpClientFactory;
  /** Env var that, when set, defines a target named `default` with that URL (e.g. PROMETHEUS_URL). */
  urlEnv?: string;
  env?: NodeJS.ProcessEnv;
}

/** The client with every request marked as a health probe: it passes an open circuit breaker and can close it. */
function asProbe(client: HttpClient): HttpClient {
  return {
    pluginId: client.pluginId,
    targetName: client.targetName,
    baseUrl: client.baseUrl,
    circuit: client.circuit,
    request: (req) => client.request({ ...req, probe: true }),
    get: (path, query, options = {}) => client.get(path, query, { ...options, probe: true }),
    post: (path, body, options = {}) => client.post(path, body, { ...options, probe: true }),
    close: () => client.close(),
  };
}

export class Targets {
  private readonly targets: Record<string, TargetConfig>;
  private readonly defaultName?: string;

  constructor(private readonly options: TargetsOptions) {
    const env = options.env ?? process.env;
    this.targets = Object.fromEntries(
      Object.entries(options.config.targets ?? {}).map(([name, target]) => [name, withoutUrlCredentials(target)]),
    );
    const fromEnv = options.urlEnv ? env[options.urlEnv] : undefined;
    const envIssue = fromEnv ? urlIssue(options.urlEnv!, fromEnv) : undefined;
    if (envIssue && !this.targets.default) {
      const near = envIssue.suggestion ? `; did you mean ${envIssue.suggestion}?` : '';
      throw coreError(
        'CNMCP_ERR_CONFIG_INVALID',
        `environment variable ${options.urlEnv} ${envIssue.message} (got ${JSON.stringify(fromEnv)})${near}`,
        { hint: `Set ${options.urlEnv} to the backend's URL, e.g. http://127.0.0.1:9090, then restart the server.` },
      );
    }
    if (fromEnv && !this.targets.default) {
      this.targets.default = withoutUrlCredentials({
        url: fromEnv,
        timeoutMs: DEFAULT_TARGET_TIMEOUT_MS,
        maxResponseBytes: 20 * 1024 * 1024,
        retries: 2,
      });
    }
    this.defaultName = options.config.defaultTarget ?? Object.keys(this.targets)[0];
  }

  /** The target a call uses when it names none. */
  get defaultTarget(): string | undefined {
    return this.defaultName;
  }

  names(): string[] {
    return Object.keys(this.targets);
  }

  /**
   * Name, URL and whether it is the default, for a list-targets tool (no credentials); `circuit` only while its
   * circuit breaker pauses calls (open) or waits for its trial call (half-open).
   */
  describe(): Array<{ name: string; url: string; default: boolean; auth: string; circuit?: unknown }> {
    return Object.entries(this.targets).map(([name, t]) => {
      const circuit = this.options.http.create(name, t).circuit;
      return {
        name,
        url: t.url,
        default: name === this.defaultName,
        auth: t.auth?.type ?? 'none',
        ...(circuit && circuit.state !== 'closed' ? { circuit } : {}),
      };
    });
  }

  isConfigured(): boolean {
    return this.names().length > 0;
  }

  client(name?: string): HttpClient {
    const id = this.options.pluginId;
    if (!this.isConfigured()) {
      const env = this.options.urlEnv ? ` or the ${this.options.urlEnv} env var` : '';
      throw coreError('CNMCP_ERR_BACKEND_NOT_CONFIGURED', `${id} has no backend configured`, {
        hint: `Set ${id}.targets.<name>.url in cnmcp.config.yaml${env}, then restart the server.`,
      });
    }
    const chosen = name ?? this.defaultName!;
    const target = ownValue(this.targets, chosen);
    if (!target) {
      throw coreError('CNMCP_ERR_BACKEND_TARGET_UNKNOWN', `${id} has no target named '${chosen}'`, {
        hint: `Use one of: ${this.names().join(', ')} (or leave target out for '${this.defaultName}').`,
      });
    }
    return this.options.http.create(chosen, target);
  }

  /**
   * A plugin's healthCheck() in one line. `scope: 'all'` (default) probes every target in parallel: the plugin
   * is degraded only when every target is, and calls to a degraded target are refused while the others keep
   * serving. `scope: 'default'` probes the default target only, and its result stands for the plugin.
   */
  async healthReport(
    probe: (client: HttpClient) => Promise<unknown>,
    options: { scope?: 'all' | 'default' } = {},
  ): Promise<HealthReport> {
    const id = this.options.pluginId;
    if (!this.isConfigured()) {
      const env = this.options.urlEnv ? ` or ${this.options.urlEnv}` : '';
      return { status: 'not_configured', detail: `set ${id}.targets.<name>.url${env}` };
    }
    if (options.scope === 'default') {
      const client = asProbe(this.client());
      await probe(client); // a throw marks the plugin degraded, with the backend error as the reason
      return { status: 'ok', detail: `target '${client.targetName}' is healthy` };
    }
    const results = await Promise.all(
      this.names().map(async (name) => {
        try {
          await probe(asProbe(this.client(name)));
          return [name, { status: 'ok' as const }] as const;
        } catch (err) {
          return [name, { status: 'degraded' as const, detail: (err as Error).message.split('\n')[0] }] as const;
        }
      }),
    );
    const targets = Object.fromEntries(results);
    const down = results.filter(([, r]) => r.status === 'degraded').map(([name]) => name);
    const status = down.length === results.length ? 'degraded' : 'ok';
    const detail =
      down.length === 0
        ? `${results.length} target(s) healthy`
        : `down: ${down.map((n) => `${n} (${targets[n].detail})`).join('; ')}`;
    return { status, detail, targets, defaultTarget: this.defaultName };
  }
}
