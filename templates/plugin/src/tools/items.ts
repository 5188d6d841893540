// One tool group = one toolset (`sample/items`): a handful of tools that belong together.
import { Tool, ToolGroup, annotations, inject, tokens, type Static, type ToolContext } from '@cnmcp/core';
import { SampleApi } from '../client.js';
import type { SampleConfig } from '../config.js';
import { DEFAULT_LIMIT, GetItemInput, ListItemsInput } from '../schemas.js';

@ToolGroup({
  name: 'items',
  title: 'Items',
  description: 'List and read the items of the backend.',
  default: true,
  defaults: { annotations: annotations.read },
})
export class ItemTools {
  constructor(@inject(tokens.config) private readonly config: SampleConfig) {}

  @Tool({
    name: 'sample_list_items',
    title: 'List items',
    description: 'Lists the items of the backend, newest first, optionally only those with a status.',
    input: ListItemsInput,
    cacheTtl: 10,
  })
  async listItems(input: Static<typeof ListItemsInput>, ctx: ToolContext) {
    const limit = Math.min(input.limit ?? DEFAULT_LIMIT, this.config.maxItems);
    const { items, total } = await new SampleApi(ctx.backend).listItems({ status: input.status, limit }, ctx.signal);
    const shown = items.slice(0, limit);
    return { items: shown, returned: shown.length, total, truncated: total > shown.length };
  }

  @Tool({
    name: 'sample_get_item',
    title: 'Get an item',
    description: 'Reads one item by its id.',
    input: GetItemInput,
  })
  async getItem(input: Static<typeof GetItemInput>, ctx: ToolContext) {
    return new SampleApi(ctx.backend).getItem(input.id, ctx.signal);
  }
}
