// The five honest annotation sets a tool can have. The read-only mode and the destructive-tool policy act on them.
import type { ToolAnnotations } from '../decorators/types.js';

export const annotations = {
  /** Reads a backend; changes nothing. */
  read: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  /** Computes locally (no backend); changes nothing. */
  local: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  /** Creates or changes something; repeating it may change more (e.g. creates another object). */
  write: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  /** Sets something to a given state; repeating it changes nothing more. */
  idempotentWrite: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  /** Deletes or overwrites: goes through the central confirmation. */
  destructive: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
} as const satisfies Record<string, ToolAnnotations>;
