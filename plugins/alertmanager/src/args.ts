// Tool arguments as the Alertmanager API takes them: filter matchers and state flags.
import { AlertmanagerErrors } from './errors.js';
import { matcherText, parseMatchers } from './matchers.js';

export const STATUS_FLAGS = ['active', 'silenced', 'inhibited', 'unprocessed'] as const;

/** `filter` argument → the API's repeated `filter` matchers (validated, in Alertmanager's text form). */
export function filterMatchers(filter: string | string[] | undefined, param = 'filter'): string[] | undefined {
  if (filter === undefined || (Array.isArray(filter) && filter.length === 0) || filter === '') return undefined;
  return parseMatchers(filter, param).map(matcherText);
}

export function bool(value: unknown, key: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw AlertmanagerErrors.create(
    'ALERTMANAGER_ERR_FILTER_INVALID',
    `filters.${key}: expected true or false (got ${JSON.stringify(value)})`,
  );
}

/** The smaller of what a call asked for and the configured cap. */
export function capped(asked: number, cap: number): number {
  return Math.min(asked, cap);
}

/** A state, severity or name to count by; a missing one is counted as "(none)". */
export const orNone = (value: string | undefined): string => value ?? '(none)';
