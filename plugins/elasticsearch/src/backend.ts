// Which cluster a call talks to: the target the core chose for the call (ctx.backendTarget), built into an
// official client from that target's configuration.
import { coreError, inject, ownValue, tokens, type ToolContext } from '@cnmcp/core';
import { EsConnections, type EsConnection, type EsTarget } from './client.js';
import { CONFIG_DEFAULTS, type ElasticsearchConfig } from './config.js';

export type PluginConfig = Partial<ElasticsearchConfig> & {
  targets?: Record<string, EsTarget>;
  defaultTarget?: string;
};
export const URL_ENV = 'ELASTICSEARCH_URL';

export class EsBackend {
  readonly settings: ElasticsearchConfig;
  private readonly connections = new EsConnections();

  constructor(@inject(tokens.config) private readonly config: PluginConfig) {
    this.settings = { ...CONFIG_DEFAULTS, ...stripUndefined(config) };
  }

  /** The configured targets, plus `default` from ELASTICSEARCH_URL as the core does. */
  targets(): Record<string, EsTarget> {
    const targets = { ...(this.config.targets ?? {}) };
    const env = process.env[URL_ENV];
    if (env && !targets.default) targets.default = { url: env };
    return targets;
  }

  connection(ctx: Pick<ToolContext, 'backendTarget'>): EsConnection {
    const targets = this.targets();
    const name = ctx.backendTarget ?? this.config.defaultTarget ?? Object.keys(targets)[0];
    if (!name) {
      throw coreError('CNMCP_ERR_BACKEND_NOT_CONFIGURED', 'elasticsearch has no backend configured', {
        hint: `Set elasticsearch.targets.<name>.url in cnmcp.config.yaml or the ${URL_ENV} env var, then restart the server.`,
      });
    }
    const target = ownValue(targets, name); // a target named toString or __proto__ is not an inherited member
    if (!target) {
      throw coreError('CNMCP_ERR_BACKEND_TARGET_UNKNOWN', `elasticsearch has no target named '${name}'`, {
        hint: `Use one of: ${Object.keys(targets).join(', ')}.`,
      });
    }
    return this.connections.get(name, target);
  }

  dispose(): Promise<void> {
    return this.connections.closeAll();
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
