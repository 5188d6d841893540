// ES|QL expressions for WHERE: comparisons, AND/OR/NOT, IS [NOT] NULL, LIKE, IN, NOW() ± time spans.
import { toEpochMs } from './datemath.js';
import { StoreError } from './errors.js';

export type Row = Record<string, unknown>;
export type Expr = (row: Row) => unknown;

const SPAN_MS: Record<string, number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

export function esqlError(reason: string): StoreError {
  return new StoreError('parsing_exception', `line 1:1: ${reason}`);
}

function tokens(text: string): string[] {
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]+`|==|!=|<=|>=|[<>()+\-*/,]|[A-Za-z_@][\w.@]*|\d+(?:\.\d+)?)/gy;
  const out: string[] = [];
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text))) {
    out.push(m[1]!);
    last = re.lastIndex;
  }
  if (text.slice(last).trim()) throw esqlError(`token recognition error at: '${text.slice(last).trim()[0]}'`);
  return out;
}

function compare(a: unknown, b: unknown): number | undefined {
  if (a === null || a === undefined || b === null || b === undefined) return undefined;
  if (typeof a === 'number' || typeof b === 'number') {
    const [x, y] = [
      typeof a === 'number' ? a : (toEpochMs(a) ?? Number(a)),
      typeof b === 'number' ? b : (toEpochMs(b) ?? Number(b)),
    ];
    return x - y;
  }
  const [da, db] = [toEpochMs(a), toEpochMs(b)];
  if (da !== undefined && db !== undefined) return da - db;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Compiles a WHERE expression; `column` validates names (throws on unknown columns). */
export function compileExpr(text: string, column: (name: string) => string, now = Date.now()): Expr {
  const t = tokens(text);
  let i = 0;
  const peek = () => t[i]?.toUpperCase();
  const next = () => t[i++];
  const expect = (tok: string) => {
    if (peek() !== tok) throw esqlError(`mismatched input '${t[i] ?? '<EOF>'}' expecting '${tok}'`);
    i++;
  };
  const or = (): Expr => {
    let left = and();
    while (peek() === 'OR') {
      next();
      const [l, r] = [left, and()];
      left = (row) => Boolean(l(row)) || Boolean(r(row));
    }
    return left;
  };
  const and = (): Expr => {
    let left = not();
    while (peek() === 'AND') {
      next();
      const [l, r] = [left, not()];
      left = (row) => Boolean(l(row)) && Boolean(r(row));
    }
    return left;
  };
  const not = (): Expr => {
    if (peek() === 'NOT') {
      next();
      const inner = not();
      return (row) => !inner(row);
    }
    return comparison();
  };
  const comparison = (): Expr => {
    const left = additive();
    const op = peek();
    if (op === 'IS') {
      next();
      const negate = peek() === 'NOT' ? (next(), true) : false;
      expect('NULL');
      return (row) => (left(row) === null || left(row) === undefined) !== negate;
    }
    if (op === 'LIKE' || (op === 'NOT' && t[i + 1]?.toUpperCase() === 'LIKE')) {
      const negate = op === 'NOT' ? (next(), true) : false;
      next();
      const pattern = String(additive()({}));
      const re = new RegExp(
        `^${pattern
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        's',
      );
      return (row) => {
        const v = left(row);
        return v === null || v === undefined ? false : re.test(String(v)) !== negate;
      };
    }
    if (op === 'IN') {
      next();
      expect('(');
      const items: Expr[] = [additive()];
      while (peek() === ',') {
        next();
        items.push(additive());
      }
      expect(')');
      return (row) => items.some((it) => compare(left(row), it(row)) === 0);
    }
    const ops: Record<string, (c: number) => boolean> = {
      '==': (c) => c === 0,
      '!=': (c) => c !== 0,
      '<': (c) => c < 0,
      '<=': (c) => c <= 0,
      '>': (c) => c > 0,
      '>=': (c) => c >= 0,
    };
    if (op && ops[op]) {
      next();
      const right = additive();
      return (row) => {
        const c = compare(left(row), right(row));
        return c !== undefined && ops[op]!(c);
      };
    }
    return left;
  };
  const additive = (): Expr => {
    let left = primary();
    while (peek() === '+' || peek() === '-') {
      const sign = next() === '-' ? -1 : 1;
      const right = primary();
      const unit = peek()?.toLowerCase().replace(/s$/, '');
      if (unit && SPAN_MS[unit] !== undefined) {
        next();
        const l = left;
        left = (row) => (toEpochMs(l(row)) ?? Number(l(row))) + sign * Number(right(row)) * SPAN_MS[unit]!;
      } else {
        const l = left;
        left = (row) => Number(l(row)) + sign * Number(right(row));
      }
    }
    return left;
  };
  const primary = (): Expr => {
    const tok = next();
    if (tok === undefined) throw esqlError("mismatched input '<EOF>'");
    if (tok === '(') {
      const e = or();
      expect(')');
      return e;
    }
    if (tok.startsWith('"')) {
      const s = JSON.parse(tok) as string;
      return () => s;
    }
    if (/^\d/.test(tok)) return () => Number(tok);
    const upper = tok.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return () => upper === 'TRUE';
    if (upper === 'NULL') return () => null;
    if (upper === 'NOW' && peek() === '(') {
      next();
      expect(')');
      return () => now;
    }
    const name = column(tok.replace(/^`|`$/g, ''));
    return (row) => row[name];
  };
  const expr = or();
  if (i < t.length) throw esqlError(`extraneous input '${t[i]}'`);
  return expr;
}
