// Toolset kibana/saved-objects: find, create, update, delete, bulk delete, export (NDJSON) and import
// (multipart NDJSON) of any saved object type.
import { annotations, coreError, inject, Tool, ToolGroup, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { KibanaConfig } from '../config.js';
import { KibanaErrors } from '../errors.js';
import { decodeNdjson, NdjsonError, toImportNdjson } from '../ndjson.js';
import {
  BulkDeleteInput,
  CreateSavedObjectInput,
  DeleteSavedObjectInput,
  ExportInput,
  ImportInput,
  SearchSavedObjectsAdvancedInput,
  SearchSavedObjectsInput,
  UpdateSavedObjectInput,
} from '../schemas.js';
import { savedObjectSummary } from '../summaries.js';
import { jsonArgument, pageInfo, withKibana } from './common.js';

const DEFAULT_TYPES = ['dashboard', 'visualization', 'search', 'index-pattern', 'lens', 'map'];

const types = (type: string | undefined): string[] =>
  type
    ? type
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
    : DEFAULT_TYPES;

@ToolGroup({
  name: 'saved-objects',
  title: 'Saved objects',
  description: 'Find, create, update, delete, export and import Kibana saved objects of any type.',
  defaults: { annotations: annotations.read, cacheTtl: 15 },
})
export class SavedObjectTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  @Tool({
    name: 'kibana_search_saved_objects',
    title: 'Search saved objects',
    description: 'Finds saved objects by type and title words, page by page.',
    input: SearchSavedObjectsInput,
  })
  async search(input: Static<typeof SearchSavedObjectsInput>, ctx: ToolContext) {
    const page = input.page ?? 1;
    const perPage = input.per_page ?? 20;
    return withKibana(this.config, ctx, input.space, 'saved objects', async (k) => {
      const found = await k.find({
        type: types(input.type),
        search: input.search || undefined,
        page,
        per_page: perPage,
      });
      return { ...pageInfo(found.total, page, perPage), saved_objects: found.saved_objects.map(savedObjectSummary) };
    });
  }

  @Tool({
    name: 'kibana_search_saved_objects_advanced',
    title: 'Find saved objects (advanced)',
    description: 'Find with sorting, a reference filter and chosen attributes.',
    input: SearchSavedObjectsAdvancedInput,
  })
  async searchAdvanced(input: Static<typeof SearchSavedObjectsAdvancedInput>, ctx: ToolContext) {
    const page = input.page ?? 1;
    const perPage = input.per_page ?? 20;
    const hasReference =
      input.has_reference === undefined
        ? undefined
        : jsonArgument<{ type: string; id: string }>(input.has_reference, 'has_reference');
    return withKibana(this.config, ctx, input.space, 'saved objects', async (k) => {
      const found = await k.find({
        type: types(input.type),
        search: input.search || undefined,
        page,
        per_page: perPage,
        sort_field: input.sort_field,
        sort_order: input.sort_order,
        has_reference: hasReference,
        fields: input.fields,
      });
      return {
        ...pageInfo(found.total, page, perPage),
        saved_objects: found.saved_objects.map((o) => ({
          ...savedObjectSummary(o),
          ...(input.fields?.length ? { attributes: o.attributes } : {}),
        })),
      };
    });
  }

  @Tool({
    name: 'kibana_create_saved_object',
    title: 'Create saved object',
    description: 'Creates a saved object of any type from its attributes and references.',
    input: CreateSavedObjectInput,
    annotations: annotations.write,
  })
  async create(input: Static<typeof CreateSavedObjectInput>, ctx: ToolContext) {
    const id = input.id ?? input.initialObjectType;
    return withKibana(this.config, ctx, input.space, `${input.type}${id ? ` '${id}'` : ''}`, async (k) => {
      const obj = await k.create(input.type, input.attributes, { id, references: input.references });
      return { created: { ...savedObjectSummary(obj), version: obj.version } };
    });
  }

  @Tool({
    name: 'kibana_update_saved_object',
    title: 'Update saved object',
    description: 'Merges attributes into a saved object (and replaces references); version refuses stale writes.',
    input: UpdateSavedObjectInput,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof UpdateSavedObjectInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `${input.type} '${input.object_id}'`, async (k) => {
      const obj = await k.update(input.type, input.object_id, {
        attributes: input.attributes ?? {},
        references: input.references,
        version: input.version,
      });
      return {
        updated: {
          type: input.type,
          id: input.object_id,
          version: obj.version,
          changed: Object.keys(input.attributes ?? {}),
        },
      };
    });
  }

  @Tool({
    name: 'kibana_delete_saved_object',
    title: 'Delete saved object',
    description: 'Deletes one saved object; force also deletes one shared with other spaces.',
    input: DeleteSavedObjectInput,
    annotations: annotations.destructive,
  })
  async delete(input: Static<typeof DeleteSavedObjectInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `${input.type} '${input.object_id}'`, async (k) => {
      await k.delete(input.type, input.object_id, input.force);
      return { deleted: { type: input.type, id: input.object_id } };
    });
  }

  @Tool({
    name: 'kibana_bulk_delete_saved_objects',
    title: 'Bulk delete saved objects',
    description: 'Deletes many saved objects; reports each one that could not be deleted.',
    input: BulkDeleteInput,
    annotations: annotations.destructive,
  })
  async bulkDelete(input: Static<typeof BulkDeleteInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, 'saved objects', async (k) => {
      const { statuses } = await k.bulkDelete(input.objects, input.force);
      const failed = statuses
        .filter((s) => !s.success)
        .map((s) => ({ type: s.type, id: s.id, error: s.error?.message ?? 'failed' }));
      return { requested: input.objects.length, deleted: statuses.length - failed.length, failed };
    });
  }

  @Tool({
    name: 'kibana_export_saved_objects',
    title: 'Export saved objects',
    description: 'Exports objects (and what they reference) as NDJSON that kibana_import_saved_objects accepts.',
    input: ExportInput,
    cacheTtl: 0,
  })
  async export(input: Static<typeof ExportInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, 'saved objects to export', async (k) => {
      const ndjson = await k.exportNdjson({
        objects: input.objects,
        includeReferencesDeep: input.includeReferences ?? true,
      });
      let decoded: ReturnType<typeof decodeNdjson>;
      try {
        decoded = decodeNdjson(ndjson);
      } catch (err) {
        if (!(err instanceof NdjsonError)) throw err;
        // Kibana's own export was not saved-object NDJSON: the backend's answer is wrong, not the arguments.
        throw coreError('CNMCP_ERR_BACKEND_BAD_RESPONSE', `Kibana's export could not be read: ${err.message}`);
      }
      const { objects, details } = decoded;
      const out = {
        exported_count: details?.exportedCount ?? objects.length,
        missing_references: details?.missingReferences ?? [],
        objects: objects.map((o) => ({ type: o.type, id: o.id, title: o.attributes.title ?? o.attributes.name })),
      };
      const bytes = Buffer.byteLength(ndjson);
      if (bytes > ctx.resultBudgetBytes * 0.8)
        return {
          ...out,
          truncated: `the NDJSON is ${bytes} bytes, more than this answer may hold; export fewer objects per call (includeReferences=false helps)`,
        };
      return { ...out, ndjson };
    });
  }

  @Tool({
    name: 'kibana_import_saved_objects',
    title: 'Import saved objects',
    description:
      'Imports saved-object NDJSON (multipart upload); overwrite replaces existing objects, createNewCopies gives new IDs.',
    input: ImportInput,
    annotations: annotations.destructive,
  })
  async import(input: Static<typeof ImportInput>, ctx: ToolContext) {
    if (input.overwrite && input.createNewCopies)
      throw KibanaErrors.create('KIBANA_ERR_BAD_REQUEST', 'overwrite and createNewCopies cannot be used together', {
        hint: 'Choose one: overwrite replaces objects with the same IDs, createNewCopies imports under new IDs.',
      });
    let file: { ndjson: string; count: number };
    try {
      file = toImportNdjson(input.file);
    } catch (err) {
      if (err instanceof NdjsonError)
        throw KibanaErrors.create('KIBANA_ERR_IMPORT_FILE_INVALID', `file: ${err.message}`);
      throw err;
    }
    if (file.count === 0) throw KibanaErrors.create('KIBANA_ERR_IMPORT_FILE_INVALID', 'file holds no saved objects');
    return withKibana(this.config, ctx, input.space, 'saved objects import', async (k) => {
      const result = await k.importNdjson(file.ndjson, {
        overwrite: input.overwrite,
        createNewCopies: input.createNewCopies,
      });
      return {
        success: result.success,
        imported: result.successCount,
        of: file.count,
        results: (result.successResults ?? []).map((r) => ({
          type: r.type,
          id: r.id,
          title: r.meta?.title,
          ...(r.destinationId ? { new_id: r.destinationId } : {}),
          ...(r.overwrite ? { overwritten: true } : {}),
        })),
        errors: (result.errors ?? []).map((e) => ({
          type: e.type,
          id: e.id,
          title: e.title ?? e.meta?.title,
          error: e.error.type,
          ...(e.error.references ? { missing: e.error.references } : {}),
        })),
        ...(result.errors?.some((e) => e.error.type === 'conflict')
          ? { hint: 'conflicts: retry with overwrite=true to replace them, or createNewCopies=true to import copies' }
          : {}),
      };
    });
  }
}
