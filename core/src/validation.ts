// The one way to validate a value against a typebox schema: defaults applied, errors as key paths.
import type { TSchema } from 'typebox';
import { Compile, Settings, Value } from './vendor/typebox.js';
import { convertConfigValue } from './config/convert.js';
import {
  betterMessage,
  isUnionBranchError,
  nearestKnownKey,
  unionOfBranch,
  type SchemaError,
} from './helpers/schema-messages.js';

export interface Issue {
  /** Dotted path of the offending key ('' for the root), e.g. `server.port` or `matchers[0].name`. */
  path: string;
  message: string;
  value: unknown;
  /** A close valid value or key, shown as "did you mean …". */
  suggestion?: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

interface Checker {
  Check(value: unknown): boolean;
  Errors(value: unknown): ReturnType<ReturnType<typeof Compile>['Errors']>;
}
const compiled = new WeakMap<object, Checker>();

/**
 * The configuration is validated once, at start-up: generating a validator's code costs more than checking once
 * by walking the schema (the same checks and the same errors), so config schemas are not compiled.
 */
function walkingChecker(schema: TSchema): Checker {
  return { Check: (value) => Value.Check(schema, value), Errors: (value) => Value.Errors(schema, value) };
}

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
  /** Exact text to numbers/booleans where the schema asks (config from env vars); an empty YAML key to []/{}. */
  convert?: boolean;
}

/**
 * typebox stops after 8 errors (a guard for untrusted input), and one enum mistake costs one error per allowed
 * value. Config (`convert`) comes from the operator, who should see every mistake at once.
 */
function errorsOf(checker: Checker, value: unknown, config: boolean) {
  if (!config) return checker.Errors(value);
  const saved = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: 200 });
  try {
    return checker.Errors(value);
  } finally {
    Settings.Set({ maxErrors: saved });
  }
}

const withDefaults = new WeakMap<object, boolean>();

/** Does the schema declare a `default` anywhere (a false positive only costs a copy)? */
function hasDefaults(schema: TSchema): boolean {
  let found = withDefaults.get(schema);
  if (found === undefined) {
    found = JSON.stringify(schema).includes('"default":');
    withDefaults.set(schema, found);
  }
  return found;
}

/** A deep copy of parsed JSON or YAML data, far cheaper than structuredClone; anything else is structuredCloned. */
function copyData(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyData);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyData((value as Record<string, unknown>)[key]);
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}

export function validate<T = unknown>(
  schema: TSchema,
  input: unknown,
  options: ValidateOptions = { defaults: true },
): Validated<T> {
  // Conversion and defaults change the value, so they work on a copy; a schema without defaults needs neither.
  const fillDefaults = !!options.defaults && hasDefaults(schema);
  let value = input !== undefined && (options.convert || fillDefaults) ? copyData(input) : input;
  if (options.convert) value = convertConfigValue(schema, value);
  if (fillDefaults) value = Value.Default(schema, value);
  const checker = options.convert ? walkingChecker(schema) : checkerFor(schema);
  if (checker.Check(value)) return { ok: true, value: value as T };
  const seen = new Set<string>();
  const issues: Issue[] = [];
  const errors = errorsOf(checker, value, !!options.convert);
  for (const raw of errors) {
    // additionalProperties reports the object; name the extra key instead, and drop typebox's duplicate "schema is false".
    // A union's branches are summed up by the union's own error (the allowed values).
    const union = isUnionBranchError(raw as SchemaError) ? unionOfBranch(raw as SchemaError) : undefined;
    if (raw.keyword === 'boolean' || (isUnionBranchError(raw as SchemaError) && !union)) continue;
    const error = union ? { ...raw, ...union } : raw;
    const extra = (error.params as { additionalProperties?: string[] }).additionalProperties;
    const pointers = extra ? extra.map((k) => `${error.instancePath}/${k}`) : [error.instancePath];
    for (const pointer of pointers) {
      const better = extra
        ? {
            message: 'is not a known key',
            suggestion: nearestKnownKey(schema, error.schemaPath, pointer.split('/').pop()!),
          }
        : betterMessage(schema, error as SchemaError, valueAt(value, pointer));
      const message = better?.message ?? error.message;
      const key = `${pointer}|${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const issue: Issue = { path: pointerToPath(pointer), message, value: valueAt(value, pointer) };
      if (better?.suggestion !== undefined) issue.suggestion = better.suggestion;
      issues.push(issue);
    }
  }
  if (!issues.length && errors[0]) {
    const first = errors[0];
    issues.push({
      path: pointerToPath(first.instancePath),
      message: first.message,
      value: valueAt(value, first.instancePath),
    });
  }
  return { ok: false, issues };
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `server.port: must be a whole number (got 18080.5); did you mean 18080?` */
export function formatIssue(issue: Issue, prefix = ''): string {
  const near = issue.suggestion === undefined ? '' : `; did you mean ${issue.suggestion}?`;
  return `${prefix}${issue.path || '(root)'}: ${issue.message} (got ${describeValue(issue.value)})${near}`;
}

/** The issues on one line; `prefix` names the section (`prometheus.`). */
export function formatIssues(issues: Issue[], prefix = ''): string {
  return issues.map((i) => formatIssue(i, prefix)).join('; ');
}
