// A collector has no query API: signal queries go to the backends its pipelines export to, through
// the core's plugin-to-plugin calls (traces: Jaeger, metrics: Prometheus, logs: Elasticsearch).
import { isCnmcpError, type ToolContext } from '@cnmcp/core';
import { OtelErrors } from './errors.js';

export interface SignalBackend {
  signal: 'traces' | 'metrics' | 'logs';
  plugin: string;
  package: string;
  configKey: string;
}

export const BACKENDS = {
  traces: {
    signal: 'traces',
    plugin: 'Jaeger',
    package: '@cnmcp/plugin-jaeger',
    configKey: 'jaeger.targets.<name>.url (or JAEGER_URL)',
  },
  metrics: {
    signal: 'metrics',
    plugin: 'Prometheus',
    package: '@cnmcp/plugin-prometheus',
    configKey: 'prometheus.targets.<name>.url (or PROMETHEUS_URL)',
  },
  logs: {
    signal: 'logs',
    plugin: 'Elasticsearch',
    package: '@cnmcp/plugin-elasticsearch',
    configKey: 'elasticsearch.targets.<name>.url (or ELASTICSEARCH_URL)',
  },
} as const satisfies Record<string, SignalBackend>;

const MISSING = new Set(['CNMCP_ERR_TOOL_NOT_FOUND', 'CNMCP_ERR_TOOL_DISABLED', 'CNMCP_ERR_BACKEND_NOT_CONFIGURED']);

/** Calls the backend plugin's tool; its absence becomes an error that names what to load and configure. */
export async function callBackend<T>(
  ctx: ToolContext,
  backend: SignalBackend,
  tool: string,
  args: Record<string, unknown>,
): Promise<T> {
  const clean = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
  try {
    return await ctx.callTool<T>(tool, clean);
  } catch (err) {
    if (isCnmcpError(err) && MISSING.has(err.code))
      throw OtelErrors.create(
        'OPENTELEMETRY_ERR_SIGNAL_BACKEND_MISSING',
        `${backend.signal} are answered by the ${backend.plugin} plugin (${tool}), which is not available: ${err.code}`,
        {
          hint: `Install and load ${backend.package} and configure ${backend.configKey}; the collector must export ${backend.signal} there.`,
        },
      );
    throw err;
  }
}

const TRACE_ID = /^[0-9a-fA-F]{16,32}$/;

/** A trace query: a trace ID, a JSON object of attributes, or `key=value` pairs (quoted values allowed). */
export function parseTraceQuery(query: string): { traceId: string } | { tags: Record<string, string> } {
  const q = query.trim();
  if (TRACE_ID.test(q)) return { traceId: q.toLowerCase() };
  if (q.startsWith('{')) {
    try {
      const parsed = JSON.parse(q) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return { tags: Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)])) };
    } catch {
      // reported below
    }
    throw OtelErrors.create(
      'OPENTELEMETRY_ERR_QUERY_INVALID',
      `query is not a JSON object of attributes: ${q.slice(0, 80)}`,
    );
  }
  const tags: Record<string, string> = {};
  const re = /([^\s=]+)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/gy;
  let pos = 0;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    const raw = m[2];
    tags[m[1]] = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw.replace(/^'(.*)'$/, '$1');
    pos = re.lastIndex;
    while (q[pos] === ' ' || q[pos] === ',') pos += 1;
    re.lastIndex = pos;
  }
  if (pos !== q.length || !Object.keys(tags).length)
    throw OtelErrors.create(
      'OPENTELEMETRY_ERR_QUERY_INVALID',
      `cannot read ${JSON.stringify(q.slice(0, 80))} as a trace ID or key=value attribute filters`,
    );
  return { tags };
}
