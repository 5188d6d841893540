// Medians, the issue's ratios with their targets, the printed Markdown tables and the JSON written to results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Per target and concurrency: the median of each measure over the rounds, and failures summed. */
export function summariseRuns(runs) {
  const summary = {};
  for (const [key, byConcurrency] of Object.entries(runs)) {
    summary[key] = {};
    for (const [c, list] of Object.entries(byConcurrency)) {
      summary[key][c] = {
        perSecond: median(list.map((r) => r.perSecond)),
        cpuMsPerCall: median(list.map((r) => r.cpuMsPerCall)),
        p50Ms: median(list.map((r) => r.p50Ms)),
        p99Ms: median(list.map((r) => r.p99Ms)),
        failed: list.reduce((n, r) => n + (r.non2xx ?? 0) + (r.errors ?? 0), 0),
        rounds: list.length,
      };
    }
  }
  return summary;
}

const checkers = {
  '>=': (v, t) => v >= t,
  '<=': (v, t) => v <= t,
  '±': (v, t) => Math.abs(v) <= t,
};

/** The targets of the performance issue, each measured in this run (c=10 unless the name says otherwise). */
export function ratios({ http, stdio, startup, memory, cacheKey }) {
  const rps = (key, c = 10) => http[key]?.[c]?.perSecond;
  const div = (a, b) => (a !== undefined && b ? a / b : undefined);
  const rows = [
    ['2026 stateless full / SDK 2.x', div(rps('cnmcp-2026-full'), rps('sdk2')), '>=', 1.5, '×'],
    ['2025 session full / SDK 1.x', div(rps('cnmcp-2025-full'), rps('sdk1')), '>=', 1.0, '×'],
    ['2026 stateless full / off', div(rps('cnmcp-2026-full'), rps('cnmcp-2026-off')), '>=', 0.75, '×'],
    ['2025 session full / off', div(rps('cnmcp-2025-full'), rps('cnmcp-2025-off')), '>=', 0.75, '×'],
    [
      'stdio full / SDK 1.x stdio',
      div(stdio['stdio-cnmcp-full']?.perSecond, stdio['stdio-sdk1']?.perSecond),
      '>=',
      1.0,
      '×',
    ],
    ['start-up to /health, every plugin (ms)', startup?.cnmcpMs, '<=', 800, 'ms'],
    ['start-up / bare node', div(startup?.cnmcpMs, startup?.bareMs), '<=', 7, '×'],
    [
      `heap growth ${memory ? `${memory.points[0].calls}→${memory.points[1].calls}` : ''} calls (MiB)`,
      memory?.heapGrowthMiB,
      '±',
      5,
      'MiB',
    ],
    ['2026 stateless full / bare Fastify (stretch)', div(rps('cnmcp-2026-full'), rps('fastify')), '>=', 0.25, '×'],
    ['cache hit / no-op (2026 full)', div(rps(cacheKey), rps('cnmcp-2026-full')), undefined, undefined, '×'],
  ];
  return rows.map(([name, value, op, target, unit]) => ({
    name,
    value,
    unit,
    target: op
      ? `${{ '>=': '≥', '<=': '≤', '±': '±' }[op]} ${unit === '×' ? `${target.toFixed(2)}×` : `${target} ${unit}`}`
      : '—',
    verdict: value === undefined ? 'n/a' : op ? (checkers[op](value, target) ? 'PASS' : 'MISS') : 'info',
  }));
}

const fmt = (v, digits = 0) =>
  v === undefined ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The printed report: one Markdown table of medians, then stdio, start-up, memory and the ratios. */
export function formatReport(result) {
  const { summary, labels, concurrency, stdio, startup, memory, checks } = result;
  const lines = [];
  const head = ['server', ...concurrency.map((c) => `req/s c=${c}`), 'CPU ms/call c=10', 'p99 ms c=10', 'failed'];
  lines.push(`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`);
  for (const [key, label] of Object.entries(labels)) {
    const row = summary[key];
    if (!row) continue;
    const failed = Object.values(row).reduce((n, r) => n + r.failed, 0);
    lines.push(
      `| ${label} | ${concurrency.map((c) => fmt(row[c]?.perSecond)).join(' | ')} | ${fmt(row[10]?.cpuMsPerCall, 2)} | ${fmt(row[10]?.p99Ms)} | ${failed} |`,
    );
  }
  lines.push('', '| stdio (one SDK 1.x client, sequential calls) | calls/s | CPU ms/call |', '| --- | --- | --- |');
  for (const row of Object.values(stdio))
    lines.push(`| ${row.label} | ${fmt(row.perSecond)} | ${fmt(row.cpuMsPerCall, 2)} |`);
  if (startup)
    lines.push(
      '',
      `Start-up to /health: cnmcp with every first-party plugin ${fmt(startup.cnmcpMs)} ms, bare node:http ${fmt(startup.bareMs)} ms (medians).`,
    );
  if (memory) {
    const [a, b] = memory.points;
    lines.push(
      `Memory (${memory.target}, after a forced GC): heap ${fmt(a.heapUsedMiB, 1)} MiB / RSS ${fmt(a.rssMiB, 1)} MiB after ${fmt(a.calls)} calls, heap ${fmt(b.heapUsedMiB, 1)} MiB / RSS ${fmt(b.rssMiB, 1)} MiB after ${fmt(b.calls)}.`,
    );
  }
  lines.push('', '| ratio (c=10 unless said) | value | target | |', '| --- | --- | --- | --- |');
  for (const r of result.ratios)
    lines.push(
      `| ${r.name} | ${fmt(r.value, r.unit === '×' ? 2 : r.unit === 'MiB' ? 1 : 0)}${r.unit === '×' ? '×' : ''} | ${r.target} | ${r.verdict} |`,
    );
  if (checks?.failed) lines.push('', `${checks.failed} correctness check(s) failed: see above.`);
  return lines.join('\n');
}

/** The repository's Prettier style when it is installed, so `npm run lint` passes over results/; else as is. */
async function formatJson(file, json) {
  try {
    const prettier = await import('prettier');
    return await prettier.format(json, { ...(await prettier.resolveConfig(file)), parser: 'json' });
  } catch {
    return json;
  }
}

/** results/<timestamp>.json and results/latest.json. */
export async function writeResults(dir, result) {
  mkdirSync(dir, { recursive: true });
  const json = await formatJson(join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  const file = join(dir, `${result.meta.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, json);
  writeFileSync(join(dir, 'latest.json'), json);
  return file;
}
