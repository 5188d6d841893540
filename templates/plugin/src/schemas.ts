// Tool inputs as typebox schemas: one schema gives the inputSchema, the validation and the type.
import { Type, TargetArgument } from '@cnmcp/core';

export const ListItemsInput = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('active'), Type.Literal('archived')], {
      description: 'Only items with this status: active | archived.',
    }),
  ),
  limit: Type.Integer({ default: 50, minimum: 1, maximum: 10_000, description: 'Items returned at most.' }),
  target: TargetArgument,
});

export const GetItemInput = Type.Object({
  id: Type.String({ minLength: 1, description: 'Id of the item, as sample_list_items shows it.' }),
  target: TargetArgument,
});

/** One item as the backend returns it. */
export interface Item {
  id: string;
  name: string;
  status: string;
  updatedAt?: string;
}
