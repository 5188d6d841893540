// Toolset kibana/saved-content: saved searches, Lens visualizations, maps and Canvas workpads.
import { annotations, inject, Tool, ToolGroup, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { KibanaConfig } from '../config.js';
import { SavedSearchIdInput, SpaceOnly } from '../schemas.js';
import { parseJsonAttribute, savedObjectSummary } from '../summaries.js';
import type { KibanaClient } from '../client.js';
import { withKibana } from './common.js';

const LIST_CAP = 100;

async function listType(k: KibanaClient, type: string, key: string) {
  const found = await k.find({ type, per_page: LIST_CAP, sort_field: 'updated_at', sort_order: 'desc' });
  return {
    total: found.total,
    returned: found.saved_objects.length,
    [key]: found.saved_objects.map(savedObjectSummary),
    ...(found.total > LIST_CAP
      ? { truncated: `first ${LIST_CAP} of ${found.total}; use kibana_search_saved_objects with type=${type}` }
      : {}),
  };
}

@ToolGroup({
  name: 'saved-content',
  title: 'Saved searches, Lens, maps, Canvas',
  description: 'List and read saved searches, Lens visualizations, maps and Canvas workpads.',
  defaults: { annotations: annotations.read, cacheTtl: 30 },
})
export class SavedContentTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  @Tool({
    name: 'kibana_get_saved_searches',
    title: 'List saved searches',
    description: `Saved Discover searches of the space, up to ${LIST_CAP}.`,
    input: SpaceOnly,
  })
  async searches(input: Static<typeof SpaceOnly>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, 'saved searches', (k) => listType(k, 'search', 'searches'));
  }

  @Tool({
    name: 'kibana_get_saved_search',
    title: 'Get saved search',
    description: 'One saved search: its query, filters, columns, sort and data view.',
    input: SavedSearchIdInput,
  })
  async search(input: Static<typeof SavedSearchIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `saved search '${input.search_id}'`, async (k) => {
      const obj = await k.get('search', input.search_id);
      const a = obj.attributes;
      const source = parseJsonAttribute<Record<string, unknown>>(
        (a.kibanaSavedObjectMeta as { searchSourceJSON?: string } | undefined)?.searchSourceJSON,
        {},
      );
      return {
        ...savedObjectSummary(obj),
        version: obj.version,
        query: source.query,
        filters: source.filter ?? [],
        columns: a.columns ?? [],
        sort: a.sort ?? [],
        data_views: obj.references.filter((r) => r.type === 'index-pattern').map((r) => r.id),
      };
    });
  }

  @Tool({
    name: 'kibana_get_lens_objects',
    title: 'List Lens visualizations',
    description: `Lens visualizations of the space, up to ${LIST_CAP}.`,
    input: SpaceOnly,
  })
  async lens(input: Static<typeof SpaceOnly>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, 'Lens visualizations', (k) => listType(k, 'lens', 'lens'));
  }

  @Tool({
    name: 'kibana_get_maps',
    title: 'List maps',
    description: `Maps of the space, up to ${LIST_CAP}.`,
    input: SpaceOnly,
  })
  async maps(input: Static<typeof SpaceOnly>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, 'maps', (k) => listType(k, 'map', 'maps'));
  }

  @Tool({
    name: 'kibana_get_canvas_workpads',
    title: 'List Canvas workpads',
    description: `Canvas workpads of the space, up to ${LIST_CAP}.`,
    input: SpaceOnly,
  })
  async workpads(input: Static<typeof SpaceOnly>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, 'Canvas workpads', (k) =>
      listType(k, 'canvas-workpad', 'workpads'),
    );
  }
}
