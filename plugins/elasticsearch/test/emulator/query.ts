// The query DSL subset, compiled per index (mappings differ) into a scorer: a number when the document
// matches (its relevance), null when it does not.
import {
  compareTerms,
  indexedTerms,
  isDate,
  isNumeric,
  queryTerm,
  tokenize,
  wildcardRegExp,
  type Term,
} from './analysis.js';
import { parseDateMath } from './datemath.js';
import { StoreError } from './errors.js';
import { resolveField, type FieldMapping } from './mapping.js';
import { parseQueryString } from './query-string.js';

export interface Doc {
  _index: string;
  _id: string;
  _source: Record<string, unknown>;
}
export type Scorer = (doc: Doc) => number | null;
type Q = Record<string, unknown>;

export function parsingError(reason: string): StoreError {
  return new StoreError('parsing_exception', reason, { line: 1, col: 1 });
}

/** `{ field: value }` or `{ field: { value, ... } }`: the single field and its options. */
function fieldClause(kind: string, body: unknown, valueKey: string): { field: string; opts: Q } {
  if (!body || typeof body !== 'object')
    throw parsingError(`[${kind}] query malformed, no start_object after query name`);
  const entries = Object.entries(body as Q).filter(([k]) => k !== 'boost' && k !== '_name');
  if (entries.length !== 1)
    throw parsingError(
      `[${kind}] query doesn't support multiple fields, found [${entries.map((e) => e[0]).join('] and [')}]`,
    );
  const [field, value] = entries[0]!;
  const opts =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Q) : { [valueKey]: value };
  return { field, opts };
}

export class QueryCompiler {
  constructor(private readonly flat: Map<string, FieldMapping>) {}

  compile(query: unknown): Scorer {
    if (query === undefined || query === null) return () => 1;
    if (typeof query !== 'object' || Array.isArray(query))
      throw parsingError('query malformed, must start with start_object');
    const keys = Object.keys(query);
    if (keys.length !== 1)
      throw parsingError(`[_na] query malformed, expected a single query name, found [${keys.join(', ')}]`);
    const kind = keys[0]!;
    const body = (query as Q)[kind];
    switch (kind) {
      case 'match_all':
        return () => 1;
      case 'match_none':
        return () => null;
      case 'bool':
        return this.bool(body as Q);
      case 'term':
        return this.term(body);
      case 'terms':
        return this.terms(body as Q);
      case 'ids': {
        const ids = new Set(((body as Q)?.values as string[]) ?? []);
        return (d) => (ids.has(d._id) ? 1 : null);
      }
      case 'match':
        return this.match(body, false);
      case 'match_phrase':
        return this.match(body, true);
      case 'multi_match':
        return this.multiMatch(body as Q);
      case 'range':
        return this.range(body);
      case 'exists':
        return this.exists(String((body as Q)?.field));
      case 'prefix':
        return this.pattern('prefix', body, (v, ci) => wildcardRegExp(`${v.replace(/[*?]/g, '\\$&')}*`, ci));
      case 'wildcard':
        return this.pattern('wildcard', body, (v, ci) => wildcardRegExp(v, ci));
      case 'query_string':
      case 'simple_query_string':
        return this.compile(
          parseQueryString(body as Q, this.defaultFields((body as Q)?.fields, (body as Q)?.default_field), (f) =>
            this.defaultFields([f], undefined),
          ),
        );
      case 'constant_score': {
        const inner = this.compile((body as Q)?.filter);
        return (d) => (inner(d) === null ? null : 1);
      }
      default:
        throw parsingError(`unknown query [${kind}]`);
    }
  }

  private field(name: string) {
    return resolveField(this.flat, name);
  }

  /** Fields a query without a field searches: `*` means every text and keyword field. */
  defaultFields(fields: unknown, defaultField: unknown): string[] {
    const requested = Array.isArray(fields)
      ? fields.map(String)
      : [typeof defaultField === 'string' ? defaultField : '*'];
    const out: string[] = [];
    for (const f of requested.map((r) => r.replace(/\^.*$/, ''))) {
      if (!f.includes('*')) {
        out.push(f);
        continue;
      }
      const re = wildcardRegExp(f);
      for (const [name, m] of this.flat) {
        if (re.test(name) && (m.type === 'text' || m.type === 'keyword') && typeof m.parent !== 'string')
          out.push(name);
      }
    }
    return out;
  }

  private bool(body: Q): Scorer {
    const list = (k: string) =>
      body[k] === undefined ? [] : Array.isArray(body[k]) ? (body[k] as unknown[]) : [body[k]];
    const must = list('must').map((q) => this.compile(q));
    const filter = list('filter').map((q) => this.compile(q));
    const should = list('should').map((q) => this.compile(q));
    const mustNot = list('must_not').map((q) => this.compile(q));
    const msmRaw = body.minimum_should_match;
    const msm =
      msmRaw !== undefined
        ? Number(String(msmRaw).replace('%', ''))
        : must.length + filter.length === 0 && should.length > 0
          ? 1
          : 0;
    const required = String(msmRaw ?? '').endsWith('%') ? Math.floor((should.length * msm) / 100) : msm;
    return (d) => {
      let score = 0;
      for (const s of must) {
        const r = s(d);
        if (r === null) return null;
        score += r;
      }
      for (const f of filter) if (f(d) === null) return null;
      for (const n of mustNot) if (n(d) !== null) return null;
      let matched = 0;
      for (const s of should) {
        const r = s(d);
        if (r !== null) {
          matched++;
          score += r;
        }
      }
      if (matched < required) return null;
      return must.length + should.length === 0 ? 0 : score;
    };
  }

