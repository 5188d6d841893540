// Mappings flattened to `field → type` (sub-fields like `message.keyword` included), and field caps condensed.
import type { estypes } from '@elastic/elasticsearch';

export interface FieldType {
  field: string;
  type: string;
}

export function flattenProperties(props: Record<string, estypes.MappingProperty>, prefix = ''): FieldType[] {
  const out: FieldType[] = [];
  for (const [name, p] of Object.entries(props)) {
    const full = prefix + name;
    const prop = p as {
      type?: string;
      properties?: Record<string, estypes.MappingProperty>;
      fields?: Record<string, estypes.MappingProperty>;
    };
    if (prop.properties) {
      if (prop.type && prop.type !== 'object') out.push({ field: full, type: prop.type });
      out.push(...flattenProperties(prop.properties, `${full}.`));
      continue;
    }
    out.push({ field: full, type: prop.type ?? 'object' });
    for (const [sub, sp] of Object.entries(prop.fields ?? {}))
      out.push({ field: `${full}.${sub}`, type: (sp as { type?: string }).type ?? 'object' });
  }
  return out;
}

export function wildcardMatcher(pattern: string | undefined): (name: string) => boolean {
  if (!pattern) return () => true;
  const res = pattern.split(',').map(
    (p) =>
      new RegExp(
        `^${p
          .trim()
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')}$`,
      ),
  );
  return (name) => res.some((r) => r.test(name));
}

export interface FieldCap {
  field: string;
  types: string[];
  searchable: boolean;
  aggregatable: boolean;
  /** Indices per type, when the type differs between indices (a mapping conflict). */
  conflicts?: Record<string, string[]>;
}

export function condenseFieldCaps(res: estypes.FieldCapsResponse, includeMeta = false): FieldCap[] {
  const out: FieldCap[] = [];
  for (const [field, byType] of Object.entries(res.fields)) {
    const caps = Object.entries(byType);
    if (!includeMeta && caps.every(([, c]) => c.metadata_field)) continue;
    const cap: FieldCap = {
      field,
      types: caps.map(([t]) => t),
      searchable: caps.every(([, c]) => c.searchable),
      aggregatable: caps.every(([, c]) => c.aggregatable),
    };
    if (caps.length > 1)
      cap.conflicts = Object.fromEntries(caps.map(([t, c]) => [t, ([] as string[]).concat(c.indices ?? [])]));
    out.push(cap);
  }
  return out.sort((a, b) => a.field.localeCompare(b.field));
}
