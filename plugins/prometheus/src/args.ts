// Tool arguments as Prometheus takes them: times through the core's parseTime, selector lists, caps.
import { parseTime } from '@cnmcp/core';
import { toPromTime } from './client.js';
import { PrometheusErrors } from './errors.js';

export const iso = (ms: number) => new Date(ms).toISOString();

/** A time argument as epoch ms (the core's forms; `NOW-1h` is read as `now-1h`). */
export function timeArg(value: string | number, name: string, now?: number): number {
  const text = typeof value === 'string' ? value.trim().replace(/^now\b/i, 'now') : value;
  return parseTime(text, { name, now });
}

/** The number of items a call shows: what it asked for, at most the configured cap. */
export function capped(asked: number | undefined, cap: number): number {
  return Math.min(asked ?? cap, cap);
}

/** A selector argument given as one string, a JSON array text, or an array. */
export function selectors(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed) && parsed.every((s) => typeof s === 'string')) return parsed as string[];
    } catch {
      /* a selector that starts with '[' is not valid PromQL anyway; Prometheus will say so */
    }
  }
  return [text];
}

/** An optional [start, end] window as Prometheus query parameters; a reversed window is refused. */
export function window(input: { start?: string | number; end?: string | number }): { start?: string; end?: string } {
  const now = Date.now();
  const start = input.start !== undefined ? timeArg(input.start, 'start', now) : undefined;
  const end = input.end !== undefined ? timeArg(input.end, 'end', now) : undefined;
  if (start !== undefined && end !== undefined && end < start) {
    throw PrometheusErrors.create('PROMETHEUS_ERR_RANGE_INVALID', `end (${iso(end)}) is before start (${iso(start)})`);
  }
  return {
    start: start === undefined ? undefined : toPromTime(start),
    end: end === undefined ? undefined : toPromTime(end),
  };
}
