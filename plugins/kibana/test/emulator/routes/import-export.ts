// /api/saved_objects/_export (NDJSON out, export details last) and _import (multipart NDJSON in).
import { randomUUID } from 'node:crypto';
import { badRequest, boolQuery, json, KibanaHttpError, multipartFile, objectBody, type Route } from '../http.js';
import { PUBLIC_TYPES, type Reference, type SavedObject, type SavedObjectsRepository } from '../repository.js';

function exportLine(obj: SavedObject): string {
  const { namespaces: _namespaces, ...rest } = obj;
  return JSON.stringify(rest);
}

function collect(
  repo: SavedObjectsRepository,
  space: string,
  body: Record<string, unknown>,
): { objects: SavedObject[]; missing: Array<{ type: string; id: string }> } {
  const types = body.type === undefined ? [] : Array.isArray(body.type) ? (body.type as string[]) : [String(body.type)];
  const wanted = (body.objects as Array<{ type: string; id: string }> | undefined) ?? [];
  if (types.length && wanted.length)
    throw badRequest(`Can't specify both "types" and "objects" properties when exporting`);
  if (!types.length && !wanted.length) throw badRequest('Either `type` or `objects` are required.');
  for (const t of [...types, ...wanted.map((o) => o.type)])
    if (!PUBLIC_TYPES.has(t)) throw badRequest(`Trying to export non-exportable type(s): ${t}`);
  if (types.length) return { objects: repo.all(space, new Set(types)), missing: [] };
  const errors = wanted
    .filter((o) => !repo.find(o.type, o.id, space))
    .map((o) => ({
      id: o.id,
      type: o.type,
      error: new KibanaHttpError(404, `Saved object [${o.type}/${o.id}] not found`).body(),
    }));
  if (errors.length)
    throw new KibanaHttpError(400, 'Error fetching objects to export', { attributes: { objects: errors } });
  const objects = wanted.map((o) => repo.get(o.type, o.id, space));
  const missing: Array<{ type: string; id: string }> = [];
  if (body.includeReferencesDeep) {
    const seen = new Set(objects.map((o) => `${o.type}:${o.id}`));
    for (let i = 0; i < objects.length; i++) {
      for (const ref of objects[i].references) {
        const key = `${ref.type}:${ref.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const found = repo.find(ref.type, ref.id, space);
        if (found) objects.push(found);
        else missing.push({ type: ref.type, id: ref.id });
      }
    }
  }
  return { objects, missing };
}

interface ImportError {
  id: string;
  type: string;
  title?: string;
  meta: { title?: string };
  error: Record<string, unknown>;
}

function importObjects(repo: SavedObjectsRepository, space: string, text: string, overwrite: boolean, copies: boolean) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw badRequest(`Unexpected token in JSON at line ${i + 1}`);
      }
    })
    .filter((o) => !('exportedCount' in o));
  const inFile = new Set(lines.map((o) => `${String(o.type)}:${String(o.id)}`));
  const successResults: Array<Record<string, unknown>> = [];
  const errors: ImportError[] = [];
  for (const line of lines) {
    const type = String(line.type);
    const id = String(line.id);
    const attributes = (line.attributes as Record<string, unknown>) ?? {};
    const references = (line.references as Reference[]) ?? [];
    const meta = { title: typeof attributes.title === 'string' ? attributes.title : undefined };
    if (!PUBLIC_TYPES.has(type)) {
      errors.push({ id, type, title: meta.title, meta, error: { type: 'unsupported_type' } });
      continue;
    }
    const missing = references.filter((r) => !inFile.has(`${r.type}:${r.id}`) && !repo.find(r.type, r.id, space));
    if (missing.length) {
      errors.push({
        id,
        type,
        title: meta.title,
        meta,
        error: { type: 'missing_references', references: missing.map(({ type: t, id: i }) => ({ type: t, id: i })) },
      });
      continue;
    }
    const exists = !!repo.find(type, id, space);
    if (exists && !overwrite && !copies) {
      errors.push({ id, type, title: meta.title, meta, error: { type: 'conflict' } });
      continue;
    }
    const destinationId = copies ? randomUUID() : undefined;
    repo.create(type, attributes, { id: destinationId ?? id, space, overwrite: true, references });
    successResults.push({
      type,
      id,
      meta,
      managed: false,
      ...(exists && overwrite ? { overwrite: true } : {}),
      ...(destinationId ? { destinationId } : {}),
    });
  }
  return {
    successCount: successResults.length,
    success: errors.length === 0,
    warnings: [],
    successResults,
    ...(errors.length ? { errors } : {}),
  };
}

export function importExportRoutes(repo: SavedObjectsRepository): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/saved_objects/_export',
      handler: (ctx) => {
        const body = objectBody(ctx);
        const { objects, missing } = collect(repo, ctx.space, body);
        const lines = objects.map(exportLine);
        if (!body.excludeExportDetails)
          lines.push(
            JSON.stringify({
              excludedObjects: [],
              excludedObjectsCount: 0,
              exportedCount: objects.length,
              missingRefCount: missing.length,
              missingReferences: missing,
            }),
          );
        return {
          status: 200,
          headers: {
            'content-type': 'application/ndjson',
            'content-disposition': 'attachment; filename="export.ndjson"',
          },
          body: lines.join('\n'),
        };
      },
    },
    {
      method: 'POST',
      path: '/api/saved_objects/_import',
      write: () => 'import saved objects',
      handler: async (ctx) => {
        const overwrite = boolQuery(ctx.query, 'overwrite');
        const copies = boolQuery(ctx.query, 'createNewCopies');
        if (overwrite && copies) throw badRequest('[request query]: cannot use [overwrite] with [createNewCopies]');
        const file = await multipartFile(ctx, 'file');
        return json(importObjects(repo, ctx.space, file.text, overwrite, copies));
      },
    },
  ];
}
