// The prom-client values core's metrics use, bundled into one module by the build (scripts/bundle.mjs).
export { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
