// The Kibana the tests talk to: CNMCP_TEST_KIBANA_URL (live mode, with CNMCP_TEST_KIBANA_API_KEY or
// CNMCP_TEST_KIBANA_USERNAME / CNMCP_TEST_KIBANA_PASSWORD), else the emulator over a fresh shared store.
import { liveUrl, startTestServer, type TestServer } from '@cnmcp/core/testing';
import { DocumentStore } from '@cnmcp/plugin-elasticsearch/testing';
import { KibanaPlugin } from '../../src/index.js';
import { startKibanaEmulator, type KibanaEmulator } from '../../src/testing.js';

export interface KibanaBackend {
  url: string;
  live: boolean;
  auth: Record<string, string>;
  emulator?: KibanaEmulator;
  store?: DocumentStore;
  close(): Promise<void>;
}

export async function kibanaBackend(): Promise<KibanaBackend> {
  const live = liveUrl('kibana');
  if (live) {
    const key = process.env.CNMCP_TEST_KIBANA_API_KEY;
    const auth = key
      ? { type: 'apiKey', key }
      : {
          type: 'basic',
          username: process.env.CNMCP_TEST_KIBANA_USERNAME ?? 'elastic',
          password: process.env.CNMCP_TEST_KIBANA_PASSWORD ?? '',
        };
    return { url: live, live: true, auth, close: async () => undefined };
  }
  const store = new DocumentStore();
  const emulator = await startKibanaEmulator({ store });
  return {
    url: emulator.url,
    live: false,
    auth: { type: 'apiKey', key: emulator.apiKey },
    emulator,
    store,
    close: () => emulator.close(),
  };
}

/** An MCP test server with the Kibana plugin on `backend`; destructive tools run without a confirmation prompt. */
export function kibanaServer(backend: KibanaBackend, extra: Record<string, unknown> = {}): Promise<TestServer> {
  return startTestServer({
    plugins: [KibanaPlugin],
    config: {
      confirmDestructive: { fallback: 'allow' },
      kibana: { targets: { main: { url: backend.url, auth: backend.auth } } },
      ...extra,
    },
  });
}

/** A name unique to this run, so live-mode tests never collide with what is already there. */
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${Date.now().toString(36)}`;
