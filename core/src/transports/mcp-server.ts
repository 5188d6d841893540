// Builds the SDK server instance a connection (2025 era) or a request (2026 era) is served by.
// Handlers are thin closures over the shared registry, so building one per request costs little.
import type { CallToolResult, GetPromptResult, ReadResourceResult, ServerContext } from '@modelcontextprotocol/server';
import {
  CfWorkerJsonSchemaValidator,
  isInputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  Server,
} from '../vendor/mcp-sdk.js';
import { coreErrorLine, isCnmcpError } from '../errors.js';
import type { CallHost } from '../tools/call.js';
import {
  ANONYMOUS,
  createToolContext,
  envelopeCapabilities,
  type Principal,
  type TransportKind,
} from '../tools/context.js';
import { requestStateCodec, requestTarget, type SealedState } from '../tools/request-state.js';
import type { Scope } from '../tools/registry.js';
import { META_TOOLS, metaToolDefinitions, runMetaTool } from '../tools/toolsets.js';
import type { Notifier } from '../notifier.js';
import { closeWithoutIdleStacks } from './quiet-close.js';
import { answerToolsCall } from './tool-call.js';

/** One for every server: it keeps no state between schemas. */
const jsonSchemaValidator = new CfWorkerJsonSchemaValidator();

export interface McpHost extends CallHost {
  notifier: Notifier;
  /** toolsets.dynamic: serve the meta tools that enable toolsets per session. */
  dynamicToolsets?: boolean;
  serverInfo: { name: string; version: string };
  instructions?: string;
}

export interface ConnectionOptions {
  era: 'legacy' | 'modern';
  transport: TransportKind;
  scope?: Scope;
  /** Fixed principal (stdio); over HTTP it comes from the request's authInfo. */
  principal?: Principal;
}

export function principalOf(ctx: Pick<ServerContext, 'http'>, fallback?: Principal): Principal {
  const auth = ctx.http?.authInfo;
  if (auth && auth.clientId !== 'anonymous') {
    const extra = (auth.extra ?? {}) as { principal?: Principal };
    return extra.principal ?? { name: auth.clientId ?? 'authenticated', scopes: auth.scopes ?? [], method: 'bearer' };
  }
  return fallback ?? ANONYMOUS;
}

/** The HTTP caller's address, recorded by cnmcp-auth (per-IP limits for anonymous callers). */
export function clientIpOf(ctx: Pick<ServerContext, 'http'>): string | undefined {
  const ip = (ctx.http?.authInfo?.extra as { ip?: unknown } | undefined)?.ip;
  return typeof ip === 'string' ? ip : undefined;
}

function promptResult(value: unknown): GetPromptResult {
  if (typeof value === 'string') return { messages: [{ role: 'user', content: { type: 'text', text: value } }] };
  if (Array.isArray(value)) return { messages: value as GetPromptResult['messages'] };
  return value as GetPromptResult;
}

function resourceResult(uri: string, mimeType: string | undefined, value: unknown): ReadResourceResult {
  if (isInputRequiredResult(value as never)) return value as ReadResourceResult; // multi-round-trip: the SDK carries it
  if (typeof value === 'string') return { contents: [{ uri, mimeType: mimeType ?? 'text/plain', text: value }] };
  const v = value as Record<string, unknown>;
  if (Array.isArray(v?.contents)) return v as unknown as ReadResourceResult;
  if (typeof v?.text === 'string' || typeof v?.blob === 'string')
    return { contents: [{ uri, mimeType, ...v } as ReadResourceResult['contents'][number]] };
  return { contents: [{ uri, mimeType: mimeType ?? 'application/json', text: JSON.stringify(value, null, 2) }] };
}

/** Rethrows call-time errors of prompts/resources as JSON-RPC errors with our code in the message. */
function protocolError(err: unknown): never {
  if (err instanceof ProtocolError) throw err;
  if (isCnmcpError(err)) throw new ProtocolError(ProtocolErrorCode.InvalidParams, err.toText().replace('\n', ' '));
  throw new ProtocolError(
    ProtocolErrorCode.InternalError,
    coreErrorLine('CNMCP_ERR_TOOL_INTERNAL', 'the request failed; details are in the server log'),
  );
}

/**
 * The request context with a signal that follows the client's cancellation only while the call runs. The SDK
 * aborts a request's signal once its response stream closes (2026-07-28: closing = cancelling); a call that
 * already ended must not see that as a cancellation (the pipeline would reject a promise nobody awaits).
 */
