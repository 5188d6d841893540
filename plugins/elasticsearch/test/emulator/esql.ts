// `POST /_query` (ES|QL), served only when the emulated version has it (8.11+): FROM, WHERE, KEEP, DROP, SORT,
// LIMIT and STATS … BY with COUNT, COUNT_DISTINCT, AVG, SUM, MIN, MAX; JSON `columns` + `values`.
import type { estypes } from '@elastic/elasticsearch';
import type { Cluster } from './cluster.js';
import { formatDate } from './datemath.js';
import { StoreError } from './errors.js';
import { compileExpr, esqlError, type Row } from './esql-expr.js';
import type { EsReply, Router } from './http.js';
import { flattenMapping, resolveField, valuesAt } from './mapping.js';
import { indexedTerms, wildcardRegExp } from './analysis.js';

interface Table {
  columns: estypes.EsqlEsqlColumnInfo[];
  rows: Row[];
}
const TYPES: Record<string, string> = {
  text: 'text',
  keyword: 'keyword',
  long: 'long',
  integer: 'integer',
  short: 'integer',
  byte: 'integer',
  float: 'double',
  double: 'double',
  half_float: 'double',
  scaled_float: 'double',
  date: 'date',
  boolean: 'boolean',
  ip: 'ip',
};

function splitPipes(query: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of query) {
    if (ch === '"') quoted = !quoted;
    if (ch === '|' && !quoted) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  parts.push(cur.trim());
  return parts.filter(Boolean);
}

function unknownColumn(name: string): StoreError {
  return new StoreError('verification_exception', `Found 1 problem\nline 1:1: Unknown column [${name}]`);
}

function from(cluster: Cluster, args: string): Table {
  const pattern = args.replace(/\s+METADATA\s+.*$/i, '').replace(/\s+/g, '');
  let names: string[];
  try {
    names = cluster.store.resolve(pattern);
  } catch {
    throw new StoreError('verification_exception', `Found 1 problem\nline 1:1: Unknown index [${pattern}]`);
  }
  const types = new Map<string, string>();
  const rows: Row[] = [];
  for (const index of names) {
    const flat = flattenMapping(cluster.state(index).properties);
    const leaves = [...flat].filter(([, m]) => m.type && m.type !== 'object' && TYPES[m.type]);
    for (const [name, m] of leaves) types.set(name, TYPES[m.type!]!);
    for (const d of cluster.state(index).docs.values()) {
      const row: Row = {};
      for (const [name, m] of leaves) {
        const f = resolveField(flat, name);
        const raw =
          m.type === 'date'
            ? indexedTerms(d._source, f).map((v) => formatDate(Number(v)))
            : valuesAt(d._source, f.path).filter((v) => typeof v !== 'object');
        row[name] = raw.length === 0 ? null : raw.length === 1 ? raw[0] : raw;
      }
      rows.push(row);
    }
  }
  const columns = [...types].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, type]) => ({ name, type }));
  return { columns, rows };
}

function columnChecker(table: Table): (name: string) => string {
  return (name) => {
    if (!table.columns.some((c) => c.name === name)) throw unknownColumn(name);
    return name;
  };
}

function pick(table: Table, list: string, drop: boolean): Table {
  const patterns = list.split(',').map((s) => s.trim().replace(/^`|`$/g, ''));
  const matches = (col: string, p: string) => wildcardRegExp(p).test(col);
  for (const p of patterns) if (!p.includes('*') && !table.columns.some((c) => c.name === p)) throw unknownColumn(p);
  const columns = drop
    ? table.columns.filter((c) => !patterns.some((p) => matches(c.name, p)))
    : patterns.flatMap((p) => table.columns.filter((c) => matches(c.name, p)));
  return { columns, rows: table.rows };
}

function sort(table: Table, spec: string): Table {
  const keys = spec.split(',').map((s) => {
    const [name, ...mods] = s.trim().split(/\s+/);
    columnChecker(table)(name!);
    const desc = mods.some((m) => m.toUpperCase() === 'DESC');
    const nullsFirst = mods.join(' ').toUpperCase().includes('NULLS FIRST');
    return { name: name!, desc, nullsFirst };
  });
  const rows = [...table.rows].sort((a, b) => {
    for (const k of keys) {
      const [x, y] = [a[k.name], b[k.name]];
      if (x === null || y === null || x === undefined || y === undefined) {
        if ((x ?? null) === (y ?? null)) continue;
        return (x === null || x === undefined) === k.nullsFirst ? -1 : 1;
      }
      const c =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x) < String(y)
            ? -1
            : String(x) > String(y)
              ? 1
              : 0;
      if (c) return k.desc ? -c : c;
    }
    return 0;
  });
  return { columns: table.columns, rows };
}

