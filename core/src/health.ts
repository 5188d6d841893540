// Per-plugin health: probes each plugin's backend; a failing plugin's tools answer
// CNMCP_ERR_SERVICE_UNAVAILABLE with a retry-after while every other plugin keeps serving.
import { coreError, isCnmcpError } from './errors.js';
import type { Logger } from './logger.js';
import type { HealthReport, LoadedPlugin } from './plugins/load.js';

export interface PluginHealth {
  plugin: string;
  status: 'ok' | 'degraded' | 'not_configured' | 'unknown';
  detail?: string;
  checkedAt?: string;
  targets?: HealthReport['targets'];
  defaultTarget?: string;
}

/** The backend a call is aimed at: its `target` (or Kubernetes-style `context`) argument. */
function targetOf(args: unknown): string | undefined {
  const a = (args ?? {}) as Record<string, unknown>;
  const name = a.target ?? a.context;
  return typeof name === 'string' && name ? name : undefined;
}

const CHECK_TIMEOUT_MS = 5_000;
/**
 * A plugin's first probe may load its backend's client (imported on first use, not at start-up): loading code is
 * not the backend's answer time, so that probe gets longer, and checks asked for meanwhile wait for it.
 */
const FIRST_CHECK_TIMEOUT_MS = 30_000;

function isConfigError(err: unknown): boolean {
  return isCnmcpError(err) && /_ERR_(CONFIG|PLUGIN_CONFIG|BACKEND_NOT_CONFIGURED)/.test(err.code);
}
const RECHECK_AFTER_MS = 5_000;

export class HealthMonitor {
  private readonly state = new Map<string, PluginHealth & { at: number }>();
  private readonly firstChecks = new Map<string, Promise<PluginHealth>>();
  private readonly probed = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly plugins: LoadedPlugin[],
    private readonly logger: Logger,
    private readonly limits = { firstCheckMs: FIRST_CHECK_TIMEOUT_MS, checkMs: CHECK_TIMEOUT_MS },
  ) {
    for (const p of plugins) this.state.set(p.definition.id, { plugin: p.definition.id, status: 'unknown', at: 0 });
  }

  check(pluginId: string): Promise<PluginHealth> {
    if (this.probed.has(pluginId)) return this.probe(pluginId, this.limits.checkMs);
    let first = this.firstChecks.get(pluginId);
    if (!first) {
      first = this.probe(pluginId, this.limits.firstCheckMs, true).finally(() => {
        this.probed.add(pluginId);
        this.firstChecks.delete(pluginId);
      });
      this.firstChecks.set(pluginId, first);
    }
    return first;
  }

  /**
   * One probe within `timeoutMs`. A first probe still running at its limit (a client loading on a busy machine)
   * has not shown the backend down: the plugin stays `unknown` (calls go on) and the probe's own result is
   * recorded when it comes, unless a later probe has recorded one meanwhile.
   */
  private async probe(pluginId: string, timeoutMs: number, first = false): Promise<PluginHealth> {
    const plugin = this.plugins.find((p) => p.definition.id === pluginId);
    if (!plugin?.healthCheck) return this.record(pluginId, { status: 'ok' });
    const settled = Promise.resolve()
      .then(() => plugin.healthCheck!())
      .then(
        (r): HealthReport => r ?? { status: 'ok' },
        (err: unknown): HealthReport => ({
          // A config mistake is not an outage: calls are not paused with retry advice, they answer the config error.
          status: isConfigError(err) ? 'not_configured' : 'degraded',
          detail: (err as Error)?.message?.split('\n')[0] ?? String(err),
        }),
      );
    let timer: NodeJS.Timeout | undefined;
    const late = Symbol('late');
    const timeout = new Promise<typeof late>((resolve) => {
      timer = setTimeout(() => resolve(late), timeoutMs);
    });
    const outcome = await Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
    if (outcome !== late) return this.record(pluginId, outcome);
    if (!first)
      return this.record(pluginId, { status: 'degraded', detail: `health check took longer than ${timeoutMs} ms` });
    const pending = this.record(pluginId, {
      status: 'unknown',
      detail: `first health check still running after ${timeoutMs} ms (the backend's client may still be loading)`,
    });
    const recorded = this.state.get(pluginId);
    void settled.then((report) => {
      if (this.state.get(pluginId) === recorded) this.record(pluginId, report);
    });
    return pending;
  }

  private record(pluginId: string, report: Omit<HealthReport, 'status'> & Pick<PluginHealth, 'status'>): PluginHealth {
    const previous = this.state.get(pluginId);
    if (previous && previous.status !== report.status && previous.status !== 'unknown') {
      this.logger[report.status === 'degraded' ? 'warn' : 'info'](
        { plugin: pluginId, status: report.status, detail: report.detail },
        'plugin health changed',
      );
    }
    const next: PluginHealth = {
      plugin: pluginId,
      status: report.status,
      ...(report.detail ? { detail: report.detail } : {}),
      ...(report.targets ? { targets: report.targets, defaultTarget: report.defaultTarget } : {}),
      checkedAt: new Date().toISOString(),
    };
    this.state.set(pluginId, { ...next, at: Date.now() });
    return next;
  }

  async checkAll(): Promise<PluginHealth[]> {
    return Promise.all(this.plugins.map((p) => this.check(p.definition.id)));
  }

  /** Start-up's probes: every plugin not probed yet (/ready, a caller or a test may have probed some already). */
  async checkUnprobed(): Promise<PluginHealth[]> {
    const unprobed = this.plugins.filter((p) => !this.probed.has(p.definition.id));
    return Promise.all(unprobed.map((p) => this.check(p.definition.id)));
  }

  snapshot(): PluginHealth[] {
    return [...this.state.values()].map(({ at: _at, ...rest }) => rest);
  }

  /**
   * Refuses calls to a degraded plugin — or, when the plugin reports per-target health, to a degraded target
   * only. Re-probes when the last result is older than a few seconds, so a recovered backend is used again.
   */
  async assertHealthy(pluginId: string, args?: unknown): Promise<void> {
    const blocked = (h: PluginHealth | undefined): string | undefined => {
      if (!h) return undefined;
      if (h.targets) {
        const name = targetOf(args) ?? h.defaultTarget;
        const target = name ? h.targets[name] : undefined;
        return target?.status === 'degraded'
          ? `target '${name}' of ${pluginId} is degraded: ${target.detail ?? 'it failed the health check'}`
          : undefined;
      }
      return h.status === 'degraded'
        ? `plugin ${pluginId} is degraded: ${h.detail ?? 'its backend failed the health check'}`
        : undefined;
    };
    let current = this.state.get(pluginId);
    if (!blocked(current)) return;
    if (Date.now() - current!.at > RECHECK_AFTER_MS) {
      await this.check(pluginId);
      current = this.state.get(pluginId)!;
    }
    const reason = blocked(current);
    if (reason) {
      const wait = Math.max(1, Math.ceil((RECHECK_AFTER_MS - (Date.now() - current!.at)) / 1000));
      throw coreError('CNMCP_ERR_SERVICE_UNAVAILABLE', reason, { retryAfterSeconds: wait });
    }
  }

  start(intervalMs: number): void {
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => void this.checkAll(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
