// D4: tool arguments are bounded before any tool sees them, and are well-formed Unicode text: no string longer than DEFAULT_MAX_STRING characters and
// no more than DEFAULT_MAX_ARGUMENT_CHARS in all, unless the tool's input schema declares more for a property
// (`maxLength`), which then raises both limits for that tool. One pass, no recursion.

export const DEFAULT_MAX_STRING = 256 * 1024;
export const DEFAULT_MAX_ARGUMENT_CHARS = 1024 * 1024;

// With the u flag a surrogate pair is one code point, so only a lone surrogate is in the Cs category.
const LONE_SURROGATE = /\p{Cs}/u;

type Schema = { properties?: Record<string, Schema>; items?: Schema; maxLength?: number } | undefined;

/** The largest maxLength a schema declares anywhere (properties and items), or 0. */
function largestDeclared(schema: Schema, depth = 0): number {
  if (!schema || typeof schema !== 'object' || depth > 16) return 0;
  let most = typeof schema.maxLength === 'number' ? schema.maxLength : 0;
  for (const child of Object.values(schema.properties ?? {})) most = Math.max(most, largestDeclared(child, depth + 1));
  return Math.max(most, largestDeclared(schema.items, depth + 1));
}

const limitsBySchema = new WeakMap<object, { string: number; total: number }>();

function limitsOf(schema: unknown): { string: number; total: number } {
  if (!schema || typeof schema !== 'object') return { string: DEFAULT_MAX_STRING, total: DEFAULT_MAX_ARGUMENT_CHARS };
  let limits = limitsBySchema.get(schema);
  if (!limits) {
    const declared = largestDeclared(schema as Schema);
    limits = {
      string: Math.max(DEFAULT_MAX_STRING, declared),
      total: Math.max(DEFAULT_MAX_ARGUMENT_CHARS, declared + 64 * 1024),
    };
    limitsBySchema.set(schema, limits);
  }
  return limits;
}

/** What is too large about a call's arguments, or undefined when they are within the tool's limits. */
export function argumentLimitProblem(inputSchema: unknown, args: unknown): string | undefined {
  const limits = limitsOf(inputSchema);
  let total = 0;
  const stack: Array<{ value: unknown; path: string }> = [{ value: args, path: '' }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      // A lone UTF-16 surrogate cannot be encoded (URLs, UTF-8 bodies): refused here instead of failing inside a tool.
      if (LONE_SURROGATE.test(value))
        return `argument ${path || '(root)'} contains a lone UTF-16 surrogate (invalid Unicode text)`;
      if (value.length > limits.string)
        return `argument ${path || '(root)'} is ${value.length} characters long; the limit is ${limits.string}`;
      total += value.length;
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        total += key.length + 4;
        stack.push({ value: child, path: path ? `${path}.${key.slice(0, 40)}` : key.slice(0, 40) });
      }
    } else total += 8;
    if (total > limits.total) return `the arguments are larger than ${limits.total} characters in all`;
  }
  return undefined;
}