function stats(table: Table, spec: string): Table {
  const [aggPart, byPart] = spec.split(/\s+BY\s+/i) as [string, string | undefined];
  const groups = byPart ? byPart.split(',').map((g) => columnChecker(table)(g.trim())) : [];
  const aggs = aggPart.split(/,(?![^(]*\))/).map((a) => {
    const m = /^\s*(?:([\w.@`]+)\s*=\s*)?(\w+)\(\s*([^)]*)\s*\)\s*$/.exec(a);
    if (!m) throw esqlError(`mismatched input '${a.trim()}' expecting an aggregate function`);
    const fn = m[2]!.toUpperCase();
    const arg = m[3]!.replace(/^`|`$/g, '');
    if (arg !== '*') columnChecker(table)(arg);
    if (!['COUNT', 'COUNT_DISTINCT', 'AVG', 'SUM', 'MIN', 'MAX'].includes(fn))
      throw new StoreError('verification_exception', `Found 1 problem\nline 1:1: Unknown function [${m[2]}]`);
    return { name: (m[1] ?? `${m[2]}(${m[3]})`).replace(/`/g, ''), fn, arg };
  });
  const buckets = new Map<string, Row[]>();
  for (const r of table.rows) {
    const key = JSON.stringify(groups.map((g) => r[g] ?? null));
    buckets.set(key, [...(buckets.get(key) ?? []), r]);
  }
  if (!groups.length && !buckets.size) buckets.set('[]', []);
  const typeOf = (n: string) => table.columns.find((c) => c.name === n)?.type ?? 'keyword';
  const rows = [...buckets].map(([key, rs]) => {
    const row: Row = {};
    for (const a of aggs) {
      const vals =
        a.arg === '*'
          ? rs.map(() => 1)
          : rs
              .flatMap((r) => (Array.isArray(r[a.arg]) ? (r[a.arg] as unknown[]) : [r[a.arg]]))
              .filter((v) => v !== null && v !== undefined);
      const nums = vals.map((v) => (typeof v === 'number' ? v : Date.parse(String(v))));
      const sum = nums.reduce((x, y) => x + y, 0);
      const date = typeOf(a.arg) === 'date';
      const extreme = (f: (...n: number[]) => number) =>
        nums.length ? (date ? formatDate(f(...nums)) : f(...nums)) : null;
      row[a.name] = {
        COUNT: vals.length,
        COUNT_DISTINCT: new Set(vals.map(String)).size,
        AVG: nums.length ? sum / nums.length : null,
        SUM: sum,
        MIN: extreme(Math.min),
        MAX: extreme(Math.max),
      }[a.fn];
    }
    (JSON.parse(key) as unknown[]).forEach((v, i) => (row[groups[i]!] = v));
    return row;
  });
  const columns = [
    ...aggs.map((a) => ({
      name: a.name,
      type: a.fn.startsWith('COUNT') ? 'long' : a.fn === 'AVG' ? 'double' : typeOf(a.arg),
    })),
    ...groups.map((g) => ({ name: g, type: typeOf(g) })),
  ];
  return { columns, rows };
}

export function runEsql(cluster: Cluster, query: string): estypes.EsqlQueryResponse {
  const started = Date.now();
  const [source, ...commands] = splitPipes(query);
  const m = /^FROM\s+(.+)$/is.exec(source ?? '');
  if (!m) throw esqlError(`mismatched input '${(source ?? '').split(/\s+/)[0]}' expecting {'from', 'row', 'show'}`);
  let table = from(cluster, m[1]!);
  let limit = 1000;
  for (const command of commands) {
    const [, word = '', rest = ''] = /^(\w+)\s*([\s\S]*)$/.exec(command) ?? [];
    switch (word.toUpperCase()) {
      case 'WHERE': {
        const expr = compileExpr(rest, columnChecker(table));
        table = { columns: table.columns, rows: table.rows.filter((r) => expr(r) === true) };
        break;
      }
      case 'KEEP':
        table = pick(table, rest, false);
        break;
      case 'DROP':
        table = pick(table, rest, true);
        break;
      case 'SORT':
        table = sort(table, rest);
        break;
      case 'LIMIT':
        limit = Math.min(limit, Number(rest));
        table = { columns: table.columns, rows: table.rows.slice(0, Number(rest)) };
        break;
      case 'STATS':
        table = stats(table, rest);
        break;
      default:
        throw esqlError(
          `mismatched input '${word}' expecting {'dissect', 'drop', 'enrich', 'eval', 'grok', 'keep', 'limit', 'mv_expand', 'rename', 'sort', 'stats', 'where'}`,
        );
    }
  }
  const rows = table.rows.slice(0, limit);
  return {
    took: Date.now() - started,
    is_partial: false,
    columns: table.columns,
    values: rows.map((r) => table.columns.map((c) => (r[c.name] ?? null) as estypes.FieldValue)),
  };
}

export function esqlRoutes(router: Router, cluster: Cluster): void {
  // Older versions have no such endpoint: the server's generic "no handler found" answer is what clients get.
  if (!cluster.atLeast('8.11.0')) return;
  router.add('POST', '/_query', (req): EsReply => {
    const query = req.body?.query;
    if (typeof query !== 'string' || !query.trim())
      throw new StoreError('parsing_exception', '[query] is required', { line: 1, col: 1 });
    if (req.query.format && req.query.format !== 'json')
      throw new StoreError(
        'illegal_argument_exception',
        `format [${req.query.format}] is not supported by this emulator; use json`,
      );
    return { body: runEsql(cluster, query) };
  });
}
