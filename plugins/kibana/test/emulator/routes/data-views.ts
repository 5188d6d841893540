// /api/data_views: list, get (fields read from the indices' mappings), create, update, delete, default.
import { badRequest, empty, json, objectBody, type Route, type RouteContext } from '../http.js';
import type { SavedObject, SavedObjectsRepository } from '../repository.js';
import type { KibanaBackingStore } from '../store.js';

const TYPE = 'index-pattern';
const CONFIG_ID = '8.15.0';

const KIBANA_TYPES: Record<string, string> = {
  long: 'number',
  integer: 'number',
  short: 'number',
  byte: 'number',
  float: 'number',
  double: 'number',
  half_float: 'number',
  scaled_float: 'number',
  keyword: 'string',
  text: 'string',
  wildcard: 'string',
  match_only_text: 'string',
  date: 'date',
  date_nanos: 'date',
  boolean: 'boolean',
  ip: 'ip',
  geo_point: 'geo_point',
};

function propertiesOf(mapping: unknown): Record<string, unknown> {
  const m = (mapping ?? {}) as Record<string, unknown>;
  if (m.properties) return m.properties as Record<string, unknown>;
  if (m.mappings) return propertiesOf(m.mappings);
  const values = Object.values(m);
  if (values.length === 1 && values[0] && typeof values[0] === 'object') return propertiesOf(values[0]);
  return {};
}

function flatten(props: Record<string, unknown>, prefix: string, out: Map<string, string>): void {
  for (const [name, def] of Object.entries(props)) {
    const d = def as { type?: string; properties?: Record<string, unknown>; fields?: Record<string, { type: string }> };
    const full = prefix + name;
    if (d.properties) flatten(d.properties, `${full}.`, out);
    else if (d.type) out.set(full, d.type);
    for (const [sub, subDef] of Object.entries(d.fields ?? {})) out.set(`${full}.${sub}`, subDef.type);
  }
}

/** The field map Kibana builds for a data view from the mappings of the indices its title matches. */
export function dataViewFields(store: KibanaBackingStore, title: string): Record<string, unknown> {
  const types = new Map<string, string>();
  let indices: string[] = [];
  try {
    indices = store.resolve(title);
  } catch {
    // a pattern naming a missing index has no fields (allowNoIndex data views)
  }
  for (const index of indices) flatten(propertiesOf(store.mapping(index)), '', types);
  const fields: Record<string, unknown> = {};
  for (const meta of ['_id', '_index', '_score', '_source']) {
    const t = meta === '_score' ? 'number' : meta === '_source' ? '_source' : 'string';
    fields[meta] = {
      name: meta,
      type: t,
      esTypes: [meta],
      searchable: meta !== '_source',
      aggregatable: false,
      count: 0,
      isMapped: true,
      readFromDocValues: false,
      scripted: false,
      shortDotsEnable: false,
    };
  }
  for (const [name, esType] of types) {
    const text = esType === 'text' || esType === 'match_only_text';
    fields[name] = {
      name,
      type: KIBANA_TYPES[esType] ?? 'unknown',
      esTypes: [esType],
      searchable: true,
      aggregatable: !text,
      readFromDocValues: !text,
      count: 0,
      isMapped: true,
      scripted: false,
      shortDotsEnable: false,
      format: { id: KIBANA_TYPES[esType] ?? 'string' },
    };
  }
  return fields;
}

const parse = (value: unknown, fallback: unknown): unknown => {
  if (typeof value !== 'string') return value ?? fallback;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return fallback;
  }
};

function toSpec(store: KibanaBackingStore, obj: SavedObject, withFields: boolean): Record<string, unknown> {
  const a = obj.attributes;
  return {
    id: obj.id,
    version: obj.version,
    title: a.title,
    name: a.name ?? a.title,
    timeFieldName: a.timeFieldName,
    sourceFilters: parse(a.sourceFilters, []),
    fieldFormats: parse(a.fieldFormatMap, {}),
    runtimeFieldMap: parse(a.runtimeFieldMap, {}),
    fieldAttrs: parse(a.fieldAttrs, {}),
    allowNoIndex: Boolean(a.allowNoIndex),
    namespaces: obj.namespaces,
    ...(withFields ? { fields: dataViewFields(store, String(a.title)) } : {}),
  };
}

