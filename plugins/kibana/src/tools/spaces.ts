// Toolset kibana/spaces: list, read, create, update and delete Kibana spaces.
import {
  annotations,
  backendStatus,
  inject,
  Tool,
  ToolGroup,
  tokens,
  type Static,
  type ToolContext,
} from '@cnmcp/core';
import type { KibanaClient } from '../client.js';
import type { KibanaConfig } from '../config.js';
import { KibanaErrors } from '../errors.js';
import {
  CreateSpaceInput,
  DeleteSpaceInput,
  SpaceIdInput,
  SpacesSummaryInput,
  UpdateSpaceInput,
} from '../schemas-admin.js';
import { Empty } from '../schemas.js';
import type { Space } from '../types.js';
import { withKibana } from './common.js';

const spaceView = (s: Space): Record<string, unknown> => ({
  id: s.id,
  name: s.name,
  ...(s.description ? { description: s.description } : {}),
  ...(s.color ? { color: s.color } : {}),
  ...(s.initials ? { initials: s.initials } : {}),
  disabledFeatures: s.disabledFeatures ?? [],
  ...(s._reserved ? { reserved: true } : {}),
});

@ToolGroup({
  name: 'spaces',
  title: 'Spaces',
  description: 'List, read, create, update and delete Kibana spaces.',
  defaults: { annotations: annotations.read, cacheTtl: 30 },
})
export class SpaceTools {
  constructor(@inject(tokens.config) private readonly config: KibanaConfig) {}

  /** Spaces calls go to the default space's API; a 404 on a named space is KIBANA_ERR_SPACE_NOT_FOUND. */
  private run<T>(ctx: ToolContext, spaceId: string | undefined, fn: (k: KibanaClient) => Promise<T>): Promise<T> {
    return withKibana(this.config, ctx, 'default', spaceId ? `space '${spaceId}'` : 'spaces', async (k) => {
      try {
        return await fn(k);
      } catch (err) {
        if (spaceId && backendStatus(err) === 404)
          throw KibanaErrors.create('KIBANA_ERR_SPACE_NOT_FOUND', `space '${spaceId}' does not exist`);
        throw err;
      }
    });
  }

  @Tool({
    name: 'kibana_get_spaces',
    title: 'List spaces',
    description: 'All spaces with name, description and disabled features.',
    input: Empty,
  })
  async list(_input: Static<typeof Empty>, ctx: ToolContext) {
    return this.run(ctx, undefined, async (k) => {
      const spaces = await k.spaces();
      return { total: spaces.length, spaces: spaces.map(spaceView) };
    });
  }

  @Tool({ name: 'kibana_get_space', title: 'Get space', description: 'One space by ID.', input: SpaceIdInput })
  async get(input: Static<typeof SpaceIdInput>, ctx: ToolContext) {
    return this.run(ctx, input.space_id, async (k) => spaceView(await k.getSpace(input.space_id)));
  }

  @Tool({
    name: 'kibana_spaces_summary',
    title: 'Spaces summary',
    description: 'Space IDs, names and descriptions, up to limit.',
    input: SpacesSummaryInput,
  })
  async summary(input: Static<typeof SpacesSummaryInput>, ctx: ToolContext) {
    const limit = input.limit ?? 100;
    return this.run(ctx, undefined, async (k) => {
      const spaces = await k.spaces();
      return {
        total: spaces.length,
        returned: Math.min(limit, spaces.length),
        spaces: spaces
          .slice(0, limit)
          .map((s) => ({ id: s.id, name: s.name, ...(s.description ? { description: s.description } : {}) })),
      };
    });
  }

  @Tool({
    name: 'kibana_create_space',
    title: 'Create space',
    description: 'Creates a space.',
    input: CreateSpaceInput,
    annotations: annotations.write,
  })
  async create(input: Static<typeof CreateSpaceInput>, ctx: ToolContext) {
    return this.run(ctx, undefined, async (k) => ({
      created: spaceView(await k.createSpace({ ...input, disabledFeatures: input.disabledFeatures ?? [] })),
    }));
  }

  @Tool({
    name: 'kibana_update_space',
    title: 'Update space',
    description: 'Changes the name, description, colour, initials or disabled features of a space.',
    input: UpdateSpaceInput,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof UpdateSpaceInput>, ctx: ToolContext) {
    const { space_id: id, ...changes } = input;
    return this.run(ctx, id, async (k) => {
      const current = await k.getSpace(id);
      const next: Space = {
        ...current,
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
        id,
      };
      delete next._reserved;
      return {
        updated: spaceView(await k.updateSpace(next)),
        changed: Object.keys(changes).filter((c) => changes[c as keyof typeof changes] !== undefined),
      };
    });
  }

  @Tool({
    name: 'kibana_delete_space',
    title: 'Delete space',
    description: 'Deletes a space and every saved object in it.',
    input: DeleteSpaceInput,
    annotations: annotations.destructive,
  })
  async delete(input: Static<typeof DeleteSpaceInput>, ctx: ToolContext) {
    return this.run(ctx, input.space_id, async (k) => {
      await k.getSpace(input.space_id);
      await k.deleteSpace(input.space_id);
      return { deleted: { type: 'space', id: input.space_id } };
    });
  }
}
