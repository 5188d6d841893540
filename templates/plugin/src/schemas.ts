// Tool inputs as typebox schemas: one schema gives the inputSchema, the validation and the type.
// The core adds the optional `target` argument itself.
import { Type } from '@cnmcp/core';

export const DEFAULT_LIMIT = 50;

export const ListItemsInput = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('active'), Type.Literal('archived')], {
      description: 'Only items with this status: active | archived.',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 10_000, description: `Items returned at most (default ${DEFAULT_LIMIT}).` }),
  ),
});

export const GetItemInput = Type.Object({
  id: Type.String({ minLength: 1, description: 'Id of the item, as sample_list_items shows it.' }),
});

/** One item as the backend returns it. */
export interface Item {
  id: string;
  name: string;
  status: string;
  updatedAt?: string;
}