function callScoped(ctx: ServerContext): { ctx: ServerContext; done(): void } {
  const controller = new AbortController();
  let running = true;
  const forward = () => {
    if (running) controller.abort(ctx.mcpReq.signal.reason);
  };
  if (ctx.mcpReq.signal.aborted) forward();
  else ctx.mcpReq.signal.addEventListener('abort', forward, { once: true });
  const mcpReq = Object.create(ctx.mcpReq, {
    signal: { value: controller.signal, enumerable: true },
  }) as ServerContext['mcpReq'];
  return {
    ctx: { ...ctx, mcpReq },
    done() {
      running = false;
      ctx.mcpReq.signal.removeEventListener('abort', forward);
    },
  };
}

export function createMcpServer(host: McpHost, options: ConnectionOptions): Server {
  const { registry } = host;
  // Sessions (2025 era, stdio, SSE) keep the toolsets their agent enabled; stateless requests have none.
  const sessionToolsets = host.dynamicToolsets && options.era === 'legacy' ? new Set<string>() : undefined;
  const scope: Scope | undefined = sessionToolsets ? { ...options.scope, toolsets: sessionToolsets } : options.scope;
  const server = new Server(host.serverInfo, {
    capabilities: {
      tools: { listChanged: true },
      prompts: { listChanged: true },
      resources: { subscribe: true, listChanged: true },
      logging: {},
      completions: {},
    },
    instructions: host.instructions,
    // Every echoed requestState is checked (HMAC, expiry) before any handler runs; a bad one answers -32602.
    requestState: { verify: (state, ctx) => requestStateCodec().verify(state, ctx) },
    // Checks elicitation answers against their schema; the SDK's default on Node is Ajv (vendor/mcp-sdk-shims.ts).
    jsonSchemaValidator,
  });
  // One server per stateless request: its close must stay cheap.
  if (options.era === 'modern') closeWithoutIdleStacks(server);
  const contextFor = (ctx: ServerContext, params?: Record<string, unknown>) => {
    const stateTarget = requestTarget(ctx, params);
    // A verified state minted for another tool/prompt/resource is refused like a forged one.
    const sealed = ctx.mcpReq.requestState<SealedState>();
    if (sealed !== undefined && (typeof sealed !== 'object' || sealed === null || sealed.target !== stateTarget)) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid or expired requestState', {
        reason: 'invalid_request_state',
      });
    }
    return {
      logger: host.logger,
      principal: principalOf(ctx, options.principal),
      transport: options.transport,
      era: options.era,
      mcp: ctx,
      clientCapabilities: envelopeCapabilities(ctx) ?? server.getClientCapabilities() ?? {},
      stateTarget,
    };
  };

  server.setRequestHandler('tools/list', async (_request, ctx) => ({
    tools: [...(host.dynamicToolsets ? metaToolDefinitions() : []), ...listed(ctx)],
  }));

  const listed = (ctx: ServerContext) =>
    registry
      .listTools(scope)
      .filter((t) => host.canCall?.(principalOf(ctx, options.principal), t) ?? true)
      .map((t) => ({
        name: t.name,
        ...(t.title ? { title: t.title } : {}),
        description: t.description,
        inputSchema: t.inputSchema as { type: 'object' },
        ...(t.outputSchema ? { outputSchema: t.outputSchema as { type: 'object' } } : {}),
        annotations: t.annotations, // the title is listed once, at the top level
      }));

  server.setRequestHandler('tools/call', async (request, ctx): Promise<CallToolResult> => {
    if (host.dynamicToolsets && (META_TOOLS as readonly string[]).includes(request.params.name)) {
      const answer = runMetaTool(registry, scope, sessionToolsets, request.params.name, request.params.arguments ?? {});
      if (answer.changed) await server.sendToolListChanged().catch(() => undefined);
      return { content: [{ type: 'text', text: answer.text }], ...(answer.isError ? { isError: true } : {}) };
    }
    const scoped = callScoped(ctx);
    try {
      const envelope = (ctx.mcpReq.envelope ?? {}) as { clientInfo?: { name?: string; version?: string } };
      const { principal, clientCapabilities, stateTarget } = contextFor(scoped.ctx, request.params);
      return await answerToolsCall(host, {
        params: request.params,
        ctx: scoped.ctx,
        scope,
        era: options.era,
        transport: options.transport,
        principal,
        clientCapabilities,
        stateTarget,
        client: envelope.clientInfo ?? server.getClientVersion(),
        clientIp: clientIpOf(ctx),
      });
    } finally {
      scoped.done();
    }
  });

  server.setRequestHandler('prompts/list', async () => ({
    prompts: registry.listPrompts(scope).map((p) => ({
      name: p.name,
      ...(p.title ? { title: p.title } : {}),
      ...(p.description ? { description: p.description } : {}),
      arguments: p.arguments,
    })),
  }));

  server.setRequestHandler('prompts/get', async (request, ctx) => {
    const prompt = registry.getPrompt(request.params.name, scope);
    if (!prompt)
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        coreErrorLine('CNMCP_ERR_PROMPT_NOT_FOUND', `unknown prompt ${JSON.stringify(request.params.name)}`),
      );
    const args = (request.params.arguments ?? {}) as Record<string, string>;
    const missing = prompt.arguments
      .filter((a) => a.required && (args[a.name] === undefined || args[a.name] === ''))
      .map((a) => a.name);
    if (missing.length)
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        coreErrorLine('CNMCP_ERR_PROMPT_ARGS_INVALID', `prompt ${prompt.name} needs ${missing.join(', ')}`),
      );
    try {
      return promptResult(
        await prompt.invoke(args, createToolContext({ ...contextFor(ctx, request.params), signal: ctx.mcpReq.signal })),
      );
    } catch (err) {
      return protocolError(err);
    }
  });

  server.setRequestHandler('resources/list', async () => ({
    resources: registry.listResources(scope).map((r) => ({
      uri: r.uri!,
      name: r.name,
      ...(r.title ? { title: r.title } : {}),
      ...(r.description ? { description: r.description } : {}),
      ...(r.mimeType ? { mimeType: r.mimeType } : {}),
    })),
  }));

  server.setRequestHandler('resources/templates/list', async () => ({
    resourceTemplates: registry.listTemplates(scope).map((r) => ({
      uriTemplate: r.uriTemplate!,
      name: r.name,
      ...(r.title ? { title: r.title } : {}),
      ...(r.description ? { description: r.description } : {}),
      ...(r.mimeType ? { mimeType: r.mimeType } : {}),
    })),
  }));

  server.setRequestHandler('resources/read', async (request, ctx) => {
    const uri = request.params.uri;
    const found = registry.findResource(uri, scope);
    if (!found)
      throw new ResourceNotFoundError(uri, coreErrorLine('CNMCP_ERR_RESOURCE_NOT_FOUND', `no resource ${uri}`));
    try {
      const value = await found.resource.invoke(
        uri,
        found.variables,
        createToolContext({ ...contextFor(ctx, request.params), signal: ctx.mcpReq.signal }),
      );
      return resourceResult(uri, found.resource.mimeType, value);
    } catch (err) {
      return protocolError(err);
    }
  });

  server.setRequestHandler('completion/complete', async (request) => {
    const { ref, argument, context } = request.params;
    const completer =
      ref.type === 'ref/prompt'
        ? registry.getPrompt(ref.name, scope)?.complete?.[argument.name]
        : registry.findTemplate(ref.uri, scope)?.complete?.[argument.name];
    const values = completer ? await completer(argument.value, { arguments: context?.arguments }) : [];
    return { completion: { values: values.slice(0, 100), total: values.length, hasMore: values.length > 100 } };
  });

  if (options.era === 'legacy') wireLegacyNotifications(server, host, scope);
  return server;
}

