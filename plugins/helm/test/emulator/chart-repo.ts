// A Helm chart repository on 127.0.0.1: serves index.yaml and the packaged charts of one directory over
// plain HTTP, as a static chart repository (GitHub Pages, S3, chartmuseum's static mode) does.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';

export interface ChartRepository {
  url: string;
  /** Paths requested so far (tests check what helm fetched). */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `dir` (index.yaml and *.tgz, e.g. written by `helm package` and `helm repo index`). */
export async function startChartRepository(dir: string): Promise<ChartRepository> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const file = join(dir, basename(decodeURIComponent(path)));
    const served = path === '/index.yaml' || /^\/[^/]+\.(tgz|prov)$/.test(path);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!served || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      return;
    }
    const type = path.endsWith('.yaml') ? 'application/x-yaml' : 'application/gzip';
    res.writeHead(200, { 'content-type': type, 'content-length': statSync(file).size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
