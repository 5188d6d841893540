// /api/actions: connectors (hidden `action` saved objects; secrets are stored, never returned), connector
// types, and _execute. The `.index` connector writes into the shared store; `.server-log` always succeeds;
// connectors that would call out (`.webhook`, `.slack`) report a failed delivery, as they would offline.
import { badRequest, empty, json, objectBody, requireString, type Route, type RouteContext } from '../http.js';
import type { SavedObject, SavedObjectsRepository } from '../repository.js';
import type { KibanaBackingStore } from '../store.js';

const TYPE = 'action';

interface ConnectorType {
  id: string;
  name: string;
  requiredConfig: string[];
  requiredSecrets: string[];
  license: string;
}

const CONNECTOR_TYPES: ConnectorType[] = [
  { id: '.index', name: 'Index', requiredConfig: ['index'], requiredSecrets: [], license: 'basic' },
  { id: '.server-log', name: 'Server log', requiredConfig: [], requiredSecrets: [], license: 'basic' },
  { id: '.webhook', name: 'Webhook', requiredConfig: ['url'], requiredSecrets: [], license: 'gold' },
  { id: '.slack', name: 'Slack', requiredConfig: [], requiredSecrets: ['webhookUrl'], license: 'gold' },
];

function connectorView(obj: SavedObject): Record<string, unknown> {
  const a = obj.attributes;
  return {
    id: obj.id,
    name: a.name,
    connector_type_id: a.actionTypeId,
    config: a.config ?? {},
    is_preconfigured: false,
    is_deprecated: false,
    is_missing_secrets: Boolean(a.isMissingSecrets),
    is_system_action: false,
  };
}

function validate(type: ConnectorType, config: Record<string, unknown>, secrets: Record<string, unknown>): void {
  for (const key of type.requiredConfig)
    if (typeof config[key] !== 'string')
      throw badRequest(
        `error validating action type config: [${key}]: expected value of type [string] but got [undefined]`,
      );
  for (const key of type.requiredSecrets)
    if (typeof secrets[key] !== 'string')
      throw badRequest(
        `error validating action type secrets: [${key}]: expected value of type [string] but got [undefined]`,
      );
}

function execute(
  store: KibanaBackingStore,
  obj: SavedObject,
  params: Record<string, unknown>,
): Record<string, unknown> {
  const type = String(obj.attributes.actionTypeId);
  const config = (obj.attributes.config ?? {}) as Record<string, unknown>;
  if (type === '.index') {
    if (!Array.isArray(params.documents))
      throw badRequest(
        'error validating action params: [documents]: expected value of type [array] but got [undefined]',
      );
    const items = (params.documents as Array<Record<string, unknown>>).map((doc) => ({
      index: store.index(String(config.index), doc),
    }));
    return { connector_id: obj.id, status: 'ok', data: { errors: false, items } };
  }
  if (type === '.server-log') {
    if (typeof params.message !== 'string')
      throw badRequest(
        'error validating action params: [message]: expected value of type [string] but got [undefined]',
      );
    return { connector_id: obj.id, status: 'ok' };
  }
  return {
    connector_id: obj.id,
    status: 'error',
    message: 'error posting a message, retry later',
    service_message: 'getaddrinfo ENOTFOUND',
    retry: true,
  };
}

export function actionRoutes(repo: SavedObjectsRepository, store: KibanaBackingStore): Route[] {
  const load = (ctx: RouteContext): SavedObject => repo.get(TYPE, ctx.params.id, ctx.space);
  const create: Route['handler'] = (ctx) => {
    const body = objectBody(ctx);
    const name = requireString(body.name, 'name');
    const typeId = requireString(body.connector_type_id, 'connector_type_id');
    const type = CONNECTOR_TYPES.find((t) => t.id === typeId);
    if (!type) throw badRequest(`action type "${typeId}" is not registered.`);
    const config = (body.config ?? {}) as Record<string, unknown>;
    const secrets = (body.secrets ?? {}) as Record<string, unknown>;
    validate(type, config, secrets);
    const obj = repo.create(
      TYPE,
      { name, actionTypeId: typeId, config, secrets, isMissingSecrets: false },
      { id: ctx.params.id, space: ctx.space },
    );
    return json(connectorView(obj));
  };
  return [
    {
      method: 'GET',
      path: '/api/actions/connector_types',
      handler: () =>
        json(
          CONNECTOR_TYPES.map((t) => ({
            id: t.id,
            name: t.name,
            enabled: true,
            enabled_in_config: true,
            enabled_in_license: true,
            minimum_license_required: t.license,
            supported_feature_ids: ['alerting'],
            is_system_action_type: false,
          })),
        ),
    },
    {
      method: 'GET',
      path: '/api/actions/connectors',
      handler: (ctx) => {
        const rules = repo.all(ctx.space, new Set(['alert']));
        return json(
          repo.all(ctx.space, new Set([TYPE])).map((o) => ({
            ...connectorView(o),
            referenced_by_count: rules.filter((r) =>
              ((r.attributes.actions as Array<{ id: string }>) ?? []).some((a) => a.id === o.id),
            ).length,
          })),
        );
      },
    },
    { method: 'GET', path: '/api/actions/connector/:id', handler: (ctx) => json(connectorView(load(ctx))) },
    { method: 'POST', path: '/api/actions/connector', write: () => 'create connector', handler: create },
    { method: 'POST', path: '/api/actions/connector/:id', write: () => 'create connector', handler: create },
    {
      method: 'PUT',
      path: '/api/actions/connector/:id',
      write: () => 'update connector',
      handler: (ctx) => {
        const body = objectBody(ctx);
        const name = requireString(body.name, 'name');
        const current = load(ctx);
        const type = CONNECTOR_TYPES.find((t) => t.id === current.attributes.actionTypeId)!;
        const config = (body.config ?? current.attributes.config ?? {}) as Record<string, unknown>;
        const secrets = (body.secrets ?? current.attributes.secrets ?? {}) as Record<string, unknown>;
        validate(type, config, secrets);
        return json(
          connectorView(repo.update(TYPE, ctx.params.id, ctx.space, { attributes: { name, config, secrets } })),
        );
      },
    },
    {
      method: 'DELETE',
      path: '/api/actions/connector/:id',
      write: () => 'delete connector',
      handler: (ctx) => {
        repo.delete(TYPE, ctx.params.id, ctx.space);
        return empty(204);
      },
    },
    {
      method: 'POST',
      path: '/api/actions/connector/:id/_execute',
      write: () => 'execute connector',
      handler: (ctx) => {
        const body = objectBody(ctx);
        if (!body.params || typeof body.params !== 'object')
          throw badRequest('[request body.params]: expected value of type [object] but got [undefined]');
        return json(execute(store, load(ctx), body.params as Record<string, unknown>));
      },
    },
  ];
}
