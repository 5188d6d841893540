// Toolset kibana/index-patterns: index patterns as `index-pattern` saved objects, their fields, the default.
import { annotations, inject, listPage, Tool, ToolGroup, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { KibanaConfig } from '../config.js';
import {
  CreateIndexPatternInput,
  IndexPatternFieldsInput,
  IndexPatternIdInput,
  UpdateIndexPatternInput,
} from '../schemas-admin.js';
import { SpaceOnly } from '../schemas.js';
import { parseJsonAttribute } from '../summaries.js';
import type { SavedObject } from '../types.js';
import { withKibana } from './common.js';
import { dataViewView } from './data-views.js';

const TYPE = 'index-pattern';
const LIST_CAP = 100;

function indexPatternView(obj: SavedObject): Record<string, unknown> {
  const a = obj.attributes;
  return {
    id: obj.id,
    title: a.title,
    ...(a.name ? { name: a.name } : {}),
    timeFieldName: a.timeFieldName,
    fieldFormats: Object.keys(parseJsonAttribute<Record<string, unknown>>(a.fieldFormatMap, {})),
    version: obj.version,
    updated_at: obj.updated_at,
  };
}

@ToolGroup({
  name: 'index-patterns',
  title: 'Index patterns',
  description: 'Index patterns (data view saved objects): list, read, fields, create, update, delete, default.',
  defaults: { annotations: annotations.read, cacheTtl: 30 },
})
export class IndexPatternTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  @Tool({
    name: 'kibana_get_index_patterns',
    title: 'List index patterns',
    description: `Index patterns of the space with their time fields, up to ${LIST_CAP}.`,
    input: SpaceOnly,
  })
  async list(input: Static<typeof SpaceOnly>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, 'index patterns', async (k) => {
      const found = await k.find({
        type: TYPE,
        per_page: LIST_CAP,
        fields: ['title', 'name', 'timeFieldName', 'fieldFormatMap'],
        sort_field: 'title',
      });
      return {
        total: found.total,
        returned: found.saved_objects.length,
        index_patterns: found.saved_objects.map(indexPatternView),
      };
    });
  }

  @Tool({
    name: 'kibana_get_index_pattern',
    title: 'Get index pattern',
    description: 'One index pattern: title, time field, field counts, version.',
    input: IndexPatternIdInput,
  })
  async get(input: Static<typeof IndexPatternIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `index pattern '${input.index_pattern_id}'`, async (k) =>
      dataViewView(await k.dataView(input.index_pattern_id)),
    );
  }

  @Tool({
    name: 'kibana_index_patterns_summary',
    title: 'Index patterns summary',
    description: 'Index pattern IDs and titles, and which is the default.',
    input: SpaceOnly,
  })
  async summary(input: Static<typeof SpaceOnly>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, 'index patterns', async (k) => {
      const views = await k.dataViews();
      const defaultId = await k.defaultDataView().catch(() => '');
      return {
        total: views.length,
        default: defaultId || null,
        index_patterns: views.map((v) => ({ id: v.id, title: v.title })),
      };
    });
  }

  @Tool({
    name: 'kibana_get_index_pattern_fields',
    title: 'Index pattern fields',
    description: 'Fields of an index pattern: name, type, searchable, aggregatable; filter by name.',
    input: IndexPatternFieldsInput,
  })
  async fields(input: Static<typeof IndexPatternFieldsInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `index pattern '${input.patternID}'`, async (k) => {
      const spec = await k.dataView(input.patternID);
      const needle = input.search?.toLowerCase();
      const fields = Object.values(spec.fields ?? {})
        .filter((f) => !f.name.startsWith('_') && (!needle || f.name.toLowerCase().includes(needle)))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((f) => ({
          name: f.name,
          type: f.type,
          es_types: f.esTypes,
          searchable: f.searchable,
          aggregatable: f.aggregatable,
        }));
      return {
        index_pattern: spec.title,
        timeFieldName: spec.timeFieldName,
        ...listPage(fields, { limit: input.limit, cursor: input.cursor, max: 500, what: 'fields' }),
      };
    });
  }

  @Tool({
    name: 'kibana_create_index_pattern',
    title: 'Create index pattern',
    description: 'Creates an index pattern saved object with an optional time field and field formats.',
    input: CreateIndexPatternInput,
    annotations: annotations.write,
  })
  async create(input: Static<typeof CreateIndexPatternInput>, ctx: ToolContext) {
    const attributes: Record<string, unknown> = {
      ...(input.customSource ?? {}),
      title: input.title,
      fields: '[]',
      ...(input.timeField ? { timeFieldName: input.timeField } : {}),
      ...(input.fieldFormatMap ? { fieldFormatMap: JSON.stringify(input.fieldFormatMap) } : {}),
    };
    return withKibana(this.config, ctx, input.space, `index pattern '${input.title}'`, async (k) => ({
      created: indexPatternView(await k.create(TYPE, attributes)),
    }));
  }

  @Tool({
    name: 'kibana_update_index_pattern',
    title: 'Update index pattern',
    description: 'Changes the title, time field or field formats of an index pattern.',
    input: UpdateIndexPatternInput,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof UpdateIndexPatternInput>, ctx: ToolContext) {
    const attributes: Record<string, unknown> = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.timeField !== undefined ? { timeFieldName: input.timeField } : {}),
      ...(input.fieldFormatMap !== undefined ? { fieldFormatMap: JSON.stringify(input.fieldFormatMap) } : {}),
    };
    return withKibana(this.config, ctx, input.space, `index pattern '${input.index_pattern_id}'`, async (k) => {
      await k.update(TYPE, input.index_pattern_id, { attributes });
      return { updated: indexPatternView(await k.get(TYPE, input.index_pattern_id)), changed: Object.keys(attributes) };
    });
  }

  @Tool({
    name: 'kibana_delete_index_pattern',
    title: 'Delete index pattern',
    description: 'Deletes an index pattern; searches and visualizations built on it break.',
    input: IndexPatternIdInput,
    annotations: annotations.destructive,
  })
  async delete(input: Static<typeof IndexPatternIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `index pattern '${input.index_pattern_id}'`, async (k) => {
      await k.delete(TYPE, input.index_pattern_id);
      return { deleted: { type: TYPE, id: input.index_pattern_id } };
    });
  }

  @Tool({
    name: 'kibana_refresh_index_pattern_fields',
    title: 'Refresh index pattern fields',
    description: 'Re-reads the field list of an index pattern from the current mappings.',
    input: IndexPatternIdInput,
    annotations: annotations.idempotentWrite,
  })
  async refresh(input: Static<typeof IndexPatternIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `index pattern '${input.index_pattern_id}'`, async (k) => {
      const spec = await k.updateDataView(input.index_pattern_id, {}, true);
      return { refreshed: dataViewView(spec) };
    });
  }

  @Tool({
    name: 'kibana_set_default_index_pattern',
    title: 'Set default index pattern',
    description: 'Makes an index pattern the default data view of the space.',
    input: IndexPatternIdInput,
    annotations: annotations.idempotentWrite,
  })
  async setDefault(input: Static<typeof IndexPatternIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `index pattern '${input.index_pattern_id}'`, async (k) => {
      const spec = await k.dataView(input.index_pattern_id);
      const previous = await k.defaultDataView().catch(() => '');
      await k.setDefaultDataView(input.index_pattern_id, true);
      return { default: { id: spec.id, title: spec.title }, previous: previous || null };
    });
  }
}
