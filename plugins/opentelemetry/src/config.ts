import { Type, type Static, type TargetConfig } from '@cnmcp/core';

/** Per-target keys beside the core's url/auth/tls: the collector's other endpoints and its config file. */
export const OtelTargetExtras = Type.Object({
  metricsPath: Type.Optional(
    Type.String({ description: 'Path of the internal metrics on url (:8888); default /metrics.' }),
  ),
  healthUrl: Type.Optional(
    Type.String({
      description:
        'health_check extension URL with its path, e.g. http://otelcol:13133/ (default: url host, port 13133, /).',
    }),
  ),
  zpagesUrl: Type.Optional(
    Type.String({
      description: 'zpages extension base URL, e.g. http://otelcol:55679 (default: url host, port 55679).',
    }),
  ),
  configFile: Type.Optional(
    Type.String({ description: 'Path of the collector YAML on this server, for the config tools.' }),
  ),
});

const Logs = Type.Object(
  {
    target: Type.Optional(Type.String({ description: 'Elasticsearch target holding the logs (default target).' })),
    index: Type.String({ default: 'logs-*', description: 'Index pattern of the collector’s logs exporter.' }),
    timeField: Type.String({ default: '@timestamp' }),
    serviceField: Type.String({ default: 'service.name', description: 'Field of the service name.' }),
    levelField: Type.String({ default: 'log.level', description: 'Field of the severity (otel mode: severity_text).' }),
  },
  { additionalProperties: false, default: {} },
);

const BackendRef = (what: string) =>
  Type.Object(
    { target: Type.Optional(Type.String({ description: `${what} target to query (default target).` })) },
    { additionalProperties: false, default: {} },
  );

export const OtelConfigSchema = Type.Object(
  {
    traces: BackendRef('Jaeger'),
    metrics: BackendRef('Prometheus'),
    logs: Logs,
  },
  { additionalProperties: false, default: {} },
);

export type OtelConfig = Static<typeof OtelConfigSchema> & {
  targets?: Record<string, TargetConfig & Partial<Static<typeof OtelTargetExtras>>>;
  defaultTarget?: string;
};

export interface LogSettings {
  target?: string;
  index: string;
  timeField: string;
  serviceField: string;
  levelField: string;
}

/** The log settings with their defaults (applied here too: the section may arrive without them). */
export function logSettings(config: OtelConfig): LogSettings {
  const l: Partial<LogSettings> = config.logs ?? {};
  return {
    target: l.target,
    index: l.index ?? 'logs-*',
    timeField: l.timeField ?? '@timestamp',
    serviceField: l.serviceField ?? 'service.name',
    levelField: l.levelField ?? 'log.level',
  };
}
