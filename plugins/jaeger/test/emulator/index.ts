// The Jaeger emulator: a span store fed by real OTLP/HTTP spans, served through the query API v3 and
// the internal /api JSON.
export {
  startJaegerEmulator,
  type JaegerEmulator,
  type JaegerEmulatorOptions,
  type RecordedRequest,
} from './server.js';
export { SpanStore, type TraceQuery, type Dependency } from './store.js';
export { decodeTraceRequest, flattenSpans, type StoredSpan } from './otlp.js';
