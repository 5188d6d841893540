// JSONPath-style reads of one part of a dashboard (`panels[0].title`, `$.templating.list[*].name`,
// `panels[?(@.type=="row")].title`), so an agent reads what it needs instead of the whole JSON. jsonpath-plus is
// loaded by the first read, not at start-up.
import { GrafanaErrors } from './errors.js';

/** Accepts `$.a.b`, `a.b`, `.a.b`, `a[0]`, `a.0` (a number segment is an index). */
export function normalisePath(path: string): string {
  let p = path.trim();
  if (!p) return '$';
  if (p.startsWith('$')) return p;
  if (p.startsWith('.')) p = p.slice(1);
  p = p.replace(/\.(\d+)(?=\.|\[|$)/g, '[$1]');
  p = p.replace(/^(\d+)(?=\.|\[|$)/, '[$1]');
  return p.startsWith('[') ? `$${p}` : `$.${p}`;
}

export interface PropertyRead {
  path: string;
  found: boolean;
  /** One match is the value itself; several come as a list. */
  value?: unknown;
  matches: number;
}

export async function readProperty(json: unknown, path: string): Promise<PropertyRead> {
  const normal = normalisePath(path);
  const { JSONPath } = await import('jsonpath-plus');
  let results: unknown[];
  try {
    results = JSONPath({ path: normal, json: json as object, wrap: true, eval: 'safe' }) as unknown[];
  } catch (err) {
    throw GrafanaErrors.create(
      'GRAFANA_ERR_PROPERTY_PATH_INVALID',
      `cannot read propertyPath ${JSON.stringify(path)}: ${(err as Error).message}`,
    );
  }
  if (results.length === 0) return { path: normal, found: false, matches: 0 };
  return { path: normal, found: true, matches: results.length, value: results.length === 1 ? results[0] : results };
}

/** Top-level keys of an object, to tell the agent what exists when a path finds nothing. */
export function availableKeys(json: unknown): string[] {
  return json && typeof json === 'object' && !Array.isArray(json) ? Object.keys(json).slice(0, 50) : [];
}
