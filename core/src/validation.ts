// The one way to validate a value against a typebox schema: defaults applied, errors as key paths.
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

export interface Issue {
  /** Dotted path of the offending key ('' for the root), e.g. `server.port` or `matchers[0].name`. */
  path: string;
  message: string;
  value: unknown;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

type Checker = ReturnType<typeof Compile>;
const compiled = new WeakMap<object, Checker>();

function checkerFor(schema: TSchema): Checker {
  let checker = compiled.get(schema);
  if (!checker) {
    checker = Compile(schema);
    compiled.set(schema, checker);
  }
  return checker;
}

export function pointerToPath(pointer: string): string {
  if (!pointer) return '';
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur = root as Record<string, unknown> | undefined;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')] as Record<string, unknown>;
  }
  return cur;
}

export interface ValidateOptions {
  /** Fill `default`s from the schema (on a copy). */
  defaults?: boolean;
  /** Coerce strings to numbers/booleans where the schema asks (config from env vars). */
  convert?: boolean;
}

export function validate<T = unknown>(
  schema: TSchema,
  input: unknown,
  options: ValidateOptions = { defaults: true },
): Validated<T> {
  let value = input === undefined ? undefined : structuredClone(input);
  if (options.convert) value = Value.Convert(schema, value);
  if (options.defaults) value = Value.Default(schema, value);
  const checker = checkerFor(schema);
  if (checker.Check(value)) return { ok: true, value: value as T };
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of checker.Errors(value)) {
    // additionalProperties reports the object; name the extra key instead, and drop typebox's duplicate "schema is false".
    if (error.keyword === 'boolean') continue;
    const extra = (error.params as { additionalProperties?: string[] }).additionalProperties;
    const pointers = extra ? extra.map((k) => `${error.instancePath}/${k}`) : [error.instancePath];
    for (const pointer of pointers) {
      const message = extra ? 'is not a known key' : error.message;
      const key = `${pointer}|${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push({ path: pointerToPath(pointer), message, value: valueAt(value, pointer) });
    }
  }
  return { ok: false, issues };
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `server.port: must be integer (got "abc")`; `prefix` names the section (`prometheus.`). */
export function formatIssues(issues: Issue[], prefix = ''): string {
  return issues.map((i) => `${prefix}${i.path || '(root)'}: ${i.message} (got ${describeValue(i.value)})`).join('; ');
}
