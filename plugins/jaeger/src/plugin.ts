// The Jaeger plugin: the query service as one HTTP backend (jaeger.targets), services and traces
// toolsets, and the trace investigation prompt.
import { Prompt, Service } from '@cnmcp/core';
import { JaegerApiCache } from './api-cache.js';
import { JaegerConfigSchema } from './config.js';
import { investigationPrompt } from './prompt.js';
import { ServiceTools } from './tools/services.js';
import { TraceTools } from './tools/traces.js';

@Service({
  name: 'jaeger',
  title: 'Jaeger',
  description: 'Jaeger traces: search as summaries, service topology, critical paths, dependencies.',
  core: '^0.1.0',
  config: JaegerConfigSchema,
  backend: { urlEnv: 'JAEGER_URL', health: { path: '/' } },
  tools: [ServiceTools, TraceTools],
  providers: [JaegerApiCache],
})
export class JaegerPlugin {
  @Prompt({
    name: 'jaeger_trace_investigation',
    title: 'Investigate with traces',
    description: 'Find slow or failing requests in Jaeger and explain where the time or the error comes from.',
    arguments: [
      { name: 'service', description: 'Service to start from (default: ask jaeger_get_services).' },
      { name: 'time_range', description: 'How far back, e.g. 1h (default 1h).' },
      { name: 'notes', description: 'What the user observed.' },
    ],
  })
  investigation(args: { service?: string; time_range?: string; notes?: string }) {
    return investigationPrompt(args);
  }
}
