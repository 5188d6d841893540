// A loopback OpenTelemetry Collector: OTLP/HTTP receiver, optional OTLP/HTTP trace exporter, the
// health_check extension, zpages and the internal metrics endpoint, each on its own port like the real one
// (:4318, :13133, :55679, :8888). The counters move only with what the receiver really gets.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countItems, type OtlpBodyError, type Signal } from './otlp-count.js';
import { emptyBySignal, renderMetrics, type ComponentCounters, type MetricNaming } from './telemetry.js';
import { extensionz, pipelinez, servicez, type PipelineSpec } from './zpages.js';

export interface CollectorEmulatorOptions {
  /** Internal metric names: 'legacy' (≤ v0.118), 'total' (v0.120–v0.152), 'current' (v0.153+). */
  metricNaming?: MetricNaming;
  /** health_check `path` (default '/'). */
  healthPath?: string;
  version?: string;
  /** Forward received traces to this OTLP/HTTP URL through the exporter `otlphttp/jaeger`. */
  forwardTracesTo?: string;
  pipelines?: Record<string, PipelineSpec>;
  extensions?: string[];
}

export interface CollectorEmulator {
  otlpUrl: string;
  healthUrl: string;
  zpagesUrl: string;
  metricsUrl: string;
  /** Items the receiver accepted per signal. */
  accepted: Record<Signal, number>;
  /** The health_check extension reports the collector as not ready (503). */
  setHealthy(healthy: boolean): void;
  /** Refuse incoming data (as memory_limiter does under pressure): 503 and refused counters move. */
  setRefusing(refusing: boolean): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function goUptime(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(6);
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

export async function startCollectorEmulator(options: CollectorEmulatorOptions = {}): Promise<CollectorEmulator> {
  const version = options.version ?? '0.120.0';
  const naming = options.metricNaming ?? 'total';
  const startedAt = Date.now();
  const instanceId = randomUUID();
  const exporter = options.forwardTracesTo ? 'otlphttp/jaeger' : 'debug';
  const pipelines = options.pipelines ?? {
    traces: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: [exporter] },
    metrics: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['debug'] },
    logs: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['debug'] },
  };
  const extensions = options.extensions ?? ['health_check', 'zpages'];
  const counters: ComponentCounters = { receivers: new Map(), exporters: new Map(), queue: new Map() };
  counters.receivers.set('otlp', { accepted: emptyBySignal(), refused: emptyBySignal() });
  for (const name of new Set(Object.values(pipelines).flatMap((p) => p.exporters))) {
    counters.exporters.set(name, {
      sent: emptyBySignal(),
      send_failed: emptyBySignal(),
      enqueue_failed: emptyBySignal(),
    });
    counters.queue.set(name, { size: 0, capacity: 1000, signal: 'traces' });
  }
  const receiver = counters.receivers.get('otlp')!;
  let healthy = true;
  let refusing = false;

  const forward = async (signal: Signal, body: Buffer, contentType: string, n: number): Promise<void> => {
    const targets = new Set(
      Object.entries(pipelines)
        .filter(([k]) => k.split('/')[0] === signal)
        .flatMap(([, p]) => p.exporters),
    );
    for (const name of targets) {
      const c = counters.exporters.get(name);
      if (!c) continue;
      if (name !== 'otlphttp/jaeger' || !options.forwardTracesTo) {
        c.sent[signal] += n;
        continue;
      }
      try {
        const res = await fetch(options.forwardTracesTo, {
          method: 'POST',
          headers: { 'content-type': contentType },
          body: new Uint8Array(body),
        });
        await res.arrayBuffer();
        if (res.ok) c.sent[signal] += n;
        else c.send_failed[signal] += n;
      } catch {
        c.send_failed[signal] += n;
      }
    }
  };

  const otlp = await listen(async (req, res) => {
    const body = await readBody(req);
    const signal = /^\/v1\/(traces|metrics|logs)$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1] as
      Signal | undefined;
    if (!signal)
      return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
    if (req.method !== 'POST')
      return void res.writeHead(405, { 'content-type': 'text/plain' }).end('405 method not allowed, supported: [POST]');
    const contentType = String(req.headers['content-type'] ?? '');
    let n: number;
    try {
      n = countItems(signal, body, contentType);
    } catch (err) {
      const e = err as OtlpBodyError;
      return void res
        .writeHead(e.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 3, message: e.message }));
    }
    if (refusing) {
      receiver.refused[signal] += n;
      return void res
        .writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' })
        .end(JSON.stringify({ code: 14, message: 'data refused due to high memory usage' }));
    }
    receiver.accepted[signal] += n;
    await forward(signal, body, contentType, n);
    if (/protobuf/i.test(contentType)) res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"partialSuccess":{}}');
  });

  const healthPath = options.healthPath ?? '/';
  const health = await listen((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== healthPath)
      return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
    const body = {
      status: healthy ? 'Server available' : 'Server not available',
      upSince: new Date(startedAt).toISOString(),
      uptime: goUptime(Date.now() - startedAt),
    };
    res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });

  const zpages = await listen((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const html =
      path === '/debug/servicez'
        ? servicez({ version, startedAt, pipelines: Object.keys(pipelines), extensions })
        : path === '/debug/pipelinez'
          ? pipelinez(pipelines)
          : path === '/debug/extensionz'
            ? extensionz(extensions)
            : undefined;
    if (!html)
      return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });

  const metrics = await listen((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/metrics')
      return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
    res
      .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      .end(renderMetrics(counters, { naming, version, instanceId, startedAt }));
  });

  const servers = [otlp, health, zpages, metrics];
  return {
    otlpUrl: otlp.url,
    healthUrl: `${health.url}${healthPath}`,
    zpagesUrl: zpages.url,
    metricsUrl: `${metrics.url}/metrics`,
    accepted: receiver.accepted,
    setHealthy(value: boolean) {
      healthy = value;
    },
    setRefusing(value: boolean) {
      refusing = value;
    },
    close: async () => {
      await Promise.all(
        servers.map(
          ({ server }) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
