// Toolset kibana/visualizations: list, read, create, update, clone and delete visualizations.
import { annotations, inject, Tool, ToolGroup, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { KibanaConfig } from '../config.js';
import {
  CloneVisualizationInput,
  CreateVisualizationInput,
  SpaceOnly,
  UpdateVisualizationInput,
  VisualizationIdInput,
  VisualizationsPaginatedInput,
  VisualizationsSummaryInput,
} from '../schemas.js';
import { parseJsonAttribute, visualizationSummary, visualizationType } from '../summaries.js';
import type { SavedObject } from '../types.js';
import { pageInfo, withKibana } from './common.js';

const TYPE = 'visualization';
const LIST_CAP = 100;
/** Kibana's find cannot filter on the type inside visState, so a type filter pages through at most this many. */
const SCAN_CAP = 1000;

function visualizationView(obj: SavedObject): Record<string, unknown> {
  const state = parseJsonAttribute<{ params?: unknown; aggs?: unknown[] }>(obj.attributes.visState, {});
  return {
    ...visualizationSummary(obj),
    version: obj.version,
    params: state.params ?? {},
    aggs: state.aggs ?? [],
    references: obj.references,
  };
}

@ToolGroup({
  name: 'visualizations',
  title: 'Visualizations',
  description: 'List, read, create, update, clone and delete Kibana visualizations.',
  defaults: { annotations: annotations.read, cacheTtl: 30 },
})
export class VisualizationTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  @Tool({
    name: 'kibana_get_visualizations',
    title: 'List visualizations',
    description: `Visualizations of the space (id, title, type), newest first, up to ${LIST_CAP}.`,
    input: SpaceOnly,
  })
  async list(input: Static<typeof SpaceOnly>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, 'visualizations', async (k) => {
      const found = await k.find({ type: TYPE, per_page: LIST_CAP, sort_field: 'updated_at', sort_order: 'desc' });
      return {
        total: found.total,
        returned: found.saved_objects.length,
        visualizations: found.saved_objects.map(visualizationSummary),
        ...(found.total > LIST_CAP
          ? { truncated: `first ${LIST_CAP} of ${found.total}; use kibana_visualizations_paginated` }
          : {}),
      };
    });
  }

  @Tool({
    name: 'kibana_get_visualization',
    title: 'Get visualization',
    description: 'One visualization: title, type, params, aggregations, references and version.',
    input: VisualizationIdInput,
  })
  async get(input: Static<typeof VisualizationIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `visualization '${input.visualization_id}'`, async (k) =>
      visualizationView(await k.get(TYPE, input.visualization_id)),
    );
  }

  @Tool({
    name: 'kibana_visualizations_paginated',
    title: 'Visualizations (paged)',
    description: 'Visualizations page by page, optionally matching title words or one visualization type.',
    input: VisualizationsPaginatedInput,
  })
  async paginated(input: Static<typeof VisualizationsPaginatedInput>, ctx: ToolContext) {
    const page = input.page ?? 1;
    const perPage = input.per_page ?? 20;
    return withKibana(this.config, ctx, input.space, 'visualizations', async (k) => {
      if (!input.type) {
        const found = await k.find({
          type: TYPE,
          page,
          per_page: perPage,
          search: input.search || undefined,
          sort_field: input.search ? undefined : 'title',
        });
        return {
          ...pageInfo(found.total, page, perPage),
          visualizations: found.saved_objects.map(visualizationSummary),
        };
      }
      const found = await k.find({
        type: TYPE,
        per_page: SCAN_CAP,
        search: input.search || undefined,
        sort_field: 'title',
      });
      const matching = found.saved_objects.filter((v) => visualizationType(v) === input.type);
      return {
        ...pageInfo(matching.length, page, perPage),
        visualizations: matching.slice((page - 1) * perPage, page * perPage).map(visualizationSummary),
        ...(found.total > SCAN_CAP
          ? { truncated: `type filter applied to the first ${SCAN_CAP} of ${found.total}; add search words` }
          : {}),
      };
    });
  }

  @Tool({
    name: 'kibana_visualizations_summary',
    title: 'Visualizations summary',
    description: 'Visualization IDs, titles and types, 50 per page.',
    input: VisualizationsSummaryInput,
  })
  async summary(input: Static<typeof VisualizationsSummaryInput>, ctx: ToolContext) {
    const page = input.page ?? 1;
    return withKibana(this.config, ctx, input.space, 'visualizations', async (k) => {
      const found = await k.find({ type: TYPE, page, per_page: 50, sort_field: 'title' });
      return {
        ...pageInfo(found.total, page, 50),
        visualizations: found.saved_objects.map((v) => ({
          id: v.id,
          title: v.attributes.title,
          vis_type: visualizationType(v) ?? 'unknown',
        })),
      };
    });
  }

  @Tool({
    name: 'kibana_create_visualization',
    title: 'Create visualization',
    description: 'Creates a visualization from a visState ({type, params, aggs}); optionally on a saved search.',
    input: CreateVisualizationInput,
    annotations: annotations.write,
  })
  async create(input: Static<typeof CreateVisualizationInput>, ctx: ToolContext) {
    const state = { title: input.title, type: 'markdown', params: {}, aggs: [], ...(input.visState ?? {}) };
    const attributes: Record<string, unknown> = {
      title: input.title,
      description: input.description ?? '',
      visState: JSON.stringify(state),
      uiStateJSON: '{}',
      version: 1,
      kibanaSavedObjectMeta: {
        searchSourceJSON: JSON.stringify({ query: { query: '', language: 'kuery' }, filter: [] }),
      },
    };
    const references = input.savedSearchRefName
      ? [{ type: 'search', id: input.savedSearchRefName, name: 'search_0' }]
      : [];
    if (references.length) attributes.savedSearchRefName = 'search_0';
    return withKibana(this.config, ctx, input.space, `visualization '${input.title}'`, async (k) => ({
      created: visualizationView(await k.create(TYPE, attributes, { references })),
    }));
  }

  @Tool({
    name: 'kibana_update_visualization',
    title: 'Update visualization',
    description: 'Changes title, description or visState; pass version to refuse if it changed meanwhile.',
    input: UpdateVisualizationInput,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof UpdateVisualizationInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `visualization '${input.visualization_id}'`, async (k) => {
      const attributes: Record<string, unknown> = {};
      if (input.title !== undefined) attributes.title = input.title;
      if (input.description !== undefined) attributes.description = input.description;
      if (input.visState !== undefined) {
        const current = parseJsonAttribute<Record<string, unknown>>(
          (await k.get(TYPE, input.visualization_id)).attributes.visState,
          {},
        );
        attributes.visState = JSON.stringify({ ...current, ...input.visState, title: input.title ?? current.title });
      }
      const version = typeof input.version === 'string' ? input.version : undefined;
      await k.update(TYPE, input.visualization_id, { attributes, version });
      return {
        updated: visualizationView(await k.get(TYPE, input.visualization_id)),
        changed: Object.keys(attributes),
        ...(typeof input.version === 'number'
          ? { note: 'a numeric version is not a Kibana object version and was ignored' }
          : {}),
      };
    });
  }

  @Tool({
    name: 'kibana_clone_visualization',
    title: 'Clone visualization',
    description: 'Copies a visualization under a new title and ID.',
    input: CloneVisualizationInput,
    annotations: annotations.write,
  })
  async clone(input: Static<typeof CloneVisualizationInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `visualization '${input.visualization_id}'`, async (k) => {
      const source = await k.get(TYPE, input.visualization_id);
      const state = parseJsonAttribute<Record<string, unknown>>(source.attributes.visState, {});
      const copy = await k.create(
        TYPE,
        {
          ...source.attributes,
          title: input.new_title,
          visState: JSON.stringify({ ...state, title: input.new_title }),
        },
        { references: source.references },
      );
      return { source_id: source.id, created: visualizationView(copy) };
    });
  }

  @Tool({
    name: 'kibana_delete_visualization',
    title: 'Delete visualization',
    description: 'Deletes a visualization; dashboards showing it keep a broken panel.',
    input: VisualizationIdInput,
    annotations: annotations.destructive,
  })
  async delete(input: Static<typeof VisualizationIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `visualization '${input.visualization_id}'`, async (k) => {
      await k.delete(TYPE, input.visualization_id);
      return { deleted: { type: TYPE, id: input.visualization_id } };
    });
  }
}
