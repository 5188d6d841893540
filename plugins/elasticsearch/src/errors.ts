// The plugin's domain error codes, and the translation of the official client's failures into the core's
// backend codes (the plugin talks through its own client, so it maps them itself, once, here).
import { coreError, defineErrors, isCnmcpError, statusError, type CnmcpError } from '@cnmcp/core';
import { elasticErrors } from './elastic.js';

export const ElasticsearchErrors = defineErrors({
  ES_ERR_INDEX_NOT_FOUND: {
    summary: 'No index, alias or data stream matches the name.',
    hint: 'List indices with elasticsearch_list_indices_paginated, then retry with an existing name or a pattern.',
  },
  ES_ERR_DOCUMENT_NOT_FOUND: {
    summary: 'The document does not exist in the index.',
    hint: 'Check the index and the id; search to find it.',
  },
  ES_ERR_QUERY_INVALID: {
    summary: 'Elasticsearch rejected the query.',
    hint: 'Fix the query as the reason says; elasticsearch_get_mappings shows field names and types.',
  },
  ES_ERR_SCRIPTS_DISABLED: {
    summary: 'The query uses a script, and scripts are disabled.',
    hint: 'Rewrite without scripts, or ask the operator to set elasticsearch.allowScripts: true.',
  },
  ES_ERR_UNBOUNDED_QUERY: {
    summary: 'An aggregation over all time was refused by the cost guard.',
    hint: 'Give from/to (e.g. from: "now-1h") or a range filter, or set allow_unbounded: true if the index is small.',
  },
  ES_ERR_UNSUPPORTED_VERSION: {
    summary: 'The cluster is too old for this feature.',
    hint: 'Use elasticsearch_search (query DSL) instead, or upgrade the cluster.',
  },
  ES_ERR_CURSOR_INVALID: {
    summary: 'The cursor is not one this plugin issued, or it expired.',
    hint: 'Run the search again without cursor.',
  },
});

interface EsErrorBody {
  error?:
    | string
    | {
        type?: string;
        reason?: string;
        root_cause?: Array<{ type?: string; reason?: string }>;
        caused_by?: { type?: string; reason?: string };
      };
}

/** The backend's own words: `type: reason`, with the root cause when it says more. */
export function esReason(body: unknown): { type?: string; text: string } {
  const err = (body as EsErrorBody | undefined)?.error;
  if (typeof err === 'string') return { text: err };
  if (!err) return { text: typeof body === 'string' ? body.slice(0, 300) : '' };
  const root = err.root_cause?.[0];
  const main = `${err.type ?? 'error'}: ${err.reason ?? ''}`;
  const deeper =
    root && root.reason !== err.reason
      ? ` (${root.type}: ${root.reason})`
      : err.caused_by?.reason && err.caused_by.reason !== err.reason
        ? ` (${err.caused_by.type}: ${err.caused_by.reason})`
        : '';
  return { type: root?.type ?? err.type, text: `${main}${deeper}`.slice(0, 600) };
}

/** Turns whatever the client threw into a CnmcpError an agent can act on (never with credentials or stacks). */
export function translateError(err: unknown, target: string): CnmcpError | Error {
  if (isCnmcpError(err)) return err;
  const errors = elasticErrors();
  if (!errors) return err instanceof Error ? err : new Error(String(err)); // not the client's: it was never loaded
  const label = `Elasticsearch target '${target}'`;
  if (err instanceof errors.ResponseError) {
    const status = err.meta.statusCode ?? 500;
    const { type, text } = esReason(err.meta.body);
    if (type === 'index_not_found_exception') {
      return ElasticsearchErrors.create('ES_ERR_INDEX_NOT_FOUND', `${label}: ${text}`, {
        data: { status, backendMessage: text },
      });
    }
    if (
      status === 400 &&
      /parsing_exception|query_shard_exception|search_phase_execution_exception|illegal_argument_exception|verification_exception|x_content_parse_exception/.test(
        type ?? '',
      )
    ) {
      return ElasticsearchErrors.create('ES_ERR_QUERY_INVALID', `${label} rejected the request: ${text}`, {
        data: { status, backendMessage: text },
      });
    }
    return statusError(label, status, text);
  }
  if (err instanceof errors.TimeoutError) {
    return coreError('CNMCP_ERR_BACKEND_TIMEOUT', `${label} did not answer in time`, {
      hint: 'Narrow the time range or the index pattern, or raise the target timeoutMs.',
    });
  }
  if (err instanceof errors.ConnectionError || err instanceof errors.NoLivingConnectionsError) {
    const message = err.message.replace(/\/\/[^@/]*@/g, '//');
    const tls = /certificate|self[- ]signed|CERT_|UNABLE_TO_VERIFY|SSL|TLS/i.test(message);
    return coreError('CNMCP_ERR_BACKEND_UNREACHABLE', `${label} is unreachable: ${message}`, {
      ...(tls ? { hint: 'The TLS handshake failed: set the target tls.ca (or caFingerprint) to the cluster CA.' } : {}),
    });
  }
  if (err instanceof errors.ProductNotSupportedError) {
    return coreError(
      'CNMCP_ERR_BACKEND_BAD_RESPONSE',
      `${label} is not Elasticsearch: the answer lacks the X-Elastic-Product header`,
      {
        hint: 'Point the target at an Elasticsearch node (OpenSearch is not supported by this plugin).',
      },
    );
  }
  if (err instanceof errors.DeserializationError)
    return coreError('CNMCP_ERR_BACKEND_BAD_RESPONSE', `${label} sent an answer that is not JSON`);
  if (err instanceof errors.RequestAbortedError && /maxResponseSize|too large|exceeds/i.test(err.message)) {
    return coreError('CNMCP_ERR_BACKEND_RESPONSE_TOO_LARGE', `${label} sent more than the target's maxResponseBytes`);
  }
  return err instanceof Error ? err : new Error(String(err));
}
