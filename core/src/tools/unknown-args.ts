// Arguments a tool does not declare are dropped, not refused, so a call with a stray argument still works;
// the result then says which were ignored, with the nearest declared name ("limitt" → "limit").
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { TSchema } from 'typebox';
import { closestName } from '../helpers/suggest.js';
import { isCallToolResult } from './result.js';

type ObjectSchema = {
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  patternProperties?: unknown;
};

export interface IgnoredArgument {
  name: string;
  /** The declared argument it is most likely a misspelling of. */
  suggestion?: string;
}

/** The input without undeclared top-level keys, and those keys. Open schemas (additionalProperties) keep all. */
export function dropUnknownArguments(
  schema: TSchema | undefined,
  input: unknown,
): { value: unknown; ignored: IgnoredArgument[] } {
  const s = schema as ObjectSchema | undefined;
  const open = s?.patternProperties !== undefined || (s?.additionalProperties ?? false) !== false;
  if (!s?.properties || open || !input || typeof input !== 'object' || Array.isArray(input))
    return { value: input, ignored: [] };
  const declared = Object.keys(s.properties);
  const ignored: IgnoredArgument[] = [];
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (Object.hasOwn(s.properties, key)) {
      // defined, not assigned: a `__proto__` argument stays an argument (and fails validation)
      Object.defineProperty(kept, key, { value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const suggestion = closestName(key, declared);
    ignored.push(suggestion ? { name: key, suggestion } : { name: key });
  }
  return { value: kept, ignored };
}

/** The result with one more text block naming the ignored arguments. */
export function withIgnoredNote(result: CallToolResult, ignored: IgnoredArgument[]): CallToolResult {
  const multiRound = (result as { resultType?: unknown }).resultType !== undefined;
  if (!ignored.length || multiRound || !isCallToolResult(result)) return result;
  const names = ignored.map((a) => (a.suggestion ? `${a.name} (did you mean ${a.suggestion}?)` : a.name));
  const text = `Note: ignored unknown argument${ignored.length > 1 ? 's' : ''} ${names.join(', ')}; tools/list shows this tool's arguments.`;
  return { ...result, content: [...result.content, { type: 'text', text }] };
}
