// The bench's own cnmcp plugin, loaded by path (`plugins: [<this file>]`): the same trivial echo tool the SDK
// servers serve, a cached twin for cache hit vs no-op, and a tool that forces a GC and reports memory (the
// server runs with --expose-gc). Plain ES module, so the decorators are applied as functions.
import { Service, Tool, ToolGroup, Type, annotations } from '@cnmcp/core';

const Message = Type.Object({ message: Type.String({ description: 'Text sent back.' }) });

export class EchoTools {
  echo(input) {
    return input.message;
  }

  cached(input) {
    return input.message;
  }

  memory() {
    if (typeof globalThis.gc !== 'function') throw new Error('start the server with --expose-gc');
    globalThis.gc();
    return process.memoryUsage();
  }
}

function tool(options, method) {
  const descriptor = Object.getOwnPropertyDescriptor(EchoTools.prototype, method);
  Tool(options)(EchoTools.prototype, method, descriptor);
}

tool({ name: 'bench_echo', description: 'Returns the message.', input: Message }, 'echo');
tool(
  { name: 'bench_cached', description: 'Returns the message; cached for 60 s.', input: Message, cacheTtl: 60 },
  'cached',
);
tool(
  { name: 'bench_memory', description: 'Forces a GC and returns process.memoryUsage().', input: Type.Object({}) },
  'memory',
);
ToolGroup({
  name: 'echo',
  title: 'Echo',
  description: 'Benchmark tools.',
  default: true,
  defaults: { annotations: annotations.local },
})(EchoTools);

export class BenchPlugin {}
Service({ name: 'bench', title: 'Bench', description: 'Benchmark echo tools.', core: '^0.1.0', tools: [EchoTools] })(
  BenchPlugin,
);
export default BenchPlugin;
