// Built once per plugin: hands each call a GrafanaApi for its target (the core's HttpClient, the target's orgId,
// the call's abort signal), and the browser-facing base URL for links.
import { coreError, inject, statusError, tokens, type TargetConfig, type ToolContext } from '@cnmcp/core';
import { GrafanaApi } from './client.js';
import type { GrafanaConfig } from './config.js';

export class GrafanaApis {
  constructor(@inject(tokens.config) private readonly config: GrafanaConfig) {}

  private target(ctx: ToolContext) {
    return this.config.targets?.[ctx.backendTarget ?? ''] as
      (TargetConfig & { orgId?: number; publicUrl?: string }) | undefined;
  }

  for(ctx: ToolContext): GrafanaApi {
    return new GrafanaApi(ctx.backend, this.target(ctx)?.orgId, ctx.signal);
  }

  orgId(ctx: ToolContext): number | undefined {
    return this.target(ctx)?.orgId;
  }

  /** Where users open Grafana: the target's publicUrl, else its url. */
  publicUrl(ctx: ToolContext): string {
    const t = this.target(ctx);
    return (t?.publicUrl ?? t?.url ?? '').replace(/\/+$/, '');
  }

  limits() {
    return this.config.limits;
  }

  /**
   * A binary GET (rendered PNGs) with the target's URL, credentials and headers. The core's HttpClient reads
   * answers as text, which would corrupt image bytes; TLS client options of the target are not applied here.
   */
  async fetchBinary(
    ctx: ToolContext,
    path: string,
    query: Record<string, string | number | undefined>,
    timeoutMs: number,
  ): Promise<Buffer> {
    const target = this.target(ctx);
    if (!target) throw coreError('CNMCP_ERR_BACKEND_NOT_CONFIGURED', 'grafana has no target to render with');
    const url = new URL(target.url.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { ...(target.headers ?? {}), accept: 'image/png' };
    const auth = target.auth;
    if (auth?.type === 'bearer') headers.authorization = `Bearer ${auth.token}`;
    if (auth?.type === 'basic')
      headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (target.orgId) headers['X-Grafana-Org-Id'] = String(target.orgId);
    const label = `grafana target '${ctx.backendTarget}' (${target.url})`;
    let res: Response;
    try {
      res = await fetch(url, { headers, signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]) });
    } catch (err) {
      if (ctx.signal.aborted) throw coreError('CNMCP_ERR_TOOL_CANCELLED', `request to ${label} was cancelled`);
      const reason = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      throw coreError('CNMCP_ERR_BACKEND_UNREACHABLE', `cannot reach ${label}: ${reason}`);
    }
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) throw statusError(label, res.status, body.toString('utf8').slice(0, 300));
    if (!(res.headers.get('content-type') ?? '').startsWith('image/'))
      throw coreError(
        'CNMCP_ERR_BACKEND_BAD_RESPONSE',
        `${label} answered ${path} with ${res.headers.get('content-type') ?? 'no content type'}, not an image`,
      );
    return body;
  }
}
