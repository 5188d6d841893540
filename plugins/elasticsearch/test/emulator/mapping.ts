// Dynamic mapping as Elasticsearch does it (strings → text + keyword sub-field, dates detected, long/float),
// and how a query's field name resolves to a source path and a type.
import { toEpochMs } from './datemath.js';

export interface FieldMapping {
  type?: string;
  properties?: Record<string, FieldMapping>;
  fields?: Record<string, FieldMapping>;
  ignore_above?: number;
  [key: string]: unknown;
}
export type Properties = Record<string, FieldMapping>;

function inferType(value: unknown): FieldMapping | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = inferType(v);
      if (t) return t;
    }
    return undefined;
  }
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'long' : 'float' };
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}/.test(value) && toEpochMs(value) !== undefined) return { type: 'date' };
    return { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } };
  }
  if (typeof value === 'object') return { properties: {} };
  return undefined;
}

/** Adds mappings for fields of `source` the mapping does not know yet; returns true when it changed. */
export function extendMapping(props: Properties, source: Record<string, unknown>): boolean {
  let changed = false;
  for (const [rawKey, value] of Object.entries(source)) {
    const path = rawKey.split('.');
    let target = props;
    for (const segment of path.slice(0, -1)) {
      const existing = (target[segment] ??= { properties: {} });
      existing.properties ??= {};
      target = existing.properties;
    }
    const key = path[path.length - 1]!;
    const inferred = inferType(value);
    if (!inferred) continue;
    if (!target[key]) {
      target[key] = inferred;
      changed = true;
    }
    const mapped = target[key]!;
    if (mapped.properties && value && typeof value === 'object') {
      const objects = Array.isArray(value) ? value : [value];
      for (const o of objects) {
        if (o && typeof o === 'object' && !Array.isArray(o)) {
          changed = extendMapping(mapped.properties, o as Record<string, unknown>) || changed;
        }
      }
    }
  }
  return changed;
}

/** Every leaf field of a mapping as dotted name → mapping, sub-fields (`x.keyword`) included. */
export function flattenMapping(props: Properties, prefix = ''): Map<string, FieldMapping> {
  const out = new Map<string, FieldMapping>();
  for (const [name, m] of Object.entries(props)) {
    const full = prefix + name;
    if (m.properties && !m.type) {
      for (const [k, v] of flattenMapping(m.properties, `${full}.`)) out.set(k, v);
      out.set(full, { type: 'object' });
      continue;
    }
    out.set(full, m);
    for (const [sub, sm] of Object.entries(m.fields ?? {})) out.set(`${full}.${sub}`, { ...sm, parent: full });
  }
  return out;
}

export interface ResolvedField {
  /** The path in _source that holds the values. */
  path: string;
  /** The mapped type, or undefined for an unmapped field. */
  type?: string;
  ignoreAbove?: number;
}

export function resolveField(flat: Map<string, FieldMapping>, field: string): ResolvedField {
  const m = flat.get(field);
  if (!m) return { path: field };
  const parent = typeof m.parent === 'string' ? m.parent : undefined;
  return { path: parent ?? field, type: m.type, ignoreAbove: m.ignore_above };
}

/** All values at a dotted path of a source document, arrays flattened; both nested and dotted keys count. */
export function valuesAt(source: unknown, path: string): unknown[] {
  if (source === null || source === undefined) return [];
  if (Array.isArray(source)) return source.flatMap((s) => valuesAt(s, path));
  if (path === '') return [source];
  if (typeof source !== 'object') return [];
  const obj = source as Record<string, unknown>;
  const out: unknown[] = [];
  const segments = path.split('.');
  for (let i = segments.length; i >= 1; i--) {
    const key = segments.slice(0, i).join('.');
    if (key in obj) out.push(...valuesAt(obj[key], segments.slice(i).join('.')));
  }
  return out.filter((v) => v !== null && v !== undefined);
}
