// A cnmcp server with the Grafana plugin, pointed at the backend from ./backends.ts, reached by a real MCP client.
import { startTestServer, type TestServer } from '@cnmcp/core/testing';
import { GrafanaPlugin } from '@cnmcp/plugin-grafana';
import type { GrafanaBackend } from './backends.js';

export interface ServerOptions {
  /** Extra grafana config keys (limits, more targets). */
  grafana?: Record<string, unknown>;
  /** Core config keys (confirmDestructive, toolsets, …). */
  core?: Record<string, unknown>;
  /** Credentials for the default target (default: the backend's admin token). */
  auth?: Record<string, unknown>;
}

export function grafanaServer(backend: GrafanaBackend, options: ServerOptions = {}): Promise<TestServer> {
  const { targets, ...rest } = (options.grafana ?? {}) as { targets?: Record<string, unknown> };
  return startTestServer({
    plugins: [GrafanaPlugin],
    config: {
      // No client here can answer a confirmation; destructive tools run unless a test asks for the refusal.
      confirmDestructive: { fallback: 'allow' },
      ...options.core,
      grafana: {
        targets: {
          default: { url: backend.url, auth: options.auth ?? { type: 'bearer', token: backend.token } },
          ...targets,
        },
        ...rest,
      },
    },
  });
}

/** The parsed JSON answer of a tool, failing the test with the error text when the tool failed. */
export async function json<T = Record<string, unknown>>(
  server: TestServer,
  name: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  return server.callJson<T>(name, args);
}
