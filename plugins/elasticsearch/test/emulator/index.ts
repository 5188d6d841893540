// The Elasticsearch test emulator: one in-memory document store and the REST API served over it.
export {
  DocumentStore,
  StoreError,
  type StoredDoc,
  type IndexState,
  type ResolveOptions,
  type SearchResponse,
} from './store.js';
export { parseDateMath } from './datemath.js';
