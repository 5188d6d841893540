// Elasticsearch error types as the server names them, with the HTTP status each one carries.
const STATUS: Record<string, number> = {
  index_not_found_exception: 404,
  resource_not_found_exception: 404,
  resource_already_exists_exception: 400,
  invalid_index_name_exception: 400,
  illegal_argument_exception: 400,
  parsing_exception: 400,
  x_content_parse_exception: 400,
  action_request_validation_exception: 400,
  search_phase_execution_exception: 400,
  query_shard_exception: 400,
  verification_exception: 400,
  version_conflict_engine_exception: 409,
  document_missing_exception: 404,
  security_exception: 401,
  status_exception: 400,
};

/** A failure the store reports the way Elasticsearch does: an error `type`, a `reason` and extra fields. */
export class StoreError extends Error {
  readonly status: number;
  constructor(
    readonly type: string,
    readonly reason: string,
    readonly extra: Record<string, unknown> = {},
    status?: number,
  ) {
    super(`${type}: ${reason}`);
    this.name = 'StoreError';
    this.status = status ?? STATUS[type] ?? 500;
  }

  /** Adds the nested `caused_by` ES reports under parse failures. */
  withCause(why: string): this {
    this.extra.caused_by = { type: 'parse_exception', reason: why };
    return this;
  }

  /** The JSON body Elasticsearch sends with the error status. */
  body(): { error: Record<string, unknown>; status: number } {
    const { root_cause: rootCause, ...extra } = this.extra;
    const cause = { type: this.type, reason: this.reason, ...extra };
    return { error: { root_cause: rootCause ?? [cause], ...cause }, status: this.status };
  }
}

export function indexNotFound(name: string): StoreError {
  return new StoreError('index_not_found_exception', `no such index [${name}]`, {
    'resource.type': 'index_or_alias',
    'resource.id': name,
    index_uuid: '_na_',
    index: name,
  });
}

/** How a failure inside the query phase reaches the client: wrapped, with the real cause as root cause. */
export function searchPhaseFailure(cause: StoreError, index?: string): StoreError {
  if (cause.type === 'index_not_found_exception' || cause.type === 'search_phase_execution_exception') return cause;
  if (cause.type === 'parsing_exception' || cause.type === 'action_request_validation_exception') return cause;
  const inner = { type: cause.type, reason: cause.reason, ...cause.extra };
  return new StoreError(
    'search_phase_execution_exception',
    'all shards failed',
    {
      phase: 'query',
      grouped: true,
      failed_shards: [{ shard: 0, index: index ?? null, node: 'emulator-node-0', reason: inner }],
      caused_by: inner,
      root_cause: [inner],
    },
    cause.status,
  );
}
