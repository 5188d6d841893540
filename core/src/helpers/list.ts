// Lists an agent can afford: a cap with the total, and an opaque cursor to the next page.
import { coreError } from '../errors.js';

export interface ListPage<T> {
  total: number;
  returned: number;
  items: T[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  next_cursor?: string;
  /** Says what was left out and how to get it. */
  truncated?: string;
}

const PREFIX = 'o:';

/** Encodes an offset as an opaque cursor. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString('base64url');
}

/** The offset in a cursor from encodeCursor; a bad cursor is CNMCP_ERR_TOOL_INPUT_INVALID. */
export function decodeCursor(cursor: string | undefined, name = 'cursor'): number {
  if (cursor === undefined || cursor === '') return 0;
  const text = Buffer.from(String(cursor).slice(0, 64), 'base64url').toString('utf8');
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : NaN;
  if (!Number.isInteger(offset) || offset < 0) {
    throw coreError(
      'CNMCP_ERR_TOOL_INPUT_INVALID',
      `${name}: ${JSON.stringify(String(cursor).slice(0, 64))} is not a cursor this tool gave out`,
      {
        hint: 'Pass next_cursor from the previous page unchanged, or leave it out for the first page.',
      },
    );
  }
  return offset;
}

/**
 * One page of `items`: at most `limit` (itself capped by `max`), from the cursor on, with the total and the next
 * cursor. `what` names the items in the truncation note ("pods").
 */
export function listPage<T>(
  items: readonly T[],
  options: { limit?: number; cursor?: string; max?: number; what?: string } = {},
): ListPage<T> {
  const max = options.max ?? 100;
  const limit = Math.max(1, Math.min(options.limit ?? max, max));
  const offset = decodeCursor(options.cursor);
  const page = items.slice(offset, offset + limit);
  const end = offset + page.length;
  const more = end < items.length;
  return {
    total: items.length,
    returned: page.length,
    items: page,
    ...(more
      ? {
          next_cursor: encodeCursor(end),
          truncated: `showing ${offset + 1}-${end} of ${items.length}${options.what ? ` ${options.what}` : ''}; pass next_cursor for more, or filter`,
        }
      : {}),
  };
}

/** Counts items per key (summaries: `by_state: { firing: 3, pending: 1 }`). */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return Object.fromEntries(counts); // own keys only, so a key named `constructor` or `__proto__` counts too
}
