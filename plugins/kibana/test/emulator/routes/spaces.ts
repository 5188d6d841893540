// /api/spaces/space: spaces are namespace-agnostic `space` saved objects; deleting one removes its objects.
import { badRequest, conflict, empty, json, notFound, objectBody, requireString, type Route } from '../http.js';
import type { SavedObject, SavedObjectsRepository } from '../repository.js';

const SPACE_ID = /^[a-z0-9_-]+$/;
const FIELDS = ['name', 'description', 'color', 'initials', 'imageUrl', 'disabledFeatures', 'solution'] as const;

export function spaceView(obj: SavedObject): Record<string, unknown> {
  const a = obj.attributes;
  return {
    id: obj.id,
    name: a.name,
    ...(a.description !== undefined ? { description: a.description } : {}),
    ...(a.color !== undefined ? { color: a.color } : {}),
    ...(a.initials !== undefined ? { initials: a.initials } : {}),
    ...(a.imageUrl !== undefined ? { imageUrl: a.imageUrl } : {}),
    disabledFeatures: a.disabledFeatures ?? [],
    ...(a._reserved ? { _reserved: true } : {}),
  };
}

function attributesFrom(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of FIELDS) if (body[key] !== undefined) out[key] = body[key];
  if (out.disabledFeatures !== undefined && !Array.isArray(out.disabledFeatures))
    throw badRequest('[request body.disabledFeatures]: expected value of type [array] but got [string]');
  return out;
}

export function ensureDefaultSpace(repo: SavedObjectsRepository): void {
  if (!repo.find('space', 'default', 'default'))
    repo.create(
      'space',
      {
        name: 'Default',
        description: 'This is your default space!',
        color: '#00bfb3',
        disabledFeatures: [],
        _reserved: true,
      },
      { id: 'default', space: 'default' },
    );
}

export function spaceRoutes(repo: SavedObjectsRepository): Route[] {
  const load = (id: string): SavedObject => {
    const found = repo.find('space', id, 'default');
    if (!found) throw notFound();
    return found;
  };
  return [
    {
      method: 'GET',
      path: '/api/spaces/space',
      handler: () =>
        json(
          repo
            .all('default', new Set(['space']))
            .map(spaceView)
            .sort((a, b) =>
              a.id === 'default' ? -1 : b.id === 'default' ? 1 : String(a.id).localeCompare(String(b.id)),
            ),
        ),
    },
    { method: 'GET', path: '/api/spaces/space/:id', handler: (ctx) => json(spaceView(load(ctx.params.id))) },
    {
      method: 'POST',
      path: '/api/spaces/space',
      write: () => 'create space',
      handler: (ctx) => {
        const body = objectBody(ctx);
        const id = requireString(body.id, 'id');
        requireString(body.name, 'name');
        if (!SPACE_ID.test(id))
          throw badRequest(`[request body.id]: must be lower case, a-z, 0-9, '_', and '-' are allowed`);
        if (repo.find('space', id, 'default')) throw conflict(`A space with the identifier ${id} already exists.`);
        return json(
          spaceView(repo.create('space', { disabledFeatures: [], ...attributesFrom(body) }, { id, space: 'default' })),
        );
      },
    },
    {
      method: 'PUT',
      path: '/api/spaces/space/:id',
      write: () => 'update space',
      handler: (ctx) => {
        const body = objectBody(ctx);
        requireString(body.id, 'id');
        requireString(body.name, 'name');
        load(ctx.params.id);
        return json(spaceView(repo.update('space', ctx.params.id, 'default', { attributes: attributesFrom(body) })));
      },
    },
    {
      method: 'DELETE',
      path: '/api/spaces/space/:id',
      write: () => 'delete space',
      handler: (ctx) => {
        const space = load(ctx.params.id);
        if (space.attributes._reserved) throw badRequest('The default space cannot be deleted because it is reserved.');
        repo.purgeSpace(ctx.params.id);
        repo.delete('space', ctx.params.id, 'default');
        return empty(204);
      },
    },
  ];
}
