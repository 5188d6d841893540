// Collector configuration analysis: components, per-signal topology and the mistakes that bite in
// production (undefined references, unused components, no memory_limiter/batch, exporters without
// retry or queue).
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

// yaml (about 70 modules) is required on the first analysis, not when the server starts.
let yamlModule: typeof Yaml | undefined;
const yaml = () => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export const SIGNALS = ['traces', 'metrics', 'logs', 'profiles'] as const;
const KINDS = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'] as const;
type Kind = (typeof KINDS)[number];

export interface Pipeline {
  name: string;
  signal: string;
  receivers: string[];
  processors: string[];
  exporters: string[];
}

export interface Issue {
  severity: 'error' | 'warning' | 'info';
  pipeline?: string;
  component?: string;
  message: string;
}

export interface ConfigAnalysis {
  components: Record<Kind, string[]>;
  enabled_extensions: string[];
  pipelines: Pipeline[];
  signals: Record<string, { pipelines: string[]; receivers: string[]; exporters: string[] }>;
  telemetry: { metrics_level?: string; metrics_address?: string; logs_level?: string };
  issues: Issue[];
}

type Json = Record<string, unknown>;

/** Thrown for text that is not a YAML mapping; message carries the parser's position. */
export class ConfigParseError extends Error {
  override name = 'ConfigParseError';
}

export function parseCollectorConfig(text: string): Json {
  const doc = yaml().parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  if (doc.errors.length) throw new ConfigParseError(doc.errors[0].message.split('\n')[0]);
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ConfigParseError('the document is not a mapping with receivers, exporters and service sections');
  return value as Json;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const type = (id: string): string => id.split('/')[0];

/** Exporters that write locally or drop data: no network, so no retry/queue advice. */
const LOCAL_EXPORTERS = new Set(['debug', 'logging', 'file', 'nop', 'prometheus']);

export function analyzeConfig(config: Json): ConfigAnalysis {
  const components = Object.fromEntries(KINDS.map((k) => [k, Object.keys(obj(config[k]))])) as Record<Kind, string[]>;
  const service = obj(config.service);
  const enabled = strings(service.extensions);
  const pipelines: Pipeline[] = Object.entries(obj(service.pipelines)).map(([name, p]) => ({
    name,
    signal: type(name),
    receivers: strings(obj(p).receivers),
    processors: strings(obj(p).processors),
    exporters: strings(obj(p).exporters),
  }));
  const issues: Issue[] = [];
  const defined = (kind: Kind, id: string) => components[kind].includes(id);
  if (!Object.keys(service).length)
    issues.push({ severity: 'error', message: 'no service section: the collector will not start' });
  else if (!pipelines.length)
    issues.push({ severity: 'error', message: 'service.pipelines is empty: nothing is collected' });
  for (const ext of enabled)
    if (!defined('extensions', ext))
      issues.push({
        severity: 'error',
        component: ext,
        message: `service.extensions references undefined extension ${ext}`,
      });
  for (const p of pipelines) {
    if (!(SIGNALS as readonly string[]).includes(p.signal))
      issues.push({
        severity: 'error',
        pipeline: p.name,
        message: `unknown signal type ${p.signal} (use traces, metrics or logs)`,
      });
    for (const [list, kind] of [
      [p.receivers, 'receivers'],
      [p.processors, 'processors'],
      [p.exporters, 'exporters'],
    ] as const)
      for (const id of list) {
        const ok = defined(kind, id) || (kind !== 'processors' && defined('connectors', id));
        if (!ok)
          issues.push({
            severity: 'error',
            pipeline: p.name,
            component: id,
            message: `references ${kind.slice(0, -1)} ${id}, which is not defined under ${kind}`,
          });
      }
    if (!p.receivers.length) issues.push({ severity: 'error', pipeline: p.name, message: 'has no receivers' });
    if (!p.exporters.length) issues.push({ severity: 'error', pipeline: p.name, message: 'has no exporters' });
    const ml = p.processors.findIndex((x) => type(x) === 'memory_limiter');
    if (ml < 0)
      issues.push({
        severity: 'warning',
        pipeline: p.name,
        message: 'no memory_limiter processor: a burst can run the collector out of memory',
      });
    else if (ml > 0)
      issues.push({ severity: 'warning', pipeline: p.name, message: 'memory_limiter should be the first processor' });
    if (!p.processors.some((x) => type(x) === 'batch'))
      issues.push({
        severity: 'warning',
        pipeline: p.name,
        message: 'no batch processor: data is exported item by item',
      });
    if (p.signal === 'traces' && !p.processors.some((x) => /sampl/.test(type(x))))
      issues.push({ severity: 'info', pipeline: p.name, message: 'no sampling processor: every span is exported' });
  }
  const used = new Set(pipelines.flatMap((p) => [...p.receivers, ...p.processors, ...p.exporters]));
  for (const kind of ['receivers', 'processors', 'exporters', 'connectors'] as const)
    for (const id of components[kind])
      if (!used.has(id))
        issues.push({
          severity: 'warning',
          component: id,
          message: `${kind.slice(0, -1)} ${id} is defined but used by no pipeline`,
        });
  for (const id of components.extensions)
    if (!enabled.includes(id))
      issues.push({
        severity: 'warning',
        component: id,
        message: `extension ${id} is defined but not listed in service.extensions`,
      });
  for (const id of components.exporters) {
    if (LOCAL_EXPORTERS.has(type(id))) continue;
    const e = obj(obj(config.exporters)[id]);
    const retry = obj(e.retry_on_failure);
    const queue = obj(e.sending_queue);
    if (retry.enabled === false)
      issues.push({
        severity: 'warning',
        component: id,
        message: `exporter ${id} has retry_on_failure disabled: failed sends are dropped`,
      });
    else if (!('retry_on_failure' in e))
      issues.push({
        severity: 'info',
        component: id,
        message: `exporter ${id} relies on default retry_on_failure; set it explicitly`,
      });
    if (queue.enabled === false)
      issues.push({
        severity: 'warning',
        component: id,
        message: `exporter ${id} has sending_queue disabled: a slow backend blocks the pipeline`,
      });
    else if (!('sending_queue' in e))
      issues.push({
        severity: 'info',
        component: id,
        message: `exporter ${id} relies on the default sending_queue; size it for your backend`,
      });
  }
  const signals: ConfigAnalysis['signals'] = {};
  for (const p of pipelines) {
    const s = (signals[p.signal] ??= { pipelines: [], receivers: [], exporters: [] });
    s.pipelines.push(p.name);
    for (const r of p.receivers) if (!s.receivers.includes(r)) s.receivers.push(r);
    for (const e of p.exporters) if (!s.exporters.includes(e)) s.exporters.push(e);
  }
  const telemetry = obj(service.telemetry);
  const tm = obj(telemetry.metrics);
  return {
    components,
    enabled_extensions: enabled,
    pipelines,
    signals,
    telemetry: {
      ...(typeof tm.level === 'string' ? { metrics_level: tm.level } : {}),
      ...(typeof tm.address === 'string' ? { metrics_address: tm.address } : {}),
      ...(typeof obj(telemetry.logs).level === 'string' ? { logs_level: obj(telemetry.logs).level as string } : {}),
    },
    issues,
  };
}
