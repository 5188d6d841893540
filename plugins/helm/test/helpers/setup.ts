// Shared setup: the emulated cluster with releases written by real helm, and the real server with a real MCP
// client whose helm plugin reads that cluster (its own helm home, charts under the test's chartsDir).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@cnmcp/core/testing';
import { HelmPlugin } from '../../dist/src/index.js';
import { startCluster, type Cluster } from './cluster.js';

export interface Setup {
  cluster: Cluster;
  mcp: TestServer;
  /** The plugin's helm.home. */
  home: string;
  close(): Promise<void>;
}

export async function setup(
  helm: string,
  options: {
    config?: Record<string, unknown>;
    core?: Record<string, unknown>;
    /** More contexts in the kubeconfig (e.g. one whose server is a closed port). */
    extraContexts?: Array<{ name: string; server: string; token: string }>;
  } = {},
): Promise<Setup> {
  const cluster = await startCluster(helm);
  const home = join(cluster.work, 'plugin-home');
  mkdirSync(home);
  const mcp = await startTestServer({
    plugins: [HelmPlugin],
    config: {
      confirmDestructive: { enabled: false },
      cache: { enabled: false },
      ...(options.core ?? {}),
      helm: {
        kubeconfig: options.extraContexts
          ? cluster.emu.writeKubeconfig(options.extraContexts)
          : cluster.emu.kubeconfigPath,
        binary: helm,
        home,
        chartsDir: cluster.charts,
        // The emulator serves no OpenAPI document for helm's client-side schema validation.
        disableOpenApiValidation: true,
        ...(options.config ?? {}),
      },
    },
  });
  return {
    cluster,
    mcp,
    home,
    async close() {
      await mcp.close();
      await cluster.close();
    },
  };
}

export const json = (text: string) => JSON.parse(text);
