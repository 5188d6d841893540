// Kibana's domain errors. Backend failures (unreachable, auth, 5xx) are the core's CNMCP_ERR_BACKEND_*;
// these name the Kibana object an agent asked for and what to try instead.
import { backendMessage, backendStatus, defineErrors } from '@cnmcp/core';

export const KibanaErrors = defineErrors({
  KIBANA_ERR_NOT_FOUND: {
    summary: 'The saved object, rule, connector or data view does not exist in that space.',
    hint: 'Check the ID and the space; list the objects of that kind to see what exists.',
  },
  KIBANA_ERR_SPACE_NOT_FOUND: {
    summary: 'The Kibana space does not exist.',
    hint: 'Call kibana_get_spaces for the space IDs you can use.',
  },
  KIBANA_ERR_CONFLICT: {
    summary: 'The object already exists, or it changed since the version you passed.',
    hint: 'Read it again and retry with its current version, or choose another ID.',
  },
  KIBANA_ERR_BAD_REQUEST: {
    summary: 'Kibana refused the request as invalid.',
    hint: 'Fix the field Kibana names in the message and retry.',
  },
  KIBANA_ERR_INVALID_JSON: {
    summary: 'An argument that must be JSON (or a JSON string) does not parse.',
    hint: 'Pass an object, or a string holding valid JSON.',
  },
  KIBANA_ERR_DATA_VIEW_NOT_FOUND: {
    summary: 'No data view has that ID, name or index pattern.',
    hint: 'Call kibana_get_data_views for the data views of the space, or pass an index pattern such as logs-*.',
  },
  KIBANA_ERR_DATA_VIEW_AMBIGUOUS: {
    summary: 'Several data views match the name or title.',
    hint: 'Pass the data view ID instead.',
  },
  KIBANA_ERR_IMPORT_FILE_INVALID: {
    summary: 'The import file is not saved-object NDJSON (or a JSON array of saved objects).',
    hint: 'Pass the text kibana_export_saved_objects returned, one {type, id, attributes} object per line.',
  },
  KIBANA_ERR_CONNECTOR_FAILED: {
    summary: 'Kibana ran the connector and the delivery failed.',
    hint: 'Check the connector config and secrets (kibana_get_connector), or the service it calls.',
  },
  KIBANA_ERR_SEARCH_UNAVAILABLE: {
    summary: 'The Discover-style search needs the Elasticsearch plugin, which is not loaded or has no target.',
    hint: 'Enable the elasticsearch plugin and configure elasticsearch.targets with the cluster behind this Kibana.',
  },
});

export type KibanaErrorCode = keyof typeof KibanaErrors.specs;

/**
 * Turns the core's backend error for a 404/409/400 into a Kibana error naming the object; other failures
 * (auth, unreachable, 5xx) pass through unchanged.
 */
export function kibanaError(err: unknown, what: string, space: string): unknown {
  const status = backendStatus(err);
  const detail = backendMessage(err) ?? '';
  const where = space && space !== 'default' ? ` in space '${space}'` : '';
  if (status === 404)
    return KibanaErrors.create(
      'KIBANA_ERR_NOT_FOUND',
      `${what} was not found${where}${detail ? ` (Kibana: ${detail})` : ''}`,
    );
  if (status === 409) return KibanaErrors.create('KIBANA_ERR_CONFLICT', `${what}: ${detail || 'conflict'}`);
  if (status === 400) return KibanaErrors.create('KIBANA_ERR_BAD_REQUEST', `${what}: ${detail || 'bad request'}`);
  return err;
}
