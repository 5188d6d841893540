// Validation messages a person can act on: a union of constants lists the allowed values (with the nearest
// one), an unknown key names the closest known key, a number that must be whole says so.
import { closestName } from './suggest.js';

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
};

export interface SchemaError {
  keyword: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message: string;
}

/** The sub-schema a typebox schemaPath (`#/properties/server/anyOf/0`) points at. */
export function schemaAt(root: unknown, schemaPath: string): JsonSchema | undefined {
  let cur = root as Record<string, unknown> | undefined;
  for (const part of schemaPath.replace(/^#/, '').split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[part.replace(/~1/g, '/').replace(/~0/g, '~')] as Record<string, unknown> | undefined;
  }
  return cur as JsonSchema | undefined;
}

/** A branch error inside an anyOf: reported once, by the anyOf itself. */
export function isUnionBranchError(error: SchemaError): boolean {
  return /\/anyOf\/\d+(\/|$)/.test(error.schemaPath);
}

/**
 * For an error of a union's branch itself (`…/anyOf/2`, at the union's own value), the union's error: typebox
 * may stop (maxErrors) before it reaches the union's summary, so the first branch error stands for it.
 */
export function unionOfBranch(error: SchemaError): SchemaError | undefined {
  // the outermost of directly nested unions (a union of unions of constants is one list of choices)
  const match = /^(.*?)(?:\/anyOf\/\d+)+$/.exec(error.schemaPath);
  if (!match) return undefined;
  return { keyword: 'anyOf', schemaPath: match[1], params: {}, message: 'must match a schema in anyOf' };
}

function describeBranch(branch: JsonSchema): string {
  if (branch.const !== undefined) return JSON.stringify(branch.const);
  if (branch.enum) return branch.enum.map((v) => JSON.stringify(v)).join(' | ');
  const type = Array.isArray(branch.type) ? branch.type.join(' or ') : (branch.type ?? 'value');
  if (type === 'array') return `a list${branch.items?.type ? ` of ${String(branch.items.type)}s` : ''}`;
  return type === 'object' ? 'a mapping' : `a ${type}`;
}

function allowedConstants(schema: JsonSchema | undefined): unknown[] | undefined {
  if (schema?.enum) return schema.enum;
  if (schema?.const !== undefined) return [schema.const];
  const branches = schema?.anyOf?.map(allowedConstants);
  if (!branches?.length || branches.some((b) => b === undefined)) return undefined;
  return [...new Set(branches.flat())];
}

export interface BetterMessage {
  message: string;
  /** The nearest allowed value, for a "did you mean". */
  suggestion?: string;
}

/** The message for one error, or undefined to keep typebox's own. */
export function betterMessage(root: unknown, error: SchemaError, value: unknown): BetterMessage | undefined {
  if (error.keyword === 'anyOf' || error.keyword === 'enum') {
    const schema = schemaAt(root, error.schemaPath);
    const allowed = allowedConstants(schema);
    if (allowed) {
      const strings = allowed.filter((v): v is string => typeof v === 'string');
      return {
        message: `must be one of ${allowed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' | ')}`,
        suggestion: typeof value === 'string' ? closestName(value, strings) : undefined,
      };
    }
    if (schema?.anyOf) return { message: `must be ${schema.anyOf.map(describeBranch).join(' or ')}` };
  }
  if (error.keyword === 'const') return { message: `must be ${JSON.stringify(error.params.allowedValue)}` };
  if (error.keyword === 'type' && error.params.type === 'integer') {
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
    if (Number.isFinite(number)) return { message: 'must be a whole number', suggestion: String(Math.trunc(number)) };
    return { message: 'must be a whole number' };
  }
  return undefined;
}

/** The known key of the object schema at schemaPath nearest to an unknown `key`. */
export function nearestKnownKey(root: unknown, objectSchemaPath: string, key: string): string | undefined {
  const properties = schemaAt(root, objectSchemaPath)?.properties;
  return properties ? closestName(key, Object.keys(properties)) : undefined;
}
