// SEP-2243 (2026-07-28): a tool argument marked `"x-mcp-header": "Name"` in its input schema is mirrored by the
// client in an `Mcp-Param-Name` HTTP header, so proxies can route on it without reading the body. The server
// checks that header and body agree before the tool runs: a missing, malformed or different header is
// 400 + -32020 (HeaderMismatch). Values may be sent as `=?base64?<canonical base64>?=`.

export const HEADER_MISMATCH = -32020;

export interface ParamHeaderDeclaration {
  /** Property path from the schema root through `properties` only. */
  path: string[];
  header: string;
  type?: string;
}

/** Declarations reachable through a chain of `properties` keys (the only place the spec allows them). */
export function paramHeaderDeclarations(schema: unknown, path: string[] = []): ParamHeaderDeclaration[] {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!properties || typeof properties !== 'object') return [];
  const found: ParamHeaderDeclaration[] = [];
  for (const [key, value] of Object.entries(properties)) {
    const property = value as { 'x-mcp-header'?: unknown; type?: unknown };
    if (typeof property?.['x-mcp-header'] === 'string' && property['x-mcp-header']) {
      found.push({
        path: [...path, key],
        header: property['x-mcp-header'],
        type: typeof property.type === 'string' ? property.type : undefined,
      });
    }
    found.push(...paramHeaderDeclarations(value, [...path, key]));
  }
  return found;
}

const declarationsBySchema = new WeakMap<object, ParamHeaderDeclaration[]>();

/** paramHeaderDeclarations of a tool's input schema, found once per schema. */
export function toolParamHeaders(schema: unknown): ParamHeaderDeclaration[] {
  if (!schema || typeof schema !== 'object') return [];
  let found = declarationsBySchema.get(schema);
  if (!found) declarationsBySchema.set(schema, (found = paramHeaderDeclarations(schema)));
  return found;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SENTINEL = /^=\?base64\?(.*)\?=$/i;

/** The header's value: literal, or the decoded payload of a `=?base64?…?=` sentinel (undefined when malformed). */
export function decodeParamHeader(raw: string): string | undefined {
  const match = SENTINEL.exec(raw);
  if (!match) return raw;
  const payload = match[1];
  if (!BASE64.test(payload)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(payload, 'base64'));
  } catch {
    return undefined;
  }
}

function valueAt(args: unknown, path: string[]): unknown {
  let node = args;
  for (const key of path) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Why the headers disagree with the body, or undefined when they agree. `headers` are lower-cased names. */
export function paramHeaderMismatch(
  declarations: ParamHeaderDeclaration[],
  args: unknown,
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  for (const decl of declarations) {
    const body = valueAt(args, decl.path);
    if (body === undefined || body === null || typeof body === 'object') continue;
    const name = `Mcp-Param-${decl.header}`;
    const header = headers[name.toLowerCase()];
    const raw = Array.isArray(header) ? header[0] : header;
    if (raw === undefined)
      return `the body carries ${decl.path.join('.')}=${JSON.stringify(body)} but the ${name} header is absent`;
    const decoded = decodeParamHeader(raw.trim());
    if (decoded === undefined) return `the ${name} header carries an invalid Base64 value`;
    const equal =
      typeof body === 'number' ? decoded.trim() !== '' && Number(decoded) === body : decoded === String(body);
    if (!equal)
      return `the ${name} header says ${JSON.stringify(decoded)} but the body carries ${decl.path.join('.')}=${JSON.stringify(body)}`;
  }
  return undefined;
}
