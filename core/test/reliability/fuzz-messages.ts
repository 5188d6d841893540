// The fuzzer's messages: invalid JSON, wrong types, missing fields, huge strings, deep nesting, unicode and NUL,
// prototype keys, batches, unknown methods, and tools/call with arguments fuzzed from each tool's input schema.
import type { Random } from './wire.js';

export interface ToolSchema {
  name: string;
  inputSchema: { properties?: Record<string, { type?: string; enum?: unknown[] }> };
}

const WEIRD = [
  '\u0000',
  '\uffff',
  '\ud800',
  '😀',
  '\u202e',
  'ﷺ',
  '\\',
  '"',
  '\n',
  '%00',
  '../../etc/passwd',
  'constructor',
];
const PROTO = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'];

function weirdString(r: Random, max = 40): string {
  let s = '';
  const n = r.int(max);
  for (let i = 0; i < n; i++) s += r.chance(0.3) ? r.pick(WEIRD) : String.fromCharCode(32 + r.int(95));
  return s;
}

function value(r: Random, depth = 0): unknown {
  switch (r.int(depth > 3 ? 6 : 9)) {
    case 0:
      return weirdString(r);
    case 1:
      return r.int(1 << 30) * (r.chance(0.5) ? -1 : 1);
    case 2:
      return r.pick([0.5, 1e308, -0, NaN, Infinity].map((n) => (Number.isFinite(n) ? n : null)));
    case 3:
      return r.chance(0.5);
    case 4:
      return null;
    case 5:
      return r.pick(PROTO);
    case 6:
      return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(4) }, () => [
          r.chance(0.2) ? r.pick(PROTO) : weirdString(r, 8),
          value(r, depth + 1),
        ]),
      );
  }
}

function argumentsFor(r: Random, tool: ToolSchema): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
    if (r.chance(0.3)) continue;
    if (schema.enum && r.chance(0.5)) args[key] = r.pick(schema.enum);
    else if (schema.type === 'integer' || schema.type === 'number') args[key] = r.chance(0.7) ? r.int(100) : value(r);
    else if (schema.type === 'string') args[key] = r.chance(0.6) ? weirdString(r, 20) : value(r);
    else if (schema.type === 'boolean') args[key] = r.chance(0.7) ? r.chance(0.5) : value(r);
    else args[key] = value(r);
  }
  if (r.chance(0.2)) args[r.pick(PROTO)] = value(r);
  if (r.chance(0.1)) args[weirdString(r, 10)] = value(r);
  return args;
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/**
 * One fuzzed message as the text of one line (no newline in it). `id` is unique per message so in-flight ids never
 * collide unless the message chose to. `envelope` adds the fields a 2026-07-28 request carries.
 */
export function fuzzMessage(r: Random, id: number, tools: ToolSchema[], envelope?: Record<string, unknown>): string {
  const params = (p: Record<string, unknown> = {}) => (envelope ? { ...p, _meta: envelope } : p);
  const call = () => {
    const tool = r.pick(tools);
    return {
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: params({ name: tool.name, arguments: argumentsFor(r, tool) }),
    };
  };
  switch (r.int(12)) {
    case 0: {
      const text = JSON.stringify(call());
      return text.slice(0, r.int(text.length)) || '{';
    }
    case 1:
      return JSON.stringify(
        r.pick([
          { jsonrpc: 2, id, method: 'ping' },
          { jsonrpc: '2.0', id, method: 42 },
          { jsonrpc: '2.0', id, method: 'tools/list', params: 'x' },
          { jsonrpc: '2.0', id, method: 'tools/list', params: [1, 2] },
          { jsonrpc: '2.0', id: id + 0.5, method: 'ping' },
          { jsonrpc: '2.0', id: { x: 1 }, method: 'ping' },
          { jsonrpc: '2.0', id: null, method: 'ping' },
          { jsonrpc: '2.0', id: true, method: 'ping' },
          { jsonrpc: 'x', id, method: 'ping' },
          { jsonrpc: '2.0', id, method: 'tools/call', params: params({ name: 42 }) },
          { jsonrpc: '2.0', id, method: 'tools/call', params: params({ name: 'utilities_get_time', arguments: 'x' }) },
        ]),
      );
    case 2:
      return JSON.stringify(
        r.pick([
          { id, method: 'ping' },
          { jsonrpc: '2.0', id },
          { jsonrpc: '2.0' },
          { jsonrpc: '2.0', id, method: 'tools/call', params: params({}) },
          { jsonrpc: '2.0', id, result: {} },
          {},
        ]),
      );
    case 3: {
      const size = r.chance(0.1) ? 300_000 + r.int(200_000) : r.int(50_000);
      const tool = r.pick(tools);
      const key = Object.keys(tool.inputSchema.properties ?? {})[0] ?? 'x';
      return JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: 'tools/call',
        params: params({ name: tool.name, arguments: { [key]: 'A'.repeat(size) } }),
      });
    }
    case 4:
      return `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"utilities_get_time","arguments":{"x":${nested(r.pick([5, 30, 63, 64, 65, 200, 3000]))}}}}`;
    case 5:
      return JSON.stringify({ jsonrpc: '2.0', id, method: weirdString(r, 30), params: params({ s: weirdString(r) }) });
    case 6:
      return `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"utilities_get_time","arguments":{"${r.pick(PROTO)}":{"polluted":true}}}}`;
    case 7:
      return JSON.stringify(
        Array.from({ length: r.int(4) }, (_, i) => ({ jsonrpc: '2.0', id: id * 10 + i, method: 'ping' })),
      );
    case 8:
      return JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: r.pick(['tools/destroy', 'admin/shutdown', '', 'x'.repeat(300), 'rpc.discover']),
        params: params(),
      });
    case 9:
      return JSON.stringify({
        jsonrpc: '2.0',
        method: r.pick(['notifications/cancelled', 'notifications/x', 'notifications/initialized']),
        params: { requestId: r.int(5) },
      });
    case 10:
      return JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: r.pick(['ping', 'tools/list', 'prompts/list', 'resources/list']),
        params: params(),
      });
    default:
      return JSON.stringify(call());
  }
}
