// listPage from the core with a plain return type (the core does not export its ListPage type yet, and tool
// methods' return types must be nameable in the emitted declarations).
import { listPage } from '@cnmcp/core';

export function page<T>(
  items: readonly T[],
  options: { limit?: number; cursor?: string; max?: number; what?: string },
): { total: number; returned: number; items: T[]; next_cursor?: string; truncated?: string } {
  return listPage(items, options);
}
