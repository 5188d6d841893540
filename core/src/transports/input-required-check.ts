// What the SDK checks of an input_required tools/call result before it goes out on a 2026-07-28 request (the
// direct path must refuse the same results the same way): every embedded request is one the revision defines,
// and the request's client capabilities declare what each needs (else -32021, answered with HTTP 400).
import type { ClientCapabilities } from '@modelcontextprotocol/server';
import { MissingRequiredClientCapabilityError, ProtocolError, ProtocolErrorCode } from '../vendor/mcp-sdk.js';
import { isPlainObject } from './protocol-values.js';

type Capabilities = Record<string, Record<string, unknown>>;

function requiredFor(entry: { method: string; params?: Record<string, unknown> }): Capabilities | undefined {
  switch (entry.method) {
    case 'elicitation/create':
      return entry.params?.mode === 'url' ? { elicitation: { url: {} } } : { elicitation: { form: {} } };
    case 'sampling/createMessage':
      return entry.params?.tools !== undefined || entry.params?.toolChoice !== undefined
        ? { sampling: { tools: {} } }
        : { sampling: {} };
    case 'roots/list':
      return { roots: {} };
    default:
      return undefined;
  }
}

/** The required capabilities the client did not declare; a bare `elicitation: {}` counts as form. */
function missingOf(required: Capabilities, declared: ClientCapabilities): Capabilities | undefined {
  const missing: Capabilities = {};
  for (const [capability, requirement] of Object.entries(required)) {
    const value = (declared as Record<string, unknown>)[capability];
    if (value === undefined) {
      missing[capability] = requirement;
      continue;
    }
    if (!isPlainObject(value)) continue;
    const members: Record<string, unknown> = {};
    for (const [member, need] of Object.entries(requirement)) {
      const implied = capability === 'elicitation' && member === 'form' && !value.form && !value.url;
      if (value[member] === undefined && !implied) members[member] = need;
    }
    if (Object.keys(members).length > 0) missing[capability] = members;
  }
  return Object.keys(missing).length > 0 ? missing : undefined;
}

/** Throws the SDK's error for an input_required result it would not send; returns quietly otherwise. */
export function checkInputRequired(result: Record<string, unknown>, declared: ClientCapabilities): void {
  const method = 'tools/call';
  const requests = isPlainObject(result.inputRequests) ? result.inputRequests : {};
  const hasRequests = Object.keys(requests).length > 0;
  if (!hasRequests && typeof result.requestState !== 'string')
    throw new ProtocolError(
      ProtocolErrorCode.InternalError,
      `Handler for ${method} returned an input-required result with neither inputRequests nor requestState (every InputRequiredResult must include at least one of the two)`,
    );
  for (const [key, entry] of Object.entries(requests)) {
    if (!isPlainObject(entry) || typeof entry.method !== 'string')
      throw new ProtocolError(
        ProtocolErrorCode.InternalError,
        `Handler for ${method} returned an invalid input request '${key}': each inputRequests entry must be an embedded elicitation/create, sampling/createMessage, or roots/list request`,
      );
    const embedded = entry as { method: string; params?: Record<string, unknown> };
    const required = requiredFor(embedded);
    if (!required)
      throw new ProtocolError(
        ProtocolErrorCode.InternalError,
        `Handler for ${method} returned an input request '${key}' of kind '${embedded.method}', which is not an embedded request the 2026-07-28 revision defines`,
      );
    const missing = missingOf(required, declared);
    if (missing)
      throw new MissingRequiredClientCapabilityError(
        { requiredCapabilities: missing },
        `Cannot request input '${key}' (${embedded.method}): the request's client capabilities do not declare the required capability`,
      );
  }
}
