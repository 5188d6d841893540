// Correctness before timing: every server answers the echo call with exactly the expected result, and the
// "full" cnmcp configs really run their middleware (a call without the key is refused, the audit file gets the
// calls, a repeated cached call is a hit, /metrics answers). A server that fails here is not timed.
import { readFileSync } from 'node:fs';
import { serverMemory } from './memory.mjs';
import { checkStdio } from './stdio.mjs';
import { MESSAGE, checkCall, expectedEcho } from './wire.mjs';

export class Checks {
  constructor(log) {
    this.log = log;
    this.results = [];
  }

  async run(name, fn) {
    try {
      await fn();
      this.results.push({ name, ok: true });
      this.log(`ok    ${name}`);
      return true;
    } catch (err) {
      this.results.push({ name, ok: false, error: err.message });
      this.log(`FAIL  ${name}: ${err.message}`);
      return false;
    }
  }

  get passed() {
    return this.results.filter((r) => r.ok).length;
  }

  get failed() {
    return this.results.length - this.passed;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Checks one running HTTP target; returns false when its echo answer is wrong (then it is not timed). */
export async function checkHttpTarget(checks, target) {
  const echo = (tool, id) =>
    checkCall(target.url, target.request(tool, { message: MESSAGE }, id), expectedEcho(target.era));
  const ok = await checks.run(`${target.label}: echo answer`, () => echo('bench_echo', 'check-echo'));
  if (target.kind !== 'cnmcp') return ok;
  await checks.run(`${target.label}: cached tool, twice`, async () => {
    await echo('bench_cached', 'check-cache-1');
    await echo('bench_cached', 'check-cache-2');
  });
  await checks.run(`${target.label}: forced GC reports memory`, async () => {
    const usage = await serverMemory(target);
    assert(usage.heapUsed > 0 && usage.rss > 0, `unexpected memoryUsage ${JSON.stringify(usage)}`);
  });
  if (!target.full) return ok;
  await checks.run(`${target.label}: a call without the API key is refused`, async () => {
    const { headers, body } = target.request('bench_echo', { message: MESSAGE }, 'check-no-key');
    const { 'x-api-key': _key, ...anonymous } = headers;
    const res = await fetch(target.url, { method: 'POST', headers: anonymous, body });
    await res.arrayBuffer();
    assert(res.status === 401, `HTTP ${res.status}, expected 401`);
  });
  await checks.run(`${target.label}: the audit file records the calls, the second cached one a hit`, () => {
    const records = readFileSync(target.auditFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    assert(
      records.some((r) => r.tool === 'bench_echo' && r.outcome === 'ok'),
      `no bench_echo record in ${records.length}`,
    );
    const cached = records.filter((r) => r.tool === 'bench_cached').map((r) => r.cacheHit);
    assert(cached.at(-1) === true, `bench_cached cacheHit values: ${JSON.stringify(cached)}`);
  });
  await checks.run(`${target.label}: /metrics answers`, async () => {
    const res = await fetch(`${target.baseUrl}/metrics`);
    const text = await res.text();
    assert(res.status === 200 && text.includes('# TYPE'), `HTTP ${res.status}`);
  });
  return ok;
}

export function checkStdioTarget(checks, running) {
  return checks.run(`${running.label}: echo answer`, () => checkStdio(running));
}
