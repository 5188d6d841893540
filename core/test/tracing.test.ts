// Tracing: with tracing on, a local OTLP/HTTP receiver gets one span per tool call (mcp.method.name,
// gen_ai.tool.name, error.type), parented on _meta.traceparent, with backend HTTP calls as children.
import t from 'tap';
import { startEmulator, startTestServer } from '@cnmcp/core/testing';
import { VaultPlugin } from './fixtures/security-plugins.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
  status?: { code?: number };
}

const backend = await startEmulator({ 'GET /items': () => [{ name: 'a' }] });
const receiver = await startEmulator({ 'POST /v1/traces': () => ({ status: 200, body: {} }) });
t.teardown(async () => {
  await backend.close();
  await receiver.close();
});

function receivedSpans(): OtlpSpan[] {
  return receiver.requests.flatMap((r) =>
    ((r.json as { resourceSpans?: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> })?.resourceSpans ?? []).flatMap(
      (rs) => rs.scopeSpans.flatMap((ss) => ss.spans),
    ),
  );
}
const attr = (span: OtlpSpan, key: string) => {
  const v = span.attributes.find((a) => a.key === key)?.value;
  return v ? Object.values(v)[0] : undefined;
};

t.test(
  'one span per tool call, exported over OTLP/HTTP, with backend child spans and the caller’s trace',
  async (t) => {
    const h = await startTestServer({
      plugins: [VaultPlugin],
      config: {
        vault: { targets: { main: { url: backend.url, timeoutMs: 5000, maxResponseBytes: 1_000_000, retries: 0 } } },
        tracing: { enabled: true, endpoint: `${receiver.url}/v1/traces`, exportIntervalMs: 200 },
        cache: { enabled: false },
      },
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await h.client.callTool({
      name: 'vault_list_items',
      arguments: { prefix: 'a' },
      _meta: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    await h.call('vault_show_raw');
    await h.call('vault_list_items', { target: 'nope' });
    await h.close(); // flushes the exporter
    const spans = receivedSpans();
    const calls = spans.filter((s) => attr(s, 'mcp.method.name') === 'tools/call');
    t.equal(calls.length, 3, 'one span per call');
    t.same(
      calls.map((s) => s.name),
      ['tools/call vault_list_items', 'tools/call vault_show_raw', 'tools/call vault_list_items'],
    );
    t.same(
      calls.map((s) => attr(s, 'gen_ai.tool.name')),
      ['vault_list_items', 'vault_show_raw', 'vault_list_items'],
    );
    t.equal(calls[0].traceId, traceId, 'parented on _meta.traceparent');
    t.equal(calls[0].parentSpanId, '00f067aa0ba902b7');
    t.not(calls[1].traceId, traceId, 'a call without traceparent starts its own trace');
    t.equal(attr(calls[0], 'error.type'), undefined);
    t.equal(attr(calls[2], 'error.type'), 'CNMCP_ERR_BACKEND_TARGET_UNKNOWN');
    t.equal(calls[2].status?.code, 2, 'status ERROR');
    const children = spans.filter((s) => s.parentSpanId === calls[0].spanId);
    t.equal(children.length, 1, 'the backend request is a child span');
    t.equal(attr(children[0], 'http.request.method'), 'GET');
    t.equal(attr(children[0], 'http.response.status_code'), 200);
  },
);

t.test('tracing is off by default: nothing is exported', async (t) => {
  const before = receiver.requests.length;
  const h = await startTestServer({ plugins: [VaultPlugin] });
  await h.call('vault_show_raw');
  await h.close();
  t.equal(receiver.requests.length, before);
  t.equal(h.server.app.cnmcpTracing.enabled, false);
});
