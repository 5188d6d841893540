// Folders: list, read, create, rename (with the version check) and delete (with or without their alert rules).
import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import { GrafanaApis } from '../api.js';
import * as S from '../schemas.js';
import { page } from './page.js';

@ToolGroup({
  name: 'folders',
  title: 'Folders',
  description: 'List, read, create, rename and delete dashboard folders.',
  defaults: { annotations: annotations.write },
})
export class FolderTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_folders',
    title: 'Folders',
    description: 'Folders (uid, title).',
    input: S.LimitOnly,
    annotations: annotations.read,
    cacheTtl: 30,
  })
  async list(input: Static<typeof S.LimitOnly>, ctx: ToolContext) {
    const all = await this.apis.for(ctx).folders(1000, 1);
    const max = this.apis.limits().maxItems;
    return page(
      all.map((f) => ({ uid: f.uid, title: f.title })),
      { limit: input.limit ?? max, cursor: input.cursor, max, what: 'folders' },
    );
  }

  @Tool({
    name: 'grafana_folder_detail',
    title: 'Folder',
    description: 'One folder by UID, with its version and dashboard count.',
    input: S.UidInput,
    annotations: annotations.read,
    cacheTtl: 30,
  })
  async detail(input: Static<typeof S.UidInput>, ctx: ToolContext) {
    const api = this.apis.for(ctx);
    const f = await api.folder(input.uid);
    const dashboards = await api.search({ type: 'dash-db', folderUIDs: input.uid, limit: 5000 });
    return {
      uid: f.uid,
      title: f.title,
      url: f.url,
      version: f.version,
      updated: f.updated,
      updatedBy: f.updatedBy,
      dashboards: dashboards.length,
    };
  }

  @Tool({
    name: 'grafana_create_folder',
    title: 'Create folder',
    description: 'Creates a folder.',
    input: S.CreateFolder,
  })
  async create(input: Static<typeof S.CreateFolder>, ctx: ToolContext) {
    const f = await this.apis.for(ctx).createFolder({ title: input.title, ...(input.uid ? { uid: input.uid } : {}) });
    return { uid: f.uid, title: f.title, url: f.url, version: f.version };
  }

  @Tool({
    name: 'grafana_update_folder',
    title: 'Rename folder',
    description: 'Renames a folder; pass the version you read, or overwrite: true.',
    input: S.UpdateFolder,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof S.UpdateFolder>, ctx: ToolContext) {
    const api = this.apis.for(ctx);
    // Without a version, the one stored now is used: a rename then cannot conflict.
    const version = input.version ?? (input.overwrite ? undefined : (await api.folder(input.uid)).version);
    const f = await api.updateFolder(input.uid, { title: input.title, version, overwrite: input.overwrite ?? false });
    return { uid: f.uid, title: f.title, version: f.version };
  }

  @Tool({
    name: 'grafana_delete_folder',
    title: 'Delete folder',
    description:
      'Deletes a folder and its dashboards; forceDeleteRules also deletes its alert rules (asks to confirm).',
    input: S.DeleteFolder,
    annotations: annotations.destructive,
  })
  async remove(input: Static<typeof S.DeleteFolder>, ctx: ToolContext) {
    const out = await this.apis.for(ctx).deleteFolder(input.uid, input.forceDeleteRules ?? false);
    return { deleted: input.uid, title: out.title, message: out.message };
  }
}
