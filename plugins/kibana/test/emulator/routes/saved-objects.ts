// /api/saved_objects: _find, get, _bulk_get, create, update, delete, _bulk_delete.
import {
  arrayBody,
  badRequest,
  boolQuery,
  intQuery,
  json,
  KibanaHttpError,
  objectBody,
  type Route,
  type RouteContext,
} from '../http.js';
import {
  assertPublicType,
  PUBLIC_TYPES,
  type Reference,
  type SavedObject,
  type SavedObjectsRepository,
} from '../repository.js';

const DEFAULT_SEARCH_FIELDS = ['title', 'name', 'description'];

/** Kibana's `search` is a simple_query_string: words OR-ed, `word*` a prefix, case-insensitive. */
function matchesSearch(obj: SavedObject, search: string, fields: string[]): boolean {
  const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0 || (terms.length === 1 && terms[0] === '*')) return true;
  const words = fields
    .map((f) => obj.attributes[f.replace(/\^\d+$/, '')])
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.toLowerCase().split(/[^a-z0-9_]+/));
  // A term with punctuation analyses into several tokens, all of which must be present (the last may be a prefix).
  return terms.some((term) => {
    const prefix = term.endsWith('*');
    const tokens = term
      .replace(/["*]/g, '')
      .split(/[^a-z0-9_]+/)
      .filter(Boolean);
    return (
      tokens.length > 0 &&
      tokens.every((tok, i) =>
        prefix && i === tokens.length - 1 ? words.some((w) => w.startsWith(tok)) : words.includes(tok),
      )
    );
  });
}

function parseReferenceFilter(value: string): Array<{ type: string; id: string }> {
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed)
      ? (parsed as Array<{ type: string; id: string }>)
      : [parsed as { type: string; id: string }];
  } catch {
    throw badRequest(`[request query.has_reference]: could not parse object value from json input`);
  }
}

function sortValue(obj: SavedObject, field: string): string {
  if (field === 'updated_at' || field === 'created_at' || field === 'type') return String(obj[field]);
  return String(obj.attributes[field] ?? '');
}

/** Keeps only the named attributes, as `fields` does. */
export function pickFields(obj: SavedObject, fields: string[]): SavedObject {
  if (fields.length === 0) return obj;
  const attributes = Object.fromEntries(Object.entries(obj.attributes).filter(([k]) => fields.includes(k)));
  return { ...obj, attributes };
}

function findObjects(repo: SavedObjectsRepository, ctx: RouteContext) {
  const types = ctx.query.getAll('type').flatMap((t) => t.split(','));
  if (types.length === 0)
    throw badRequest('[request query.type]: expected at least one defined value but got [undefined]');
  const page = intQuery(ctx.query, 'page', 1);
  const perPage = intQuery(ctx.query, 'per_page', 20);
  if (page * perPage > 10000)
    throw badRequest(`options.page * options.perPage must be <= 10000 (got page=${page} perPage=${perPage})`);
  const known = new Set(types.filter((t) => PUBLIC_TYPES.has(t)));
  const search = ctx.query.get('search') ?? '';
  const searchFields = ctx.query.getAll('search_fields');
  const references = ctx.query.get('has_reference');
  let items = repo
    .all(ctx.space, known)
    .filter((o) => matchesSearch(o, search, searchFields.length ? searchFields : DEFAULT_SEARCH_FIELDS));
  if (references) {
    const wanted = parseReferenceFilter(references);
    items = items.filter((o) => o.references.some((r) => wanted.some((w) => w.type === r.type && w.id === r.id)));
  }
  const sortField = ctx.query.get('sort_field');
  if (sortField) {
    const dir = ctx.query.get('sort_order') === 'desc' ? -1 : 1;
    items.sort((a, b) => sortValue(a, sortField).localeCompare(sortValue(b, sortField)) * dir);
  } else items.sort((a, b) => b.updated_at.localeCompare(a.updated_at));
  const fields = ctx.query.getAll('fields').flatMap((f) => f.split(','));
  const slice = items.slice((page - 1) * perPage, page * perPage).map((o) => ({ ...pickFields(o, fields), score: 0 }));
  return { page, per_page: perPage, total: items.length, saved_objects: slice };
}

function errorItem(type: string, id: string, err: unknown) {
  const e = err instanceof KibanaHttpError ? err : new KibanaHttpError(500, String(err));
  return { id, type, error: e.body() };
}

export function savedObjectRoutes(repo: SavedObjectsRepository): Route[] {
  return [
    { method: 'GET', path: '/api/saved_objects/_find', handler: (ctx) => json(findObjects(repo, ctx)) },
    {
      method: 'POST',
      path: '/api/saved_objects/_bulk_get',
      handler: (ctx) =>
        json({
          saved_objects: arrayBody(ctx).map((item) => {
            const type = String(item.type);
            const id = String(item.id);
            try {
              assertPublicType(type);
              return pickFields(repo.get(type, id, ctx.space), (item.fields as string[] | undefined) ?? []);
            } catch (err) {
              return errorItem(type, id, err);
            }
          }),
        }),
    },
    {
      method: 'POST',
      path: '/api/saved_objects/_bulk_delete',
      write: () => 'bulk_delete saved objects',
      handler: (ctx) =>
        json({
          statuses: arrayBody(ctx).map((item) => {
            const type = String(item.type);
            const id = String(item.id);
            try {
              assertPublicType(type);
              repo.delete(type, id, ctx.space, boolQuery(ctx.query, 'force'));
              return { id, type, success: true };
            } catch (err) {
              return { success: false, ...errorItem(type, id, err) };
            }
          }),
        }),
    },
    {
      method: 'GET',
      path: '/api/saved_objects/:type/:id',
      handler: (ctx) => {
        assertPublicType(ctx.params.type);
        return json(repo.get(ctx.params.type, ctx.params.id, ctx.space));
      },
    },
    ...(['/api/saved_objects/:type', '/api/saved_objects/:type/:id'] as const).map((path): Route => ({
      method: 'POST',
      path,
      write: (ctx) => `create ${ctx.params.type}`,
      handler: (ctx) => {
        assertPublicType(ctx.params.type);
        const body = objectBody(ctx);
        if (!body.attributes || typeof body.attributes !== 'object')
          throw badRequest('[request body.attributes]: expected value of type [object] but got [undefined]');
        return json(
          repo.create(ctx.params.type, body.attributes as Record<string, unknown>, {
            id: ctx.params.id,
            space: ctx.space,
            overwrite: boolQuery(ctx.query, 'overwrite'),
            references: body.references as Reference[] | undefined,
            namespaces: body.initialNamespaces as string[] | undefined,
          }),
        );
      },
    })),
    {
      method: 'PUT',
      path: '/api/saved_objects/:type/:id',
      write: (ctx) => `update ${ctx.params.type}`,
      handler: (ctx) => {
        assertPublicType(ctx.params.type);
        const body = objectBody(ctx);
        const updated = repo.update(ctx.params.type, ctx.params.id, ctx.space, {
          attributes: body.attributes as Record<string, unknown> | undefined,
          references: body.references as Reference[] | undefined,
          version: body.version as string | undefined,
        });
        return json({ ...updated, attributes: body.attributes ?? {} });
      },
    },
    {
      method: 'DELETE',
      path: '/api/saved_objects/:type/:id',
      write: (ctx) => `delete ${ctx.params.type}`,
      handler: (ctx) => {
        assertPublicType(ctx.params.type);
        repo.delete(ctx.params.type, ctx.params.id, ctx.space, boolQuery(ctx.query, 'force'));
        return json({});
      },
    },
  ];
}
