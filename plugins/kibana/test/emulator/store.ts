// The part of the shared in-memory document store the Kibana emulator uses. The Elasticsearch emulator's
// DocumentStore satisfies it, so both emulators can serve one set of indices; MemoryStore is a small
// stand-alone implementation for tests that run Kibana alone.

export interface StoredDoc {
  _id: string;
  _source: Record<string, unknown>;
  _version: number;
  _seq_no: number;
  _primary_term: number;
}

export interface IndexResult {
  _id: string;
  _version: number;
  result: string;
  _seq_no: number;
  _primary_term: number;
}

/** What the Kibana emulator needs from a document store. */
export interface KibanaBackingStore {
  createIndex(name: string, opts?: unknown): unknown;
  hasIndex(name: string): boolean;
  resolve(pattern: string): string[];
  index(
    index: string,
    source: Record<string, unknown>,
    id?: string,
    opts?: { opType?: 'create' | 'index' },
  ): IndexResult;
  get(index: string, id: string): StoredDoc | undefined;
  delete(index: string, id: string): boolean;
  docs(index: string): Array<{ _id: string; _source: Record<string, unknown> }>;
  mapping(index: string): unknown;
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Infers an Elasticsearch-like field type from a JSON value. */
function inferType(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'long' : 'float';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return 'date';
  return 'keyword';
}

function addProperties(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const existing = (target[key] as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
      addProperties(existing, value as Record<string, unknown>);
      target[key] = { properties: existing };
    } else if (!target[key]) {
      target[key] = { type: inferType(Array.isArray(value) ? value[0] : value) };
    }
  }
}

/** A minimal in-memory store with the shared store's method names (sequence numbers, versions, wildcards). */
export class MemoryStore implements KibanaBackingStore {
  private readonly indices = new Map<string, Map<string, StoredDoc>>();
  private seqNo = 0;
  private nextId = 0;

  createIndex(name: string): void {
    if (!this.indices.has(name)) this.indices.set(name, new Map());
  }

  hasIndex(name: string): boolean {
    return this.indices.has(name);
  }

  resolve(pattern: string): string[] {
    const names = [...this.indices.keys()];
    const found = new Set<string>();
    for (const part of pattern.split(',').map((p) => p.trim())) {
      const re = wildcard(part);
      for (const name of names) if (re.test(name) && (part.startsWith('.') || !name.startsWith('.'))) found.add(name);
    }
    return [...found].sort();
  }

  index(
    index: string,
    source: Record<string, unknown>,
    id?: string,
    opts?: { opType?: 'create' | 'index' },
  ): IndexResult {
    this.createIndex(index);
    const docs = this.indices.get(index)!;
    const docId = id ?? `doc${++this.nextId}`;
    const previous = docs.get(docId);
    if (previous && opts?.opType === 'create') throw new Error(`version conflict, document already exists`);
    const doc: StoredDoc = {
      _id: docId,
      _source: structuredClone(source),
      _version: (previous?._version ?? 0) + 1,
      _seq_no: this.seqNo++,
      _primary_term: 1,
    };
    docs.set(docId, doc);
    return { ...doc, result: previous ? 'updated' : 'created' };
  }

  get(index: string, id: string): StoredDoc | undefined {
    const doc = this.indices.get(index)?.get(id);
    return doc ? structuredClone(doc) : undefined;
  }

  delete(index: string, id: string): boolean {
    return this.indices.get(index)?.delete(id) ?? false;
  }

  docs(index: string): Array<{ _id: string; _source: Record<string, unknown> }> {
    return [...(this.indices.get(index)?.values() ?? [])].map((d) => ({
      _id: d._id,
      _source: structuredClone(d._source),
    }));
  }

  mapping(index: string): { mappings: { properties: Record<string, unknown> } } {
    const properties: Record<string, unknown> = {};
    for (const doc of this.indices.get(index)?.values() ?? []) addProperties(properties, doc._source);
    return { mappings: { properties } };
  }
}
