// Saved objects kept as Kibana keeps them: documents in the `.kibana` index, `_id` = `<type>:<id>`, the
// attributes under a key named after the type, `namespaces` naming the spaces that see the object, and
// `version` = base64 of `[_seq_no, _primary_term]`.
import { randomUUID } from 'node:crypto';
import { badRequest, conflict, objectNotFound } from './http.js';
import type { KibanaBackingStore, StoredDoc } from './store.js';

export const KIBANA_INDEX = '.kibana';
export const MIGRATION_VERSION = '8.8.0';

export interface Reference {
  type: string;
  id: string;
  name: string;
}

export interface SavedObject {
  id: string;
  type: string;
  namespaces?: string[];
  attributes: Record<string, unknown>;
  references: Reference[];
  version: string;
  updated_at: string;
  created_at: string;
  managed: boolean;
  coreMigrationVersion: string;
  typeMigrationVersion: string;
}

/** Types the public saved objects API serves (alert, action and space are hidden types). */
export const PUBLIC_TYPES = new Set([
  'dashboard',
  'visualization',
  'search',
  'index-pattern',
  'lens',
  'map',
  'canvas-workpad',
  'config',
  'tag',
  'query',
  'url',
]);
const AGNOSTIC_TYPES = new Set(['space']);
/** Single-namespace types keep one object per space: their `_id` carries the space (`<space>:config:<id>`). */
const SINGLE_NAMESPACE_TYPES = new Set(['config']);

function rawId(type: string, id: string, space: string): string {
  return SINGLE_NAMESPACE_TYPES.has(type) && space !== 'default' ? `${space}:${type}:${id}` : `${type}:${id}`;
}

export const encodeVersion = (doc: Pick<StoredDoc, '_seq_no' | '_primary_term'>): string =>
  Buffer.from(JSON.stringify([doc._seq_no, doc._primary_term])).toString('base64');

function decodeVersion(version: string): [number, number] {
  try {
    const parsed = JSON.parse(Buffer.from(version, 'base64').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2) return parsed as [number, number];
  } catch {
    // fall through
  }
  throw badRequest(`Invalid version [${version}]`);
}

export class SavedObjectsRepository {
  constructor(private readonly store: KibanaBackingStore) {
    if (!store.hasIndex(KIBANA_INDEX)) store.createIndex(KIBANA_INDEX);
  }

  private raw(type: string, id: string, space: string): StoredDoc | undefined {
    return this.store.get(KIBANA_INDEX, rawId(type, id, space));
  }

  private toObject(doc: { _id: string; _source: Record<string, unknown> } & Partial<StoredDoc>): SavedObject {
    const s = doc._source;
    const type = String(s.type);
    return {
      id: doc._id.slice(doc._id.indexOf(`${type}:`) + type.length + 1),
      type,
      ...(AGNOSTIC_TYPES.has(type) ? {} : { namespaces: (s.namespaces as string[]) ?? ['default'] }),
      attributes: (s[type] as Record<string, unknown>) ?? {},
      references: (s.references as Reference[]) ?? [],
      version: encodeVersion({ _seq_no: doc._seq_no ?? 0, _primary_term: doc._primary_term ?? 1 }),
      updated_at: String(s.updated_at),
      created_at: String(s.created_at ?? s.updated_at),
      managed: Boolean(s.managed),
      coreMigrationVersion: MIGRATION_VERSION,
      typeMigrationVersion: String(s.typeMigrationVersion ?? '8.0.0'),
    };
  }

  private visible(doc: StoredDoc | undefined, space: string): doc is StoredDoc {
    if (!doc) return false;
    if (AGNOSTIC_TYPES.has(String(doc._source.type))) return true;
    const namespaces = (doc._source.namespaces as string[] | undefined) ?? ['default'];
    return namespaces.includes(space) || namespaces.includes('*');
  }

  get(type: string, id: string, space: string): SavedObject {
    const doc = this.raw(type, id, space);
    if (!this.visible(doc, space)) throw objectNotFound(type, id);
    return this.toObject(doc);
  }

