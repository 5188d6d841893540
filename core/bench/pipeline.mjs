#!/usr/bin/env node
// Tool-call cost through each layer, against a baseline in the same run:
//   baseline      the handler called directly (no MCP at all)
//   in-memory     SDK client → pipeline over an in-memory transport (validation, formatting, observers)
//   http legacy   Streamable HTTP, 2025-11-25 session
//   http modern   Streamable HTTP, 2026-07-28 stateless (a server instance per request)
//   sse           legacy HTTP+SSE
// Usage: node core/bench/pipeline.mjs [--calls N]   (bounded, loopback only)
import { Service, Tool, Type } from '@cnmcp/core';
import { startHttpTestServer, startTestServer } from '@cnmcp/core/testing';

const callsArg = process.argv.indexOf('--calls');
const CALLS = callsArg > 0 ? Number(process.argv[callsArg + 1]) : 400;

class BenchPlugin {
  echo(input) {
    return { echoed: input.message, n: input.n };
  }
}
Tool({
  name: 'bench_echo',
  description: 'echo',
  input: Type.Object({ message: Type.String(), n: Type.Integer({ default: 1 }) }),
  annotations: { readOnlyHint: true },
})(BenchPlugin.prototype, 'echo', Object.getOwnPropertyDescriptor(BenchPlugin.prototype, 'echo'));
Service({ name: 'bench', core: '^0.1.0' })(BenchPlugin);

function stats(label, durations, wallMs) {
  const sorted = [...durations].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return {
    label,
    calls: durations.length,
    perSecond: Math.round(durations.length / (wallMs / 1000)),
    p50: q(0.5),
    p99: q(0.99),
  };
}

async function measure(label, call) {
  for (let i = 0; i < 20; i++) await call(i); // warm-up
  const durations = [];
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    await call(i);
    durations.push(performance.now() - t0);
  }
  return stats(label, durations, performance.now() - start);
}

const rows = [];
const plugin = new BenchPlugin();
rows.push(await measure('baseline (direct handler)', async (i) => plugin.echo({ message: `m${i}`, n: 1 })));

const memory = await startTestServer({ plugins: [BenchPlugin] });
rows.push(
  await measure('in-memory MCP client', (i) =>
    memory.client.callTool({ name: 'bench_echo', arguments: { message: `m${i}` } }),
  ),
);
await memory.close();

for (const mode of ['legacy', 'modern', 'sse']) {
  const h = await startHttpTestServer({ plugins: [BenchPlugin], clientMode: mode });
  rows.push(
    await measure(
      `http ${mode === 'sse' ? 'legacy SSE' : mode === 'legacy' ? '2025-11-25 session' : '2026-07-28 stateless'}`,
      (i) => h.client.callTool({ name: 'bench_echo', arguments: { message: `m${i}` } }),
    ),
  );
  await h.close();
}

const base = rows[0];
console.log(`tool-call cost, ${CALLS} sequential calls per row (node ${process.version})`);
console.log(
  'layer'.padEnd(34),
  'calls/s'.padStart(10),
  'p50 ms'.padStart(9),
  'p99 ms'.padStart(9),
  'vs baseline p50'.padStart(17),
);
for (const r of rows) {
  console.log(
    r.label.padEnd(34),
    String(r.perSecond).padStart(10),
    r.p50.toFixed(3).padStart(9),
    r.p99.toFixed(3).padStart(9),
    `+${(r.p50 - base.p50).toFixed(3)} ms`.padStart(17),
  );
}