/** 2025-era sessions: resources/subscribe and list_changed notifications pushed on the session. */
function wireLegacyNotifications(server: Server, host: McpHost, scope?: Scope): void {
  const subscriptions = new Set<string>();
  server.setRequestHandler('resources/subscribe', async (request) => {
    const uri = request.params.uri;
    if (!host.registry.findResource(uri, scope)) throw new ResourceNotFoundError(uri);
    subscriptions.add(uri);
    return {};
  });
  server.setRequestHandler('resources/unsubscribe', async (request) => {
    subscriptions.delete(request.params.uri);
    return {};
  });
  const unsubscribe = host.notifier.subscribe((change) => {
    const send = (): Promise<void> | undefined => {
      switch (change.kind) {
        case 'tools_list_changed':
          return server.sendToolListChanged();
        case 'prompts_list_changed':
          return server.sendPromptListChanged();
        case 'resources_list_changed':
          return server.sendResourceListChanged();
        case 'resource_updated':
          return subscriptions.has(change.uri) ? server.sendResourceUpdated({ uri: change.uri }) : undefined;
      }
    };
    try {
      void send()?.catch(() => undefined);
    } catch {
      /* not connected yet or closed */
    }
  });
  const previous = server.onclose;
  server.onclose = () => {
    unsubscribe();
    previous?.();
  };
}