/** Attributes as the saved object stores them (maps as JSON strings). */
function toAttributes(spec: Record<string, unknown>, base: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  const set = (key: string, value: unknown, asJson = false): void => {
    if (value !== undefined) out[key] = asJson ? JSON.stringify(value) : value;
  };
  set('title', spec.title);
  set('name', spec.name);
  set('timeFieldName', spec.timeFieldName);
  set('allowNoIndex', spec.allowNoIndex);
  set('sourceFilters', spec.sourceFilters, true);
  set('fieldFormatMap', spec.fieldFormats, true);
  set('runtimeFieldMap', spec.runtimeFieldMap, true);
  set('fieldAttrs', spec.fieldAttrs, true);
  out.fields ??= '[]';
  return out;
}

function dataViewBody(ctx: RouteContext): Record<string, unknown> {
  const body = objectBody(ctx);
  const spec = body.data_view;
  if (!spec || typeof spec !== 'object')
    throw badRequest('[request body.data_view]: expected value of type [object] but got [undefined]');
  return spec as Record<string, unknown>;
}

export function dataViewRoutes(repo: SavedObjectsRepository, store: KibanaBackingStore): Route[] {
  const views = (space: string): SavedObject[] => repo.all(space, new Set([TYPE]));
  return [
    {
      method: 'GET',
      path: '/api/data_views',
      handler: (ctx) =>
        json({
          data_view: views(ctx.space).map((o) => ({
            id: o.id,
            namespaces: o.namespaces,
            title: o.attributes.title,
            name: o.attributes.name ?? o.attributes.title,
          })),
        }),
    },
    {
      method: 'GET',
      path: '/api/data_views/data_view/:id',
      handler: (ctx) => json({ data_view: toSpec(store, repo.get(TYPE, ctx.params.id, ctx.space), true) }),
    },
    {
      method: 'POST',
      path: '/api/data_views/data_view',
      write: () => 'create index-pattern',
      handler: (ctx) => {
        const spec = dataViewBody(ctx);
        const override = Boolean(objectBody(ctx).override);
        if (typeof spec.title !== 'string' || !spec.title)
          throw badRequest('[request body.data_view.title]: expected value of type [string] but got [undefined]');
        const duplicate = views(ctx.space).find(
          (o) =>
            o.attributes.title === spec.title &&
            (o.attributes.name ?? o.attributes.title) === (spec.name ?? spec.title),
        );
        if (duplicate && !override) throw badRequest(`Duplicate data view: ${spec.title}`);
        const created = repo.create(TYPE, toAttributes(spec), {
          id: (spec.id as string | undefined) ?? duplicate?.id,
          space: ctx.space,
          overwrite: !!duplicate,
        });
        return json({ data_view: toSpec(store, created, true) });
      },
    },
    {
      method: 'POST',
      path: '/api/data_views/data_view/:id',
      write: () => 'update index-pattern',
      handler: (ctx) => {
        const spec = dataViewBody(ctx);
        const current = repo.get(TYPE, ctx.params.id, ctx.space);
        const updated = repo.update(TYPE, ctx.params.id, ctx.space, {
          attributes: toAttributes(spec, current.attributes),
        });
        return json({ data_view: toSpec(store, updated, true) });
      },
    },
    {
      method: 'DELETE',
      path: '/api/data_views/data_view/:id',
      write: () => 'delete index-pattern',
      handler: (ctx) => {
        repo.delete(TYPE, ctx.params.id, ctx.space);
        return empty(200);
      },
    },
    {
      method: 'GET',
      path: '/api/data_views/default',
      handler: (ctx) =>
        json({ data_view_id: repo.find('config', CONFIG_ID, ctx.space)?.attributes.defaultIndex ?? '' }),
    },
    {
      method: 'POST',
      path: '/api/data_views/default',
      write: () => 'update config',
      handler: (ctx) => {
        const body = objectBody(ctx);
        const id = body.data_view_id;
        if (id !== null && typeof id !== 'string')
          throw badRequest(
            '[request body.data_view_id]: types that failed validation: expected value of type [string]',
          );
        const config = repo.find('config', CONFIG_ID, ctx.space);
        if (config?.attributes.defaultIndex && !body.force) return json({ acknowledged: true });
        if (config) repo.update('config', CONFIG_ID, ctx.space, { attributes: { defaultIndex: id } });
        else repo.create('config', { buildNum: 1, defaultIndex: id }, { id: CONFIG_ID, space: ctx.space });
        return json({ acknowledged: true });
      },
    },
  ];
}
