// Start-up time: from spawn to the first 200 on GET /health, cnmcp with every first-party plugin configured
// vs a bare node:http server.
import { join } from 'node:path';
import { BENCH_DIR, allPluginsConfig, serveArgs, serverFolder, writeConfig } from './cnmcp.mjs';
import { freePort, spawnNode, stopChild, waitForHttp } from './process.mjs';

async function timeToHealth(args) {
  const port = await freePort();
  const started = performance.now();
  const child = spawnNode(args(port));
  try {
    await waitForHttp(`http://127.0.0.1:${port}/health`, child, 60_000, 5);
    return { ms: performance.now() - started, port, child };
  } catch (err) {
    await stopChild(child);
    throw err;
  }
}

/** Milliseconds to /health for cnmcp (every plugin) and bare node; `inspect` sees the running cnmcp first. */
export async function measureStartup(tmp, { inspect } = {}) {
  const folder = serverFolder(tmp, 'startup-all-plugins');
  const cnmcp = await timeToHealth((port) => serveArgs(writeConfig(folder, allPluginsConfig({ port, dir: folder }))));
  try {
    await inspect?.(`http://127.0.0.1:${cnmcp.port}`);
  } finally {
    await stopChild(cnmcp.child);
  }
  const bare = await timeToHealth((port) => [join(BENCH_DIR, 'servers', 'bare-node.mjs'), String(port)]);
  await stopChild(bare.child);
  return { cnmcpMs: cnmcp.ms, bareMs: bare.ms };
}

/** The plugins GET /ready reports (the every-plugin config must really load all of them). */
export async function readyPlugins(baseUrl) {
  const ready = await (await fetch(`${baseUrl}/ready`)).json();
  return (ready.plugins ?? []).map((p) => p.plugin).sort();
}