  private term(body: unknown): Scorer {
    const { field, opts } = fieldClause('term', body, 'value');
    const f = this.field(field);
    const ci = opts.case_insensitive === true;
    const want = queryTerm(opts.value, f);
    return (d) =>
      indexedTerms(d._source, f).some((t) =>
        ci && typeof t === 'string' ? t.toLowerCase() === String(want).toLowerCase() : compareTerms(t, want) === 0,
      )
        ? 1
        : null;
  }

  private terms(body: Q): Scorer {
    const entries = Object.entries(body ?? {}).filter(([k]) => k !== 'boost' && k !== '_name');
    if (entries.length !== 1 || !Array.isArray(entries[0]![1]))
      throw parsingError('[terms] query requires a field with an array of values');
    const f = this.field(entries[0]![0]);
    const wanted = (entries[0]![1] as unknown[]).map((v) => queryTerm(v, f));
    return (d) => (indexedTerms(d._source, f).some((t) => wanted.some((w) => compareTerms(t, w) === 0)) ? 1 : null);
  }

  private match(body: unknown, phrase: boolean): Scorer {
    const kind = phrase ? 'match_phrase' : 'match';
    const { field, opts } = fieldClause(kind, body, 'query');
    if (opts.query === undefined) throw parsingError(`[${kind}] requires query value`);
    return this.matchField(field, opts, phrase);
  }

  private matchField(field: string, opts: Q, phrase: boolean): Scorer {
    const f = this.field(field);
    if (f.type !== 'text' && f.type !== 'match_only_text') {
      // query_string is lenient: a word that is no number or date simply matches nothing in such fields.
      if (isNumeric(f.type) && Number.isNaN(Number(opts.query))) return () => null;
      if (isDate(f.type) && opts.lenient) return () => null;
      return this.term({ [field]: { value: opts.query } });
    }
    const tokens = tokenize(String(opts.query));
    if (tokens.length === 0) return () => null;
    if (phrase) {
      return (d) => {
        const values = indexedTermsPerValue(d, f.path);
        return values.some((vt) => containsSequence(vt, tokens)) ? tokens.length : null;
      };
    }
    const and = String(opts.operator ?? 'or').toLowerCase() === 'and';
    const msm =
      opts.minimum_should_match !== undefined ? Number(String(opts.minimum_should_match).replace('%', '')) : undefined;
    return (d) => {
      const have = new Set(indexedTerms(d._source, f));
      const hits = tokens.filter((t) => have.has(t)).length;
      const needed = and
        ? tokens.length
        : msm !== undefined
          ? Math.max(1, String(opts.minimum_should_match).endsWith('%') ? Math.floor((tokens.length * msm) / 100) : msm)
          : 1;
      return hits >= needed ? hits : null;
    };
  }

  private multiMatch(body: Q): Scorer {
    if (body?.query === undefined) throw parsingError('[multi_match] requires query value');
    const fields = this.defaultFields(body.fields, undefined);
    const phrase = body.type === 'phrase';
    const scorers = fields.map((field) =>
      this.matchField(field, { query: body.query, operator: body.operator }, phrase),
    );
    return (d) => {
      let best: number | null = null;
      for (const s of scorers) {
        const r = s(d);
        if (r !== null && (best === null || r > best)) best = r;
      }
      return best;
    };
  }

  private range(body: unknown): Scorer {
    const { field, opts } = fieldClause('range', body, 'gte');
    const f = this.field(field);
    const conv = (v: unknown, up: boolean): Term =>
      isDate(f.type)
        ? parseDateMath(v as string, up)
        : isNumeric(f.type)
          ? Number(v)
          : typeof v === 'number'
            ? v
            : String(v);
    const bounds: Array<[Term, (c: number) => boolean]> = [];
    const add = (v: unknown, up: boolean, ok: (c: number) => boolean) => {
      if (v !== undefined && v !== null) bounds.push([conv(v, up), ok]);
    };
    add(opts.gte ?? (opts.include_lower === false ? undefined : opts.from), false, (c) => c >= 0);
    add(opts.gt ?? (opts.include_lower === false ? opts.from : undefined), true, (c) => c > 0);
    add(opts.lte ?? (opts.include_upper === false ? undefined : opts.to), true, (c) => c <= 0);
    add(opts.lt ?? (opts.include_upper === false ? opts.to : undefined), false, (c) => c < 0);
    return (d) =>
      indexedTerms(d._source, f).some((t) => bounds.every(([b, ok]) => ok(compareTerms(t, b)))) ? 1 : null;
  }

  private exists(field: string): Scorer {
    const f = this.field(field);
    const children = [...this.flat.keys()].filter((k) => k.startsWith(`${field}.`)).map((k) => this.field(k));
    return (d) =>
      indexedTerms(d._source, f).length > 0 || children.some((c) => indexedTerms(d._source, c).length > 0) ? 1 : null;
  }

  private pattern(kind: string, body: unknown, toRe: (v: string, ci: boolean) => RegExp): Scorer {
    const { field, opts } = fieldClause(kind, body, 'value');
    const f = this.field(field);
    const value = String(opts.value ?? opts.wildcard ?? '');
    const re = toRe(value, opts.case_insensitive === true);
    return (d) => (indexedTerms(d._source, f).some((t) => re.test(String(t))) ? 1 : null);
  }
}

function indexedTermsPerValue(d: Doc, path: string): string[][] {
  return indexedTerms(d._source, { path, type: 'keyword' }).map((v) => tokenize(String(v)));
}

function containsSequence(hay: string[], needle: string[]): boolean {
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((t, j) => hay[i + j] === t)) return true;
  }
  return false;
}
