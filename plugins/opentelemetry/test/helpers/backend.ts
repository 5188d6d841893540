// The collector the tests talk to: the emulator, or a live collector (CNMCP_TEST_OTELCOL_URL = its
// internal metrics base, e.g. http://otelcol:8888; CNMCP_TEST_OTELCOL_HEALTH_URL, _ZPAGES_URL, _OTLP_URL
// default to ports 13133, 55679 and 4318 of the same host).
import { fileURLToPath } from 'node:url';
import { startCollectorEmulator, type CollectorEmulator, type CollectorEmulatorOptions } from '../../src/testing.js';

export const CONFIG_FIXTURE = fileURLToPath(new URL('../fixtures/emulated-collector.yaml', import.meta.url));

export interface Collector {
  target: Record<string, unknown>;
  otlpUrl: string;
  live: boolean;
  emulator?: CollectorEmulator;
  close(): Promise<void>;
}

export async function startCollector(options: CollectorEmulatorOptions = {}): Promise<Collector> {
  const live = process.env.CNMCP_TEST_OTELCOL_URL;
  if (live) {
    const u = new URL(live);
    const host = `${u.protocol}//${u.hostname}`;
    return {
      target: {
        url: live,
        healthUrl: process.env.CNMCP_TEST_OTELCOL_HEALTH_URL || `${host}:13133/`,
        zpagesUrl: process.env.CNMCP_TEST_OTELCOL_ZPAGES_URL || `${host}:55679`,
      },
      otlpUrl: process.env.CNMCP_TEST_OTELCOL_OTLP_URL || `${host}:4318`,
      live: true,
      close: async () => undefined,
    };
  }
  const emulator = await startCollectorEmulator(options);
  return {
    target: {
      url: emulator.metricsUrl.replace(/\/metrics$/, ''),
      healthUrl: emulator.healthUrl,
      zpagesUrl: emulator.zpagesUrl,
      configFile: CONFIG_FIXTURE,
    },
    otlpUrl: emulator.otlpUrl,
    live: false,
    emulator,
    close: () => emulator.close(),
  };
}
