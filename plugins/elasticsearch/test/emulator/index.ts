// The Elasticsearch test emulator: one in-memory document store and the REST API served over it.
export {
  DocumentStore,
  StoreError,
  type StoredDoc,
  type IndexState,
  type ResolveOptions,
  type SearchResponse,
} from './store.js';
export {
  startElasticsearchEmulator,
  type ElasticsearchEmulator,
  type EmulatorAuth,
  type EmulatorOptions,
  type RecordedRequest,
} from './server.js';
export { Cluster } from './cluster.js';
export { makeCertificates, type TestCertificates } from './certs.js';
export { parseDateMath } from './datemath.js';
