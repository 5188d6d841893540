// Real MCP clients for the deployment tests: a 2025-11-25 session client and a 2026-07-28 stateless client
// over Streamable HTTP, and a raw 2026 tools/call for the confirmation round trip.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

export type McpClient = Client;

export interface ToolAnswer {
  isError: boolean;
  text: string;
}

export async function connectClient(
  url: string,
  era: '2025-11-25' | '2026-07-28',
  options: { elicitation?: boolean } = {},
): Promise<Client> {
  const client = new Client({ name: `deploy-test-${era}`, version: '1.0.0' }, {
    capabilities: options.elicitation ? { elicitation: { form: {} } } : {},
    ...(era === '2026-07-28' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}),
  } as never);
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', url)) as never);
  return client;
}

/**
 * A fresh server's first call to a plugin loads its backend client (hundreds of modules for Kubernetes): on a CI
 * machine busy with other suites that alone can take tens of seconds, so the wait is generous.
 */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
  timeoutMs = 120_000,
): Promise<ToolAnswer> {
  const result = (await client.callTool({ name, arguments: args }, { timeout: timeoutMs })) as {
    isError?: boolean;
    content?: Array<{ type: string; text?: string }>;
  };
  return { isError: !!result.isError, text: result.content?.find((c) => c.type === 'text')?.text ?? '' };
}

export const json = (answer: ToolAnswer) => JSON.parse(answer.text) as Record<string, any>;

const VERSION = '2026-07-28';
let rawId = 1000;

/** One 2026-07-28 tools/call by hand, so a test can carry requestState and inputResponses to any replica. */
export async function rawModernCall(
  baseUrl: string,
  name: string,
  args: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<{ result?: Record<string, any>; error?: unknown }> {
  const id = ++rawId;
  const res = await fetch(`${baseUrl}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': VERSION,
      'mcp-method': 'tools/call',
      'mcp-name': name,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: {
        name,
        arguments: args,
        ...extra,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': VERSION,
          'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
        },
      },
    }),
  });
  const body = await res.text();
  const messages = (res.headers.get('content-type') ?? '').includes('text/event-stream')
    ? body
        .split('\n')
        .filter((l) => l.startsWith('data:') && l.length > 6)
        .map((l) => JSON.parse(l.slice(5)))
    : [JSON.parse(body)];
  return messages.find((m: { id?: number }) => m.id === id) ?? {};
}
