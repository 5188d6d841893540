// The Prometheus plugin: one HTTP backend owned by the core (prometheus.targets), seven toolsets, the metrics
// diagnosis prompt and the prometheus:// summary resources.
import { Prompt, Resource, Service, inject, tokens, type HttpClient } from '@cnmcp/core';
import { PrometheusApi } from './client.js';
import { PrometheusConfigSchema, type PrometheusConfig } from './config.js';
import { metricsDiagnosisPrompt, type DiagnosisArgs } from './prompts.js';
import { alertsSummary, labelNames, rulesSummary, targetsSummary } from './reads.js';
import { AdminTools } from './tools/admin.js';
import { BackendTools } from './tools/backends.js';
import { DetailTools } from './tools/details.js';
import { HealthTools } from './tools/health.js';
import { MetadataTools } from './tools/metadata.js';
import { QueryTools } from './tools/queries.js';
import { ServerTools } from './tools/server.js';

/** The core's backend, for resources (which have no tool call to resolve a target from). */
interface DefaultBackend {
  forCall(input: unknown): { resolve(): unknown };
}

@Service({
  name: 'prometheus',
  title: 'Prometheus',
  description:
    'PromQL queries with cost guards, series and label metadata, scrape targets, rules, alerts and TSDB status of Prometheus servers.',
  core: '^0.1.0',
  config: PrometheusConfigSchema,
  backend: { urlEnv: 'PROMETHEUS_URL', health: { path: '/-/healthy' } },
  tools: [QueryTools, MetadataTools, HealthTools, DetailTools, ServerTools, AdminTools, BackendTools],
})
export class PrometheusPlugin {
  constructor(
    @inject(tokens.config) private readonly config: PrometheusConfig,
    @inject(tokens.backend) private readonly backend: DefaultBackend,
  ) {}

  private api(): PrometheusApi {
    return new PrometheusApi(this.backend.forCall({}).resolve() as HttpClient);
  }

  @Prompt({
    name: 'prometheus_metrics_diagnosis',
    title: 'Diagnose with metrics',
    description: 'Find out why a metric looks wrong or is missing, from target health down to single queries.',
    arguments: [
      { name: 'query', description: 'PromQL expression or metric name to start from.' },
      { name: 'time_range', description: 'How far back, e.g. 1h (default 1h).' },
      { name: 'notes', description: 'What the user observed.' },
    ],
  })
  metricsDiagnosis(args: DiagnosisArgs) {
    return metricsDiagnosisPrompt(args);
  }

  @Resource({
    uri: 'prometheus://targets',
    name: 'targets',
    title: 'Scrape targets (summary)',
    mimeType: 'application/json',
    description: 'Targets of the default Prometheus by health, per job, with the failing instances.',
  })
  targets() {
    return targetsSummary(this.api(), 'any', this.config.limits.maxItems);
  }

  @Resource({
    uri: 'prometheus://rules',
    name: 'rules',
    title: 'Rules (summary)',
    mimeType: 'application/json',
    description: 'Rule counts by type and health, one line per rule.',
  })
  rules() {
    return rulesSummary(this.api(), undefined, this.config.limits.maxItems);
  }

  @Resource({
    uri: 'prometheus://alerts',
    name: 'alerts',
    title: 'Alerts (summary)',
    mimeType: 'application/json',
    description: 'Alert counts by state, one line per alert name.',
  })
  alerts() {
    return alertsSummary(this.api(), this.config.limits.maxItems);
  }

  @Resource({
    uri: 'prometheus://label-names',
    name: 'label-names',
    title: 'Label names',
    mimeType: 'application/json',
    description: 'Label names of the head block, capped, with the total.',
  })
  labelNames() {
    return labelNames(this.api(), this.config.limits.maxItems);
  }
}
