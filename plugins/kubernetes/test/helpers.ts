// Shared setup: the emulator (or, in live mode, the cluster of CNMCP_TEST_KUBECONFIG) and the real server
// with a real MCP client.
import { startTestServer, type TestServer } from '@cnmcp/core/testing';
import { KubernetesPlugin } from '../dist/src/index.js';
import { startKubeEmulator, type KubeEmulator, type KubeEmulatorOptions } from '../test/emulator/index.js';

export const LIVE_KUBECONFIG = process.env.CNMCP_TEST_KUBECONFIG || undefined;

export interface Setup {
  emu: KubeEmulator;
  mcp: TestServer;
  close(): Promise<void>;
}

export async function setup(
  options: { emulator?: KubeEmulatorOptions; config?: Record<string, unknown>; core?: Record<string, unknown> } = {},
): Promise<Setup> {
  const emu = await startKubeEmulator(options.emulator);
  const mcp = await startTestServer({
    plugins: [KubernetesPlugin],
    config: {
      confirmDestructive: { enabled: false },
      cache: { enabled: false },
      ...(options.core ?? {}),
      // The reply budget these tests were written against; health is probed at start only, so a busy emulator
      // serving thousands of objects is never mistaken for a down cluster halfway through a test.
      server: { maxResultBytes: 32_000, healthIntervalMs: 0, ...((options.core?.server as object) ?? {}) },
      kubernetes: { kubeconfig: emu.kubeconfigPath, ...(options.config ?? {}) },
    },
  });
  return {
    emu,
    mcp,
    async close() {
      await mcp.close();
      await emu.close();
    },
  };
}

/** Live mode: the server against a real cluster's kubeconfig (read-only tests only). */
export async function liveServer(): Promise<TestServer> {
  return startTestServer({
    plugins: [KubernetesPlugin],
    config: { cache: { enabled: false }, kubernetes: { kubeconfig: LIVE_KUBECONFIG } },
  });
}

export const json = (text: string) => JSON.parse(text);
