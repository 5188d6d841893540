// The collector's HTTP surfaces for one target: internal metrics on the target URL (:8888), the
// health_check extension (:13133) and zpages (:55679) on their own URLs with the target's auth and TLS,
// and the config file the operator named. Nothing here takes a URL or path from a tool argument.
import { readFile, stat } from 'node:fs/promises';
import { inject, tokens, type HttpClient, type HttpClientFactory, type ToolContext } from '@cnmcp/core';
import type { OtelConfig } from './config.js';
import { OtelErrors } from './errors.js';

const MAX_CONFIG_BYTES = 1024 * 1024;

export interface HealthAnswer {
  healthy: boolean;
  http_status: number;
  status?: string;
  up_since?: string;
  uptime?: string;
  /** healthcheckv2 component status, when the extension reports it */
  components?: unknown;
}

export class CollectorEndpoints {
  constructor(
    @inject(tokens.config) private readonly config: OtelConfig,
    @inject(tokens.http) private readonly http: HttpClientFactory,
  ) {}

  /** The chosen target's name and config; touching ctx.backend gives the core's not-configured error. */
  private target(ctx: ToolContext) {
    const metrics = ctx.backend;
    const name = ctx.backendTarget ?? metrics.targetName;
    const target = this.config.targets?.[name];
    if (!target)
      return { name, metrics, target: { url: metrics.baseUrl } as NonNullable<OtelConfig['targets']>[string] };
    return { name, metrics, target };
  }

  private sibling(ctx: ToolContext, kind: 'health' | 'zpages'): { client: HttpClient; path: string } {
    const { name, target } = this.target(ctx);
    const base = new URL(target.url);
    const explicit = kind === 'health' ? target.healthUrl : target.zpagesUrl;
    const url = new URL(explicit ?? `${base.protocol}//${base.hostname}:${kind === 'health' ? 13133 : 55679}/`);
    const client = this.http.create(`${name}/${kind}`, { ...target, url: url.origin });
    return { client, path: kind === 'health' ? url.pathname || '/' : url.pathname.replace(/\/+$/, '') };
  }

  async metricsText(ctx: ToolContext): Promise<string> {
    const { metrics, target } = this.target(ctx);
    return metrics.get<string>(target.metricsPath ?? '/metrics', undefined, {
      responseType: 'text',
      signal: ctx.signal,
    });
  }

  async health(ctx: ToolContext): Promise<HealthAnswer> {
    const { client, path } = this.sibling(ctx, 'health');
    const res = await client.request<string>({ path, acceptStatus: [503], responseType: 'text', signal: ctx.signal });
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(res.body) as Record<string, unknown>;
    } catch {
      body = { status: res.body.trim().slice(0, 200) };
    }
    return {
      healthy: res.status === 200,
      http_status: res.status,
      ...(typeof body.status === 'string' ? { status: body.status } : {}),
      ...(typeof body.upSince === 'string' ? { up_since: body.upSince } : {}),
      ...(typeof body.uptime === 'string' ? { uptime: body.uptime } : {}),
      ...(body.components ? { components: body.components } : {}),
    };
  }

  /** A zpages page as HTML, or undefined when the collector does not serve it (404). */
  async zpage(ctx: ToolContext, page: 'servicez' | 'pipelinez' | 'extensionz'): Promise<string | undefined> {
    const { client, path } = this.sibling(ctx, 'zpages');
    const res = await client.request<string>({
      path: `${path}/debug/${page}`,
      acceptStatus: [404],
      responseType: 'text',
      signal: ctx.signal,
    });
    return res.status === 404 ? undefined : res.body;
  }

  /** The YAML to analyse: the inline text, else the target's configFile. */
  async configText(ctx: ToolContext, inline: string | undefined): Promise<{ source: string; text: string }> {
    if (inline) return { source: 'inline', text: inline };
    const name = ctx.backendTarget ?? this.config.defaultTarget ?? Object.keys(this.config.targets ?? {})[0];
    const file = name ? this.config.targets?.[name]?.configFile : undefined;
    if (!file)
      throw OtelErrors.create(
        'OPENTELEMETRY_ERR_CONFIG_UNAVAILABLE',
        `no config was passed and target ${name ? `'${name}'` : '(none configured)'} has no configFile`,
      );
    try {
      const info = await stat(file);
      if (info.size > MAX_CONFIG_BYTES) throw new Error(`it has ${info.size} bytes (limit ${MAX_CONFIG_BYTES})`);
      return { source: `configFile of target '${name}'`, text: await readFile(file, 'utf8') };
    } catch (err) {
      throw OtelErrors.create(
        'OPENTELEMETRY_ERR_CONFIG_UNAVAILABLE',
        `cannot read the configFile of target '${name}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        { hint: `Check opentelemetry.targets.${name}.configFile: the file must exist and be readable by the server.` },
      );
    }
  }
}
