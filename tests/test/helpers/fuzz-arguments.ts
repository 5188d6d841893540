// Seeded tool arguments built from a tool's JSON Schema: mostly shaped like the schema (required keys, enum values,
// nested objects and arrays) with values pushed to their edges or swapped for the wrong type, plus prototype keys,
// unknown keys, unicode, NUL and long strings. The same seed gives the same arguments.
import type { Random } from '../../../core/test/reliability/wire.js';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | JsonSchema;
}

const WEIRD = ['\u0000', '\uffff', '\ud800', '😀', '\u202e', 'ﷺ', '\\', '"', '\n', '%00', '../../etc/passwd', '${x}'];
const BACKEND_KEYS = new Set(['target', 'context', 'cluster']);
const PROTO = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'];

function weirdString(r: Random, max = 30): string {
  if (r.chance(0.05)) return 'A'.repeat(10_000 + r.int(60_000));
  let s = '';
  const n = r.int(max);
  for (let i = 0; i < n; i++) s += r.chance(0.3) ? r.pick(WEIRD) : String.fromCharCode(32 + r.int(95));
  return s;
}

/** Any JSON value, of no particular type. */
function anyValue(r: Random, depth = 0): unknown {
  switch (r.int(depth > 2 ? 6 : 8)) {
    case 0:
      return weirdString(r);
    case 1:
      return r.pick([0, -1, 1.5, 2 ** 53 + 1, -(2 ** 31), 1e308, -0]);
    case 2:
      return r.chance(0.5);
    case 3:
      return null;
    case 4:
      return r.pick(PROTO);
    case 5:
      return '';
    case 6:
      return Array.from({ length: r.int(4) }, () => anyValue(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(3) }, () => [
          r.chance(0.3) ? r.pick(PROTO) : weirdString(r, 8),
          anyValue(r, depth + 1),
        ]),
      );
  }
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type[0] : schema.type;
}

function numberFor(r: Random, schema: JsonSchema, integer: boolean, wild: number): unknown {
  if (wild === 0) {
    const low = schema.minimum ?? 0;
    const high = schema.maximum ?? low + 1000;
    return r.pick([low, high, low + r.int(Math.max(1, Math.min(high - low, 1000)))].filter((n) => n <= high));
  }
  const edges = [
    schema.minimum,
    schema.maximum,
    schema.minimum === undefined ? undefined : schema.minimum - 1,
    schema.maximum === undefined ? undefined : schema.maximum + 1,
    0,
    -1,
    2 ** 53,
    1e21,
    integer ? 2.5 : 1e-9,
  ].filter((n): n is number => n !== undefined);
  return r.chance(0.5) ? r.pick(edges) : r.int(1000);
}

function stringFor(r: Random, schema: JsonSchema, wild: number): string {
  if (wild === 0) {
    const s = r.chance(0.5) ? weirdString(r, 20) : r.pick(['default', 'kube-system', 'now-1h', 'a/b', 'x:y', '*']);
    return s.slice(0, schema.maxLength ?? s.length).padEnd(schema.minLength ?? 0, 'x');
  }
  const edges: string[] = ['', ' ', weirdString(r)];
  if (schema.maxLength !== undefined) edges.push('x'.repeat(schema.maxLength + 1));
  if (schema.minLength !== undefined && schema.minLength > 0) edges.push('x'.repeat(schema.minLength - 1));
  edges.push(r.pick(['default', 'kube-system', '*', '.*', '-1', 'now-1h', 'true', '0', 'a/b', 'x:y']));
  return r.pick(edges);
}

/**
 * A value for `schema`. `wild` is the chance, at every level, of anything at all instead; with 0 the value keeps to
 * the schema's types, enums and bounds (only the strings' content is odd), so the call reaches the tool's own code.
 */
export function valueFor(r: Random, schema: JsonSchema, wild: number, depth = 0): unknown {
  if (depth > 6 || r.chance(wild)) return anyValue(r);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return r.chance(1 - wild) ? r.pick(schema.enum) : weirdString(r, 12);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) return valueFor(r, r.pick(branches), wild, depth + 1);
  switch (typeOf(schema)) {
    case 'string':
      return stringFor(r, schema, wild);
    case 'integer':
      return numberFor(r, schema, true, wild);
    case 'number':
      return numberFor(r, schema, false, wild);
    case 'boolean':
      return r.chance(0.5);
    case 'null':
      return null;
    case 'array': {
      const length = wild > 0 && r.chance(0.05) ? 500 + r.int(1000) : 1 + r.int(3);
      return Array.from({ length }, () => (schema.items ? valueFor(r, schema.items, wild, depth + 1) : anyValue(r)));
    }
    case 'object':
      return objectFor(r, schema, wild, depth);
    default:
      return anyValue(r, depth);
  }
}

function objectFor(r: Random, schema: JsonSchema, wild: number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (required.has(key) ? r.chance(wild / 2) : r.chance(0.5)) continue; // now and then a required key is missing
    // A call that keeps to the schema mostly leaves the backend to the default, so it reaches the tool's own code.
    if (wild === 0 && BACKEND_KEYS.has(key) && !required.has(key) && r.chance(0.8)) continue;
    out[key] = valueFor(r, sub, wild, depth + 1);
  }
  if (r.chance(wild)) Object.defineProperty(out, r.pick(PROTO), { value: anyValue(r), enumerable: true });
  if (r.chance(wild)) out[weirdString(r, 10)] = anyValue(r);
  return out;
}

/**
 * Arguments for one tool call: half of them keep to the schema (and so reach the tool's code and its backend
 * client), a quarter break it in one place, a quarter anywhere.
 */
export function fuzzArguments(r: Random, inputSchema: JsonSchema): Record<string, unknown> {
  const schema = { ...inputSchema, type: 'object' };
  const mode = r.int(4);
  if (mode >= 2) return objectFor(r, schema, 0, 0);
  if (mode === 1) return objectFor(r, schema, 0.15, 0);
  const args = objectFor(r, schema, 0, 0);
  const keys = Object.keys(schema.properties ?? {});
  const key = keys.length && r.chance(0.8) ? r.pick(keys) : r.pick(PROTO);
  Object.defineProperty(args, key, { value: anyValue(r), enumerable: true, writable: true, configurable: true });
  return args;
}
