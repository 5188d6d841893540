// One in-memory document store: indices with mappings, settings and aliases, versioned documents, searches
// and points in time. Both the Elasticsearch and the Kibana emulators serve from it.
import { randomBytes, randomUUID } from 'node:crypto';
import type { estypes } from '@elastic/elasticsearch';
import { StoreError, indexNotFound } from './errors.js';
import { wildcardRegExp } from './analysis.js';
import { extendMapping, type Properties } from './mapping.js';
import type { Doc } from './query.js';
import { SearchExecutor, type SearchResponse, type SearchTarget } from './search.js';

export { StoreError } from './errors.js';
export type { SearchResponse } from './search.js';

export interface StoredDoc {
  _id: string;
  _source: Record<string, unknown>;
  _version: number;
  _seq_no: number;
  _primary_term: number;
}
export interface IndexState {
  name: string;
  uuid: string;
  creationDate: number;
  properties: Properties;
  /** Index settings in flat form (`index.number_of_shards` → "1"). */
  settings: Record<string, string>;
  aliases: Set<string>;
  docs: Map<string, StoredDoc>;
  seqNo: number;
}
export interface ResolveOptions {
  /** Missing concrete names are skipped instead of failing (`ignore_unavailable`). */
  ignoreUnavailable?: boolean;
}
interface PointInTime {
  targets: SearchTarget[];
  expiresAt: number;
}

const deepClone = <T>(v: T): T => structuredClone(v);

function flattenSettings(obj: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj ?? {})) {
    const key = prefix + k;
    if (v && typeof v === 'object' && !Array.isArray(v))
      Object.assign(out, flattenSettings(v as Record<string, unknown>, `${key}.`));
    else out[key.startsWith('index.') ? key : `index.${key}`] = String(v);
  }
  return out;
}

function deepMerge(target: Record<string, unknown>, partial: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(partial)) {
    const cur = target[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)) {
      deepMerge(cur as Record<string, unknown>, v as Record<string, unknown>);
    } else target[k] = deepClone(v);
  }
  return target;
}

