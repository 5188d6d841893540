// The plugin: its id, its config, its backend (owned by the core) and the list of its tool groups.
import { Prompt, Service } from '@cnmcp/core';
import { SampleConfigSchema } from './config.js';
import { ItemTools } from './tools/items.js';

@Service({
  name: 'sample',
  title: 'Sample',
  description: 'Lists and reads items of a Sample backend over its HTTP API.',
  core: '^0.1.0',
  config: SampleConfigSchema,
  // The core owns the backend: sample.targets in config (SAMPLE_URL defines a target named `default`), the
  // optional `target` argument of every tool, ctx.backend, the health probe and sample_list_backends.
  backend: { urlEnv: 'SAMPLE_URL', health: { path: '/healthz' } },
  tools: [ItemTools],
})
export class SamplePlugin {
  @Prompt({
    name: 'sample_item_review',
    title: 'Review items',
    description: 'Look at the items of the backend, summary first.',
    arguments: [{ name: 'status', description: 'Only items with this status: active | archived.' }],
  })
  itemReview(args: { status?: string }) {
    return [
      `Review the ${args.status ? `${args.status} ` : ''}items of the Sample backend.`,
      `1. sample_list_items${args.status ? ` status=${args.status}` : ''} limit=20 — what exists, with the total.`,
      '2. sample_get_item id=… — only the items the list points at.',
      'Report what you found; change nothing.',
    ].join('\n');
  }
}
