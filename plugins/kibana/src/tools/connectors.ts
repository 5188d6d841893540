// Toolset kibana/connectors: action connectors (/api/actions/connector[s]), their types, and a test run.
import { annotations, inject, Tool, ToolGroup, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { KibanaConfig } from '../config.js';
import { KibanaErrors } from '../errors.js';
import {
  ConnectorIdInput,
  ConnectorsInput,
  CreateConnectorInput,
  TestConnectorInput,
  UpdateConnectorInput,
} from '../schemas-admin.js';
import { Empty } from '../schemas.js';
import type { Connector } from '../types.js';
import { pageInfo, withKibana } from './common.js';

const connectorView = (c: Connector): Record<string, unknown> => ({
  id: c.id,
  name: c.name,
  connector_type_id: c.connector_type_id,
  config: c.config ?? {},
  ...(c.is_preconfigured ? { preconfigured: true } : {}),
  ...(c.is_deprecated ? { deprecated: true } : {}),
  ...(c.is_missing_secrets ? { missing_secrets: true } : {}),
  ...(c.referenced_by_count !== undefined ? { used_by_rules: c.referenced_by_count } : {}),
});

@ToolGroup({
  name: 'connectors',
  title: 'Connectors',
  description: 'Kibana action connectors: list, read, types, create, update, delete and test.',
  defaults: { annotations: annotations.read, cacheTtl: 30 },
})
export class ConnectorTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  @Tool({
    name: 'kibana_get_connectors',
    title: 'List connectors',
    description: 'Connectors of the space with their type and how many rules use them.',
    input: ConnectorsInput,
  })
  async list(input: Static<typeof ConnectorsInput>, ctx: ToolContext) {
    const page = input.page ?? 1;
    const perPage = input.per_page ?? 50;
    return withKibana(this.config, ctx, input.space, 'connectors', async (k) => {
      const all = (await k.connectors()).sort((a, b) => a.name.localeCompare(b.name));
      return {
        ...pageInfo(all.length, page, perPage),
        connectors: all.slice((page - 1) * perPage, page * perPage).map(connectorView),
      };
    });
  }

  @Tool({
    name: 'kibana_get_connector',
    title: 'Get connector',
    description: 'One connector: type and config (secrets are never returned).',
    input: ConnectorIdInput,
  })
  async get(input: Static<typeof ConnectorIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `connector '${input.connector_id}'`, async (k) =>
      connectorView(await k.connector(input.connector_id)),
    );
  }

  @Tool({
    name: 'kibana_get_connector_types',
    title: 'List connector types',
    description: 'Connector types this Kibana offers and whether the licence enables them.',
    input: Empty,
  })
  async types(_input: Static<typeof Empty>, ctx: ToolContext) {
    return withKibana(this.config, ctx, undefined, 'connector types', async (k) => {
      const types = await k.connectorTypes();
      return {
        total: types.length,
        connector_types: types.map((t) => ({
          id: t.id,
          name: t.name,
          enabled: t.enabled,
          enabled_in_license: t.enabled_in_license,
          license: t.minimum_license_required,
        })),
      };
    });
  }

  @Tool({
    name: 'kibana_create_connector',
    title: 'Create connector',
    description: 'Creates a connector of a type with its config and secrets.',
    input: CreateConnectorInput,
    annotations: annotations.write,
  })
  async create(input: Static<typeof CreateConnectorInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `connector '${input.name}'`, async (k) => {
      const connector = await k.createConnector({
        name: input.name,
        connector_type_id: input.connectorTypeId,
        config: input.config ?? {},
        secrets: input.secrets ?? {},
      });
      return { created: connectorView(connector) };
    });
  }

  @Tool({
    name: 'kibana_update_connector',
    title: 'Update connector',
    description: 'Changes the name, config or secrets of a connector (unchanged parts are kept).',
    input: UpdateConnectorInput,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof UpdateConnectorInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `connector '${input.connector_id}'`, async (k) => {
      const current = await k.connector(input.connector_id);
      const body: Record<string, unknown> = {
        name: input.name ?? current.name,
        config: input.config ?? current.config ?? {},
      };
      if (input.secrets) body.secrets = input.secrets;
      const changed = (['name', 'config', 'secrets'] as const).filter((key) => input[key] !== undefined);
      return { updated: connectorView(await k.updateConnector(input.connector_id, body)), changed };
    });
  }

  @Tool({
    name: 'kibana_delete_connector',
    title: 'Delete connector',
    description: 'Deletes a connector; rules using it lose that action.',
    input: ConnectorIdInput,
    annotations: annotations.destructive,
  })
  async delete(input: Static<typeof ConnectorIdInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `connector '${input.connector_id}'`, async (k) => {
      const connector = await k.connector(input.connector_id);
      await k.deleteConnector(input.connector_id);
      return { deleted: { type: 'connector', id: connector.id, name: connector.name } };
    });
  }

  @Tool({
    name: 'kibana_test_connector',
    title: 'Test connector',
    description: 'Runs a connector once with the given params (sends a real message or writes real documents).',
    input: TestConnectorInput,
    annotations: annotations.write,
  })
  async test(input: Static<typeof TestConnectorInput>, ctx: ToolContext) {
    return withKibana(this.config, ctx, input.space, `connector '${input.connector_id}'`, async (k) => {
      const result = await k.executeConnector(input.connector_id, input.body);
      if (result.status !== 'ok')
        throw KibanaErrors.create(
          'KIBANA_ERR_CONNECTOR_FAILED',
          `connector '${input.connector_id}' ran and failed: ${String(result.message ?? 'error')}${result.service_message ? ` (${String(result.service_message)})` : ''}`,
        );
      const data = result.data as { items?: unknown[] } | undefined;
      return {
        connector_id: input.connector_id,
        status: 'ok',
        ...(data?.items ? { documents_written: data.items.length } : {}),
      };
    });
  }
}
