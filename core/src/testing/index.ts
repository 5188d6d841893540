// @cnmcp/core/testing — the harness for plugin authors and our own tests: the real server in-process with
// a real MCP client, loopback emulators for backends, and live-mode URLs from CNMCP_TEST_<ID>_URL.
// First: the Reflect metadata polyfill decorators need (with the DI container).
import '../vendor/tsyringe.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Client,
  InMemoryTransport,
  SSEClientTransport,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import { CoreConfigSchema, type CnmcpConfig } from '../config/schema.js';
import { createLogger } from '../logger.js';
import type { PluginClass } from '../plugins/metadata.js';
import { createServer, type CnmcpServer } from '../server.js';
import { createMcpServer } from '../transports/mcp-server.js';
import { validate, formatIssues } from '../validation.js';

export interface TestServerOptions {
  /** Plugin classes to load. */
  plugins?: Array<new (...args: never[]) => object>;
  /** Config (core keys and plugin sections); defaults fill the rest. Auto-discovery is off unless set. */
  config?: Record<string, unknown>;
  /** Directory relative plugin paths resolve against. */
  baseDir?: string;
  logLevel?: string;
}

export interface ToolCallOutcome {
  isError: boolean;
  text: string;
  structuredContent?: unknown;
  content: unknown[];
  raw: unknown;
}

export interface TestServer {
  server: CnmcpServer;
  client: Client;
  /** Calls a tool and returns its text (all text blocks joined) and error flag. */
  call(name: string, args?: Record<string, unknown>): Promise<ToolCallOutcome>;
  /** Calls a tool and parses its text as JSON; fails when the tool returned an error. */
  callJson<T = unknown>(name: string, args?: Record<string, unknown>): Promise<T>;
  toolNames(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * A validated config for tests: auto-discovery off and, unless the test says otherwise, every toolset served and
 * listed (a test exercises tools, not the default selection; toolset tests set `toolsets` themselves).
 */
export function testConfig(config: Record<string, unknown> = {}): CnmcpConfig {
  const checked = validate<CnmcpConfig>(
    CoreConfigSchema,
    { autoDiscover: false, toolsets: { enabled: ['*'], listUnconfigured: true }, ...config },
    { defaults: true, convert: true },
  );
  if (!checked.ok) throw new Error(`test config invalid: ${formatIssues(checked.issues)}`);
  return checked.value;
}

function outcome(result: unknown): ToolCallOutcome {
  const r = result as {
    isError?: boolean;
    content?: Array<{ type: string; text?: string }>;
    structuredContent?: unknown;
  };
  const content = r.content ?? [];
  return {
    isError: r.isError === true,
    text: content
      .filter((c) => c.type === 'text')
      .map((c) => c.text)
      .join('\n'),
    structuredContent: r.structuredContent,
    content,
    raw: result,
  };
}

function wrapClient(server: CnmcpServer, client: Client, extraClose: () => Promise<void>): TestServer {
  const call = async (name: string, args: Record<string, unknown> = {}) =>
    outcome(await client.callTool({ name, arguments: args }));
  return {
    server,
    client,
    call,
    async callJson<T>(name: string, args?: Record<string, unknown>) {
      const result = await call(name, args);
      if (result.isError) throw new Error(`${name} returned an error: ${result.text}`);
      return JSON.parse(result.text) as T;
    },
    async toolNames() {
      return (await client.listTools()).tools.map((t) => t.name);
    },
    async close() {
      await client.close().catch(() => undefined);
      await extraClose();
      await server.close();
    },
  };
}

async function buildServer(
  options: TestServerOptions,
  serverOverrides: Record<string, unknown> = {},
): Promise<CnmcpServer> {
  const base = options.config ?? {};
  const config = testConfig({ ...base, server: { ...((base.server as object) ?? {}), ...serverOverrides } });
  const logger = createLogger({
    level: options.logLevel ?? process.env.CNMCP_TEST_LOG_LEVEL ?? 'silent',
    destination: 'stderr',
  });
  return createServer({ config, baseDir: options.baseDir, plugins: (options.plugins ?? []) as PluginClass[], logger });
}

/** The real server in-process, with a real MCP client over an in-memory transport (2025-11-25 era). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await buildServer(options);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcp = createMcpServer(server.host, {
    era: 'legacy',
    transport: 'in-process',
    principal: { name: 'test', scopes: ['*'], method: 'stdio' },
  });
  await mcp.connect(serverSide);
  const client = new Client({ name: 'cnmcp-test', version: '1.0.0' }, { capabilities: {} });
  await client.connect(clientSide);
  return wrapClient(server, client, () => mcp.close());
}

export interface HttpTestServer extends TestServer {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
}

export interface HttpTestServerOptions extends TestServerOptions {
  /** Which client to connect: Streamable HTTP in either era, or legacy SSE. */
  clientMode?: 'legacy' | 'modern' | 'sse';
  /** Path of the MCP endpoint (default /mcp, or /sse for clientMode 'sse'). */
  path?: string;
  headers?: Record<string, string>;
}

/** The real server listening on 127.0.0.1 with a random port, and a real MCP client over HTTP. */
export async function startHttpTestServer(options: HttpTestServerOptions = {}): Promise<HttpTestServer> {
  const server = await buildServer(options, { transport: 'http', host: '127.0.0.1', port: 0 });
  const url = await server.listen();
  const mode = options.clientMode ?? 'legacy';
  const requestInit = options.headers ? { headers: options.headers } : undefined;
  const transport =
    mode === 'sse'
      ? new SSEClientTransport(new URL(options.path ?? '/sse', url), { requestInit })
      : new StreamableHTTPClientTransport(new URL(options.path ?? '/mcp', url), { requestInit });
  const client = new Client({ name: 'cnmcp-test', version: '1.0.0' }, {
    capabilities: {},
    ...(mode === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}),
  } as never);
  await client.connect(transport as never);
  return { ...wrapClient(server, client, async () => undefined), url };
}

