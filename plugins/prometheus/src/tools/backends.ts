// prometheus_list_backends: the core's target list plus the query limits (so the core serves no second one).
import { Tool, ToolGroup, annotations, inject, tokens } from '@cnmcp/core';
import type { PrometheusConfig } from '../config.js';
import { ListBackendsInput } from '../schemas.js';

/** What the core's backend token offers to a plugin (its `<id>_list_backends` rows). */
export interface BackendDescription {
  describe(): { default?: string; targets: Array<Record<string, unknown>> };
}

@ToolGroup({
  name: 'backends',
  title: 'Backends',
  description: 'The configured Prometheus targets and query limits.',
  default: true,
  defaults: { annotations: annotations.local },
})
export class BackendTools {
  constructor(
    @inject(tokens.config) private readonly config: PrometheusConfig,
    @inject(tokens.backend) private readonly backend: BackendDescription,
  ) {}

  @Tool({
    name: 'prometheus_list_backends',
    title: 'Configured Prometheus backends',
    description:
      'The Prometheus targets this server is configured with (name, URL, auth type, which is the default) and the query limits; pass a name as `target` to other tools.',
    input: ListBackendsInput,
  })
  listBackends() {
    return { targets: this.backend.describe().targets, limits: this.config.limits };
  }
}
