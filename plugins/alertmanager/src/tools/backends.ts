// alertmanager_list_backends: the core's target list plus the list limits (so the core serves no second one).
import { Tool, ToolGroup, annotations, inject, tokens } from '@cnmcp/core';
import type { AlertmanagerConfig } from '../config.js';
import { ListBackendsInput } from '../schemas.js';

/** What the core's backend token offers to a plugin (its `<id>_list_backends` rows). */
interface BackendDescription {
  describe(): { default?: string; targets: Array<Record<string, unknown>> };
}

@ToolGroup({
  name: 'backends',
  title: 'Backends',
  description: 'The configured Alertmanager targets and list limits.',
  default: true,
  defaults: { annotations: annotations.local },
})
export class BackendTools {
  constructor(
    @inject(tokens.config) private readonly config: AlertmanagerConfig,
    @inject(tokens.backend) private readonly backend: BackendDescription,
  ) {}

  @Tool({
    name: 'alertmanager_list_backends',
    title: 'Configured Alertmanager backends',
    description:
      'The Alertmanager targets this server is configured with (name, URL, auth type, which is the default); pass a name as `target` to other tools.',
    input: ListBackendsInput,
  })
  listBackends() {
    return { targets: this.backend.describe().targets, limits: this.config.limits };
  }
}