// ---------------------------------------------------------------------------------------------------
// Emulators: loopback HTTP servers that answer like a backend and record what they received.

export interface EmulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** Parsed JSON body, when it was JSON. */
  json?: unknown;
  params: Record<string, string>;
}

export interface EmulatorReply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers as they are. */
  body?: unknown;
  /** Wait this long before answering (timeouts in tests). */
  delayMs?: number;
}

export type EmulatorHandler = (request: EmulatorRequest) => EmulatorReply | unknown | Promise<EmulatorReply | unknown>;

export interface Emulator {
  url: string;
  /** Every request received, oldest first. */
  requests: EmulatorRequest[];
  /** Adds or replaces a route at run time. */
  route(key: string, handler: EmulatorHandler): void;
  close(): Promise<void>;
}

function isReply(value: unknown): value is EmulatorReply {
  return (
    !!value &&
    typeof value === 'object' &&
    ('status' in value || 'body' in value || 'headers' in value || 'delayMs' in value)
  );
}

/**
 * Starts a loopback HTTP server from routes keyed `'METHOD /path/:param'` (`*` at the end matches the rest).
 * A handler returns a reply ({ status, headers, body }) or just a body (200, JSON). Unknown routes answer 404.
 */
export async function startEmulator(routes: Record<string, EmulatorHandler>): Promise<Emulator> {
  const table = new Map<string, EmulatorHandler>(Object.entries(routes));
  const requests: EmulatorRequest[] = [];
  const match = (
    method: string,
    path: string,
  ): { handler: EmulatorHandler; params: Record<string, string> } | undefined => {
    for (const [key, handler] of table) {
      const [m, pattern] = key.split(' ');
      if (m !== method && m !== '*') continue;
      const want = pattern.split('/');
      const got = path.split('/');
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < want.length; i++) {
        if (want[i] === '*') {
          params['*'] = got.slice(i).join('/');
          break;
        }
        if (want[i].startsWith(':') && got[i] !== undefined && got[i] !== '')
          params[want[i].slice(1)] = decodeURIComponent(got[i]);
        else if (want[i] !== got[i]) {
          ok = false;
          break;
        }
        if (i === want.length - 1 && got.length !== want.length) ok = false;
      }
      if (ok) return { handler, params };
    }
    return undefined;
  };
  const server = createHttpServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://emulator');
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const found = match(req.method ?? 'GET', url.pathname);
    const record: EmulatorRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      json,
      params: found?.params ?? {},
    };
    requests.push(record);
    if (!found) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: `emulator: no route for ${record.method} ${record.path}` }));
      return;
    }
    try {
      const value = await found.handler(record);
      const reply: EmulatorReply = isReply(value) ? value : { body: value };
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      const payload =
        reply.body === undefined
          ? ''
          : typeof reply.body === 'string' || Buffer.isBuffer(reply.body)
            ? reply.body
            : JSON.stringify(reply.body);
      const headers = {
        ...(typeof reply.body === 'object' && !Buffer.isBuffer(reply.body)
          ? { 'content-type': 'application/json' }
          : {}),
        ...(reply.headers ?? {}),
      };
      if (!res.destroyed) res.writeHead(reply.status ?? 200, headers).end(payload);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (err as Error).message }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route(key, handler) {
      table.set(key, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Live mode and local binaries.

/** `CNMCP_TEST_<ID>_URL` when set (live mode), else undefined. */
export function liveUrl(pluginId: string): string | undefined {
  return process.env[`CNMCP_TEST_${pluginId.toUpperCase()}_URL`] || undefined;
}

/** The live URL when given, else what `fallback` starts (a local binary or an emulator). */
export async function backendUrl(
  pluginId: string,
  fallback: () => Promise<string>,
): Promise<{ url: string; live: boolean }> {
  const live = liveUrl(pluginId);
  return live ? { url: live, live: true } : { url: await fallback(), live: false };
}

/** Path of an executable on PATH, or undefined. */
export function findBinary(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${JSON.stringify(name)}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

/**
 * For tests that need a local binary: returns its path, or a skip reason naming what to install.
 * Under CI=true a missing binary is an error, so CI always runs everything.
 */
export function requireBinary(name: string, install: string): { path?: string; skip?: string } {
  const path = findBinary(name);
  if (path) return { path };
  const message = `${name} is not installed (${install})`;
  if (process.env.CI === 'true') throw new Error(`${message}; CI=true requires it`);
  return { skip: message };
}

// ---------------------------------------------------------------------------------------------------
// Local backend processes (prometheus, alertmanager, redis-server, the cnmcp CLI): ports, readiness, cleanup.

/** A TCP port free on 127.0.0.1 right now (for servers that cannot listen on port 0 and report it). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `probe` every 150 ms until it returns a value (not undefined/false) or `timeoutMs` passes. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined | false>,
  log?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch {
      /* not ready yet */
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${log ? `\n${log()}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export interface TestProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  log(): string;
  /** Stops the process and removes `cleanupDir`. */
  stop(): Promise<void>;
}

/**
 * Starts a local server process for a test. If the test process dies without its teardown, the child is
 * killed and its throwaway directory removed, so no server outlives the test run.
 */
export function startProcess(
  command: string,
  args: string[],
  options: { cleanupDir?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): TestProcess {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const onExit = () => {
    child.kill('SIGKILL');
    if (options.cleanupDir) rmSync(options.cleanupDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return {
    child,
    log: () => output,
    async stop() {
      process.removeListener('exit', onExit);
      await stopProcess(child);
      if (options.cleanupDir) rmSync(options.cleanupDir, { recursive: true, force: true });
    },
  };
}
