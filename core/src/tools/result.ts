// Turns what a handler returned into an MCP tool result, within the size budget.
import type { CallToolResult, InputRequiredResult } from '@modelcontextprotocol/server';
import { isInputRequiredResult } from '../vendor/mcp-sdk.js';
import { coreError, isCnmcpError, type CnmcpError } from '../errors.js';

type Content = CallToolResult['content'][number];

/** A handler may return a full MCP result (content blocks: images, audio, resources) instead of a value. */
export function isCallToolResult(value: unknown): value is CallToolResult {
  return !!value && typeof value === 'object' && Array.isArray((value as CallToolResult).content);
}

const PRETTY_LIMIT = 4_000;

export function toJsonText(value: unknown): string {
  const compact = JSON.stringify(value) ?? 'null';
  return compact.length <= PRETTY_LIMIT ? JSON.stringify(value, null, 2) : compact;
}

/** Errors have their own small budget: a message quoting a huge argument must not come back huge. */
export const ERROR_TEXT_BYTES = 8_192;

export function errorResult(error: CnmcpError): CallToolResult {
  const text = error.toText();
  const bytes = Buffer.byteLength(text);
  if (bytes <= ERROR_TEXT_BYTES) return { content: [{ type: 'text', text }], isError: true };
  const cut = Buffer.from(text)
    .subarray(0, ERROR_TEXT_BYTES)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return { content: [{ type: 'text', text: `${cut}\n…[error cut: ${bytes} bytes in all]` }], isError: true };
}

function truncationMarker(shown: number, total: number): string {
  return `\n…[truncated: showed ${shown} of ${total} bytes. CNMCP_ERR_RESULT_TOO_LARGE: use the tool's filters, limit or pagination to ask for less]`;
}

/** Cuts text blocks so the whole result stays within maxBytes; says so in the text. */
function capText(content: Content[], maxBytes: number): Content[] {
  let budget = maxBytes;
  return content.map((block) => {
    if (block.type !== 'text') return block;
    const bytes = Buffer.byteLength(block.text);
    if (bytes <= budget) {
      budget -= bytes;
      return block;
    }
    const keep = Math.max(0, budget);
    budget = 0;
    const cut = Buffer.from(block.text)
      .subarray(0, keep)
      .toString('utf8')
      .replace(/\uFFFD$/, '');
    return { ...block, text: cut + truncationMarker(Buffer.byteLength(cut), bytes) };
  });
}

/**
 * A multi-round-trip result passes through to the SDK as is. It has no content blocks; the pipeline's size
 * accounting reads `content`, so it gets an empty one that is not enumerable and so never reaches the wire.
 */
function inputRequiredResult(value: InputRequiredResult): CallToolResult {
  const result = { ...value };
  Object.defineProperty(result, 'content', { value: [], enumerable: false });
  return result as unknown as CallToolResult;
}

export interface FormatOptions {
  maxBytes: number;
  hasOutputSchema: boolean;
}

export function formatResult(value: unknown, options: FormatOptions): CallToolResult {
  if (isInputRequiredResult(value as never)) return inputRequiredResult(value as InputRequiredResult);
  if (isCallToolResult(value)) return { ...value, content: capText(value.content, options.maxBytes) };
  if (typeof value === 'string') return { content: capText([{ type: 'text', text: value }], options.maxBytes) };
  if (value === undefined) return { content: [{ type: 'text', text: 'done' }] };
  const text = toJsonText(value);
  if (options.hasOutputSchema) {
    if (Buffer.byteLength(text) > options.maxBytes) {
      return errorResult(
        coreError(
          'CNMCP_ERR_RESULT_TOO_LARGE',
          `the result is ${Buffer.byteLength(text)} bytes, over the ${options.maxBytes}-byte budget`,
        ),
      );
    }
    return { content: [{ type: 'text', text }], structuredContent: value as Record<string, unknown> };
  }
  return { content: capText([{ type: 'text', text }], options.maxBytes) };
}

export { isCnmcpError };
