// The collector emulator's counters move with what its OTLP receiver gets; the plugin's parsers read
// its metrics under every naming scheme and its zpages.
import t from 'tap';
import { startCollectorEmulator } from '../../src/testing.js';
import { collectorStats, parseExposition } from '../../dist/src/telemetry.js';
import { parsePipelinez, parseExtensionz } from '../../dist/src/zpages.js';
import { exportSpans } from '../helpers/export.js';

for (const naming of ['legacy', 'total', 'current'] as const) {
  t.test(`accepted spans move with real OTLP traffic (${naming} names)`, async (t) => {
    const col = await startCollectorEmulator({ metricNaming: naming });
    t.teardown(() => col.close());
    const read = async () => collectorStats(parseExposition(await (await fetch(col.metricsUrl)).text()));
    const before = await read();
    t.equal(before.receivers[0].accepted.spans, 0);
    await exportSpans(`${col.otlpUrl}/v1/traces`, 4, 'json');
    await exportSpans(`${col.otlpUrl}/v1/traces`, 3, 'protobuf');
    const after = await read();
    t.equal(after.receivers[0].accepted.spans, 7);
    t.equal(after.exporters.find((e) => e.exporter === 'debug')?.sent.spans, 7);
    t.match(after.naming_scheme, naming === 'total' ? /_total/ : naming === 'legacy' ? /legacy/ : /current/);
    t.ok(after.process.memory_rss_bytes! > 0);
  });
}

t.test('refused data, health and zpages', async (t) => {
  const col = await startCollectorEmulator({ healthPath: '/health/status' });
  t.teardown(() => col.close());
  const health = await fetch(col.healthUrl);
  t.equal(health.status, 200);
  t.equal(((await health.json()) as { status: string }).status, 'Server available');
  col.setHealthy(false);
  t.equal((await fetch(col.healthUrl)).status, 503);
  col.setRefusing(true);
  // One request by hand: the SDK exporter would retry the 503 and count several times.
  const span = (id: string) => ({
    traceId: 'a'.repeat(32),
    spanId: id.repeat(16),
    name: 'x',
    startTimeUnixNano: '1',
    endTimeUnixNano: '2',
  });
  const refused = await fetch(`${col.otlpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span('1'), span('2')] }] }] }),
  });
  t.equal(refused.status, 503);
  const stats = collectorStats(parseExposition(await (await fetch(col.metricsUrl)).text()));
  t.equal(stats.receivers[0].refused.spans, 2);
  t.match(stats.findings.join('\n'), /refused 2 spans/);
  const pipes = parsePipelinez(await (await fetch(`${col.zpagesUrl}/debug/pipelinez`)).text());
  t.same(
    pipes.find((p) => p.name === 'traces'),
    {
      name: 'traces',
      signal: 'traces',
      receivers: ['otlp'],
      processors: ['memory_limiter', 'batch'],
      exporters: ['debug'],
    },
  );
  t.same(parseExtensionz(await (await fetch(`${col.zpagesUrl}/debug/extensionz`)).text()), ['health_check', 'zpages']);
});
