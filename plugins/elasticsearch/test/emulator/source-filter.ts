// `_source` filtering: false, a field, a list of fields, or { includes, excludes }, with `*` wildcards.
type Q = Record<string, unknown>;

export function sourceSpec(spec: unknown): { includes: string[]; excludes: string[] } | undefined {
  if (spec === false) return undefined;
  if (spec === undefined || spec === true) return { includes: [], excludes: [] };
  if (typeof spec === 'string') return { includes: [spec], excludes: [] };
  if (Array.isArray(spec)) return { includes: spec.map(String), excludes: [] };
  const s = spec as Q;
  const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
  return { includes: list(s.includes ?? s.include), excludes: list(s.excludes ?? s.exclude) };
}

const toRe = (p: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

export function filterSource(
  source: Record<string, unknown>,
  includes: string[],
  excludes: string[],
): Record<string, unknown> {
  if (!includes.length && !excludes.length) return source;
  const inc = includes.map(toRe);
  const exc = excludes.map(toRe);
  const walk = (obj: Record<string, unknown>, prefix: string, included: boolean): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(obj)) {
      const path = prefix + key;
      if (exc.some((r) => r.test(path))) continue;
      const here = included || inc.length === 0 || inc.some((r) => r.test(path));
      const plain = value !== null && typeof value === 'object' && !Array.isArray(value);
      if (plain) {
        const child = walk(value as Record<string, unknown>, `${path}.`, here);
        if (Object.keys(child).length || (here && !Object.keys(value as object).length)) out[key] = child;
      } else if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) {
        const items = value.map((v) =>
          v && typeof v === 'object' ? walk(v as Record<string, unknown>, `${path}.`, here) : v,
        );
        if (here || items.some((i) => i && typeof i === 'object' && Object.keys(i).length)) out[key] = items;
      } else if (here) {
        out[key] = value;
      }
    }
    return out;
  };
  return walk(source, '', false);
}
