// Every Jaeger tool answers bad input and backend failures with a typed error the agent can act on.
import { freePort, startTestServer, waitFor } from '@cnmcp/core/testing';
import t from 'tap';
import { JaegerPlugin } from '../dist/src/index.js';
import { startJaeger } from './helpers/backend.js';
import { exportSampleTrace } from './helpers/export.js';

t.test('errors through an MCP client', async (t) => {
  const jaeger = await startJaeger();
  t.teardown(() => jaeger.close());
  const sample = await exportSampleTrace(jaeger.otlpUrl, 'json', 'errors');
  const closed = `http://127.0.0.1:${await freePort()}`;
  const srv = await startTestServer({
    plugins: [JaegerPlugin],
    config: {
      jaeger: { targets: { main: { url: jaeger.url }, down: { url: closed, retries: 0 } }, defaultTarget: 'main' },
    },
  });
  t.teardown(() => srv.close());
  await waitFor(
    'the sample trace in Jaeger',
    20_000,
    async () => !(await srv.call('jaeger_get_trace', { trace_id: sample.traceId })).isError || undefined,
  );
  const expectError = async (tool: string, args: Record<string, unknown>, code: RegExp, also?: RegExp) => {
    const res = await srv.call(tool, args);
    t.ok(res.isError, `${tool} fails`);
    t.match(res.text, code, `${tool}: ${res.text.split('\n')[0]}`);
    t.match(res.text, /Hint: /);
    if (also) t.match(res.text, also);
    t.notMatch(res.text, /\n\s+at /, 'no stack trace');
  };

  await expectError(
    'jaeger_get_services',
    { target: 'down' },
    /^CNMCP_ERR_(BACKEND_UNREACHABLE|SERVICE_UNAVAILABLE): /,
  );
  await expectError('jaeger_get_services_summary', { target: 'nope' }, /^CNMCP_ERR_BACKEND_TARGET_UNKNOWN: /, /main/);
  await expectError('jaeger_get_service_ops', {}, /^CNMCP_ERR_TOOL_INPUT_INVALID: .*service/);
  await expectError(
    'jaeger_get_service_ops',
    { service: 'x', span_kind: 'sideways' },
    /^CNMCP_ERR_TOOL_INPUT_INVALID: /,
  );
  await expectError(
    'jaeger_get_dependencies',
    { start_time: 'now', end_time: 'now-1h' },
    /^JAEGER_ERR_TIME_RANGE_INVALID: start_time .* is not before end_time/,
  );
  await expectError(
    'jaeger_get_dependencies',
    { start_time: 'last tuesday' },
    /^CNMCP_ERR_TOOL_INPUT_INVALID: .*start_time/,
  );
  await expectError(
    'jaeger_get_traces',
    { service: 'frontend', min_duration: 'slow' },
    /^CNMCP_ERR_TOOL_INPUT_INVALID: .*min_duration/,
  );
  await expectError(
    'jaeger_get_traces',
    { service: 'frontend', limit: 1000 },
    /^CNMCP_ERR_TOOL_INPUT_INVALID: .*limit/,
  );
  await expectError('jaeger_get_traces_summary', { operation: 'x' }, /^CNMCP_ERR_TOOL_INPUT_INVALID: .*service/);
  await expectError(
    'jaeger_search_traces',
    { service: 'frontend', min_duration: '2s', max_duration: '1s' },
    /^JAEGER_ERR_TIME_RANGE_INVALID: min_duration/,
  );
  await expectError(
    'jaeger_search_traces',
    { service: 'frontend', tags: ['a=b'] },
    /^CNMCP_ERR_TOOL_INPUT_INVALID: .*tags/,
  );
  await expectError('jaeger_get_trace', { trace_id: 'not-hex' }, /^CNMCP_ERR_TOOL_INPUT_INVALID: .*trace_id/);
  await expectError(
    'jaeger_get_trace',
    { trace_id: 'abcdef0123456789abcdef0123456789' },
    /^JAEGER_ERR_TRACE_NOT_FOUND: .*abcdef0123456789abcdef0123456789/,
  );
  await expectError('jaeger_get_trace', { trace_id: sample.traceId, view: 'span' }, /^JAEGER_ERR_SPAN_ID_REQUIRED: /);
  await expectError(
    'jaeger_get_trace',
    { trace_id: sample.traceId, view: 'span', span_id: '0123456789abcdef' },
    /^JAEGER_ERR_SPAN_NOT_FOUND: .*has 3 spans/,
  );
});

t.test(
  'a Jaeger behind an authenticating proxy without credentials',
  { skip: !!process.env.CNMCP_TEST_JAEGER_URL && 'emulator only' },
  async (t) => {
    const { startJaegerEmulator } = await import('../src/testing.js');
    const jaeger = await startJaegerEmulator({ auth: { bearer: 'right' } });
    t.teardown(() => jaeger.close());
    const srv = await startTestServer({
      plugins: [JaegerPlugin],
      config: { jaeger: { targets: { main: { url: jaeger.url, auth: { type: 'bearer', token: 'wrong' } } } } },
    });
    t.teardown(() => srv.close());
    const res = await srv.call('jaeger_get_services', {});
    t.ok(res.isError);
    t.match(res.text, /^CNMCP_ERR_BACKEND_AUTH: /);
    t.notMatch(res.text, /wrong/, 'the token is not echoed');
  },
);

t.test('no Jaeger configured', async (t) => {
  const srv = await startTestServer({ plugins: [JaegerPlugin] });
  t.teardown(() => srv.close());
  const res = await srv.call('jaeger_get_services', {});
  t.ok(res.isError);
  t.match(res.text, /^CNMCP_ERR_BACKEND_NOT_CONFIGURED: [^]*jaeger\.targets/);
});
