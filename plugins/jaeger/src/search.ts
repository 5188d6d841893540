// Turning tool arguments into a Jaeger search, and search results into summaries an agent can read.
import { parseDuration, parseTime } from '@cnmcp/core';
import { summarizeTrace, type TraceSummary } from './analysis.js';
import type { TraceSearch } from './client.js';
import { JaegerErrors } from './errors.js';

export interface SearchArgs {
  service: string;
  operation?: string;
  start_time?: string | number;
  end_time?: string | number;
  limit: number;
  min_duration?: string | number;
  max_duration?: string | number;
  tags?: Record<string, string | number | boolean>;
}

const HOUR = 3_600_000;

/** The time window [start, end] in epoch ms; the default is the last `defaultMs` before end. */
export function timeWindow(
  start: string | number | undefined,
  end: string | number | undefined,
  defaultMs: number,
): { start: number; end: number } {
  const endMs = end === undefined ? Date.now() : parseTime(end, { name: 'end_time', roundUp: true });
  const startMs = start === undefined ? endMs - defaultMs : parseTime(start, { name: 'start_time' });
  if (startMs >= endMs)
    throw JaegerErrors.create(
      'JAEGER_ERR_TIME_RANGE_INVALID',
      `start_time (${new Date(startMs).toISOString()}) is not before end_time (${new Date(endMs).toISOString()})`,
    );
  return { start: startMs, end: endMs };
}

export function toSearch(args: SearchArgs): TraceSearch {
  const { start, end } = timeWindow(args.start_time, args.end_time, HOUR);
  const min = args.min_duration !== undefined ? parseDuration(args.min_duration, { name: 'min_duration' }) : undefined;
  const max = args.max_duration !== undefined ? parseDuration(args.max_duration, { name: 'max_duration' }) : undefined;
  if (min !== undefined && max !== undefined && min > max)
    throw JaegerErrors.create(
      'JAEGER_ERR_TIME_RANGE_INVALID',
      `min_duration (${min} ms) is above max_duration (${max} ms)`,
    );
  const tags = args.tags ? Object.fromEntries(Object.entries(args.tags).map(([k, v]) => [k, String(v)])) : undefined;
  return {
    service: args.service,
    operation: args.operation || undefined,
    start,
    end,
    limit: args.limit,
    minDurationMs: min,
    maxDurationMs: max,
    tags,
  };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Aggregates over trace summaries: counts, error share, duration percentiles, busiest root operations. */
export function aggregate(summaries: TraceSummary[]): Record<string, unknown> {
  const durations = summaries.map((s) => s.duration_ms).sort((a, b) => a - b);
  const ops = new Map<string, { traces: number; errors: number; max_ms: number }>();
  for (const s of summaries) {
    const key = `${s.root_service} ${s.root_operation}`;
    const o = ops.get(key) ?? { traces: 0, errors: 0, max_ms: 0 };
    o.traces += 1;
    if (s.error_count) o.errors += 1;
    o.max_ms = Math.max(o.max_ms, s.duration_ms);
    ops.set(key, o);
  }
  return {
    traces: summaries.length,
    error_traces: summaries.filter((s) => s.error_count > 0).length,
    duration_ms: { p50: percentile(durations, 50), p95: percentile(durations, 95), max: durations.at(-1) ?? 0 },
    services: [...new Set(summaries.flatMap((s) => s.services))].sort(),
    root_operations: [...ops]
      .sort((a, b) => b[1].traces - a[1].traces)
      .slice(0, 10)
      .map(([operation, o]) => ({ operation, ...o })),
  };
}

export { summarizeTrace };
