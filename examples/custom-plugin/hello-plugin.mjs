// A local plugin in one file, loaded by path (`plugins: [./hello-plugin.mjs]`), with no build step.
// Plain JavaScript has no decorator syntax on Node 20, so the decorators are applied as functions,
// in the order TypeScript applies them: methods and parameters first, the class last.
import { Service, Tool, Type, inject, tokens } from '@cnmcp/core';

const ConfigSchema = Type.Object(
  {
    greeting: Type.String({ default: 'Hello', description: 'Word the greeting starts with.' }),
  },
  { additionalProperties: false, default: {} },
);

const GreetInput = Type.Object({
  name: Type.String({ minLength: 1, description: 'Who to greet.' }),
  shout: Type.Boolean({ default: false, description: 'Upper-case the greeting.' }),
});

export class HelloPlugin {
  constructor(config) {
    this.config = config;
  }

  greet(input) {
    const text = `${this.config.greeting}, ${input.name}!`;
    return { greeting: input.shout ? text.toUpperCase() : text };
  }
}

Tool({
  name: 'hello_greet',
  title: 'Greet someone',
  description: 'Returns a greeting for a name, using the configured greeting word.',
  input: GreetInput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
})(HelloPlugin.prototype, 'greet');
inject(tokens.config)(HelloPlugin, undefined, 0);
Service({
  name: 'hello',
  title: 'Hello',
  description: 'A one-file example plugin.',
  core: '^0.1.0',
  config: ConfigSchema,
})(HelloPlugin);
