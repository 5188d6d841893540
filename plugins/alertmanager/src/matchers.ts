// Label matchers as people write them (`alertname="X",severity=~"crit.*"`, optionally in braces) or as the
// Alertmanager API takes them ({name, value, isRegex, isEqual}).
import { AlertmanagerErrors } from './errors.js';

export interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export type MatcherInput = string | (Partial<Matcher> & { operator?: string });

const EXAMPLE = 'alertname="HighLatency",severity=~"crit.*"';
const OPERATORS = ['=~', '!~', '!=', '='] as const;

function invalid(param: string, text: string, detail: string) {
  return AlertmanagerErrors.create(
    'ALERTMANAGER_ERR_MATCHER_INVALID',
    `${param}: cannot read ${JSON.stringify(text)}: ${detail}`,
    {
      hint: `Write ${param} like ${EXAMPLE} (operators =, !=, =~, !~; quote values with commas or spaces).`,
    },
  );
}

function fromOperator(op: string): Pick<Matcher, 'isRegex' | 'isEqual'> {
  return { isRegex: op === '=~' || op === '!~', isEqual: op === '=' || op === '=~' };
}

/** Parses one text holding one or more comma-separated matchers. */
export function parseMatcherText(input: string, param: string): Matcher[] {
  let text = input.trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
  const out: Matcher[] = [];
  let i = 0;
  const skip = () => {
    while (i < text.length && /[\s,]/.test(text[i])) i++;
  };
  skip();
  while (i < text.length) {
    const nameMatch = /^(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*))\s*/.exec(text.slice(i));
    if (!nameMatch) throw invalid(param, input, `expected a label name at position ${i + 1}`);
    const name = nameMatch[1] !== undefined ? (JSON.parse(`"${nameMatch[1]}"`) as string) : nameMatch[2];
    i += nameMatch[0].length;
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op)
      throw invalid(
        param,
        input,
        `expected an operator (=, !=, =~, !~) after ${JSON.stringify(name)} at position ${i + 1}`,
      );
    i += op.length;
    while (text[i] === ' ') i++;
    let value: string;
    if (text[i] === '"' || text[i] === "'") {
      const quote = text[i];
      let j = i + 1;
      let raw = '';
      while (j < text.length && text[j] !== quote) {
        if (text[j] === '\\' && j + 1 < text.length) {
          const next = text[j + 1];
          raw += next === 'n' ? '\n' : next === 't' ? '\t' : next === quote || next === '\\' ? next : `\\${next}`;
          j += 2;
        } else raw += text[j++];
      }
      if (j >= text.length) throw invalid(param, input, `the value of ${JSON.stringify(name)} has no closing ${quote}`);
      value = raw;
      i = j + 1;
    } else {
      const m = /^[^,]*/.exec(text.slice(i))!;
      value = m[0].trim();
      i += m[0].length;
    }
    out.push({ name, value, ...fromOperator(op) });
    const rest = text.slice(i);
    if (rest.trim() !== '' && !/^\s*,/.test(rest)) throw invalid(param, input, `expected a comma at position ${i + 1}`);
    skip();
  }
  if (out.length === 0) throw invalid(param, input, 'no matcher found');
  return out;
}

/** Matchers from a string, an array of strings and/or objects, or a JSON text of those. */
export function parseMatchers(input: unknown, param = 'matchers'): Matcher[] {
  if (typeof input === 'string') {
    const t = input.trim();
    if (t.startsWith('[')) {
      try {
        return parseMatchers(JSON.parse(t) as unknown, param);
      } catch (err) {
        if ((err as { code?: string }).code) throw err;
      }
    }
    return parseMatcherText(t, param);
  }
  const items = Array.isArray(input) ? input : input && typeof input === 'object' ? [input] : [];
  const out: Matcher[] = [];
  items.forEach((item: unknown, index) => {
    const where = `${param}[${index}]`;
    if (typeof item === 'string') {
      out.push(...parseMatcherText(item, where));
      return;
    }
    if (!item || typeof item !== 'object')
      throw invalid(where, JSON.stringify(item), 'expected a string or an object {name, value, isRegex, isEqual}');
    const o = item as Record<string, unknown>;
    if (typeof o.name !== 'string' || o.name === '')
      throw invalid(where, JSON.stringify(item), 'the object needs a non-empty "name"');
    if (typeof o.value !== 'string') throw invalid(where, JSON.stringify(item), 'the object needs a string "value"');
    if (typeof o.operator === 'string') {
      if (!(OPERATORS as readonly string[]).includes(o.operator))
        throw invalid(where, JSON.stringify(item), `unknown operator ${JSON.stringify(o.operator)}`);
      out.push({ name: o.name, value: o.value, ...fromOperator(o.operator) });
      return;
    }
    out.push({
      name: o.name,
      value: o.value,
      isRegex: o.isRegex === true || o.isRegex === 'true',
      isEqual: !(o.isEqual === false || o.isEqual === 'false'),
    });
  });
  if (out.length === 0) throw invalid(param, JSON.stringify(input), 'no matcher given');
  return out;
}

/** The matcher in Alertmanager's text form, e.g. severity=~"crit.*". */
export function matcherText(m: Matcher): string {
  const op = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return `${m.name}${op}${JSON.stringify(m.value)}`;
}
