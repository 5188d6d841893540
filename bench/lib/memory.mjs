// Memory over a long run: a fresh cnmcp (2026-07-28 stateless, middleware full) driven at c=50; after each
// step the bench_memory tool forces a GC and reports heap and RSS.
import { drive } from './load.mjs';
import { startTarget, stopTarget } from './targets.mjs';
import { messagesOf } from './wire.mjs';

/** process.memoryUsage() of the server right after a forced GC. */
export async function serverMemory(target) {
  const { headers, body } = target.request('bench_memory', {}, 'memory');
  const res = await fetch(target.url, { method: 'POST', headers, body });
  const [answer] = messagesOf(res.headers.get('content-type'), await res.text());
  const text = answer?.result?.content?.[0]?.text;
  if (res.status !== 200 || answer?.result?.isError || !text)
    throw new Error(`bench_memory failed: ${JSON.stringify(answer)}`);
  return JSON.parse(text);
}

const MiB = 1024 * 1024;

/** Heap and RSS after `step` and 2 × `step` calls, and the heap growth between them (MiB). */
export async function measureMemory(baseTarget, tmp, step) {
  const target = await startTarget({ ...baseTarget, key: `memory-${baseTarget.key}` }, tmp);
  try {
    const points = [];
    let failed = 0;
    for (const calls of [step, 2 * step]) {
      const run = await drive(target, { connections: 50, amount: step });
      failed += run.non2xx + run.errors;
      const usage = await serverMemory(target);
      points.push({ calls, heapUsedMiB: usage.heapUsed / MiB, rssMiB: usage.rss / MiB, perSecond: run.perSecond });
    }
    return { target: baseTarget.label, points, heapGrowthMiB: points[1].heapUsedMiB - points[0].heapUsedMiB, failed };
  } finally {
    await stopTarget(target);
  }
}
