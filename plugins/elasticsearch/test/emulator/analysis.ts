// How a field's values are indexed and compared: text is tokenised (standard analyser, lower-cased), keyword is
// exact, dates are epoch ms, numbers numeric. Query evaluation works on these indexed terms.
import { parseDateMath, toEpochMs } from './datemath.js';
import { valuesAt, type ResolvedField } from './mapping.js';

export type Term = string | number | boolean;

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
}

const NUMERIC = new Set([
  'long',
  'integer',
  'short',
  'byte',
  'double',
  'float',
  'half_float',
  'scaled_float',
  'unsigned_long',
]);
export const isNumeric = (type: string | undefined): boolean => type !== undefined && NUMERIC.has(type);
export const isDate = (type: string | undefined): boolean => type === 'date' || type === 'date_nanos';

/** The indexed terms of a document for a field. */
export function indexedTerms(source: Record<string, unknown>, field: ResolvedField): Term[] {
  const raw = valuesAt(source, field.path);
  const { type } = field;
  if (type === 'text' || type === 'match_only_text')
    return raw.flatMap((v) => (typeof v === 'object' ? [] : tokenize(String(v))));
  if (type === 'keyword' || type === 'constant_keyword' || type === 'wildcard') {
    return raw
      .filter((v) => typeof v !== 'object')
      .map(String)
      .filter((v) => field.ignoreAbove === undefined || v.length <= field.ignoreAbove);
  }
  if (isDate(type)) return raw.map(toEpochMs).filter((v): v is number => v !== undefined);
  if (isNumeric(type)) return raw.map(Number).filter((v) => !Number.isNaN(v));
  if (type === 'boolean') return raw.map((v) => v === true || v === 'true');
  return raw.filter((v): v is Term => typeof v !== 'object');
}

/** Converts a query value to the field's term space (what `term` compares against). */
export function queryTerm(value: unknown, field: ResolvedField): Term {
  if (isDate(field.type)) return parseDateMath(value as string | number);
  if (isNumeric(field.type)) return Number(value);
  if (field.type === 'boolean') return value === true || value === 'true';
  if (typeof value === 'number' || typeof value === 'boolean') return field.type === undefined ? value : String(value);
  return String(value);
}

/** Sort/aggregation values of a field (keyword strings, numbers, epoch ms) — text fields have none usable. */
export function docValues(source: Record<string, unknown>, field: ResolvedField): Term[] {
  if (field.type === 'text') return [];
  return indexedTerms(source, field);
}

export function compareTerms(a: Term, b: Term): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function wildcardRegExp(pattern: string, caseInsensitive = false): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
}
