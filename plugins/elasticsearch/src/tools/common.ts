// Helpers the tool groups share.
import type { ToolContext } from '@cnmcp/core';
import type { EsConnection } from '../client.js';
import { toRow, type IndexRow } from '../indices.js';

export async function indexRows(conn: EsConnection, ctx: ToolContext, pattern?: string): Promise<IndexRow[]> {
  const rows = await conn.call(
    (c) => c.cat.indices({ index: pattern, format: 'json', bytes: 'b' }, { signal: ctx.signal }),
    ctx.signal,
  );
  return rows.map(toRow);
}
