// Every OpenTelemetry tool answers bad input, an unreachable collector and a missing signal backend
// with a typed error the agent can act on.
import { freePort, startTestServer } from '@cnmcp/core/testing';
import { JaegerPlugin } from '@cnmcp/plugin-jaeger';
import t from 'tap';
import { OpenTelemetryPlugin } from '../dist/src/index.js';
import { startCollector } from './helpers/backend.js';

t.test('errors through an MCP client', async (t) => {
  const col = await startCollector();
  t.teardown(() => col.close());
  const closed = `http://127.0.0.1:${await freePort()}`;
  const srv = await startTestServer({
    plugins: [OpenTelemetryPlugin, JaegerPlugin],
    config: {
      opentelemetry: {
        targets: {
          main: col.target,
          down: { url: closed, healthUrl: `${closed}/`, zpagesUrl: closed, retries: 0 },
          nofile: { url: col.target.url, configFile: '/nonexistent/otelcol.yaml' },
          noconfig: { url: col.target.url },
        },
        defaultTarget: 'main',
      },
    },
  });
  t.teardown(() => srv.close());
  const expectError = async (tool: string, args: Record<string, unknown>, code: RegExp, also?: RegExp) => {
    const res = await srv.call(tool, args);
    t.ok(res.isError, `${tool} fails`);
    t.match(res.text, code, `${tool}: ${res.text.split('\n')[0]}`);
    t.match(res.text, /Hint: /);
    if (also) t.match(res.text, also);
    t.notMatch(res.text, /\n\s+at /, 'no stack trace');
  };

  await expectError(
    'opentelemetry_get_health',
    { target: 'down' },
    /^CNMCP_ERR_(BACKEND_UNREACHABLE|SERVICE_UNAVAILABLE): /,
  );
  await expectError(
    'opentelemetry_get_status',
    { target: 'down' },
    /^CNMCP_ERR_(BACKEND_UNREACHABLE|SERVICE_UNAVAILABLE): /,
  );
  await expectError(
    'opentelemetry_get_collector_summary',
    { target: 'down' },
    /^CNMCP_ERR_(BACKEND_UNREACHABLE|SERVICE_UNAVAILABLE): /,
  );
  await expectError(
    'opentelemetry_analyze_pipeline_status',
    { pipeline: 'traces/missing' },
    /^OPENTELEMETRY_ERR_PIPELINE_NOT_FOUND: /,
  );
  await expectError(
    'opentelemetry_analyze_pipeline_status',
    { config: 'receivers: [' },
    /^OPENTELEMETRY_ERR_CONFIG_INVALID: inline: /,
  );
  await expectError(
    'opentelemetry_get_config',
    { target: 'noconfig' },
    /^OPENTELEMETRY_ERR_CONFIG_UNAVAILABLE: .*'noconfig' has no configFile/,
  );
  await expectError(
    'opentelemetry_get_config',
    { target: 'nofile' },
    /^OPENTELEMETRY_ERR_CONFIG_UNAVAILABLE: .*ENOENT/,
    /configFile/,
  );
  await expectError(
    'opentelemetry_get_config_summary',
    { config: '- a\n- list' },
    /^OPENTELEMETRY_ERR_CONFIG_INVALID: .*not a mapping/,
  );
  await expectError(
    'opentelemetry_get_config_summary',
    { config: 'a'.repeat(300_000) },
    /^CNMCP_ERR_TOOL_INPUT_INVALID: .*config/,
  );

  // Jaeger is loaded but has no target; Prometheus and Elasticsearch are not loaded at all.
  await expectError(
    'opentelemetry_get_traces',
    { service: 'x' },
    /^OPENTELEMETRY_ERR_SIGNAL_BACKEND_MISSING: traces .*Jaeger/,
    /jaeger\.targets/,
  );
  await expectError('opentelemetry_get_traces', {}, /^OPENTELEMETRY_ERR_QUERY_INVALID: give trace_id, or service/);
  await expectError(
    'opentelemetry_query_traces',
    { query: 'a'.repeat(32) },
    /^OPENTELEMETRY_ERR_SIGNAL_BACKEND_MISSING: /,
    /JAEGER_URL/,
  );
  await expectError(
    'opentelemetry_query_traces',
    { query: 'status is bad', service: 'x' },
    /^OPENTELEMETRY_ERR_QUERY_INVALID: /,
  );
  await expectError(
    'opentelemetry_query_traces',
    { query: 'http.status_code=500' },
    /^OPENTELEMETRY_ERR_QUERY_INVALID: .*needs service/,
  );
  await expectError('opentelemetry_get_metrics', { metric_name: 'rate(x[5m])' }, /^OPENTELEMETRY_ERR_QUERY_INVALID: /);
  await expectError(
    'opentelemetry_get_metrics',
    { metric_name: 'up' },
    /^OPENTELEMETRY_ERR_SIGNAL_BACKEND_MISSING: metrics .*Prometheus/,
    /plugin-prometheus/,
  );
  await expectError(
    'opentelemetry_query_metrics',
    { query: 'up' },
    /^OPENTELEMETRY_ERR_SIGNAL_BACKEND_MISSING: metrics /,
    /prometheus\.targets/,
  );
  await expectError(
    'opentelemetry_get_logs',
    { level: 'ERROR' },
    /^OPENTELEMETRY_ERR_SIGNAL_BACKEND_MISSING: logs .*Elasticsearch/,
    /elasticsearch\.targets/,
  );
  await expectError('opentelemetry_query_logs', { service: 'x' }, /^CNMCP_ERR_TOOL_INPUT_INVALID: .*query/);
});

t.test('no collector configured', async (t) => {
  const srv = await startTestServer({ plugins: [OpenTelemetryPlugin] });
  t.teardown(() => srv.close());
  const res = await srv.call('opentelemetry_get_health', {});
  t.ok(res.isError);
  t.match(res.text, /^CNMCP_ERR_BACKEND_NOT_CONFIGURED: [^]*opentelemetry\.targets/);
});
