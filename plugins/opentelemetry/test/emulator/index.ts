// The OpenTelemetry Collector emulator: OTLP/HTTP intake whose counters feed the internal metrics,
// health_check, zpages.
export { startCollectorEmulator, type CollectorEmulator, type CollectorEmulatorOptions } from './server.js';
export { countItems, type Signal } from './otlp-count.js';
export type { MetricNaming } from './telemetry.js';
export type { PipelineSpec } from './zpages.js';
