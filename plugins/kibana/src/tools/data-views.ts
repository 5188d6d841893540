// Toolset kibana/data-views: the data views API (/api/data_views).
import { annotations, inject, Tool, ToolGroup, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { KibanaConfig } from '../config.js';
import { CreateDataViewInput, DataViewIdInput, DataViewsInput, UpdateDataViewInput } from '../schemas-admin.js';
import type { DataViewSpec } from '../types.js';
import { pageInfo, withKibana } from './common.js';

/** A data view without its field map (which can run to thousands of entries): counts and the time field. */
export function dataViewView(spec: DataViewSpec): Record<string, unknown> {
  const fields = Object.values(spec.fields ?? {});
  return {
    id: spec.id,
    name: spec.name ?? spec.title,
    title: spec.title,
    timeFieldName: spec.timeFieldName,
    version: spec.version,
    fields: {
      total: fields.length,
      by_type: fields.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.type]: (acc[f.type] ?? 0) + 1 }), {}),
    },
    sourceFilters: spec.sourceFilters ?? [],
    runtimeFields: Object.keys(spec.runtimeFieldMap ?? {}),
    fieldFormats: Object.keys(spec.fieldFormats ?? {}),
    allowNoIndex: Boolean(spec.allowNoIndex),
    namespaces: spec.namespaces,
  };
}

@ToolGroup({
  name: 'data-views',
  title: 'Data views',
  description: 'List, read, create, update and delete Kibana data views.',
  defaults: { annotations: annotations.read, cacheTtl: 30 },
})
export class DataViewTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  @Tool({
    name: 'kibana_get_data_views',
    title: 'List data views',
    description: 'Data views of the space (id, name, index pattern) and which is the default.',
    input: DataViewsInput,
  })
  async list(input: Static<typeof DataViewsInput>, ctx: ToolContext) {
    const page = input.page ?? 1;
    const perPage = input.per_page ?? 20;
    return withKibana(this.config, ctx, input.space, 'data views', async (k) => {
      const views = (await k.dataViews()).sort((a, b) => (a.name ?? a.title).localeCompare(b.name ?? b.title));
      const defaultId = await k.defaultDataView().catch(() => '');
      return {
        ...pageInfo(views.length, page, perPage),
        default_data_view: defaultId || null,
        data_views: views
          .slice((page - 1) * perPage, page * perPage)
          .map((v) => ({ id: v.id, name: v.name ?? v.title, title: v.title })),
      };
    });
  }

  @Tool({
    name: 'kibana_get_data_view',
    title: 'Get data view',
    description: 'One data view: index pattern, time field, field counts by type, runtime fields and version.',
    input: DataViewIdInput,
  })
  async get(input: Static<typeof DataViewIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `data view '${input.data_view_id}'`, async (k) =>
      dataViewView(await k.dataView(input.data_view_id)),
    );
  }

  @Tool({
    name: 'kibana_create_data_view',
    title: 'Create data view',
    description: 'Creates a data view over an index pattern, with an optional time field.',
    input: CreateDataViewInput,
    annotations: annotations.write,
  })
  async create(input: Static<typeof CreateDataViewInput>, ctx: ToolContext) {
    const spec: Partial<DataViewSpec> = {
      title: input.title,
      ...(input.name ? { name: input.name } : {}),
      ...(input.timeField ? { timeFieldName: input.timeField } : {}),
      ...(input.sourceFilters
        ? { sourceFilters: input.sourceFilters.map((f) => (typeof f === 'string' ? { value: f } : f)) }
        : {}),
      ...(input.fieldFormats ? { fieldFormats: input.fieldFormats } : {}),
      ...(input.allowNoIndex ? { allowNoIndex: true } : {}),
    };
    return withKibana(this.config, ctx, input.space, `data view '${input.title}'`, async (k) => ({
      created: dataViewView(await k.createDataView(spec)),
    }));
  }

  @Tool({
    name: 'kibana_update_data_view',
    title: 'Update data view',
    description: 'Changes the index pattern, name or time field of a data view.',
    input: UpdateDataViewInput,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof UpdateDataViewInput>, ctx: ToolContext) {
    const spec: Partial<DataViewSpec> = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.timeField !== undefined ? { timeFieldName: input.timeField } : {}),
    };
    return withKibana(this.config, ctx, input.space, `data view '${input.data_view_id}'`, async (k) => ({
      updated: dataViewView(await k.updateDataView(input.data_view_id, spec)),
      changed: Object.keys(spec),
    }));
  }

  @Tool({
    name: 'kibana_delete_data_view',
    title: 'Delete data view',
    description: 'Deletes a data view; searches and visualizations built on it break.',
    input: DataViewIdInput,
    annotations: annotations.destructive,
  })
  async delete(input: Static<typeof DataViewIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `data view '${input.data_view_id}'`, async (k) => {
      await k.dataView(input.data_view_id);
      await k.deleteDataView(input.data_view_id);
      return { deleted: { type: 'data_view', id: input.data_view_id } };
    });
  }
}
