// `query_string` basics translated to the query DSL: terms, field:value, "phrases", wildcards, AND/OR/NOT,
// +/-, parentheses, ranges ([a TO b], >=x) and _exists_:field. Precedence NOT > AND > OR.
import { StoreError } from './errors.js';

type Q = Record<string, unknown>;

class Parser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly fields: string[],
    private readonly defaultAnd: boolean,
    private readonly expand: (field: string) => string[],
  ) {}

  parse(): Q {
    const q = this.or();
    this.skip();
    if (this.pos < this.text.length) this.fail(`unexpected [${this.text.slice(this.pos)}]`);
    return q;
  }

  private fail(why: string): never {
    throw new StoreError('query_shard_exception', `Failed to parse query [${this.text}]`, {}, 400).withCause(why);
  }

  private skip(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private keyword(word: string): boolean {
    this.skip();
    const re = new RegExp(`^${word === '&&' || word === '||' ? word.replace(/[|&]/g, '\\$&') : `${word}(?=[\\s(]|$)`}`);
    const m = re.exec(this.text.slice(this.pos));
    if (!m) return false;
    this.pos += m[0].length;
    return true;
  }

  private or(): Q {
    const parts = [this.and()];
    for (;;) {
      if (this.keyword('OR') || this.keyword('||')) parts.push(this.and());
      else break;
    }
    return parts.length === 1 ? parts[0]! : { bool: { should: parts, minimum_should_match: 1 } };
  }

  private and(): Q {
    const must: Q[] = [];
    const mustNot: Q[] = [];
    const should: Q[] = [];
    let explicitAnd = false;
    const take = () => {
      this.skip();
      if (this.keyword('NOT') || this.peek('-') || this.peek('!')) {
        if (this.peek('-') || this.peek('!')) this.pos++;
        mustNot.push(this.primary());
      } else if (this.peek('+')) {
        this.pos++;
        must.push(this.primary());
      } else {
        const q = this.primary();
        (this.defaultAnd || explicitAnd ? must : should).push(q);
      }
    };
    take();
    for (;;) {
      this.skip();
      if (this.pos >= this.text.length || this.peek(')') || /^(OR|\|\|)(?=[\s(]|$)/.test(this.text.slice(this.pos)))
        break;
      explicitAnd = this.keyword('AND') || this.keyword('&&');
      if (explicitAnd && should.length) must.push(...should.splice(0));
      take();
    }
    if (must.length === 1 && should.length === 0 && mustNot.length === 0) return must[0]!;
    if (should.length === 1 && must.length === 0 && mustNot.length === 0) return should[0]!;
    const bool: Q = {};
    if (must.length) bool.must = must;
    if (mustNot.length) bool.must_not = mustNot;
    if (should.length) {
      bool.should = should;
      if (!must.length) bool.minimum_should_match = 1;
    }
    if (!must.length && !should.length) bool.must = [{ match_all: {} }];
    return { bool };
  }

  private peek(ch: string): boolean {
    return this.text[this.pos] === ch;
  }

  private primary(): Q {
    this.skip();
    if (this.peek('(')) {
      this.pos++;
      const q = this.or();
      this.skip();
      if (!this.peek(')')) this.fail('missing )');
      this.pos++;
      return q;
    }
    const m = /^((?:[^\s:()"\\]|\\.)+):(?!\/)/.exec(this.text.slice(this.pos));
    if (m && !/^[[{]/.test(m[1]!)) {
      this.pos += m[0].length;
      return this.value(m[1]!.replace(/\\(.)/g, '$1'));
    }
    return this.value(undefined);
  }

  private value(field: string | undefined): Q {
    this.skip();
    const rest = this.text.slice(this.pos);
    if (this.peek('(')) {
      const saved = this.fields.splice(0, this.fields.length, ...(field ? [field] : this.fields));
      try {
        return this.primary();
      } finally {
        this.fields.splice(0, this.fields.length, ...saved);
      }
    }
    const phrase = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
    if (phrase) {
      this.pos += phrase[0].length;
      return this.leaf(field, (f) => ({ match_phrase: { [f]: phrase[1]!.replace(/\\(.)/g, '$1') } }));
    }
    const range = /^([[{])\s*(\S+)\s+TO\s+(\S+?)\s*([\]}])/.exec(rest);
    if (range) {
      this.pos += range[0].length;
      const r: Q = {};
      if (range[2] !== '*') r[range[1] === '[' ? 'gte' : 'gt'] = range[2];
      if (range[3] !== '*') r[range[4] === ']' ? 'lte' : 'lt'] = range[3];
      return this.leaf(field, (f) => ({ range: { [f]: r } }));
    }
    const cmp = /^(>=|<=|>|<)((?:[^\s()\\]|\\.)+)/.exec(rest);
    if (cmp) {
      this.pos += cmp[0].length;
      const op = { '>=': 'gte', '<=': 'lte', '>': 'gt', '<': 'lt' }[cmp[1]!]!;
      return this.leaf(field, (f) => ({ range: { [f]: { [op]: cmp[2] } } }));
    }
    const word = /^(?:[^\s()"\\]|\\.)+/.exec(rest);
    if (!word) this.fail('expected a term');
    this.pos += word[0].length;
    const w = word[0].replace(/\\(.)/g, '$1');
    if (field === '_exists_') return { exists: { field: w } };
    if (w === '*' && field) return { exists: { field } };
    if (w === '*') return { match_all: {} };
    if (/[*?]/.test(w)) return this.leaf(field, (f) => ({ wildcard: { [f]: { value: w, case_insensitive: true } } }));
    return this.leaf(field, (f) => ({ match: { [f]: { query: w, lenient: true } } }));
  }

  private leaf(field: string | undefined, make: (f: string) => Q): Q {
    const fields = field ? (field.includes('*') ? this.expand(field) : [field]) : this.fields;
    if (fields.length === 1) return make(fields[0]!);
    if (fields.length === 0) return { match_none: {} };
    return { bool: { should: fields.map(make), minimum_should_match: 1 } };
  }
}

/** Translates a query_string body to the DSL, searching `fields` when a term names no field. */
export function parseQueryString(body: Q, fields: string[], expand: (field: string) => string[]): Q {
  if (typeof body?.query !== 'string')
    throw new StoreError('parsing_exception', '[query_string] requires query value', { line: 1, col: 1 });
  const and = String(body.default_operator ?? 'or').toLowerCase() === 'and';
  return new Parser(body.query, [...fields], and, expand).parse();
}