function validIndexName(name: string): void {
  if (
    !name ||
    name !== name.toLowerCase() ||
    /[\\/*?"<>| ,#:]/.test(name) ||
    /^[-_+]/.test(name) ||
    name === '.' ||
    name === '..'
  ) {
    throw new StoreError(
      'invalid_index_name_exception',
      `Invalid index name [${name}], must be lowercase, must not contain the characters [\\, /, *, ?, ", <, >, |, ' ', ',', #, :] and must not start with [-, _, +]`,
      { index_uuid: '_na_', index: name },
    );
  }
}

export class DocumentStore {
  private readonly state = new Map<string, IndexState>();
  private readonly pits = new Map<string, PointInTime>();
  readonly clusterUuid = randomUUID().replace(/-/g, '').slice(0, 22);

  createIndex(
    name: string,
    opts: { mappings?: object; settings?: object; aliases?: string[] | Record<string, object> } = {},
  ): void {
    validIndexName(name);
    if (this.state.has(name)) {
      const uuid = this.state.get(name)!.uuid;
      throw new StoreError('resource_already_exists_exception', `index [${name}/${uuid}] already exists`, {
        index_uuid: uuid,
        index: name,
      });
    }
    const settings = {
      'index.number_of_shards': '1',
      'index.number_of_replicas': '1',
      ...(name.startsWith('.') ? { 'index.hidden': 'true' } : {}),
      ...flattenSettings((opts.settings ?? {}) as Record<string, unknown>),
    };
    const mappings = (opts.mappings ?? {}) as { properties?: Properties };
    const aliases = Array.isArray(opts.aliases) ? opts.aliases : Object.keys(opts.aliases ?? {});
    this.state.set(name, {
      name,
      uuid: randomBytes(16).toString('base64url').slice(0, 22),
      creationDate: Date.now(),
      properties: deepClone(mappings.properties ?? {}),
      settings,
      aliases: new Set(aliases),
      docs: new Map(),
      seqNo: -1,
    });
  }

  deleteIndex(name: string): boolean {
    return this.state.delete(name);
  }

  hasIndex(name: string): boolean {
    return this.state.has(name);
  }

  indices(): string[] {
    return [...this.state.keys()].sort();
  }

  /** The index's full state (settings, aliases, uuid) for the emulators' metadata endpoints. */
  indexState(name: string): IndexState {
    const s = this.state.get(name);
    if (!s) throw indexNotFound(name);
    return s;
  }

  putAlias(index: string, alias: string): void {
    this.indexState(index).aliases.add(alias);
  }

  removeAlias(index: string, alias: string): boolean {
    return this.indexState(index).aliases.delete(alias);
  }

  /** Concrete indices for an expression: comma lists, `*` wildcards, aliases, `-name` exclusions, `_all`.
   *  Hidden and dot indices match a wildcard only when the pattern itself starts with a dot. */
  resolve(pattern: string, opts: ResolveOptions = {}): string[] {
    const out = new Set<string>();
    const parts = (pattern === '' || pattern === '_all' ? '*' : pattern)
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    for (const part of parts) {
      if (part.startsWith('-') && out.size) {
        const re = wildcardRegExp(part.slice(1));
        for (const n of [...out]) if (re.test(n)) out.delete(n);
        continue;
      }
      if (part.includes('*')) {
        const re = wildcardRegExp(part);
        for (const s of this.state.values()) {
          const hidden = s.settings['index.hidden'] === 'true' || s.name.startsWith('.');
          if (hidden && !part.startsWith('.')) continue;
          if (re.test(s.name) || [...s.aliases].some((a) => re.test(a))) out.add(s.name);
        }
        continue;
      }
      if (this.state.has(part)) {
        out.add(part);
        continue;
      }
      const viaAlias = [...this.state.values()].filter((s) => s.aliases.has(part)).map((s) => s.name);
      if (viaAlias.length) viaAlias.forEach((n) => out.add(n));
      else if (!opts.ignoreUnavailable) throw indexNotFound(part);
    }
    return [...out].sort();
  }

  index(
    index: string,
    source: Record<string, unknown>,
    id?: string,
    opts: { opType?: 'create' | 'index' } = {},
  ): { _id: string; _version: number; result: 'created' | 'updated'; _seq_no: number; _primary_term: number } {
    if (!this.state.has(index)) this.createIndex(index);
    const s = this.state.get(index)!;
    const docId = id ?? randomBytes(15).toString('base64url').slice(0, 20);
    const existing = s.docs.get(docId);
    if (existing && opts.opType === 'create') {
      throw new StoreError(
        'version_conflict_engine_exception',
        `[${docId}]: version conflict, document already exists (current version [${existing._version}])`,
        { index_uuid: s.uuid, shard: '0', index },
      );
    }
    extendMapping(s.properties, source);
    const doc: StoredDoc = {
      _id: docId,
      _source: deepClone(source),
      _version: (existing?._version ?? 0) + 1,
      _seq_no: ++s.seqNo,
      _primary_term: 1,
    };
    s.docs.set(docId, doc);
    return {
      _id: docId,
      _version: doc._version,
      result: existing ? 'updated' : 'created',
      _seq_no: doc._seq_no,
      _primary_term: 1,
    };
  }

  get(index: string, id: string): StoredDoc | undefined {
    const doc = this.state.get(index)?.docs.get(id);
    return doc ? deepClone(doc) : undefined;
  }

  update(
    index: string,
    id: string,
    partial: Record<string, unknown>,
  ): { _version: number; _seq_no: number; result: 'updated' | 'noop' } | undefined {
    const s = this.state.get(index);
    const doc = s?.docs.get(id);
    if (!s || !doc) return undefined;
    const merged = deepMerge(deepClone(doc._source), partial);
    if (JSON.stringify(merged) === JSON.stringify(doc._source))
      return { _version: doc._version, _seq_no: doc._seq_no, result: 'noop' };
    extendMapping(s.properties, merged);
    doc._source = merged;
    doc._version++;
    doc._seq_no = ++s.seqNo;
    return { _version: doc._version, _seq_no: doc._seq_no, result: 'updated' };
  }

  delete(index: string, id: string): boolean {
    const s = this.state.get(index);
    if (!s || !s.docs.has(id)) return false;
    s.docs.delete(id);
    s.seqNo++;
    return true;
  }

  docs(index: string): Array<{ _id: string; _source: Record<string, unknown> }> {
    return [...(this.state.get(index)?.docs.values() ?? [])].map((d) => ({
      _id: d._id,
      _source: deepClone(d._source),
    }));
  }

  private targets(pattern: string, opts: ResolveOptions, snapshot = false): SearchTarget[] {
    return this.resolve(pattern, opts).map((name) => {
      const s = this.state.get(name)!;
      const docs: Doc[] = [...s.docs.values()].map((d) => ({
        _index: name,
        _id: d._id,
        _source: snapshot ? deepClone(d._source) : d._source,
      }));
      return {
        name,
        properties: snapshot ? deepClone(s.properties) : s.properties,
        docs,
        maxResultWindow: Number(s.settings['index.max_result_window'] ?? 10_000),
      };
    });
  }

  /** Runs a search body (query DSL, aggregations, sort, paging, `pit`) over the indices `pattern` names. */
  search(pattern: string, body: Record<string, unknown> = {}, opts: ResolveOptions = {}): SearchResponse {
    const pit = body.pit as { id?: string } | undefined;
    if (pit) {
      if (pattern)
        throw new StoreError(
          'action_request_validation_exception',
          'Validation Failed: 1: [indices] cannot be used with point in time. Do not specify any index with point in time.;',
        );
      const state = this.pits.get(String(pit.id));
      if (!state || state.expiresAt < Date.now()) {
        throw new StoreError(
          'search_context_missing_exception',
          `No search context found for id [${String(pit.id).slice(0, 16)}]`,
          {},
          404,
        );
      }
      return new SearchExecutor(state.targets).search(body, { pitId: String(pit.id) });
    }
    return new SearchExecutor(this.targets(pattern, opts)).search(body);
  }

  count(pattern: string, query?: Record<string, unknown>, opts: ResolveOptions = {}): number {
    return new SearchExecutor(this.targets(pattern, opts)).count(query);
  }

  /** The per-index value of `GET /{index}/_mapping`. */
  mapping(index: string): { mappings: estypes.MappingTypeMapping } {
    const s = this.indexState(index);
    const properties = deepClone(s.properties) as estypes.MappingTypeMapping['properties'];
    return { mappings: Object.keys(s.properties).length ? { properties } : {} };
  }

  /** Adds explicit field mappings (`PUT /{index}/_mapping`); existing fields keep their type. */
  putMapping(index: string, properties: Properties): void {
    const s = this.indexState(index);
    for (const [k, v] of Object.entries(properties)) s.properties[k] ??= deepClone(v);
  }

  openPointInTime(pattern: string, keepAliveMs: number, opts: ResolveOptions = {}): string {
    const id = Buffer.from(`pit:${randomUUID()}:${pattern}`).toString('base64url');
    this.pits.set(id, { targets: this.targets(pattern, opts, true), expiresAt: Date.now() + keepAliveMs });
    return id;
  }

  closePointInTime(id: string): boolean {
    return this.pits.delete(id);
  }
}