  find(type: string, id: string, space: string): SavedObject | undefined {
    const doc = this.raw(type, id, space);
    return this.visible(doc, space) ? this.toObject(doc) : undefined;
  }

  all(space: string, types?: Set<string>): SavedObject[] {
    return this.store
      .docs(KIBANA_INDEX)
      .map((d) => this.store.get(KIBANA_INDEX, d._id))
      .filter((d): d is StoredDoc => this.visible(d, space))
      .filter((d) => !types || types.has(String(d._source.type)))
      .map((d) => this.toObject(d));
  }

  create(
    type: string,
    attributes: Record<string, unknown>,
    options: { id?: string; space: string; overwrite?: boolean; references?: Reference[]; namespaces?: string[] },
  ): SavedObject {
    const id = options.id ?? randomUUID();
    const existing = this.raw(type, id, options.space);
    if (existing && (!options.overwrite || !this.visible(existing, options.space)))
      throw conflict(`Saved object [${type}/${id}] conflict`);
    const now = new Date().toISOString();
    const source: Record<string, unknown> = {
      type,
      [type]: attributes,
      references: options.references ?? [],
      updated_at: now,
      created_at: existing ? existing._source.created_at : now,
      managed: false,
      coreMigrationVersion: MIGRATION_VERSION,
      typeMigrationVersion: '8.0.0',
    };
    if (!AGNOSTIC_TYPES.has(type)) source.namespaces = options.namespaces ?? [options.space];
    const key = rawId(type, id, options.space);
    const result = this.store.index(KIBANA_INDEX, source, key);
    return this.toObject({ ...result, _id: key, _source: source });
  }

  /** Partial update: attributes are merged one level deep, as Kibana's update does. */
  update(
    type: string,
    id: string,
    space: string,
    change: { attributes?: Record<string, unknown>; references?: Reference[]; version?: string },
  ): SavedObject {
    const doc = this.raw(type, id, space);
    if (!this.visible(doc, space)) throw objectNotFound(type, id);
    if (change.version) {
      const [seq, term] = decodeVersion(change.version);
      if (seq !== doc._seq_no || term !== doc._primary_term) throw conflict(`Saved object [${type}/${id}] conflict`);
    }
    const source = {
      ...doc._source,
      [type]: { ...(doc._source[type] as Record<string, unknown>), ...(change.attributes ?? {}) },
      ...(change.references ? { references: change.references } : {}),
      updated_at: new Date().toISOString(),
    };
    const result = this.store.index(KIBANA_INDEX, source, doc._id);
    return this.toObject({ ...result, _id: doc._id, _source: source });
  }

  delete(type: string, id: string, space: string, force = false): void {
    const doc = this.raw(type, id, space);
    if (!this.visible(doc, space)) throw objectNotFound(type, id);
    const namespaces = (doc._source.namespaces as string[] | undefined) ?? [];
    if (namespaces.length > 1 && !force)
      throw badRequest(
        'Unable to delete saved object that exists in multiple namespaces, use the `force` option to delete it anyway',
      );
    this.store.delete(KIBANA_INDEX, doc._id);
  }

  /** Removes every object that lives only in `space` and takes `space` off shared ones. */
  purgeSpace(space: string): void {
    for (const obj of this.all(space)) {
      if (AGNOSTIC_TYPES.has(obj.type)) continue;
      const others = (obj.namespaces ?? []).filter((n) => n !== space);
      const key = rawId(obj.type, obj.id, space);
      if (others.length === 0) this.store.delete(KIBANA_INDEX, key);
      else this.store.index(KIBANA_INDEX, { ...this.store.get(KIBANA_INDEX, key)!._source, namespaces: others }, key);
    }
  }
}

export function assertPublicType(type: string): void {
  if (!PUBLIC_TYPES.has(type)) throw badRequest(`Unsupported saved object type: '${type}': Bad Request`);
}
