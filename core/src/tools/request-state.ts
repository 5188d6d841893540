// Integrity of the multi-round-trip `requestState` (2026-07-28, SEP-2322): the state a handler hands the
// client comes back as attacker-controlled input, so the core seals it with HMAC-SHA256 and every server
// instance verifies it before the handler runs. A tampered, expired or foreign state never reaches a plugin.
import { randomBytes } from 'node:crypto';
import { coreError } from '../errors.js';
import type { RequestStateCodec, ServerContext } from '@modelcontextprotocol/server';
import { createRequestStateCodec } from '../vendor/mcp-sdk.js';

/** Env var with the HMAC key (>= 32 bytes) shared by every replica that may receive an echoed state. */
export const REQUEST_STATE_KEY_ENV = 'CNMCP_REQUEST_STATE_KEY';

/** What the core seals: the tool (or prompt/resource) the state belongs to, and the plugin's own payload. */
export interface SealedState {
  /** `tools/call:<name>`, `prompts/get:<name>` or `resources/read:<uri>`: a state is only valid where it was minted. */
  target: string;
  data: unknown;
}

let codec: RequestStateCodec<SealedState> | undefined;

/** The process-wide codec. Without the env var the key is random per process (one replica serves every round). */
export function requestStateCodec(): RequestStateCodec<SealedState> {
  if (!codec) {
    const fromEnv = process.env[REQUEST_STATE_KEY_ENV];
    if (fromEnv !== undefined && Buffer.byteLength(fromEnv) < 32) {
      throw coreError(
        'CNMCP_ERR_CONFIG_INVALID',
        `${REQUEST_STATE_KEY_ENV} must be at least 32 bytes long (it is ${Buffer.byteLength(fromEnv)})`,
        {
          hint: `Set ${REQUEST_STATE_KEY_ENV} to a random secret of 32+ bytes (e.g. openssl rand -base64 48), the same on every replica, or unset it.`,
        },
      );
    }
    const key = fromEnv ?? randomBytes(32);
    codec = createRequestStateCodec<SealedState>({ key, ttlSeconds: 15 * 60 });
  }
  return codec;
}

/** The name a request targets, so a state minted for one tool is refused by another. */
export function requestTarget(ctx: ServerContext, params: Record<string, unknown> | undefined): string {
  const name = typeof params?.name === 'string' ? params.name : typeof params?.uri === 'string' ? params.uri : '';
  return `${ctx.mcpReq.method}:${name}`;
}
