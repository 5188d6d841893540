// Every first-party plugin, each with a backend configured (nothing is contacted to list tools).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertmanagerPlugin } from '@cnmcp/plugin-alertmanager';
import { ElasticsearchPlugin } from '@cnmcp/plugin-elasticsearch';
import { GrafanaPlugin } from '@cnmcp/plugin-grafana';
import { HelmPlugin } from '@cnmcp/plugin-helm';
import { JaegerPlugin } from '@cnmcp/plugin-jaeger';
import { KibanaPlugin } from '@cnmcp/plugin-kibana';
import { KubernetesPlugin } from '@cnmcp/plugin-kubernetes';
import { OpenTelemetryPlugin } from '@cnmcp/plugin-opentelemetry';
import { PrometheusPlugin } from '@cnmcp/plugin-prometheus';
import { UtilitiesPlugin } from '@cnmcp/plugin-utilities';

export const PLUGINS = [
  KubernetesPlugin,
  HelmPlugin,
  GrafanaPlugin,
  PrometheusPlugin,
  KibanaPlugin,
  ElasticsearchPlugin,
  AlertmanagerPlugin,
  JaegerPlugin,
  OpenTelemetryPlugin,
  UtilitiesPlugin,
];

/** A kubeconfig with one context (never contacted: 127.0.0.1:9 is the discard port). */
function kubeconfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnmcp-all-'));
  const file = join(dir, 'kubeconfig');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:9", insecure-skip-tls-verify: true } }]',
      'users: [{ name: u, user: { token: t } }]',
      'contexts: [{ name: main, context: { cluster: c, user: u } }]',
      'current-context: main',
      '',
    ].join('\n'),
  );
  return file;
}

/** Plugin sections with every backend configured. */
export function everyBackendConfigured(): Record<string, unknown> {
  const target = { targets: { main: { url: 'http://127.0.0.1:9' } } };
  const file = kubeconfig();
  return {
    kubernetes: { kubeconfig: file },
    helm: { kubeconfig: file },
    grafana: target,
    prometheus: target,
    kibana: target,
    elasticsearch: target,
    alertmanager: target,
    jaeger: target,
    opentelemetry: target,
    server: { healthIntervalMs: 0 },
  };
}
