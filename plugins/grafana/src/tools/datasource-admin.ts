// Creating, updating and deleting datasources. Secrets go to Grafana in secureJsonData (where Grafana 8+ keeps
// them); their argument names (password, basicAuthPassword, secureJsonData) are ones the audit masks, and no
// answer ever carries them back.
import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import { GrafanaApis } from '../api.js';
import * as S from '../schemas.js';
import { secretKeysSet, stripDatasourceSecrets } from '../secrets.js';

type Write = Static<typeof S.CreateDatasource> | Static<typeof S.UpdateDatasource>;

function body(input: Write): Record<string, unknown> {
  const secure: Record<string, string> = { ...(input.secureJsonData ?? {}), ...(input.secureJsonSecrets ?? {}) };
  if (input.password) secure.password = input.password;
  if (input.basicAuthPassword) secure.basicAuthPassword = input.basicAuthPassword;
  return {
    name: input.name,
    type: input.type,
    url: input.url,
    access: input.access ?? 'proxy',
    ...('uid' in input && input.uid ? { uid: input.uid } : {}),
    ...(input.database !== undefined ? { database: input.database } : {}),
    ...(input.user !== undefined ? { user: input.user } : {}),
    ...(input.basicAuth !== undefined ? { basicAuth: input.basicAuth } : {}),
    ...(input.basicAuthUser !== undefined ? { basicAuthUser: input.basicAuthUser } : {}),
    ...(input.isDefault !== undefined ? { isDefault: input.isDefault } : {}),
    ...(input.jsonData !== undefined ? { jsonData: input.jsonData } : {}),
    ...(Object.keys(secure).length ? { secureJsonData: secure } : {}),
  };
}

@ToolGroup({
  name: 'datasource-admin',
  title: 'Datasource administration',
  description: 'Create, update and delete datasources (secrets are write-only).',
  defaults: { annotations: annotations.write },
})
export class DatasourceAdminTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_create_datasource',
    title: 'Create datasource',
    description: 'Adds a datasource; secrets are stored, never returned.',
    input: S.CreateDatasource,
  })
  async create(input: Static<typeof S.CreateDatasource>, ctx: ToolContext) {
    const out = await this.apis.for(ctx).createDatasource(body(input));
    return {
      message: out.message,
      datasource: stripDatasourceSecrets(out.datasource),
      secure_fields_set: secretKeysSet(input),
    };
  }

  @Tool({
    name: 'grafana_update_datasource',
    title: 'Update datasource',
    description:
      "Replaces a datasource's settings by UID (PUT /api/datasources/uid/{uid}); secrets left out stay as they are.",
    input: S.UpdateDatasource,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof S.UpdateDatasource>, ctx: ToolContext) {
    const out = await this.apis.for(ctx).updateDatasource(input.uid, body(input));
    return {
      message: out.message,
      datasource: stripDatasourceSecrets(out.datasource),
      secure_fields_set: secretKeysSet(input),
    };
  }

  @Tool({
    name: 'grafana_delete_datasource',
    title: 'Delete datasource',
    description: 'Deletes a datasource by UID (asks to confirm).',
    input: S.UidInput,
    annotations: annotations.destructive,
  })
  async remove(input: Static<typeof S.UidInput>, ctx: ToolContext) {
    const api = this.apis.for(ctx);
    const ds = await api.datasourceByUid(input.uid);
    await api.deleteDatasource(input.uid);
    return { deleted: input.uid, name: ds.name, type: ds.type };
  }
}
