// The Kibana emulator, for this plugin's tests and for other packages that compose with Kibana.
export {
  startKibanaEmulator,
  DEFAULT_API_KEY,
  type KibanaEmulator,
  type KibanaEmulatorOptions,
  type RecordedRequest,
} from './server.js';
export { MemoryStore, type KibanaBackingStore, type StoredDoc } from './store.js';
export { SavedObjectsRepository, KIBANA_INDEX, type SavedObject, type Reference } from './repository.js';
export type { ExecutionEntry } from './routes/alerting.js';
