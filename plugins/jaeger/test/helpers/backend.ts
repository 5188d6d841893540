// The Jaeger the tests talk to: the emulator, or a live Jaeger (CNMCP_TEST_JAEGER_URL; its OTLP/HTTP
// traces endpoint from CNMCP_TEST_JAEGER_OTLP_URL, default port 4318 on the same host).
import { liveUrl } from '@cnmcp/core/testing';
import { startJaegerEmulator, type JaegerEmulator } from '../../src/testing.js';

export interface JaegerBackend {
  url: string;
  otlpUrl: string;
  live: boolean;
  emulator?: JaegerEmulator;
  close(): Promise<void>;
}

export async function startJaeger(options: { v1Only?: boolean } = {}): Promise<JaegerBackend> {
  const live = liveUrl('jaeger');
  if (live) {
    const host = new URL(live);
    const otlpUrl = process.env.CNMCP_TEST_JAEGER_OTLP_URL || `${host.protocol}//${host.hostname}:4318/v1/traces`;
    return { url: live, otlpUrl, live: true, close: async () => undefined };
  }
  const emulator = await startJaegerEmulator(options);
  return { url: emulator.url, otlpUrl: emulator.otlpUrl, live: false, emulator, close: () => emulator.close() };
}

/** A service name no other test run uses, so live backends with old data do not disturb the assertions. */
export function uniqueService(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
