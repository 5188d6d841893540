// Config values from env vars and CLI flags arrive as text: turn exactly-written numbers and booleans into
// their type where the schema asks for one, and an empty YAML key (null) into an empty list or section.
// Nothing else is changed, so 18080.5 for an integer or 5 for a string list is reported, not rounded or cast.
type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
};

function types(schema: JsonSchema): string[] {
  const own = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const fromConst = schema.const !== undefined ? [typeof schema.const] : [];
  return [...own, ...fromConst, ...(schema.anyOf ?? []).flatMap(types)];
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function fromText(schema: JsonSchema, text: string): unknown {
  const kinds = types(schema);
  if (kinds.includes('string')) return text;
  const trimmed = text.trim();
  if (kinds.includes('integer') && INTEGER.test(trimmed)) return Number(trimmed);
  if (kinds.includes('number') && NUMBER.test(trimmed)) return Number(trimmed);
  if (kinds.includes('boolean') && /^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  return text;
}

function memberSchema(schema: JsonSchema, key: string): JsonSchema | undefined {
  if (schema.properties && Object.hasOwn(schema.properties, key)) return schema.properties[key];
  const pattern = schema.patternProperties ? Object.values(schema.patternProperties)[0] : undefined;
  if (pattern) return pattern;
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

/** A copy of `value` with text converted where `schema` asks for a number or boolean (see the file comment). */
export function convertConfigValue(schema: unknown, value: unknown): unknown {
  const s = (schema ?? {}) as JsonSchema;
  const kinds = types(s);
  if (value === null) {
    if (kinds.includes('null')) return null;
    if (kinds.includes('array')) return [];
    if (kinds.includes('object')) return {};
    return null;
  }
  if (typeof value === 'string') return fromText(s, value);
  if (Array.isArray(value)) {
    const items = s.items ?? s.anyOf?.find((branch) => branch.items)?.items;
    return items ? value.map((item) => convertConfigValue(items, item)) : value;
  }
  if (typeof value === 'object') {
    const objectSchema = s.properties || s.patternProperties ? s : s.anyOf?.find((b) => b.properties);
    if (!objectSchema) return value;
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      const inner = memberSchema(objectSchema, key);
      // defined, not assigned: a `__proto__` key stays a key (and is reported) instead of a prototype
      Object.defineProperty(out, key, {
        value: inner ? convertConfigValue(inner, member) : member,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
