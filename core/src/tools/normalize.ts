// Accepts the reference server's argument spellings so users' prompts keep working:
// camelCase or snake_case keys, JSON text where an object or array is expected, a nested `params` wrapper.
import type { TSchema } from 'typebox';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
};

const toSnake = (k: string) => k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const toCamel = (k: string) => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function expects(schema: JsonSchema | undefined, kind: 'object' | 'array' | 'number' | 'integer' | 'boolean'): boolean {
  if (!schema) return false;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes(kind)) return true;
  return (schema.anyOf ?? []).some((s) => expects(s, kind));
}

function expectsString(schema: JsonSchema | undefined): boolean {
  if (!schema) return true;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.includes('string') || (schema.anyOf ?? []).some((s) => expectsString(s));
}

export function normalizeArguments(schema: TSchema | undefined, args: unknown): unknown {
  const s = schema as JsonSchema | undefined;
  if (args === undefined || args === null) return {};
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args);
    } catch {
      return args;
    }
  }
  if (!s?.properties || typeof args !== 'object' || Array.isArray(args)) return args;
  let input = args as Record<string, unknown>;
  const props = s.properties;
  // { params: { … } } wrapper, when the tool has no `params` argument of its own.
  if (!props.params && input.params && typeof input.params === 'object' && !Array.isArray(input.params)) {
    const { params, ...rest } = input;
    input = { ...(params as Record<string, unknown>), ...rest };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const has = (k: string) => Object.hasOwn(props, k);
    const name = has(key) ? key : has(toCamel(key)) ? toCamel(key) : has(toSnake(key)) ? toSnake(key) : key;
    if (name !== key && Object.prototype.hasOwnProperty.call(input, name)) continue; // the exact spelling wins
    // defined, not assigned: a `__proto__` argument stays an argument (and fails validation) instead of a prototype
    Object.defineProperty(out, name, {
      value: coerce(has(name) ? props[name] : undefined, value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function onlyString(schema: JsonSchema): boolean {
  return (
    expectsString(schema) && !expects(schema, 'number') && !expects(schema, 'integer') && !expects(schema, 'boolean')
  );
}

function coerce(schema: JsonSchema | undefined, value: unknown): unknown {
  // Clients (and CLIs) often send 2006 for "2006": a number or boolean where only a string fits becomes its text.
  if (
    (typeof value === 'number' || typeof value === 'boolean') &&
    schema &&
    (schema.type || schema.anyOf) &&
    onlyString(schema)
  )
    return String(value);
  if (typeof value !== 'string' || !schema || expectsString(schema)) return value;
  const text = value.trim();
  if ((expects(schema, 'object') && text.startsWith('{')) || (expects(schema, 'array') && text.startsWith('['))) {
    try {
      return JSON.parse(text);
    } catch {
      return value;
    }
  }
  if ((expects(schema, 'number') || expects(schema, 'integer')) && text !== '' && !Number.isNaN(Number(text)))
    return Number(text);
  if (expects(schema, 'boolean') && (text === 'true' || text === 'false')) return text === 'true';
  if (expects(schema, 'array') && !text.startsWith('['))
    return text
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  return value;
}
